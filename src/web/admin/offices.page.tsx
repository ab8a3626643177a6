import {
  Badge,
  Button,
  Group,
  Input,
  SegmentedControl,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOffice, useOffices, useUpdateOffice } from '../api/offices.api';
import { OFFICE_KINDS } from '../api/types';
import type { Office, OfficeKind } from '../api/types';
import { fieldError } from '../components/api-error';
import { IconButton } from '../components/buttons';
import { FormModal, FormStack } from '../components/form-modal';
import { TablePage } from '../components/table-page';
import { TagBadges } from '../components/tag-badges';
import { useFields } from '../components/use-fields';
import { OfficeSelect } from './office-select';
import { officeLabelById, orderOffices } from './office-tree';

type Editing = { office: Office | null } | null;

const COLUMNS = ['code', 'name', 'kind', 'parent', 'regions'] as const;

export function OfficesPage() {
  const { t } = useTranslation();
  const offices = useOffices();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <TablePage
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
      query={offices}
      rows={offices.data ? orderOffices(offices.data) : undefined}
      minWidth={760}
      striped
      columns={[
        ...COLUMNS.map((column) => t(`offices.columns.${column}`)),
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
            <TagBadges tags={office.regions} color="gray" />
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
    >
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
    </TablePage>
  );
}

function isOfficeKind(value: string): value is OfficeKind {
  return (OFFICE_KINDS as readonly string[]).includes(value);
}

/** The offices that may stand above `office`: neither itself nor one of its own descendants. */
function parentChoicesFor(office: Office | null, offices: Office[]): Office[] {
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
  return offices.filter((o) => o.id !== office?.id && !descendants.has(o.id));
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
  const form = useFields(
    {
      code: office?.code ?? '',
      name: office?.name ?? '',
      kind: office?.kind ?? 'local',
      parentId: office?.parentId ?? null,
      regions: office?.regions ?? [],
    },
    mutation.error,
  );

  const submit = () => {
    const { code, name, kind, parentId, regions } = form.values;
    const body = { code: code.trim(), name: name.trim(), kind, parentId, regions };
    if (office) update.mutate({ id: office.id, ...body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <FormStack
      onSubmit={submit}
      data-testid="office-form"
      error={mutation.error}
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
          {...form.getInputProps('code')}
        />
        <Input.Wrapper label={t('offices.form.kind')} error={fieldError(mutation.error, 'kind')}>
          <SegmentedControl
            fullWidth
            mt={4}
            value={form.values.kind}
            onChange={(value) => {
              if (isOfficeKind(value)) form.setFieldValue('kind', value);
            }}
            data={OFFICE_KINDS.map((value) => ({ value, label: t(`offices.kind.${value}`) }))}
            aria-label={t('offices.form.kind')}
          />
        </Input.Wrapper>
      </Group>
      <TextInput label={t('offices.form.name')} required {...form.getInputProps('name')} />
      <OfficeSelect
        label={t('offices.form.parent')}
        description={t('offices.form.parentDescription')}
        placeholder={t('offices.form.noParent')}
        offices={parentChoicesFor(office, offices)}
        {...form.getInputProps('parentId')}
      />
      <TagsInput
        label={t('offices.form.regions')}
        description={t('offices.form.regionsDescription')}
        clearable
        {...form.getInputProps('regions')}
      />
    </FormStack>
  );
}
