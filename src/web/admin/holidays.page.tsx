import { Card, Group, Table, Text, TextInput } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteHoliday, useHolidays, useSetHoliday } from '../api/programme.api';
import type { Holiday } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { EmptyBlock } from '../components/data-table';
import { RemoveConfirmModal } from '../components/remove-confirm-modal';
import { DeleteIconButton } from '../components/row-actions';
import { IconButton } from '../components/buttons';
import { TablePage } from '../components/table-page';
import { useFields } from '../components/use-fields';
import { useFormatters } from '../i18n/format';

export function HolidaysPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const holidays = useHolidays();
  const setHoliday = useSetHoliday();
  const deleteHoliday = useDeleteHoliday();
  const form = useFields({ day: '', name: '' }, setHoliday.error);
  const [removing, setRemoving] = useState<Holiday | null>(null);

  const submit = form.onSubmit(({ day, name }) => {
    setHoliday.mutate({ day, name: name.trim() }, { onSuccess: () => form.reset() });
  });

  const byYear = new Map<string, Holiday[]>();
  for (const holiday of holidays.data ?? []) {
    const year = holiday.day.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), holiday]);
  }

  return (
    <TablePage
      title={t('holidays.title')}
      description={t('holidays.description')}
      intro={
        <Card padding="md">
          <form onSubmit={submit} data-testid="holiday-form">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                type="date"
                label={t('holidays.day')}
                required
                {...form.getInputProps('day')}
                w={200}
              />
              <TextInput
                label={t('holidays.name')}
                required
                maxLength={200}
                {...form.getInputProps('name')}
                w={320}
              />
              <IconButton icon="plus" type="submit" loading={setHoliday.isPending}>
                {t('holidays.add')}
              </IconButton>
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              {t('holidays.hint')}
            </Text>
          </form>
          <ApiErrorAlert error={setHoliday.error} />
        </Card>
      }
      query={holidays}
      rows={[...byYear.entries()]}
      minWidth={560}
      data-testid="holidays-table"
      columns={[
        ...(['day', 'weekday', 'name'] as const).map((column) => t(`holidays.${column}`)),
        { label: t('common.actions'), isHidden: true, width: 60 },
      ]}
      empty={<EmptyBlock>{t('holidays.empty')}</EmptyBlock>}
      renderRow={([year, items]) => (
        <Fragment key={year}>
          <Table.Tr>
            <Table.Td colSpan={4} bg="gray.0">
              <Text fw={700} size="sm">
                {year}
              </Text>
            </Table.Td>
          </Table.Tr>
          {items.map((holiday) => (
            <Table.Tr key={holiday.day}>
              <Table.Td>{format.date(holiday.day)}</Table.Td>
              <Table.Td>
                {new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', {
                  weekday: 'long',
                  timeZone: 'UTC',
                }).format(new Date(`${holiday.day}T00:00:00Z`))}
              </Table.Td>
              <Table.Td>{holiday.name}</Table.Td>
              <Table.Td>
                <DeleteIconButton
                  label={t('holidays.remove', { name: holiday.name })}
                  onClick={() => setRemoving(holiday)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Fragment>
      )}
    >
      <RemoveConfirmModal
        item={removing}
        onClose={() => setRemoving(null)}
        title={t('holidays.removeTitle')}
        message={(holiday) =>
          t('holidays.removeMessage', { name: holiday.name, day: format.date(holiday.day) })
        }
        confirmLabel={t('holidays.removeConfirm')}
        mutation={deleteHoliday}
        onConfirm={(holiday, done) => deleteHoliday.mutate(holiday.day, { onSuccess: done })}
      />
    </TablePage>
  );
}
