import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useRecordInspection } from '../api/risk.api';
import { useCurrentUser } from '../api/session.api';
import type { InspectionResult, InspectionResultRequest } from '../api/types';
import { fieldError } from '../components/api-error';
import { FormStack } from '../components/form-modal';
import { useFields } from '../components/use-fields';
import { Icon } from '../components/icons';
import { Notice } from '../components/notice';
import { DeleteIconButton } from '../components/row-actions';
import { exactFieldError, GroupError } from './form-errors';
import { FindingsHead } from './inspection-findings';

interface FindingRow {
  key: number;
  agency: string;
  found: boolean;
  critical: boolean;
  officer: string;
  notes: string;
}

let nextKey = 1;

function emptyFinding(agency = ''): FindingRow {
  nextKey += 1;
  return { key: nextKey, agency, found: false, critical: false, officer: '', notes: '' };
}

export interface InspectionFormProps {
  declarationId: string;
  /** The recorded result to correct (sent with If-Match = its version); absent to record the first one. */
  existing: InspectionResult | null;
  onDone: () => void;
  onCancel?: () => void;
  onReload: () => void;
}

/** The form's values: the single result's fields, and one row per agency for a joint inspection. */
function initialValues(existing: InspectionResult | null, userAgency: string | null) {
  return {
    found: existing ? (existing.found ? 'yes' : 'no') : '',
    critical: existing?.critical ?? false,
    dutyRecovered: (existing?.dutyRecovered ?? '') as number | string,
    notes: existing?.notes ?? '',
    officer: existing?.officer ?? '',
    agency: existing?.agency ?? userAgency ?? '',
    isJoint: (existing?.findings.length ?? 0) > 1,
    findings:
      existing && existing.findings.length > 1
        ? existing.findings.map((f) => ({ ...emptyFinding(f.agency), ...f, notes: f.notes ?? '' }))
        : [emptyFinding(userAgency ?? ''), emptyFinding()],
  };
}

/** Records what the inspection found: the label the next model learns from. */
export function InspectionForm({ declarationId, existing, onDone, onCancel, onReload }: InspectionFormProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const record = useRecordInspection(declarationId);
  const error = record.error;
  const [initial] = useState(() => initialValues(existing, user.agency));
  const form = useFields(initial, error);
  const { values } = form;
  const { findings } = values;
  const [foundMissing, setFoundMissing] = useState(false);

  /** A finding row's cell: named by its row number, bound to that row, with the server's error for it. */
  const findingInput = (index: number, key: Exclude<keyof FindingRow, 'key'>) => ({
    'aria-label': t(`risk.inspection.${key}OfRow`, { n: index + 1 }),
    ...form.getInputProps(`findings.${index}.${key}`, {
      type: key === 'found' || key === 'critical' ? 'checkbox' : 'input',
    }),
  });

  const submit = () => {
    const body: InspectionResultRequest = {};
    if (values.isJoint) {
      body.findings = findings.map((f) => ({
        agency: f.agency.trim().toUpperCase(),
        found: f.found,
        critical: f.found && f.critical,
        officer: f.officer.trim(),
        ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
      }));
    } else {
      if (values.found === '') {
        setFoundMissing(true);
        return;
      }
      body.found = values.found === 'yes';
      body.critical = values.found === 'yes' && values.critical;
      body.officer = values.officer.trim();
      if (values.agency.trim()) body.agency = values.agency.trim().toUpperCase();
    }
    if (values.notes.trim()) body.notes = values.notes.trim();
    if (typeof values.dutyRecovered === 'number') body.dutyRecovered = values.dutyRecovered;
    record.mutate(
      { body, ...(existing ? { version: existing.version } : {}) },
      { onSuccess: () => onDone() },
    );
  };

  const isStale = isApiError(error) && (error.code === 'conflict' || error.code === 'precondition_failed');
  const foundByAny = findings.some((f) => f.found);

  return (
    <Card padding="md" withBorder>
      <FormStack
        onSubmit={submit}
        data-testid="inspection-form"
        noValidate
        gap="sm"
        error={error}
        notice={
          isStale ? (
            <Notice tone="warning" variant="light" icon="refresh">
              <Group justify="space-between">
                <Text size="sm">{t('risk.inspection.stale')}</Text>
                <Button size="xs" variant="default" onClick={onReload}>
                  {t('common.refresh')}
                </Button>
              </Group>
            </Notice>
          ) : null
        }
        submitLabel={existing ? t('risk.inspection.saveCorrection') : t('risk.inspection.save')}
        isPending={record.isPending}
        onCancel={onCancel}
        submitTestId="inspection-submit"
      >
        <Title order={3} size="h4">
          {existing ? t('risk.inspection.correctTitle') : t('risk.inspection.recordTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('risk.inspection.hint')}
        </Text>
        <Switch
          label={t('risk.inspection.joint')}
          description={t('risk.inspection.jointHint')}
          {...form.getInputProps('isJoint', { type: 'checkbox' })}
          data-testid="inspection-joint"
        />
        {values.isJoint ? (
          <Stack gap="xs">
            <Table data-testid="inspection-findings" withTableBorder>
              <FindingsHead withActions />
              <Table.Tbody>
                {findings.map((row, index) => (
                  <Table.Tr key={row.key} data-testid="inspection-finding-row">
                    <Table.Td>
                      <TextInput
                        placeholder="SPS"
                        maxLength={32}
                        {...findingInput(index, 'agency')}
                        w={110}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox {...findingInput(index, 'found')} />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox {...findingInput(index, 'critical')} disabled={!row.found} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput maxLength={200} {...findingInput(index, 'officer')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput maxLength={4000} {...findingInput(index, 'notes')} />
                    </Table.Td>
                    <Table.Td>
                      <DeleteIconButton
                        disabled={findings.length <= 1}
                        label={t('risk.inspection.removeRow', { n: index + 1 })}
                        onClick={() => form.removeListItem('findings', index)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="space-between">
              <Button
                variant="default"
                size="xs"
                leftSection={<Icon name="plus" size={14} />}
                onClick={() => form.insertListItem('findings', emptyFinding())}
                disabled={findings.length >= 20}
              >
                {t('risk.inspection.addAgency')}
              </Button>
              <Text size="sm" aria-live="polite">
                {foundByAny ? t('risk.inspection.jointFound') : t('risk.inspection.jointNotFound')}
              </Text>
            </Group>
            <GroupError message={exactFieldError(error, 'findings')} />
          </Stack>
        ) : (
          <>
            <Radio.Group
              label={t('risk.inspection.foundQuestion')}
              withAsterisk
              value={values.found}
              onChange={(value) => {
                form.setFieldValue('found', value === 'yes' ? 'yes' : 'no');
                setFoundMissing(false);
              }}
              error={foundMissing ? t('risk.inspection.foundRequired') : fieldError(error, 'found')}
              data-testid="inspection-found"
            >
              <Group mt={4}>
                <Radio value="yes" label={t('risk.inspection.foundYes')} />
                <Radio value="no" label={t('risk.inspection.foundNo')} />
              </Group>
            </Radio.Group>
            <Checkbox
              label={t('risk.inspection.critical')}
              description={t('risk.inspection.criticalHint')}
              {...form.getInputProps('critical', { type: 'checkbox' })}
              disabled={values.found !== 'yes'}
              data-testid="inspection-critical"
            />
            <Group grow align="flex-start">
              <TextInput
                label={t('risk.inspection.officer')}
                required
                maxLength={200}
                {...form.getInputProps('officer')}
                data-testid="inspection-officer"
              />
              <TextInput
                label={t('risk.inspection.agencyOptional')}
                description={t('risk.inspection.agencyHint')}
                maxLength={32}
                readOnly={user.agency !== null}
                {...form.getInputProps('agency')}
                error={fieldError(error, 'agency') ?? fieldError(error, 'findings')}
              />
            </Group>
          </>
        )}
        <NumberInput
          label={t('risk.inspection.dutyRecovered')}
          description={t('risk.inspection.dutyRecoveredHint')}
          min={0}
          decimalScale={2}
          thousandSeparator=" "
          {...form.getInputProps('dutyRecovered')}
          w={280}
          data-testid="inspection-duty"
        />
        <Textarea
          label={t('risk.inspection.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps('notes')}
          data-testid="inspection-notes"
        />
      </FormStack>
    </Card>
  );
}
