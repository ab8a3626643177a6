import {
  Box,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import type { MantineSpacing } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatMapCell, RiskMap, RiskMapEntry } from '../api/types';
import { CONTROL_EFFECTIVENESS } from '../api/types';
import { useAddRisk, useAddRiskMeasure, useRiskMap, useUpdateRisk } from '../api/validation.api';
import { QueryContent } from '../components/query-table';
import { bindText } from '../components/bind';
import { ChoiceControl } from '../components/choice-control';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { EXAMINATION_STATES } from '../../vocabulary/application-lifecycle';
import {
  CaseErrorAlert,
  isoDayFromNow,
  NoneYet,
  optionalText,
  RISK_COLORS,
  RiskLevelBadge,
} from './validation-shared';

const SCALE = ['1', '2', '3', '4', '5'];

/** The heat map places each risk by its rating before controls, or after them. */
const HEAT_MAP_MODES = ['inherent', 'residual'] as const;

export function RiskMapTab({ workspace, programme }: CaseTabProps) {
  const risks = useRiskMap(workspace.id);
  return (
    <QueryContent query={risks}>
      {(riskMap) => <RiskMapView workspace={workspace} programme={programme} riskMap={riskMap} />}
    </QueryContent>
  );
}

/** The case's risk map once loaded: the heat map, the register, the engine's suggestions and the form to add one. */
function RiskMapView({
  workspace,
  programme,
  riskMap,
}: Pick<CaseTabProps, 'workspace' | 'programme'> & { riskMap: RiskMap }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const add = useAddRisk(workspace.id);
  const isOpen = EXAMINATION_STATES.includes(workspace.status);
  const criterionLabel = (id: string) => {
    const criterion = programme.criteria.find((candidate) => candidate.id === id);
    return criterion ? `${criterion.code ? `${criterion.code} · ` : ''}${localised(criterion.title)}` : id;
  };
  const { items, heatMap, suggestions } = riskMap;
  return (
    <Stack gap="md" data-testid="risk-map">
      <HeatMap cells={heatMap} entries={items} />
      <SectionCard title={t('validation.risk.register')}>
        {items.length === 0 ? (
          <NoneYet>{t('validation.risk.empty')}</NoneYet>
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
      </SectionCard>
      {isOpen && suggestions.length > 0 ? (
        <SectionCard title={t('validation.risk.suggestions')} data-testid="risk-suggestions">
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
        </SectionCard>
      ) : null}
      {isOpen ? <AddRiskForm applicationId={workspace.id} programme={programme} /> : null}
    </Stack>
  );
}

function HeatMap({ cells, entries }: { cells: HeatMapCell[][]; entries: RiskMapEntry[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<(typeof HEAT_MAP_MODES)[number]>('inherent');
  const titles = new Map(entries.map((entry) => [entry.id, entry.title]));
  return (
    <SectionCard
      title={t('validation.risk.heatMap')}
      actions={
        <ChoiceControl
          value={mode}
          choices={HEAT_MAP_MODES}
          onChange={setMode}
          labelOf={(choice) => t(`validation.risk.${choice}`)}
        />
      }
      data-testid="heat-map"
      data-entries={entries.length}
    >
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
    </SectionCard>
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
      <RiskRatingFields
        mt="xs"
        ratings={entry}
        isDisabled={!isOpen}
        onChange={(change) => update.mutate({ $riskId: entry.id, ...change })}
      />
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
            {...bindText(measure, setMeasure)}
            style={{ flex: 1, minWidth: 220 }}
          />
          <TextInput type="date" label={t('validation.risk.measureDue')} {...bindText(due, setDue)} />
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
  const [ratings, setRatings] = useState<RiskRatings>({
    likelihood: 3,
    impact: 3,
    controlEffectiveness: 'none',
  });
  const [controls, setControls] = useState('');
  const catalogue = programme.riskCatalogue;
  return (
    <SectionCard title={t('validation.risk.addTitle')} data-testid="risk-add-form">
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
        <RiskRatingFields
          ratings={ratings}
          onChange={(change) => setRatings((current) => ({ ...current, ...change }))}
          testIds={{ likelihood: 'risk-likelihood', impact: 'risk-impact' }}
        />
        <Textarea
          label={t('validation.risk.controls')}
          autosize
          minRows={2}
          {...bindText(controls, setControls)}
          data-testid="risk-controls"
        />
        <CaseSubmit
          write={add}
          isDisabled={!catalogueId}
          data-testid="risk-add"
          onClick={() =>
            catalogueId &&
            add.mutate(
              {
                catalogueId,
                ...ratings,
                ...optionalText('controls', controls),
              },
              { onSuccess: () => setCatalogueId(null) },
            )
          }
        >
          {t('validation.risk.add')}
        </CaseSubmit>
      </Stack>
    </SectionCard>
  );
}

type RiskRatings = Pick<RiskMapEntry, 'likelihood' | 'impact' | 'controlEffectiveness'>;

/** A risk's likelihood and impact (1 to 5) and how well its controls work: one change at a time is reported. */
function RiskRatingFields({
  ratings,
  onChange,
  isDisabled = false,
  testIds = {},
  mt,
}: {
  ratings: RiskRatings;
  onChange: (change: Partial<RiskRatings>) => void;
  isDisabled?: boolean;
  testIds?: { likelihood?: string; impact?: string };
  mt?: MantineSpacing;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} mt={mt}>
      {(['likelihood', 'impact'] as const).map((field) => (
        <Select
          key={field}
          label={t(`validation.risk.${field}`)}
          data={SCALE}
          value={String(ratings[field])}
          disabled={isDisabled}
          allowDeselect={false}
          onChange={(value) => value && onChange({ [field]: Number(value) })}
          data-testid={testIds[field]}
        />
      ))}
      <Select
        label={t('validation.risk.controlEffectiveness')}
        data={CONTROL_EFFECTIVENESS.map((value) => ({
          value,
          label: t(`validation.risk.effectiveness.${value}`),
        }))}
        value={ratings.controlEffectiveness}
        disabled={isDisabled}
        allowDeselect={false}
        onChange={(value) => value && onChange({ controlEffectiveness: value })}
      />
    </SimpleGrid>
  );
}
