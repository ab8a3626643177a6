import { ActionIcon, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteHoliday, useHolidays, useSetHoliday } from '../api/programme.api';
import type { Holiday } from '../api/types';
import { ApiErrorAlert, fieldError, LoadingBlock } from '../components/api-error';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';

export function HolidaysPage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const holidays = useHolidays();
  const setHoliday = useSetHoliday();
  const deleteHoliday = useDeleteHoliday();
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<Holiday | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setHoliday.mutate(
      { day, name: name.trim() },
      {
        onSuccess: () => {
          setDay('');
          setName('');
        },
      },
    );
  };

  const byYear = new Map<string, Holiday[]>();
  for (const holiday of holidays.data ?? []) {
    const year = holiday.day.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), holiday]);
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('holidays.title')} description={t('holidays.description')} />
      <Card padding="md">
        <form onSubmit={submit} data-testid="holiday-form">
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label={t('holidays.day')}
              required
              value={day}
              onChange={(event) => setDay(event.currentTarget.value)}
              error={fieldError(setHoliday.error, 'day')}
              w={200}
            />
            <TextInput
              label={t('holidays.name')}
              required
              value={name}
              maxLength={200}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldError(setHoliday.error, 'name')}
              w={320}
            />
            <Button type="submit" leftSection={<Icon name="plus" size={16} />} loading={setHoliday.isPending}>
              {t('holidays.add')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">
            {t('holidays.hint')}
          </Text>
        </form>
        <ApiErrorAlert error={setHoliday.error} />
      </Card>
      {holidays.isError ? (
        <ApiErrorAlert error={holidays.error} onRetry={() => void holidays.refetch()} />
      ) : null}
      <Card padding={0}>
        {holidays.isPending ? (
          <LoadingBlock />
        ) : byYear.size === 0 ? (
          <Text c="dimmed" ta="center" py="xl" size="sm">
            {t('holidays.empty')}
          </Text>
        ) : (
          <Table aria-label={t('holidays.title')} data-testid="holidays-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('holidays.day')}</Table.Th>
                <Table.Th>{t('holidays.weekday')}</Table.Th>
                <Table.Th>{t('holidays.name')}</Table.Th>
                <Table.Th w={60}>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...byYear.entries()].map(([year, items]) => [
                <Table.Tr key={year}>
                  <Table.Td colSpan={4} bg="gray.0">
                    <Text fw={700} size="sm">
                      {year}
                    </Text>
                  </Table.Td>
                </Table.Tr>,
                ...items.map((holiday) => (
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
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('holidays.remove', { name: holiday.name })}
                        onClick={() => setRemoving(holiday)}
                      >
                        <Icon name="trash" size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                )),
              ])}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <ConfirmModal
        opened={removing !== null}
        title={t('holidays.removeTitle')}
        message={
          removing ? t('holidays.removeMessage', { name: removing.name, day: format.date(removing.day) }) : ''
        }
        confirmLabel={t('holidays.removeConfirm')}
        loading={deleteHoliday.isPending}
        error={deleteHoliday.error}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) deleteHoliday.mutate(removing.day, { onSuccess: () => setRemoving(null) });
        }}
      />
    </Stack>
  );
}
