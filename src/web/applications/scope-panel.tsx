import {
  ActionIcon,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddSite, useRemoveSite } from '../api/applications.api';
import { SITE_KINDS } from '../api/types';
import type { ApplicationCase, SiteKind } from '../api/types';
import { ApiErrorAlert } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { DataTable } from '../components/data-table';
import { Icon } from '../components/icons';
import { useFields } from '../components/use-fields';

const COLUMNS = ['kind', 'name', 'address', 'activities', 'licence'] as const;
type SiteFields = Record<Exclude<(typeof COLUMNS)[number], 'kind'>, string> & { kind: SiteKind };

/** The scope of the application: the head office, branches and sites the authorisation would cover. */
export function ScopePanel({
  application,
  isEditable,
}: {
  application: ApplicationCase;
  isEditable: boolean;
}) {
  const { t } = useTranslation();
  const addSite = useAddSite(application.id);
  const removeSite = useRemoveSite(application.id);
  const form = useFields<SiteFields>(
    { kind: 'head_office', name: '', address: '', activities: '', licence: '' },
    addSite.error,
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { kind, name, address, activities, licence } = form.values;
    addSite.mutate(
      {
        kind,
        name: name.trim(),
        address: address.trim(),
        ...(activities.trim() ? { activities: activities.trim() } : {}),
        ...(licence.trim() ? { licence: licence.trim() } : {}),
      },
      {
        onSuccess: () => form.setValues({ kind: 'site', name: '', address: '', activities: '', licence: '' }),
      },
    );
  };

  return (
    <Stack gap="md" data-testid="scope-panel">
      <Text size="sm" c="dimmed" maw={760}>
        {t('scope.description')}
      </Text>
      <Card padding={0}>
        <DataTable
          aria-label={t('scope.title')}
          minWidth={0}
          columns={[
            ...COLUMNS.map((column) => t(`scope.${column}`)),
            ...(isEditable ? [{ label: t('common.actions'), isHidden: true, width: 60 }] : []),
          ]}
          rows={application.sites}
          emptyText={t('scope.empty')}
          renderRow={(site) => (
            <Table.Tr key={site.id} data-testid="site-row">
              <Table.Td>{t(`scope.kinds.${site.kind}`)}</Table.Td>
              <Table.Td>{site.name}</Table.Td>
              <Table.Td>{site.address}</Table.Td>
              <Table.Td>{site.activities ?? '—'}</Table.Td>
              <Table.Td>{site.licence ?? '—'}</Table.Td>
              {isEditable ? (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('scope.remove', { name: site.name })}
                    loading={removeSite.isPending && removeSite.variables === site.id}
                    onClick={() => removeSite.mutate(site.id)}
                  >
                    <Icon name="trash" size={16} />
                  </ActionIcon>
                </Table.Td>
              ) : null}
            </Table.Tr>
          )}
        />
      </Card>
      <ApiErrorAlert error={removeSite.error} />
      {isEditable ? (
        <Card padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('scope.add')}
          </Title>
          <form onSubmit={submit} data-testid="site-form">
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="wrap">
                <Select
                  label={t('scope.kind')}
                  data={SITE_KINDS.map((value) => ({ value, label: t(`scope.kinds.${value}`) }))}
                  {...form.getInputProps('kind')}
                  allowDeselect={false}
                />
                <TextInput label={t('scope.name')} required {...form.getInputProps('name')} maxLength={200} />
              </Group>
              <TextInput
                label={t('scope.address')}
                required
                {...form.getInputProps('address')}
                maxLength={500}
              />
              <Group grow align="flex-start" wrap="wrap">
                <Textarea
                  label={t('scope.activities')}
                  autosize
                  minRows={1}
                  {...form.getInputProps('activities')}
                  maxLength={2000}
                />
                <TextInput label={t('scope.licence')} {...form.getInputProps('licence')} maxLength={200} />
              </Group>
              <ApiErrorAlert error={addSite.error} />
              <Group justify="flex-end">
                <IconButton type="submit" icon="plus" loading={addSite.isPending}>
                  {t('scope.addButton')}
                </IconButton>
              </Group>
            </Stack>
          </form>
        </Card>
      ) : null}
    </Stack>
  );
}
