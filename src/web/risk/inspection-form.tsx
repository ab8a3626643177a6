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
import { bindChecked, bindText } from '../components/bind';
import { FormStack } from '../components/form-modal';
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

/** Records what the inspection found: the label the next model learns from. */
export function InspectionForm({ declarationId, existing, onDone, onCancel, onReload }: InspectionFormProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const record = useRecordInspection(declarationId);
  const [found, setFound] = useState<'yes' | 'no' | ''>(existing ? (existing.found ? 'yes' : 'no') : '');
  const [critical, setCritical] = useState(existing?.critical ?? false);
  const [duty, setDuty] = useState<number | string>(existing?.dutyRecovered ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [officer, setOfficer] = useState(existing?.officer ?? '');
  const [agency, setAgency] = useState(existing?.agency ?? user.agency ?? '');
  const [isJoint, setIsJoint] = useState((existing?.findings.length ?? 0) > 1);
  const [findings, setFindings] = useState<FindingRow[]>(() =>
    existing && existing.findings.length > 1
      ? existing.findings.map((f) => ({ ...emptyFinding(f.agency), ...f, notes: f.notes ?? '' }))
      : [emptyFinding(user.agency ?? ''), emptyFinding()],
  );
  const [foundMissing, setFoundMissing] = useState(false);
  const error = record.error;

  const updateFinding = (key: number, patch: Partial<FindingRow>) =>
    setFindings((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  /** A finding row's text cell: named by its row number, bound to that row, with the server's error for it. */
  const bindFindingText = (row: FindingRow, index: number, key: 'agency' | 'officer' | 'notes') => ({
    'aria-label': t(`risk.inspection.${key}OfRow`, { n: index + 1 }),
    ...bindText(row[key], (value) => updateFinding(row.key, { [key]: value })),
    error: fieldError(error, `findings.${index}.${key}`),
  });

  const submit = () => {
    const body: InspectionResultRequest = {};
    if (isJoint) {
      body.findings = findings.map((f) => ({
        agency: f.agency.trim().toUpperCase(),
        found: f.found,
        critical: f.found && f.critical,
        officer: f.officer.trim(),
        ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
      }));
    } else {
      if (found === '') {
        setFoundMissing(true);
        return;
      }
      body.found = found === 'yes';
      body.critical = found === 'yes' && critical;
      body.officer = officer.trim();
      if (agency.trim()) body.agency = agency.trim().toUpperCase();
    }
    if (notes.trim()) body.notes = notes.trim();
    if (typeof duty === 'number') body.dutyRecovered = duty;
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
          {...bindChecked(isJoint, setIsJoint)}
          data-testid="inspection-joint"
        />
        {isJoint ? (
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
                        {...bindFindingText(row, index, 'agency')}
                        w={110}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('risk.inspection.foundOfRow', { n: index + 1 })}
                        checked={row.found}
                        onChange={(e) => updateFinding(row.key, { found: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('risk.inspection.criticalOfRow', { n: index + 1 })}
                        checked={row.critical}
                        disabled={!row.found}
                        onChange={(e) => updateFinding(row.key, { critical: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput maxLength={200} {...bindFindingText(row, index, 'officer')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput maxLength={4000} {...bindFindingText(row, index, 'notes')} />
                    </Table.Td>
                    <Table.Td>
                      <DeleteIconButton
                        disabled={findings.length <= 1}
                        label={t('risk.inspection.removeRow', { n: index + 1 })}
                        onClick={() => setFindings((rows) => rows.filter((r) => r.key !== row.key))}
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
                onClick={() => setFindings((rows) => [...rows, emptyFinding()])}
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
              value={found}
              onChange={(value) => {
                setFound(value === 'yes' ? 'yes' : 'no');
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
              {...bindChecked(critical, setCritical)}
              disabled={found !== 'yes'}
              error={fieldError(error, 'critical')}
              data-testid="inspection-critical"
            />
            <Group grow align="flex-start">
              <TextInput
                label={t('risk.inspection.officer')}
                required
                maxLength={200}
                {...bindText(officer, setOfficer)}
                error={fieldError(error, 'officer')}
                data-testid="inspection-officer"
              />
              <TextInput
                label={t('risk.inspection.agencyOptional')}
                description={t('risk.inspection.agencyHint')}
                maxLength={32}
                readOnly={user.agency !== null}
                {...bindText(agency, setAgency)}
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
          value={duty}
          onChange={setDuty}
          error={fieldError(error, 'dutyRecovered')}
          w={280}
          data-testid="inspection-duty"
        />
        <Textarea
          label={t('risk.inspection.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          {...bindText(notes, setNotes)}
          error={fieldError(error, 'notes')}
          data-testid="inspection-notes"
        />
      </FormStack>
    </Card>
  );
}
