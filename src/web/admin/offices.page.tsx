import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Input,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOffice, useOffices, useUpdateOffice } from '../api/offices.api';
import { OFFICE_KINDS } from '../api/types';
import type { Office, OfficeKind } from '../api/types';
import { fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { IconButton } from '../components/buttons';
import { FormModal, FormStack } from '../components/form-modal';
import { PageHeader } from '../components/page-header';
import { QueryTable } from '../components/query-table';
import { OfficeSelect } from './office-select';
import { officeLabelById, orderOffices } from './office-tree';

type Editing = { office: Office | null } | null;

export function OfficesPage() {
  const { t } = useTranslation();
  const offices = useOffices();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('offices.title')}
        description={t('offices.description')}
        actions={
          <IconButton
            icon="plus"
            onClick={() => setEditing({ office: null })}
            data-testid="create-office-button"
          >
            {t('offices.create')}
          </IconButton>
        }
      />
      <QueryTable
        query={offices}
        rows={offices.data ? orderOffices(offices.data) : undefined}
        minWidth={760}
        striped
        aria-label={t('offices.title')}
        columns={[
          t('offices.columns.code'),
          t('offices.columns.name'),
          t('offices.columns.kind'),
          t('offices.columns.parent'),
          t('offices.columns.regions'),
          { label: t('common.actions'), isHidden: true },
        ]}
        emptyText={t('offices.empty')}
        renderRow={({ office, depth }) => (
          <Table.Tr key={office.id}>
            <Table.Td>
              <Text ff="monospace" size="sm" fw={600}>
                {office.code}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" pl={depth * 16}>
                {depth > 0 ? '└ ' : ''}
                {office.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={office.kind === 'headquarters' ? 'customs' : 'gray'}>
                {t(`offices.kind.${office.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{officeLabelById(offices.data, office.parentId)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {office.regions.map((region) => (
                  <Badge key={region} variant="outline" color="gray" size="sm" tt="none">
                    {region}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                onClick={() => setEditing({ office })}
                aria-label={t('offices.editNamed', { name: office.name })}
              >
                {t('common.edit')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.office ? t('offices.form.editTitle') : t('offices.form.createTitle')}
      >
        {editing ? (
          <OfficeForm
            key={editing.office?.id ?? 'new'}
            office={editing.office}
            offices={offices.data ?? []}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </FormModal>
    </Stack>
  );
}

function isOfficeKind(value: string): value is OfficeKind {
  return (OFFICE_KINDS as readonly string[]).includes(value);
}

function OfficeForm({
  office,
  offices,
  onDone,
}: {
  office: Office | null;
  offices: Office[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOffice();
  const update = useUpdateOffice();
  const mutation = office ? update : create;
  const [code, setCode] = useState(office?.code ?? '');
  const [name, setName] = useState(office?.name ?? '');
  const [kind, setKind] = useState<OfficeKind>(office?.kind ?? 'local');
  const [parentId, setParentId] = useState<string | null>(office?.parentId ?? null);
  const [regions, setRegions] = useState<string[]>(office?.regions ?? []);

  // An office cannot sit under itself or under one of its own descendants.
  const descendants = new Set<string>();
  if (office) {
    let frontier = [office.id];
    while (frontier.length > 0) {
      const next = offices.filter(
        (o) => o.parentId && frontier.includes(o.parentId) && !descendants.has(o.id),
      );
      next.forEach((o) => descendants.add(o.id));
      frontier = next.map((o) => o.id);
    }
  }
  const parentChoices = offices.filter((o) => o.id !== office?.id && !descendants.has(o.id));

  const submit = () => {
    const body = { code: code.trim(), name: name.trim(), kind, parentId, regions };
    if (office) update.mutate({ id: office.id, ...body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  const error = mutation.error;
  return (
    <FormStack
      onSubmit={submit}
      data-testid="office-form"
      error={error}
      submitLabel={office ? t('common.save') : t('offices.form.create')}
      isPending={mutation.isPending}
      onCancel={onDone}
      submitTestId="office-form-submit"
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('offices.form.code')}
          description={t('offices.form.codeDescription')}
          required
          data-autofocus
          {...bindText(code, setCode)}
          error={fieldError(error, 'code')}
        />
        <Input.Wrapper label={t('offices.form.kind')} error={fieldError(error, 'kind')}>
          <SegmentedControl
            fullWidth
            mt={4}
            value={kind}
            onChange={(value) => {
              if (isOfficeKind(value)) setKind(value);
            }}
            data={OFFICE_KINDS.map((value) => ({ value, label: t(`offices.kind.${value}`) }))}
            aria-label={t('offices.form.kind')}
          />
        </Input.Wrapper>
      </Group>
      <TextInput
        label={t('offices.form.name')}
        required
        {...bindText(name, setName)}
        error={fieldError(error, 'name')}
      />
      <OfficeSelect
        label={t('offices.form.parent')}
        description={t('offices.form.parentDescription')}
        placeholder={t('offices.form.noParent')}
        offices={parentChoices}
        value={parentId}
        onChange={setParentId}
        error={fieldError(error, 'parentId')}
      />
      <TagsInput
        label={t('offices.form.regions')}
        description={t('offices.form.regionsDescription')}
        value={regions}
        onChange={setRegions}
        clearable
        error={fieldError(error, 'regions')}
      />
    </FormStack>
  );
}
