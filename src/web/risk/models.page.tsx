import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  useActivateModel,
  useModelComparison,
  useModelDrift,
  useModelVersions,
  useRollbackModel,
  useTrainModel,
} from '../api/risk.api';
import { MODEL_PRESETS } from '../api/types';
import type { ModelComparison, ModelDrift, ModelPreset, ModelVersion } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { DataTable, EmptyBlock } from '../components/data-table';
import { useFields } from '../components/use-fields';
import { IconButton } from '../components/buttons';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-table';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { EChart } from './echart';
import { driftVerdict, formatDecimal, formatPercent, formatScore } from './risk-format';
import { Notice } from '../components/notice';

function isPreset(value: string | null): value is ModelPreset {
  return value !== null && (MODEL_PRESETS as readonly string[]).includes(value);
}

/** Precision of the fraud head when 5 % of declarations are inspected. */
function precisionAt5(version: ModelVersion): number | null {
  const point = version.evaluation?.fraud.atShare.find((p) => Math.abs(p.share - 0.05) < 1e-9);
  return point?.precision ?? null;
}

/** Training progress as a share (0..1), from the trees built so far. */
function progressShare(version: ModelVersion): number | null {
  const progress = version.progress;
  if (!progress) return null;
  if (progress.stage === 'done') return 1;
  if (progress.round !== undefined && progress.rounds) {
    // Two heads are trained one after the other: fraud first, then critical.
    const headOffset = progress.head === 'critical' ? 0.5 : 0;
    return Math.min(1, headOffset + (progress.round / progress.rounds) * 0.5);
  }
  return null;
}

export function ModelsPage() {
  const { t } = useTranslation();
  const versions = useModelVersions();
  const rollback = useRollbackModel();
  const [comparing, setComparing] = useState<string | null>(null);
  const items = versions.data?.items ?? [];
  const active = items.find((v) => v.isActive);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('risk.models.title')}
        description={t('risk.models.description')}
        actions={
          <IconButton
            icon="history"
            variant="default"
            disabled={!active}
            loading={rollback.isPending}
            onClick={() => rollback.mutate()}
            data-testid="model-rollback"
          >
            {t('risk.models.rollback')}
          </IconButton>
        }
      />
      <ApiErrorAlert error={rollback.error} />
      {versions.isError ? (
        <ApiErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />
      ) : null}
      {versions.data ? <TrainCard labelled={versions.data.labelled} /> : null}
      <Card padding={0}>
        {versions.isPending ? (
          <LoadingBlock />
        ) : items.length === 0 ? (
          <EmptyBlock>{t('risk.models.empty')}</EmptyBlock>
        ) : (
          <VersionsTable versions={items} comparing={comparing} onCompare={setComparing} />
        )}
      </Card>
      {comparing ? <ComparisonPanel id={comparing} onClose={() => setComparing(null)} /> : null}
      <DriftPanel />
    </Stack>
  );
}

function TrainCard({ labelled }: { labelled: { rows: number; positives: number } }) {
  const { t } = useTranslation();
  const train = useTrainModel();
  const error = train.error;
  const form = useFields<{ preset: ModelPreset; note: string }>({ preset: 'fast', note: '' }, error);
  const details =
    isApiError(error) && typeof error.details === 'object' && error.details !== null
      ? (error.details as { reason?: unknown; rows?: unknown; positives?: unknown })
      : null;
  const isNotEnough = details?.reason === 'not_enough_results';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = form.values.note.trim();
    train.mutate({ preset: form.values.preset, ...(note ? { note } : {}) });
  };

  return (
    <Card padding="md">
      <form onSubmit={submit} data-testid="model-train-form">
        <Stack gap="sm">
          <Text size="sm" data-testid="model-labelled">
            {t('risk.models.labelled', { rows: labelled.rows, positives: labelled.positives })}
          </Text>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('risk.models.preset')}
              data={MODEL_PRESETS.map((value) => ({ value, label: t(`risk.models.presets.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('preset')}
              w={300}
            />
            <TextInput
              label={t('risk.models.note')}
              {...form.getInputProps('note')}
              maxLength={500}
              w={320}
            />
            <IconButton icon="refresh" type="submit" loading={train.isPending} data-testid="model-train">
              {t('risk.models.train')}
            </IconButton>
          </Group>
          {isNotEnough ? (
            <Notice tone="warning" variant="light" role="alert" icon="info" data-testid="model-not-enough">
              {t('risk.models.notEnough', {
                rows: typeof details.rows === 'number' ? details.rows : labelled.rows,
                positives: typeof details.positives === 'number' ? details.positives : labelled.positives,
              })}
            </Notice>
          ) : (
            <ApiErrorAlert error={error} />
          )}
        </Stack>
      </form>
    </Card>
  );
}

function VersionsTable({
  versions,
  comparing,
  onCompare,
}: {
  versions: ModelVersion[];
  comparing: string | null;
  onCompare: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const format = useFormatters();
  const activate = useActivateModel();
  return (
    <>
      <DataTable
        rows={versions}
        minWidth={1000}
        data-testid="models-table"
        columns={[
          t('risk.models.columns.number'),
          t('risk.models.columns.status'),
          { label: t('risk.models.columns.auc'), align: 'right' },
          { label: t('risk.models.columns.precisionAt5'), align: 'right' },
          { label: t('risk.models.columns.rows'), align: 'right' },
          t('risk.models.columns.preset'),
          t('risk.models.columns.created'),
          { label: t('common.actions'), isHidden: true },
        ]}
        renderRow={(version) => {
          const share = progressShare(version);
          return (
            <Table.Tr
              key={version.id}
              data-testid="model-row"
              data-status={version.status}
              bg={comparing === version.id ? 'customs.0' : undefined}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {t('risk.models.versionNumber', { number: version.number })}
                  </Text>
                  {version.isActive ? (
                    <Badge color="green" data-testid="model-active">
                      {t('risk.models.active')}
                    </Badge>
                  ) : null}
                </Group>
                {version.note ? (
                  <Text size="xs" c="dimmed">
                    {version.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td miw={180}>
                {version.status === 'failed' ? (
                  <Tooltip label={version.error ?? ''} multiline w={320} disabled={!version.error}>
                    <Badge color="red" variant="light">
                      {t('risk.models.status.failed')}
                    </Badge>
                  </Tooltip>
                ) : version.status === 'training' ? (
                  <Stack gap={4}>
                    <Badge color="blue" variant="light">
                      {t('risk.models.status.training')}
                    </Badge>
                    {share !== null ? (
                      <Progress
                        value={share * 100}
                        size="sm"
                        animated
                        aria-label={t('risk.models.progress', { percent: Math.round(share * 100) })}
                      />
                    ) : null}
                    {version.progress ? (
                      <Text size="xs" c="dimmed">
                        {t(`risk.models.stage.${stageKey(version.progress.stage)}`)}
                        {version.progress.round !== undefined && version.progress.rounds
                          ? ` · ${version.progress.round}/${version.progress.rounds}`
                          : ''}
                      </Text>
                    ) : null}
                  </Stack>
                ) : (
                  <Badge color="gray" variant="light">
                    {t('risk.models.status.ready')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {formatDecimal(version.evaluation?.fraud.auc, language, 3)}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {formatPercent(precisionAt5(version), language, 1)}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {format.number(version.trainingRows)}
              </Table.Td>
              <Table.Td>
                {isPreset(version.preset) ? t(`risk.models.presets.${version.preset}`) : version.preset}
              </Table.Td>
              <Table.Td>{format.dateTime(version.createdAt)}</Table.Td>
              <Table.Td>
                {version.status === 'ready' ? (
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onCompare(version.id)}
                      data-testid="model-compare"
                    >
                      {t('risk.models.compare')}
                    </Button>
                    {!version.isActive ? (
                      <Button
                        size="xs"
                        loading={activate.isPending && activate.variables === version.id}
                        onClick={() => activate.mutate(version.id)}
                        data-testid="model-activate"
                      >
                        {t('risk.models.activate')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
      {activate.error ? (
        <Stack p="md">
          <ApiErrorAlert error={activate.error} />
        </Stack>
      ) : null}
    </>
  );
}

const STAGES = ['features', 'trees', 'refit', 'done'] as const;
function stageKey(stage: string | undefined): (typeof STAGES)[number] {
  return STAGES.find((s) => s === stage) ?? 'trees';
}

function ComparisonPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const comparison = useModelComparison(id);
  return (
    <SectionCard
      data-testid="model-comparison"
      title={
        comparison.data
          ? t('risk.models.comparisonTitle', { number: comparison.data.candidate.number })
          : t('risk.models.compare')
      }
      actions={
        <Button variant="subtle" size="xs" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      {comparison.isPending ? <LoadingBlock /> : null}
      {comparison.isError ? <ApiErrorAlert error={comparison.error} /> : null}
      {comparison.data ? <ComparisonChart comparison={comparison.data} /> : null}
    </SectionCard>
  );
}

/** Both charts plot percentages: the tooltip shows each value to one decimal with its sign. */
const PERCENT_TOOLTIP = {
  trigger: 'axis',
  valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)} %` : String(value)),
};

/** The comparison's two curves per version; the active version's are dashed and in its own colours. */
const CURVES = [
  { measure: 'precision', color: '#1c7ed6', activeColor: '#94a3b8' },
  { measure: 'recall', color: '#e03131', activeColor: '#f59f00' },
] as const;

function ComparisonChart({ comparison }: { comparison: ModelComparison }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const option = useMemo(() => {
    const candidateName = t('risk.models.versionNumber', { number: comparison.candidate.number });
    const activeName = comparison.active
      ? t('risk.models.versionNumber', { number: comparison.active.number })
      : '';
    const series = (
      name: string,
      points: { rate: number; precision: number; recall: number }[],
      dashed: boolean,
    ) =>
      CURVES.map(({ measure, color, activeColor }) => ({
        name: `${name} — ${t(`risk.models.${measure}`)}`,
        type: 'line',
        data: points.map((p) => [p.rate * 100, p[measure] * 100]),
        lineStyle: { type: dashed ? 'dashed' : 'solid', width: 2 },
        color: dashed ? activeColor : color,
        symbolSize: 5,
      }));
    return {
      tooltip: PERCENT_TOOLTIP,
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 56, bottom: 48 },
      xAxis: {
        type: 'value',
        min: 1,
        max: 20,
        interval: 1,
        name: t('risk.models.inspectionRate'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: '{value} %' },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        ...series(candidateName, comparison.candidate.points, false),
        ...(comparison.active ? series(activeName, comparison.active.points, true) : []),
      ],
    };
  }, [comparison, t]);

  return (
    <Stack gap="sm">
      <Group gap="xl" wrap="wrap">
        <Text size="sm">
          {t('risk.models.holdout', { rows: comparison.rows, positives: comparison.positives })}
        </Text>
        <Text size="sm" data-testid="comparison-auc">
          {t('risk.models.aucOf', {
            number: comparison.candidate.number,
            auc: formatDecimal(comparison.candidate.auc, language, 3),
          })}
          {comparison.active
            ? ` · ${t('risk.models.aucOf', {
                number: comparison.active.number,
                auc: formatDecimal(comparison.active.auc, language, 3),
              })}`
            : ''}
        </Text>
      </Group>
      {!comparison.active ? (
        <Text size="sm" c="dimmed">
          {t('risk.models.noActive')}
        </Text>
      ) : null}
      <EChart option={option} height={360} label={t('risk.models.chartLabel')} testId="comparison-chart" />
    </Stack>
  );
}

const VERDICT_COLORS = { stable: 'green', moderate: 'yellow', significant: 'red' } as const;

function DriftPanel() {
  const { t } = useTranslation();
  const drift = useModelDrift();
  return (
    <SectionCard data-testid="model-drift" title={t('risk.models.drift.title')}>
      <QueryContent query={drift}>
        {(data) =>
          data === null ? (
            <Text size="sm" c="dimmed">
              {t('risk.models.drift.none')}
            </Text>
          ) : (
            <DriftView drift={data} />
          )
        }
      </QueryContent>
    </SectionCard>
  );
}

function DriftView({ drift }: { drift: ModelDrift }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const verdict = drift.psi === null ? null : driftVerdict(drift.psi);
  const option = useMemo(
    () => ({
      tooltip: PERCENT_TOOLTIP,
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: drift.bins.map((bin) => `${formatScore(bin.from, language)}–${formatScore(bin.to, language)}`),
        name: t('risk.models.drift.scoreBin'),
        nameLocation: 'middle',
        nameGap: 36,
        axisLabel: { fontSize: 10 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: t('risk.models.drift.training'),
          type: 'bar',
          data: drift.bins.map((bin) => bin.training * 100),
          color: '#94a3b8',
        },
        {
          name: t('risk.models.drift.recent'),
          type: 'bar',
          data: drift.bins.map((bin) => bin.recent * 100),
          color: '#1c7ed6',
        },
      ],
    }),
    [drift, language, t],
  );
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('risk.models.drift.psi')}
          </Text>
          <Group gap="xs">
            <Text fz="xl" fw={700} className="tabular-nums" data-testid="drift-psi">
              {formatDecimal(drift.psi, language, 3)}
            </Text>
            {verdict ? (
              <Badge color={VERDICT_COLORS[verdict]} data-testid="drift-verdict">
                {t(`risk.models.drift.verdict.${verdict}`)}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Text size="sm">
          {t('risk.models.drift.compared', { rows: drift.recentRows, number: drift.modelVersion })}
        </Text>
        <Text size="sm" c="dimmed">
          {verdict ? t(`risk.models.drift.explain.${verdict}`) : t('risk.models.drift.noRecent')}
        </Text>
      </SimpleGrid>
      <EChart option={option} height={300} label={t('risk.models.drift.chartLabel')} testId="drift-chart" />
    </Stack>
  );
}
