import { Alert, Badge, Button, Card, Group, List, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProgramme, useReadinessCheck } from '../api/programme.api';
import type { ReadinessStatus } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { Icon } from '../components/icons';
import { useLocalised } from '../i18n/localised';
import { PublicPageLayout } from './public-page.layout';
import { NextLink } from './registration-outcome';

const statusColors: Record<ReadinessStatus, string> = { ready: 'green', partly: 'yellow', missing: 'red' };

export function ReadinessPage() {
  const { t } = useTranslation();
  const localised = useLocalised();
  const programme = useProgramme();
  const check = useReadinessCheck();
  const [answers, setAnswers] = useState<Record<string, boolean>>({});

  const groups = useMemo(() => {
    const data = programme.data;
    if (!data) return [];
    const criterionIds = [...new Set(data.readiness.map((item) => item.criterion))];
    return criterionIds.map((criterionId) => ({
      criterionId,
      title: data.criteria.find((criterion) => criterion.id === criterionId)?.title,
      items: data.readiness.filter((item) => item.criterion === criterionId),
    }));
  }, [programme.data]);

  const total = programme.data?.readiness.length ?? 0;
  const answered = Object.keys(answers).length;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    check.mutate(answers, {
      onSuccess: () => requestAnimationFrame(() => document.getElementById('readiness-result')?.focus()),
    });
  };

  return (
    <PublicPageLayout title={t('readiness.title')} description={t('readiness.description')}>
      {programme.isPending ? <LoadingBlock /> : null}
      <ApiErrorAlert error={programme.error} />
      {programme.data ? (
        <form onSubmit={submit} data-testid="readiness-form">
          <Stack gap="lg">
            <Group justify="space-between">
              <Text size="sm" c="dimmed" id="readiness-progress">
                {t('readiness.progress', { answered, total })}
              </Text>
              <Progress
                value={total ? (answered / total) * 100 : 0}
                w={240}
                aria-labelledby="readiness-progress"
              />
            </Group>
            {groups.map((group) => (
              <Card
                key={group.criterionId}
                padding="md"
                data-testid={`readiness-criterion-${group.criterionId}`}
              >
                <Title order={2} size="h4" mb="sm">
                  {localised(group.title) || group.criterionId}
                </Title>
                <Stack gap="sm">
                  {group.items.map((item) => (
                    <Radio.Group
                      key={item.id}
                      label={localised(item.question)}
                      value={answers[item.id] === undefined ? '' : answers[item.id] ? 'yes' : 'no'}
                      onChange={(value) =>
                        setAnswers((current) => ({ ...current, [item.id]: value === 'yes' }))
                      }
                      data-testid={`readiness-item-${item.id}`}
                    >
                      <Group gap="xl" mt={4}>
                        <Radio value="yes" label={t('questionnaire.yes')} />
                        <Radio value="no" label={t('questionnaire.no')} />
                      </Group>
                    </Radio.Group>
                  ))}
                </Stack>
              </Card>
            ))}
            <ApiErrorAlert error={check.error} />
            <Group justify="flex-end">
              <Text size="sm" c="dimmed">
                {answered < total ? t('readiness.unansweredHint') : ''}
              </Text>
              <Button type="submit" size="md" loading={check.isPending} data-testid="readiness-submit">
                {t('readiness.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {check.data ? (
        <Stack
          gap="md"
          mt="xl"
          id="readiness-result"
          tabIndex={-1}
          data-testid="readiness-result"
          aria-live="polite"
        >
          <Alert
            color={statusColors[check.data.status]}
            icon={<Icon name={check.data.status === 'ready' ? 'check' : 'info'} />}
            title={t(`readiness.overall.${check.data.status}`)}
          >
            {t(`readiness.overallText.${check.data.status}`)}
          </Alert>
          {check.data.criteria.map((criterion) => (
            <Card
              key={criterion.criterionId}
              padding="md"
              data-testid="readiness-result-criterion"
              data-status={criterion.status}
            >
              <Group justify="space-between" mb={criterion.toPrepare.length > 0 ? 'xs' : 0}>
                <Text fw={600}>{localised(criterion.title)}</Text>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {t('readiness.score', { yes: criterion.yes, total: criterion.total })}
                  </Text>
                  <Badge color={statusColors[criterion.status]} variant="light">
                    {t(`readiness.status.${criterion.status}`)}
                  </Badge>
                </Group>
              </Group>
              {criterion.toPrepare.length > 0 ? (
                <>
                  <Text size="sm" fw={500}>
                    {t('readiness.toPrepare')}
                  </Text>
                  <List size="sm" spacing={4} mt={4}>
                    {criterion.toPrepare.map((item) => (
                      <List.Item key={item.itemId}>{localised(item.advice)}</List.Item>
                    ))}
                  </List>
                </>
              ) : null}
            </Card>
          ))}
          <NextLink to="/register" variant="light">
            {t('readiness.registerCta')}
          </NextLink>
        </Stack>
      ) : null}
    </PublicPageLayout>
  );
}
