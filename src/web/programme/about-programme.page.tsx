import { Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProgramme } from '../api/programme.api';
import type { Tier } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { DataTable } from '../components/data-table';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import { PublicPageLayout } from './public-page.layout';

export function AboutProgrammePage() {
  const { t } = useTranslation();
  const localised = useLocalised();
  const format = useFormatters();
  const programme = useProgramme();
  const data = programme.data;

  return (
    <PublicPageLayout
      title={data ? localised(data.name) : t('about.title')}
      description={data ? localised(data.description) : undefined}
      size="lg"
    >
      {programme.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />
      {data ? (
        <Stack gap="xl" data-testid="about-programme">
          {data.legalBasis.length > 0 ? (
            <section>
              <Title order={2} size="h3" mb="xs">
                {t('about.legalBasis')}
              </Title>
              <List size="sm">
                {data.legalBasis.map((basis, index) => (
                  <List.Item key={index}>{localised(basis)}</List.Item>
                ))}
              </List>
            </section>
          ) : null}

          <section>
            <Title order={2} size="h3" mb="xs">
              {t('about.types')}
            </Title>
            <Stack gap="md">
              {data.types.map((type) => (
                <Card key={type.id} padding="md">
                  <Text fw={700}>{localised(type.title)}</Text>
                  <Text size="sm" c="dimmed" mb="sm">
                    {localised(type.description)}
                  </Text>
                  <SimpleGrid cols={{ base: 1, md: Math.min(3, type.tiers.length) }}>
                    {[...type.tiers]
                      .sort((a, b) => a.rank - b.rank)
                      .map((tier) => (
                        <TierCard key={tier.id} tier={tier} />
                      ))}
                  </SimpleGrid>
                </Card>
              ))}
            </Stack>
          </section>

          <section>
            <Title order={2} size="h3" mb="xs">
              {t('about.criteria')}
            </Title>
            <DataTable
              rows={data.criteria}
              minWidth={640}
              aria-label={t('about.criteria')}
              columns={[
                { label: t('about.code'), width: 70 },
                t('about.criterion'),
                { label: t('about.source'), width: 140 },
              ]}
              renderRow={(criterion) => (
                <Table.Tr key={criterion.id}>
                  <Table.Td>{criterion.code ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {localised(criterion.title)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {localised(criterion.description)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" size="sm">
                      {t(`about.sources.${criterion.source}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              )}
            />
          </section>

          <section>
            <Title order={2} size="h3" mb="xs">
              {t('about.clocks')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t(`about.dayCount.${data.clocks.dayCount}`)}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Clock label={t('about.clock.accept')} days={data.clocks.daysToAccept} />
              <Clock label={t('about.clock.decide')} days={data.clocks.daysToDecide} />
              <Clock label={t('about.clock.extension')} days={data.clocks.extensionDays} />
              <Clock label={t('about.clock.reply')} days={data.clocks.requestForInformationReplyDays} />
              <Clock label={t('about.clock.heard')} days={data.clocks.rightToBeHeardDays} />
              <Clock label={t('about.clock.appeal')} days={data.clocks.appealDays} />
              <Clock label={t('about.clock.effect')} days={data.clocks.daysUntilEffect} />
            </SimpleGrid>
            <Text size="sm" mt="sm">
              {data.clocks.pauseWhileInformationRequested ? t('about.pauses') : t('about.noPause')}
            </Text>
          </section>

          <section>
            <Title order={2} size="h3" mb="xs">
              {t('about.variants')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {data.variants.map((variant) => (
                <Card key={variant.id} padding="md">
                  <Text fw={600}>{localised(variant.title)}</Text>
                  <Text size="sm" c="dimmed">
                    {localised(variant.description)}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
            <Text size="sm" mt="sm">
              {t('register.smeRule', {
                employees: format.number(data.sme.employeesBelow),
                turnover: format.number(data.sme.annualTurnoverAtMost),
                currency: data.sme.currency,
              })}{' '}
              {localised(data.sme.description)}
            </Text>
          </section>
        </Stack>
      ) : null}
    </PublicPageLayout>
  );
}

function Clock({ label, days }: { label: string; days: number }) {
  const { t } = useTranslation();
  return (
    <Card padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {t('about.days', { count: days })}
      </Text>
    </Card>
  );
}

function TierCard({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const { benefits } = tier;
  const flags: string[] = [];
  if (benefits.priorityTreatment) flags.push(t('about.benefit.priority'));
  if (benefits.priorNotice) flags.push(t('about.benefit.priorNotice'));
  if (benefits.documentarySimplifications) flags.push(t('about.benefit.simplifications'));
  if (benefits.mutualRecognition) flags.push(t('about.benefit.mra'));
  return (
    <Card padding="sm" bg="gray.0" data-testid="tier">
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{localised(tier.title)}</Text>
        <Badge size="sm">{t('about.rank', { rank: tier.rank })}</Badge>
      </Group>
      <List size="sm" spacing={2}>
        <List.Item>
          {t('about.benefit.inspection', { percent: Math.round((1 - benefits.inspectionRateFactor) * 100) })}
        </List.Item>
        {benefits.guaranteeReduction > 0 ? (
          <List.Item>
            {t('about.benefit.guarantee', { percent: Math.round(benefits.guaranteeReduction * 100) })}
          </List.Item>
        ) : null}
        {flags.map((flag) => (
          <List.Item key={flag}>{flag}</List.Item>
        ))}
        {benefits.described.map((item) => (
          <List.Item key={item.id}>{localised(item.title)}</List.Item>
        ))}
      </List>
    </Card>
  );
}
