import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, ChecklistPhoto, Visit } from '../api/types';
import { CHECKLIST_RESULTS } from '../api/types';
import {
  checklistPhotoUrl,
  useAddChecklistPhoto,
  useGenerateChecklist,
  useObserveItem,
  useProposeSlots,
  useRecordMinutes,
  useRemoveChecklistPhoto,
  useSetVisitTeam,
  useStartVisit,
  useVisit,
} from '../api/validation.api';
import { ApiErrorAlert } from '../components/api-error';
import { bindText } from '../components/bind';
import { useFields } from '../components/use-fields';
import { ChoiceControl } from '../components/choice-control';
import { QueryContent } from '../components/query-table';
import { SectionCard } from '../components/section-card';
import { ConfirmModal } from '../components/confirm-modal';
import { Icon } from '../components/icons';
import { useFormatters } from '../i18n/format';
import { CaseActionButton, CaseFields, CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { CaseErrorAlert, NoneYet, optionalText } from './validation-shared';
import { useOfficerDirectory } from './use-officer-directory';

export function OnSiteTab({ workspace }: CaseTabProps) {
  const visit = useVisit(workspace.id);
  return (
    <QueryContent query={visit}>{(data) => <VisitWork workspace={workspace} visit={data} />}</QueryContent>
  );
}

/** The visit once loaded: its slots, team, checklist and minutes. */
function VisitWork({ workspace, visit }: Pick<CaseTabProps, 'workspace'> & { visit: Visit }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const propose = useProposeSlots(workspace.id);
  const startVisit = useStartVisit(workspace.id);
  const generate = useGenerateChecklist(workspace.id);
  const minutes = useRecordMinutes(workspace.id);
  const slotForm = useFields({ startsAt: '', endsAt: '' }, propose.error);
  const { startsAt, endsAt } = slotForm.values;
  const [minutesText, setMinutesText] = useState<string | null>(null);
  const checklist = visit.checklist ?? [];
  const canWork = ['desk_review', 'on_site'].includes(workspace.status);
  const canPlan = ['accepted', 'desk_review', 'on_site'].includes(workspace.status);
  return (
    <Stack gap="md" data-testid="on-site">
      <SectionCard title={t('validation.visit.slots')}>
        {visit.slots.length === 0 ? (
          <NoneYet>{t('validation.visit.noSlots')}</NoneYet>
        ) : (
          visit.slots.map((slot) => (
            <Text key={slot.id} size="sm" data-testid="visit-slot" data-status={slot.status}>
              {format.dateTime(slot.startsAt)} – {format.dateTime(slot.endsAt)} ·{' '}
              {t(`validation.visit.slotStatus.${slot.status === 'chosen' ? 'chosen' : 'proposed'}`)}
            </Text>
          ))
        )}
        {['accepted', 'desk_review'].includes(workspace.status) ? (
          <Group align="flex-end" mt="sm" wrap="wrap">
            <CaseFields
              form={slotForm}
              fields={(['startsAt', 'endsAt'] as const).map((name) => ({
                name,
                type: 'datetime-local',
                label: t(`validation.visit.${name}`),
              }))}
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
        <CaseActionButton
          isAllowed={workspace.allowedActions.includes('start_on_site')}
          write={startVisit}
          mt="sm"
          onClick={() => startVisit.mutate({})}
          data-testid="visit-start"
        >
          {t('validation.visit.start')}
        </CaseActionButton>
      </SectionCard>

      <VisitTeamCard applicationId={workspace.id} team={visit.team ?? []} canEdit={canPlan} />

      <SectionCard
        title={t('validation.visit.checklist')}
        actions={
          canWork ? (
            <Button
              variant="light"
              onClick={() => generate.mutate({})}
              loading={generate.isPending}
              data-testid="checklist-generate"
            >
              {t('validation.visit.generate')}
            </Button>
          ) : null
        }
        data-testid="checklist"
      >
        <CaseErrorAlert error={generate.error} />
        {checklist.length === 0 ? (
          <NoneYet>{t('validation.visit.noChecklist')}</NoneYet>
        ) : (
          <Stack gap="md">
            {checklist.map((item) => (
              <ChecklistRow key={item.id} applicationId={workspace.id} item={item} isOpen={canWork} />
            ))}
          </Stack>
        )}
      </SectionCard>

      {workspace.status === 'on_site' || visit.minutes ? (
        <SectionCard title={t('validation.visit.minutes')}>
          <Textarea
            label={t('validation.visit.minutes')}
            autosize
            minRows={4}
            value={minutesText ?? visit.minutes ?? ''}
            readOnly={workspace.status !== 'on_site'}
            onChange={(event) => setMinutesText(event.currentTarget.value)}
          />
          {workspace.status === 'on_site' ? (
            <CaseSubmit
              write={minutes}
              mt="xs"
              isDisabled={!minutesText?.trim()}
              onClick={() => minutesText && minutes.mutate({ minutes: minutesText.trim() })}
            >
              {t('validation.visit.saveMinutes')}
            </CaseSubmit>
          ) : (
            <CaseErrorAlert error={minutes.error} />
          )}
        </SectionCard>
      ) : null}
    </Stack>
  );
}

/** One checklist item, with large controls for use on a tablet during the visit. */
/** One item of the visit's checklist; `isOpen` while the visit may still record observations and photos. */
interface ChecklistItemProps {
  applicationId: string;
  item: ChecklistItem;
  isOpen: boolean;
}

function ChecklistRow({ applicationId, item, isOpen }: ChecklistItemProps) {
  const { t } = useTranslation();
  const observe = useObserveItem(applicationId);
  const form = useFields({ result: item.result, observation: item.observation ?? '' }, observe.error);
  const { result, observation } = form.values;
  return (
    <Stack gap="xs" data-testid="checklist-item" data-result={item.result}>
      <Text fw={600}>
        {item.position + 1}. {item.title}
        {item.criterion ? (
          <Text span c="dimmed" size="sm">
            {' '}
            ({item.criterion})
          </Text>
        ) : null}
      </Text>
      <ChoiceControl
        size="lg"
        fullWidth
        disabled={!isOpen}
        value={result}
        choices={CHECKLIST_RESULTS}
        onChange={(value) => form.setFieldValue('result', value)}
        labelOf={(choice) => t(`validation.visit.result.${choice}`)}
        data-testid="checklist-result"
      />
      <CaseFields
        testIds="checklist"
        form={form}
        size="md"
        fields={[
          { name: 'observation', label: t('validation.visit.observation'), minRows: 2, readOnly: !isOpen },
        ]}
      />
      {isOpen ? (
        <CaseSubmit
          write={observe}
          size="md"
          data-testid="checklist-save"
          onClick={() =>
            observe.mutate({
              $itemId: item.id,
              result,
              ...optionalText('observation', observation),
            })
          }
        >
          {t('validation.visit.saveObservation')}
        </CaseSubmit>
      ) : (
        <CaseErrorAlert error={observe.error} />
      )}
      <ChecklistPhotos applicationId={applicationId} item={item} isOpen={isOpen} />
    </Stack>
  );
}

const THUMBNAIL_PX = 120;

/** Photos backing one item: taken with the tablet's camera (or picked from its gallery), shown as thumbnails. */
function ChecklistPhotos({ applicationId, item, isOpen }: ChecklistItemProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const add = useAddChecklistPhoto(applicationId);
  const remove = useRemoveChecklistPhoto(applicationId);
  const input = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState('');
  const [viewing, setViewing] = useState<ChecklistPhoto | null>(null);
  const [removing, setRemoving] = useState<ChecklistPhoto | null>(null);
  const photos = item.photos;
  const url = (photo: ChecklistPhoto) => checklistPhotoUrl(applicationId, item.id, photo.id);
  const upload = (file: File | undefined) => {
    if (!file) return;
    add.mutate(
      { itemId: item.id, file, ...optionalText('caption', caption) },
      { onSuccess: () => setCaption('') },
    );
  };
  return (
    <Stack gap="xs" data-testid="checklist-photos" data-count={photos.length}>
      <Text size="sm" fw={500}>
        {t('caseWork.photos.title', { count: photos.length })}
      </Text>
      {photos.length > 0 ? (
        <Group gap="sm" align="flex-start">
          {photos.map((photo) => (
            <Stack
              key={photo.id}
              gap={4}
              w={THUMBNAIL_PX}
              data-testid="checklist-photo"
              data-photo={photo.id}
            >
              <UnstyledButton
                onClick={() => setViewing(photo)}
                aria-label={t('caseWork.photos.open', { name: photo.caption || photo.fileName })}
                data-testid="checklist-photo-open"
              >
                <Image
                  src={url(photo)}
                  alt={photo.caption || photo.fileName}
                  w={THUMBNAIL_PX}
                  h={THUMBNAIL_PX}
                  fit="cover"
                  radius="sm"
                  loading="lazy"
                />
              </UnstyledButton>
              {photo.caption ? (
                <Text size="xs" lineClamp={2}>
                  {photo.caption}
                </Text>
              ) : null}
              {isOpen ? (
                // An icon (named for screen readers): a labelled button does not fit the thumbnail's width.
                <ActionIcon
                  size="xl"
                  variant="subtle"
                  color="red"
                  onClick={() => setRemoving(photo)}
                  aria-label={t('caseWork.photos.remove')}
                  title={t('caseWork.photos.remove')}
                  data-testid="checklist-photo-remove"
                >
                  <Icon name="trash" size={22} />
                </ActionIcon>
              ) : null}
            </Stack>
          ))}
        </Group>
      ) : (
        <NoneYet>{t('caseWork.photos.empty')}</NoneYet>
      )}
      {isOpen ? (
        <Group align="flex-end" wrap="wrap">
          <TextInput
            size="md"
            label={t('caseWork.photos.caption')}
            maxLength={500}
            {...bindText(caption, setCaption)}
            style={{ flex: '1 1 220px' }}
            data-testid="checklist-photo-caption"
          />
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            data-testid="checklist-photo-input"
            onChange={(event) => {
              upload(event.currentTarget.files?.[0]);
              // The same file may be picked again after an error.
              event.currentTarget.value = '';
            }}
          />
          <Button
            size="md"
            variant="light"
            leftSection={<Icon name="upload" size={18} />}
            loading={add.isPending}
            onClick={() => input.current?.click()}
            data-testid="checklist-photo-add"
          >
            {t('caseWork.photos.add')}
          </Button>
        </Group>
      ) : null}
      <CaseErrorAlert error={add.error} />
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? viewing.caption || viewing.fileName : ''}
        size="xl"
        centered
      >
        {viewing ? (
          <Stack gap="xs" data-testid="checklist-photo-view">
            <Image src={url(viewing)} alt={viewing.caption || viewing.fileName} fit="contain" mah="70vh" />
            <Text size="sm" c="dimmed">
              {t('caseWork.photos.taken', { date: format.dateTime(viewing.takenAt) })} · {viewing.fileName}
            </Text>
          </Stack>
        ) : null}
      </Modal>
      <ConfirmModal
        opened={removing !== null}
        title={t('caseWork.photos.removeTitle')}
        message={t('caseWork.photos.removeMessage', { name: removing?.caption || removing?.fileName || '' })}
        confirmLabel={t('caseWork.photos.remove')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
        onConfirm={() =>
          removing &&
          remove.mutate({ $itemId: item.id, $photoId: removing.id }, { onSuccess: () => setRemoving(null) })
        }
      />
    </Stack>
  );
}

function VisitTeamCard({
  applicationId,
  team,
  canEdit,
}: {
  applicationId: string;
  team: string[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const directory = useOfficerDirectory();
  const save = useSetVisitTeam(applicationId);
  const [selected, setSelected] = useState<string[] | null>(null);
  const value = selected ?? team;
  const isDirty =
    selected !== null && (selected.length !== team.length || selected.some((id) => !team.includes(id)));
  return (
    <SectionCard title={t('caseWork.team.title')} data-testid="visit-team">
      {team.length === 0 ? (
        <NoneYet>{t('caseWork.team.empty')}</NoneYet>
      ) : (
        <Group gap="xs">
          {team.map((userId) => (
            <Badge key={userId} size="lg" variant="light" data-testid="visit-team-member" data-user={userId}>
              {directory.name(userId)}
            </Badge>
          ))}
        </Group>
      )}
      {canEdit ? (
        <Stack gap="xs" mt="sm">
          <MultiSelect
            size="md"
            label={t('caseWork.team.pick')}
            placeholder={t('caseWork.team.placeholder')}
            data={directory.options(value)}
            value={value}
            onChange={setSelected}
            searchable
            maxValues={20}
            comboboxProps={{ withinPortal: true }}
            data-testid="visit-team-select"
          />
          <ApiErrorAlert error={directory.error} />
          <CaseSubmit
            write={save}
            size="md"
            isDisabled={!isDirty || value.length === 0}
            onClick={() => save.mutate({ userIds: value }, { onSuccess: () => setSelected(null) })}
            data-testid="visit-team-save"
          >
            {t('caseWork.team.save')}
          </CaseSubmit>
        </Stack>
      ) : null}
    </SectionCard>
  );
}
