import { Badge, Group, MultiSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import {
  useCaseConsultations,
  useConsultationAddressees,
  useSendConsultation,
  type Consultation,
  type ConsultationOutcome,
} from '../api/consultations.api';
import { ApiErrorAlert } from '../components/api-error';
import { useFields } from '../components/use-fields';
import type { GetInputPropsReturnType } from '@mantine/form';
import { DataTable } from '../components/data-table';
import { QueryContent } from '../components/query-table';
import { SectionCard } from '../components/section-card';
import { useFormatters } from '../i18n/format';
import { CaseFields, CaseSubmit } from './case-form';
import type { CaseTabProps } from './validation-shared';
import { isoDayFromNow, NoneYet, ValueBadge } from './validation-shared';

/** States in which customs may consult other offices and agencies (as the server allows). */
const CONSULTATION_STATES = [
  'accepted',
  'desk_review',
  'on_site',
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
];

const OUTCOME_COLORS: Record<ConsultationOutcome, MantineColor> = {
  pending: 'blue',
  no_objection: 'green',
  objection: 'orange',
  infringement: 'red',
  unlisted_branch: 'yellow',
};

/** Pending, no objection (or no objection by silence), objection, infringement or unlisted branch. */
export function ConsultationOutcomeBadge({
  consultation,
}: {
  consultation: Pick<Consultation, 'outcome' | 'isSilence'>;
}) {
  const { t } = useTranslation();
  const { outcome, isSilence } = consultation;
  return (
    <ValueBadge
      value={outcome}
      colors={OUTCOME_COLORS}
      data-testid="consultation-outcome"
      data-outcome={outcome}
      data-silence={isSilence}
    >
      {isSilence ? t('consultation.outcome.silence') : t(`consultation.outcome.${outcome}`)}
    </ValueBadge>
  );
}

/** The office's name, or the agency's code marked as a partner agency. */
export function ConsultationAddressee({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  if (consultation.agency === null) return <>{consultation.officeName ?? consultation.addressee ?? '—'}</>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{consultation.agency}</Text>
      <Badge size="xs" variant="outline" color="lime">
        {t('consultation.agencyBadge')}
      </Badge>
    </Group>
  );
}

/** The case's consultation of other offices and partner agencies: what each answered, and the form to ask more. */
export function ConsultationTab({ workspace }: CaseTabProps) {
  const { t } = useTranslation();
  const consultations = useCaseConsultations(workspace.id);
  const canConsult = CONSULTATION_STATES.includes(workspace.status);
  return (
    <QueryContent query={consultations}>
      {(items) => (
        <Stack gap="md" data-testid="consultation-tab">
          <SectionCard title={t('consultation.list.title')}>
            <Text size="sm" c="dimmed" mb="sm">
              {t('consultation.list.help')}
            </Text>
            <ConsultationsTable items={items} />
          </SectionCard>
          {canConsult ? (
            <ConsultForm applicationId={workspace.id} ownOfficeId={workspace.officeId} />
          ) : (
            <Text size="sm" c="dimmed" data-testid="consultation-closed">
              {t('consultation.form.notNow')}
            </Text>
          )}
        </Stack>
      )}
    </QueryContent>
  );
}

function ConsultationsTable({ items }: { items: Consultation[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (items.length === 0)
    return <NoneYet testId="consultations-empty">{t('consultation.list.empty')}</NoneYet>;
  return (
    <DataTable
      rows={items}
      minWidth={720}
      striped
      data-testid="consultations"
      columns={(['addressee', 'question', 'dueDate', 'outcome', 'reply'] as const).map((column) =>
        t(`consultation.list.${column}`),
      )}
      renderRow={(item) => (
        <Table.Tr
          key={item.id}
          data-testid="consultation-row"
          data-addressee={item.addressee ?? ''}
          data-outcome={item.outcome}
        >
          <Table.Td>
            <ConsultationAddressee consultation={item} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {item.question}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{format.date(item.dueDate)}</Text>
          </Table.Td>
          <Table.Td>
            <ConsultationOutcomeBadge consultation={item} />
          </Table.Td>
          <Table.Td>
            {item.replyText ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consultation-reply-text">
                {item.replyText}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
            {item.repliedAt ? (
              <Text size="xs" c="dimmed">
                {format.dateTime(item.repliedAt)}
              </Text>
            ) : null}
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}

/** The server names a refused addressee by its index (`agencies[1]`): the messages, with the names, per list. */
function addresseeErrors(
  error: unknown,
  field: 'officeIds' | 'agencies',
  names: string[],
): string | undefined {
  if (!isApiError(error)) return undefined;
  const messages = error.fieldErrors.flatMap((fieldError) => {
    const match = new RegExp(`^(?:body\\.)?${field}(?:\\[(\\d+)\\]|\\.(\\d+))?$`).exec(fieldError.path);
    if (!match) return [];
    const index = match[1] ?? match[2];
    const name = index === undefined ? undefined : names[Number(index)];
    return [name ? `${name}: ${fieldError.message}` : fieldError.message];
  });
  return messages.length > 0 ? messages.join(' ') : undefined;
}

/** One list of addressees to consult (other offices, or partner agencies), with the server's refusals named. */
function AddresseePicker({
  list,
  field,
  options,
  names,
  nothingFound,
  inputProps,
  sendError,
}: {
  list: 'offices' | 'agencies';
  field: 'officeIds' | 'agencies';
  options: Array<{ value: string; label: string }>;
  /** What to call each chosen addressee in a refusal, in the order of the chosen values. */
  names: string[];
  nothingFound: string;
  inputProps: GetInputPropsReturnType;
  sendError: unknown;
}) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={t(`consultation.form.${list}`)}
      placeholder={t(`consultation.form.${list}Placeholder`)}
      data={options}
      {...inputProps}
      searchable
      clearable
      nothingFoundMessage={nothingFound}
      error={addresseeErrors(sendError, field, names)}
      data-testid={`consultation-${list}`}
    />
  );
}

function ConsultForm({ applicationId, ownOfficeId }: { applicationId: string; ownOfficeId: string | null }) {
  const { t } = useTranslation();
  const addressees = useConsultationAddressees();
  const send = useSendConsultation(applicationId);
  const form = useFields(
    { officeIds: [] as string[], agencies: [] as string[], question: '', dueDate: isoDayFromNow(14) },
    send.error,
  );
  const { officeIds, agencies, question, dueDate } = form.values;
  const officeOptions = (addressees.data?.offices ?? [])
    .filter((office) => office.id !== ownOfficeId)
    .map((office) => ({ value: office.id, label: `${office.name} (${office.code})` }));
  const agencyOptions = (addressees.data?.agencies ?? []).map((agency) => ({
    value: agency.code,
    label: agency.code,
  }));
  const officeLabel = (id: string) => officeOptions.find((option) => option.value === id)?.label ?? id;
  const pickers = [
    { list: 'offices', field: 'officeIds', options: officeOptions, names: officeIds.map(officeLabel) },
    { list: 'agencies', field: 'agencies', options: agencyOptions, names: agencies },
  ] as const;
  const nothingFound = { offices: t('common.nothingFound'), agencies: t('consultation.form.noAgencies') };
  const hasAddressee = officeIds.length + agencies.length > 0;
  const submit = () =>
    send.mutate(
      { officeIds, agencies, question: question.trim(), dueDate },
      { onSuccess: () => form.setValues({ officeIds: [], agencies: [], question: '' }) },
    );
  return (
    <SectionCard title={t('consultation.form.title')} data-testid="consultation-form">
      <Text size="sm" c="dimmed" mb="sm">
        {t('consultation.form.help')}
      </Text>
      {addressees.isError ? <ApiErrorAlert error={addressees.error} /> : null}
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {pickers.map((picker) => (
            <AddresseePicker
              key={picker.list}
              {...picker}
              nothingFound={nothingFound[picker.list]}
              inputProps={form.getInputProps(picker.field)}
              sendError={send.error}
            />
          ))}
        </SimpleGrid>
        <CaseFields
          testIds="consultation"
          form={form}
          fields={[
            {
              name: 'question',
              label: t('consultation.form.question'),
              description: t('consultation.form.questionHelp'),
              isRequired: true,
              minRows: 3,
            },
            {
              name: 'dueDate',
              type: 'date',
              label: t('consultation.form.dueDate'),
              description: t('consultation.form.dueDateHelp'),
              isRequired: true,
              width: 220,
              min: isoDayFromNow(1),
            },
          ]}
        />
        <CaseSubmit
          write={send}
          onClick={submit}
          isDisabled={!hasAddressee || !question.trim() || !dueDate}
          data-testid="consultation-send"
        >
          {t('consultation.form.send')}
        </CaseSubmit>
      </Stack>
    </SectionCard>
  );
}
