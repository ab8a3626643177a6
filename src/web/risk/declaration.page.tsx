import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDeclaration } from '../api/risk.api';
import type {
  DeclarationDetail,
  DeclarationParty,
  InspectionResult,
  Language,
  ModelReason,
} from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { DataTable } from '../components/data-table';
import { Fact } from '../components/facts';
import { IconButton } from '../components/buttons';
import { PageHeader } from '../components/page-header';
import { useFormatters } from '../i18n/format';
import { InspectionForm } from './inspection-form';
import { FindingsHead } from './inspection-findings';
import { AeoMarker, ChannelBadge, useStrategyLabel } from './risk-badges';
import { formatDecimal, formatPercent } from './risk-format';

/** The declared procedure's codes, shown as they were declared (or a dash where the declaration has none). */
const PROCEDURE_FACTS = ['processType', 'importType', 'transportMode', 'paymentType'] as const;

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
}

export function DeclarationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const declaration = useDeclaration(id);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/risk/declarations" size="sm">
        ← {t('risk.declaration.back')}
      </Anchor>
      {declaration.isPending ? <LoadingBlock /> : null}
      {declaration.isError ? (
        <ApiErrorAlert error={declaration.error} onRetry={() => void declaration.refetch()} />
      ) : null}
      {declaration.data ? (
        <DeclarationView detail={declaration.data} onReload={() => void declaration.refetch()} />
      ) : null}
    </Stack>
  );
}

function DeclarationView({ detail, onReload }: { detail: DeclarationDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormatters();
  const strategyLabel = useStrategyLabel();
  const { declaration, decision } = detail;

  return (
    <Stack gap="md" data-testid="declaration-page">
      <PageHeader
        title={t('risk.declaration.title', { id: declaration.id })}
        description={t('risk.declaration.subtitle', {
          office: declaration.office,
          date: format.date(declaration.date),
        })}
      />
      <Card padding="md">
        <Group gap="xl" wrap="wrap" align="flex-start">
          <Stack gap={4}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t('risk.declaration.channel')}
            </Text>
            <Group gap="xs">
              <ChannelBadge channel={decision.channel} size="lg" />
              {decision.aeoFacilitation ? <AeoMarker /> : null}
            </Group>
            <Text size="sm" data-testid="declaration-channel-meaning">
              {t(`risk.channelMeaning.${decision.channel}`)}
            </Text>
          </Stack>
          <Fact label={t('risk.declaration.strategy')} weight={500} testId="declaration-strategy">
            {strategyLabel(decision.strategy)}
          </Fact>
          <Fact label={t('risk.declaration.score')} weight={500}>
            {formatDecimal(decision.score, language, 3)}
          </Fact>
          <Fact label={t('risk.declaration.fraudProbability')} weight={500}>
            {formatPercent(decision.scores.fraud, language)}
          </Fact>
          <Fact label={t('risk.declaration.criticalProbability')} weight={500}>
            {formatPercent(decision.scores.critical, language)}
          </Fact>
          <Fact label={t('risk.declaration.model')} weight={500}>
            {decision.modelVersion === null
              ? t('risk.declaration.noModel')
              : t('risk.declaration.modelVersion', { number: decision.modelVersion })}
          </Fact>
          <Fact label={t('risk.declaration.decidedAt')} weight={500}>
            {format.dateTime(decision.decidedAt)}
          </Fact>
        </Group>
      </Card>

      <Card padding="md" data-testid="declaration-reasons">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('risk.declaration.whyTitle')}
          </Title>
          <List spacing={4} size="sm">
            {decision.reasons.map((reason, index) => (
              <List.Item key={index} data-testid="decision-reason">
                {reason[language]}
              </List.Item>
            ))}
          </List>
          {decision.ruleHits.length > 0 ? (
            <>
              <Title order={3} size="h5" mt="xs">
                {t('risk.declaration.ruleHits')}
              </Title>
              <DataTable
                rows={decision.ruleHits}
                minWidth={720}
                data-testid="rule-hits"
                withTableBorder
                columns={[
                  t('risk.declaration.rule'),
                  t('risk.declaration.owner'),
                  t('risk.declaration.item'),
                  t('risk.declaration.reason'),
                ]}
                renderRow={(hit, index) => (
                  <Table.Tr key={`${hit.ruleId}-${index}`} data-testid="rule-hit" data-rule-id={hit.ruleId}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {hit.ruleName}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {hit.profileId ? `${hit.profileId} / ${hit.ruleId}` : hit.ruleId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {hit.agency ? t('risk.owner.agency', { agency: hit.agency }) : t('risk.owner.customs')}
                    </Table.Td>
                    <Table.Td>
                      {hit.itemIndex === undefined
                        ? '—'
                        : t('risk.declaration.itemNumber', {
                            n: hit.itemIndex + 1,
                            hs: hit.hsCode ?? '',
                          })}
                    </Table.Td>
                    <Table.Td>{hit.reason[language]}</Table.Td>
                  </Table.Tr>
                )}
              />
            </>
          ) : null}
          {decision.aeoFacilitation ? (
            <Card withBorder padding="sm" bg="customs.0" data-testid="aeo-facilitation">
              <Text size="sm">
                {t(
                  decision.aeoFacilitation.source === 'mra'
                    ? 'risk.declaration.aeoMra'
                    : 'risk.declaration.aeoNational',
                  {
                    party: decision.aeoFacilitation.partyId,
                    type: decision.aeoFacilitation.type,
                    tier: decision.aeoFacilitation.tier,
                    partner: decision.aeoFacilitation.partner ?? '',
                    factor: formatPercent(decision.aeoFacilitation.factor, language, 0),
                  },
                )}
              </Text>
              {decision.aeoFacilitation.keptOutOfModelSelection ? (
                <Text size="sm" mt={4}>
                  {t('risk.declaration.aeoKeptOut')}
                </Text>
              ) : null}
            </Card>
          ) : null}
          {decision.agenciesToNotify.length > 0 ? (
            <Group gap="xs">
              <Text size="sm">{t('risk.declaration.agenciesNotified')}</Text>
              {decision.agenciesToNotify.map((agency) => (
                <Badge key={agency} color="lime" variant="light">
                  {agency}
                </Badge>
              ))}
            </Group>
          ) : null}
          {detail.explanation ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="xs">
              <ModelReasons
                title={t('risk.declaration.modelFraudReasons')}
                reasons={detail.explanation.fraud[language]}
                testId="model-reasons-fraud"
              />
              <ModelReasons
                title={t('risk.declaration.modelCriticalReasons')}
                reasons={detail.explanation.critical[language]}
                testId="model-reasons-critical"
              />
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {t('risk.declaration.noExplanation')}
            </Text>
          )}
        </Stack>
      </Card>

      <InspectionPanel detail={detail} onReload={onReload} />

      <Card padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('risk.declaration.parties')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="declaration-parties">
          <PartyCard title={t('risk.parties.importer')} party={declaration.importer} />
          <PartyCard title={t('risk.parties.seller')} party={declaration.seller} />
          <PartyCard title={t('risk.parties.declarant')} party={declaration.declarant} />
          <PartyCard title={t('risk.parties.carrier')} party={declaration.carrier} />
        </SimpleGrid>
        <Group gap="xl" mt="md" wrap="wrap">
          {PROCEDURE_FACTS.map((key) => (
            <Fact key={key} label={t(`risk.declaration.${key}`)} weight={500}>
              {declaration[key] ?? '—'}
            </Fact>
          ))}
          <Fact label={t('risk.declaration.source')} weight={500}>
            {detail.source}
          </Fact>
        </Group>
      </Card>

      <Card padding={0}>
        <Title order={2} size="h4" p="md" pb={0}>
          {t('risk.declaration.items')}
        </Title>
        <DataTable
          rows={declaration.items}
          minWidth={960}
          data-testid="declaration-items"
          columns={[
            '#',
            t('risk.items.hsCode'),
            t('risk.items.description'),
            t('risk.items.origin'),
            { label: t('risk.items.value'), align: 'right' },
            { label: t('risk.items.netMass'), align: 'right' },
            { label: t('risk.items.dutyRate'), align: 'right' },
            t('risk.items.preference'),
            t('risk.items.permits'),
          ]}
          renderRow={(item, index) => (
            <Table.Tr key={index}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td ff="monospace">{item.hsCode}</Table.Td>
              <Table.Td>{item.description ?? '—'}</Table.Td>
              <Table.Td>{format.country(item.originCountry)}</Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {format.number(item.customsValue)} {item.currency}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {format.number(item.netMassKg)}
              </Table.Td>
              <Table.Td ta="right" className="tabular-nums">
                {item.dutyRate === undefined ? '—' : `${format.number(item.dutyRate)} %`}
              </Table.Td>
              <Table.Td>
                {item.preferenceClaimed === undefined
                  ? '—'
                  : item.preferenceClaimed
                    ? t('risk.items.yes')
                    : t('risk.items.no')}
              </Table.Td>
              <Table.Td>{item.permits?.length ? item.permits.join(', ') : '—'}</Table.Td>
            </Table.Tr>
          )}
        />
      </Card>
    </Stack>
  );
}

function PartyCard({ title, party }: { title: string; party: DeclarationParty | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {title}
      </Text>
      {party ? (
        <Stack gap={2} mt={4}>
          {party.name ? (
            <Text size="sm" fw={600}>
              {party.name}
            </Text>
          ) : null}
          <Text size="sm" ff="monospace">
            {t(`risk.parties.scheme.${party.scheme}`)} {party.id}
          </Text>
          {party.country ? <Text size="sm">{format.country(party.country)}</Text> : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt={4}>
          {t('risk.parties.notDeclared')}
        </Text>
      )}
    </Card>
  );
}

function ModelReasons({ title, reasons, testId }: { title: string; reasons: ModelReason[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm" fw={600} mb={6}>
        {title}
      </Text>
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {reasons.map((reason, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={reason.effect === 'raises' ? 'red' : 'green'} variant="light" size="sm" miw={90}>
                {reason.effect === 'raises'
                  ? `▲ ${t('risk.declaration.raises')}`
                  : `▼ ${t('risk.declaration.lowers')}`}
              </Badge>
              <Text size="sm">{reason.text}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function InspectionPanel({ detail, onReload }: { detail: DeclarationDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const [isCorrecting, setIsCorrecting] = useState(false);
  const inspection = detail.inspection;
  return (
    <section aria-labelledby="inspection-heading">
      <Title order={2} size="h4" id="inspection-heading" mb="sm">
        {t('risk.inspection.title')}
      </Title>
      {inspection && !isCorrecting ? (
        <InspectionSummary inspection={inspection} onCorrect={() => setIsCorrecting(true)} />
      ) : (
        <InspectionForm
          key={inspection?.version ?? 'new'}
          declarationId={detail.declaration.id}
          existing={inspection}
          onDone={() => setIsCorrecting(false)}
          {...(inspection ? { onCancel: () => setIsCorrecting(false) } : {})}
          onReload={onReload}
        />
      )}
    </section>
  );
}

function InspectionSummary({
  inspection,
  onCorrect,
}: {
  inspection: InspectionResult;
  onCorrect: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card padding="md" withBorder data-testid="inspection-result">
      <Group justify="space-between" align="flex-start">
        <Stack gap="xs">
          <Group gap="xs">
            <Badge color={inspection.found ? 'red' : 'green'} size="lg" data-testid="inspection-result-found">
              {inspection.found ? t('risk.inspection.found') : t('risk.inspection.notFound')}
            </Badge>
            {inspection.critical ? (
              <Badge color="red" variant="outline" size="lg">
                {t('risk.inspection.criticalBadge')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm">
            {t('risk.inspection.dutyRecovered')}:{' '}
            <span className="tabular-nums">{format.number(inspection.dutyRecovered)}</span>
          </Text>
          {inspection.notes ? (
            <Text size="sm" data-testid="inspection-result-notes">
              {inspection.notes}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('risk.inspection.recordedAt', {
              at: format.dateTime(inspection.recordedAt),
              version: inspection.version,
            })}
          </Text>
        </Stack>
        <IconButton icon="refresh" variant="default" onClick={onCorrect}>
          {t('risk.inspection.correct')}
        </IconButton>
      </Group>
      {inspection.findings.length > 0 ? (
        <Table mt="sm" withTableBorder data-testid="inspection-result-findings">
          <FindingsHead />
          <Table.Tbody>
            {inspection.findings.map((finding) => (
              <Table.Tr key={finding.agency}>
                <Table.Td>{finding.agency}</Table.Td>
                <Table.Td>{finding.found ? t('risk.items.yes') : t('risk.items.no')}</Table.Td>
                <Table.Td>{finding.critical ? t('risk.items.yes') : t('risk.items.no')}</Table.Td>
                <Table.Td>{finding.officer}</Table.Td>
                <Table.Td>{finding.notes ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Card>
  );
}
