import {
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, ChecklistResult } from '../api/types';
import { CHECKLIST_RESULTS } from '../api/types';
import {
  useGenerateChecklist,
  useObserveItem,
  useProposeSlots,
  useRecordMinutes,
  useStartVisit,
  useVisit,
} from '../api/validation.api';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { useFormatters } from '../i18n/format';
import type { CaseTabProps } from './case-validation.page';
import { CaseErrorAlert } from './validation-shared';

export function OnSiteTab({ workspace }: CaseTabProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const visit = useVisit(workspace.id);
  const propose = useProposeSlots(workspace.id);
  const startVisit = useStartVisit(workspace.id);
  const generate = useGenerateChecklist(workspace.id);
  const minutes = useRecordMinutes(workspace.id);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [minutesText, setMinutesText] = useState<string | null>(null);
  if (visit.isError) return <ApiErrorAlert error={visit.error} onRetry={() => void visit.refetch()} />;
  if (!visit.data) return <LoadingBlock />;
  const checklist = visit.data.checklist ?? [];
  const canWork = ['desk_review', 'on_site'].includes(workspace.status);
  return (
    <Stack gap="md" data-testid="on-site">
      <Card padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('validation.visit.slots')}
        </Title>
        {visit.data.slots.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('validation.visit.noSlots')}
          </Text>
        ) : (
          visit.data.slots.map((slot) => (
            <Text key={slot.id} size="sm" data-testid="visit-slot" data-status={slot.status}>
              {format.dateTime(slot.startsAt)} – {format.dateTime(slot.endsAt)} ·{' '}
              {t(`validation.visit.slotStatus.${slot.status === 'chosen' ? 'chosen' : 'proposed'}`)}
            </Text>
          ))
        )}
        {['accepted', 'desk_review'].includes(workspace.status) ? (
          <Group align="flex-end" mt="sm" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={t('validation.visit.startsAt')}
              value={startsAt}
              onChange={(event) => setStartsAt(event.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              label={t('validation.visit.endsAt')}
              value={endsAt}
              onChange={(event) => setEndsAt(event.currentTarget.value)}
            />
            <Button
              variant="light"
              disabled={!startsAt || !endsAt}
              loading={propose.isPending}
              onClick={() =>
                propose.mutate({
                  slots: [
                    { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() },
                  ],
                })
              }
            >
              {t('validation.visit.propose')}
            </Button>
          </Group>
        ) : null}
        <CaseErrorAlert error={propose.error} />
        {workspace.allowedActions.includes('start_on_site') ? (
          <Group mt="sm">
            <Button
              onClick={() => startVisit.mutate({})}
              loading={startVisit.isPending}
              data-testid="visit-start"
            >
              {t('validation.visit.start')}
            </Button>
          </Group>
        ) : null}
        <CaseErrorAlert error={startVisit.error} />
      </Card>

      <Card padding="md" data-testid="checklist">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('validation.visit.checklist')}
          </Title>
          {canWork ? (
            <Button
              variant="light"
              onClick={() => generate.mutate({})}
              loading={generate.isPending}
              data-testid="checklist-generate"
            >
              {t('validation.visit.generate')}
            </Button>
          ) : null}
        </Group>
        <CaseErrorAlert error={generate.error} />
        {checklist.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('validation.visit.noChecklist')}
          </Text>
        ) : (
          <Stack gap="md">
            {checklist.map((item) => (
              <ChecklistRow key={item.id} applicationId={workspace.id} item={item} isOpen={canWork} />
            ))}
          </Stack>
        )}
      </Card>

      {workspace.status === 'on_site' || visit.data.minutes ? (
        <Card padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('validation.visit.minutes')}
          </Title>
          <Textarea
            label={t('validation.visit.minutes')}
            autosize
            minRows={4}
            value={minutesText ?? visit.data.minutes ?? ''}
            readOnly={workspace.status !== 'on_site'}
            onChange={(event) => setMinutesText(event.currentTarget.value)}
          />
          <CaseErrorAlert error={minutes.error} />
          {workspace.status === 'on_site' ? (
            <Group justify="flex-end" mt="xs">
              <Button
                disabled={!minutesText?.trim()}
                loading={minutes.isPending}
                onClick={() => minutesText && minutes.mutate({ minutes: minutesText.trim() })}
              >
                {t('validation.visit.saveMinutes')}
              </Button>
            </Group>
          ) : null}
        </Card>
      ) : null}
    </Stack>
  );
}

/** One checklist item, with large controls for use on a tablet during the visit. */
function ChecklistRow({
  applicationId,
  item,
  isOpen,
}: {
  applicationId: string;
  item: ChecklistItem;
  isOpen: boolean;
}) {
  const { t } = useTranslation();
  const observe = useObserveItem(applicationId);
  const [result, setResult] = useState<ChecklistResult>(item.result);
  const [observation, setObservation] = useState(item.observation ?? '');
  return (
    <Stack gap="xs" data-testid="checklist-item" data-result={item.result}>
      <Text fw={600}>
        {item.position}. {item.title}
        {item.criterion ? (
          <Text span c="dimmed" size="sm">
            {' '}
            ({item.criterion})
          </Text>
        ) : null}
      </Text>
      <SegmentedControl
        size="lg"
        fullWidth
        disabled={!isOpen}
        value={result}
        onChange={(value) =>
          setResult(CHECKLIST_RESULTS.find((candidate) => candidate === value) ?? 'not_checked')
        }
        data={CHECKLIST_RESULTS.map((value) => ({ value, label: t(`validation.visit.result.${value}`) }))}
        data-testid="checklist-result"
      />
      <Textarea
        size="md"
        label={t('validation.visit.observation')}
        autosize
        minRows={2}
        readOnly={!isOpen}
        value={observation}
        onChange={(event) => setObservation(event.currentTarget.value)}
        data-testid="checklist-observation"
      />
      <CaseErrorAlert error={observe.error} />
      {isOpen ? (
        <Group justify="flex-end">
          <Button
            size="md"
            loading={observe.isPending}
            data-testid="checklist-save"
            onClick={() =>
              observe.mutate({
                $itemId: item.id,
                result,
                ...(observation.trim() ? { observation: observation.trim() } : {}),
              })
            }
          >
            {t('validation.visit.saveObservation')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
