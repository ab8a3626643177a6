import {
  Box,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlEffectiveness, HeatMapCell, RiskMapEntry } from '../api/types';
import { CONTROL_EFFECTIVENESS } from '../api/types';
import { useAddRisk, useAddRiskMeasure, useRiskMap, useUpdateRisk } from '../api/validation.api';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import type { CaseTabProps } from './validation-shared';
import { EXAMINATION_STATES } from '../../vocabulary/application-lifecycle';
import { CaseErrorAlert, isoDayFromNow, RISK_COLORS, RiskLevelBadge } from './validation-shared';

const SCALE = ['1', '2', '3', '4', '5'];

export function RiskMapTab({ workspace, programme }: CaseTabProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const risks = useRiskMap(workspace.id);
  const add = useAddRisk(workspace.id);
  const isOpen = EXAMINATION_STATES.includes(workspace.status);
  const criterionLabel = (id: string) => {
    const criterion = programme.criteria.find((candidate) => candidate.id === id);
    return criterion ? `${criterion.code ? `${criterion.code} · ` : ''}${localised(criterion.title)}` : id;
  };
  if (risks.isError) return <ApiErrorAlert error={risks.error} onRetry={() => void risks.refetch()} />;
  if (!risks.data) return <LoadingBlock />;
  const { items, heatMap, suggestions } = risks.data;
  return (
    <Stack gap="md" data-testid="risk-map">
      <HeatMap cells={heatMap} entries={items} />
      <Card padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('validation.risk.register')}
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('validation.risk.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            {items.map((entry) => (
              <RiskEntryRow
                key={entry.id}
                applicationId={workspace.id}
                entry={entry}
                isOpen={isOpen}
                criterion={criterionLabel(entry.criterion)}
              />
            ))}
          </Stack>
        )}
      </Card>
      {isOpen && suggestions.length > 0 ? (
        <Card padding="md" data-testid="risk-suggestions">
          <Title order={2} size="h4" mb="xs">
            {t('validation.risk.suggestions')}
          </Title>
          <Stack gap="xs">
            {suggestions.map((suggestion) => (
              <Group key={suggestion.catalogueId} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {localised(suggestion.title)} ({criterionLabel(suggestion.criterion)}) ·{' '}
                  {suggestion.suggestedLikelihood}×{suggestion.suggestedImpact}
                </Text>
                <Button
                  size="xs"
                  variant="light"
                  loading={add.isPending}
                  data-testid="risk-suggestion-add"
                  onClick={() =>
                    add.mutate({
                      catalogueId: suggestion.catalogueId,
                      likelihood: suggestion.suggestedLikelihood,
                      impact: suggestion.suggestedImpact,
                    })
                  }
                >
                  {t('validation.risk.add')}
                </Button>
              </Group>
            ))}
          </Stack>
          <CaseErrorAlert error={add.error} />
        </Card>
      ) : null}
      {isOpen ? <AddRiskForm applicationId={workspace.id} programme={programme} /> : null}
    </Stack>
  );
}

function HeatMap({ cells, entries }: { cells: HeatMapCell[][]; entries: RiskMapEntry[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'inherent' | 'residual'>('inherent');
  const titles = new Map(entries.map((entry) => [entry.id, entry.title]));
  return (
    <Card padding="md" data-testid="heat-map" data-entries={entries.length}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('validation.risk.heatMap')}
        </Title>
        <SegmentedControl
          value={mode}
          onChange={(value) => setMode(value === 'residual' ? 'residual' : 'inherent')}
          data={[
            { value: 'inherent', label: t('validation.risk.inherent') },
            { value: 'residual', label: t('validation.risk.residual') },
          ]}
        />
      </Group>
      <Group align="stretch" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)' }}>
          {t('validation.risk.likelihood')} →
        </Text>
        <Box style={{ flex: 1, maxWidth: 520 }}>
          <Box
            role="grid"
            aria-label={t('validation.risk.heatMap')}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 4 }}
          >
            {cells.flat().map((cell) => {
              const ids = mode === 'inherent' ? cell.inherent : cell.residual;
              return (
                <Tooltip
                  key={`${cell.likelihood}-${cell.impact}`}
                  label={
                    ids.map((id) => titles.get(id) ?? id).join(', ') || `${cell.likelihood} × ${cell.impact}`
                  }
                >
                  <Box
                    role="gridcell"
                    data-testid="heat-cell"
                    data-count={ids.length}
                    aria-label={`${t('validation.risk.likelihood')} ${cell.likelihood}, ${t('validation.risk.impact')} ${cell.impact}: ${ids.length}`}
                    style={{
                      background: RISK_COLORS[cell.level],
                      aspectRatio: '1.6',
                      borderRadius: 4,
                      display: 'flex',
                      alignItems: 'center',
                      justifyContent: 'center',
                      fontWeight: 700,
                      fontSize: 18,
                      outline: ids.length ? '2px solid var(--mantine-color-dark-6)' : undefined,
                    }}
                  >
                    {ids.length || ''}
                  </Box>
                </Tooltip>
              );
            })}
          </Box>
          <Text size="xs" c="dimmed" ta="center" mt={4}>
            {t('validation.risk.impact')} →
          </Text>
        </Box>
      </Group>
    </Card>
  );
}

function RiskEntryRow({
  applicationId,
  entry,
  isOpen,
  criterion,
}: {
  applicationId: string;
  entry: RiskMapEntry;
  isOpen: boolean;
  criterion: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const update = useUpdateRisk(applicationId);
  const addMeasure = useAddRiskMeasure(applicationId);
  const [measure, setMeasure] = useState('');
  const [due, setDue] = useState(isoDayFromNow(60));
  return (
    <Card withBorder padding="sm" data-testid="risk-entry">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600} size="sm">
          {entry.title}{' '}
          <Text span c="dimmed" size="xs">
            ({criterion})
          </Text>
        </Text>
        <Group gap="xs">
          <Text size="xs">{t('validation.risk.inherent')}</Text>
          <RiskLevelBadge level={entry.inherent.level} score={entry.inherent.score} />
          <Text size="xs">{t('validation.risk.residual')}</Text>
          <RiskLevelBadge level={entry.residual.level} score={entry.residual.score} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
        <Select
          label={t('validation.risk.likelihood')}
          data={SCALE}
          value={String(entry.likelihood)}
          disabled={!isOpen}
          allowDeselect={false}
          onChange={(value) => value && update.mutate({ $riskId: entry.id, likelihood: Number(value) })}
        />
        <Select
          label={t('validation.risk.impact')}
          data={SCALE}
          value={String(entry.impact)}
          disabled={!isOpen}
          allowDeselect={false}
          onChange={(value) => value && update.mutate({ $riskId: entry.id, impact: Number(value) })}
        />
        <Select
          label={t('validation.risk.controlEffectiveness')}
          data={CONTROL_EFFECTIVENESS.map((value) => ({
            value,
            label: t(`validation.risk.effectiveness.${value}`),
          }))}
          value={entry.controlEffectiveness}
          disabled={!isOpen}
          allowDeselect={false}
          onChange={(value) => value && update.mutate({ $riskId: entry.id, controlEffectiveness: value })}
        />
      </SimpleGrid>
      {entry.controls ? (
        <Text size="sm" mt="xs">
          {t('validation.risk.controls')}: {entry.controls}
        </Text>
      ) : null}
      <CaseErrorAlert error={update.error} />
      {entry.measures.length > 0 ? (
        <Table mt="xs">
          <Table.Tbody>
            {entry.measures.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{item.description}</Table.Td>
                <Table.Td>{format.date(item.dueDate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {isOpen ? (
        <Group align="flex-end" mt="xs" wrap="wrap">
          <TextInput
            label={t('validation.risk.measure')}
            value={measure}
            onChange={(event) => setMeasure(event.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
          />
          <TextInput
            type="date"
            label={t('validation.risk.measureDue')}
            value={due}
            onChange={(event) => setDue(event.currentTarget.value)}
          />
          <Button
            variant="light"
            disabled={!measure.trim() || !due}
            loading={addMeasure.isPending}
            onClick={() =>
              addMeasure.mutate(
                { $riskId: entry.id, description: measure.trim(), dueDate: due },
                { onSuccess: () => setMeasure('') },
              )
            }
          >
            {t('validation.risk.addMeasure')}
          </Button>
        </Group>
      ) : null}
      <CaseErrorAlert error={addMeasure.error} />
    </Card>
  );
}

function AddRiskForm({
  applicationId,
  programme,
}: {
  applicationId: string;
  programme: CaseTabProps['programme'];
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const add = useAddRisk(applicationId);
  const [catalogueId, setCatalogueId] = useState<string | null>(null);
  const [likelihood, setLikelihood] = useState('3');
  const [impact, setImpact] = useState('3');
  const [controls, setControls] = useState('');
  const [effectiveness, setEffectiveness] = useState<ControlEffectiveness>('none');
  const catalogue = programme.riskCatalogue;
  return (
    <Card padding="md" data-testid="risk-add-form">
      <Title order={2} size="h4" mb="xs">
        {t('validation.risk.addTitle')}
      </Title>
      <Stack gap="xs">
        <Select
          label={t('validation.risk.catalogue')}
          searchable
          data={catalogue.map((entry) => ({
            value: entry.id,
            label: `${entry.criterion} · ${localised(entry.title)}`,
          }))}
          value={catalogueId}
          onChange={setCatalogueId}
          data-testid="risk-catalogue-select"
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('validation.risk.likelihood')}
            data={SCALE}
            value={likelihood}
            allowDeselect={false}
            onChange={(value) => setLikelihood(value ?? '3')}
            data-testid="risk-likelihood"
          />
          <Select
            label={t('validation.risk.impact')}
            data={SCALE}
            value={impact}
            allowDeselect={false}
            onChange={(value) => setImpact(value ?? '3')}
            data-testid="risk-impact"
          />
          <Select
            label={t('validation.risk.controlEffectiveness')}
            data={CONTROL_EFFECTIVENESS.map((value) => ({
              value,
              label: t(`validation.risk.effectiveness.${value}`),
            }))}
            value={effectiveness}
            allowDeselect={false}
            onChange={(value) => setEffectiveness(value ?? 'none')}
          />
        </SimpleGrid>
        <Textarea
          label={t('validation.risk.controls')}
          autosize
          minRows={2}
          value={controls}
          onChange={(event) => setControls(event.currentTarget.value)}
          data-testid="risk-controls"
        />
        <CaseErrorAlert error={add.error} />
        <Group justify="flex-end">
          <Button
            disabled={!catalogueId}
            loading={add.isPending}
            data-testid="risk-add"
            onClick={() =>
              catalogueId &&
              add.mutate(
                {
                  catalogueId,
                  likelihood: Number(likelihood),
                  impact: Number(impact),
                  controlEffectiveness: effectiveness,
                  ...(controls.trim() ? { controls: controls.trim() } : {}),
                },
                { onSuccess: () => setCatalogueId(null) },
              )
            }
          >
            {t('validation.risk.add')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
