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
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddSite, useRemoveSite } from '../api/applications.api';
import { SITE_KINDS } from '../api/types';
import type { ApplicationCase, SiteKind } from '../api/types';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { IconButton } from '../components/buttons';
import { Icon } from '../components/icons';

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
  const [kind, setKind] = useState<SiteKind>('head_office');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [activities, setActivities] = useState('');
  const [licence, setLicence] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    addSite.mutate(
      {
        kind,
        name: name.trim(),
        address: address.trim(),
        ...(activities.trim() ? { activities: activities.trim() } : {}),
        ...(licence.trim() ? { licence: licence.trim() } : {}),
      },
      {
        onSuccess: () => {
          setName('');
          setAddress('');
          setActivities('');
          setLicence('');
          setKind('site');
        },
      },
    );
  };

  return (
    <Stack gap="md" data-testid="scope-panel">
      <Text size="sm" c="dimmed" maw={760}>
        {t('scope.description')}
      </Text>
      <Card padding={0}>
        <Table aria-label={t('scope.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scope.kind')}</Table.Th>
              <Table.Th>{t('scope.name')}</Table.Th>
              <Table.Th>{t('scope.address')}</Table.Th>
              <Table.Th>{t('scope.activities')}</Table.Th>
              <Table.Th>{t('scope.licence')}</Table.Th>
              {isEditable ? (
                <Table.Th w={60}>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.sites.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed" ta="center" py="sm">
                    {t('scope.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              application.sites.map((site) => (
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
              ))
            )}
          </Table.Tbody>
        </Table>
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
                  value={kind}
                  onChange={(value) => setKind(SITE_KINDS.find((candidate) => candidate === value) ?? 'site')}
                  allowDeselect={false}
                />
                <TextInput
                  label={t('scope.name')}
                  required
                  {...bindText(name, setName)}
                  maxLength={200}
                  error={fieldError(addSite.error, 'name')}
                />
              </Group>
              <TextInput
                label={t('scope.address')}
                required
                {...bindText(address, setAddress)}
                maxLength={500}
                error={fieldError(addSite.error, 'address')}
              />
              <Group grow align="flex-start" wrap="wrap">
                <Textarea
                  label={t('scope.activities')}
                  autosize
                  minRows={1}
                  {...bindText(activities, setActivities)}
                  maxLength={2000}
                  error={fieldError(addSite.error, 'activities')}
                />
                <TextInput
                  label={t('scope.licence')}
                  {...bindText(licence, setLicence)}
                  maxLength={200}
                  error={fieldError(addSite.error, 'licence')}
                />
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
