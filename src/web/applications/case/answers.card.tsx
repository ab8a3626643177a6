import { Accordion, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationCase, Programme } from '../../api/types';
import { useLocalised } from '../../i18n/localised';
import { visibleQuestions } from '../../../programme-core/questionnaire-engine';
import { AnswerView } from '../answer-view';
import { questionnaireContext, toDefinition } from '../questionnaire.page';

export function AnswersCard({
  application,
  programme,
}: {
  application: ApplicationCase;
  programme: Programme;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const definition = useMemo(() => toDefinition(programme), [programme]);
  const answers = useMemo(() => {
    const map: Record<string, NonNullable<ApplicationCase['answers'][string]>> = {};
    for (const [id, answer] of Object.entries(application.answers)) if (answer) map[id] = answer;
    return map;
  }, [application.answers]);
  const visible = useMemo(
    () => visibleQuestions(definition, { ...questionnaireContext(application), answers }),
    [definition, application, answers],
  );
  const { completeness } = application;
  return (
    <Card padding="md" data-testid="answers">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('case.answers.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('questionnaire.progress', { answered: completeness.answered, required: completeness.required })}
        </Text>
      </Group>
      <Accordion multiple variant="separated">
        {completeness.bySection.map((section) => (
          <Accordion.Item key={section.sectionId} value={section.sectionId}>
            <Accordion.Control>
              <Group justify="space-between" pr="sm">
                <Text size="sm" fw={500}>
                  {localised(section.title)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('questionnaire.sectionProgress', {
                    answered: section.answered,
                    required: section.required,
                  })}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {visible
                  .filter((question) => question.sectionId === section.sectionId)
                  .map((question) => (
                    <Stack key={question.id} gap={2}>
                      <Text size="sm" fw={600}>
                        {localised(question.title)}
                      </Text>
                      <AnswerView
                        question={question}
                        record={answers[question.id]}
                        evidence={application.evidence}
                        currency={programme.currency}
                        applicationId={application.id}
                      />
                    </Stack>
                  ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Card>
  );
}
