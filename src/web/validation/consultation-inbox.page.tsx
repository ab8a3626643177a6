import { Button, Card, Divider, Drawer, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  CONSULTATION_REPLY_KINDS,
  useAddressedConsultation,
  useConsultationInbox,
  useReplyToConsultation,
  type AddressedConsultation,
  type AddressedConsultationDetail,
  type ConsultationReplyKind,
} from '../api/consultations.api';
import { ApiErrorAlert, fieldError } from '../components/api-error';
import { bindText } from '../components/bind';
import { ChoiceControl } from '../components/choice-control';
import { DataTable, EmptyCard } from '../components/data-table';
import { Fact, Facts } from '../components/facts';
import { FormActions } from '../components/form-actions';
import { PageHeader } from '../components/page-header';
import { QueryContent } from '../components/query-table';
import { useFormatters } from '../i18n/format';
import { ConsultationAddressee, ConsultationOutcomeBadge } from './consultation.tab';
import { NoneYet, optionalText } from './validation-shared';
import { Notice } from '../components/notice';

/** The consultations still awaiting this office's reply, or every one it was sent. */
const INBOX_FILTERS = ['pending', 'all'] as const;

/**
 * What other offices and partner agencies are asked about AEO applications: pending first. Each opens in a drawer
 * (also from a notification's link, `?open=<id>`) with the case in a few words, its declared sites and the reply form.
 */
export function ConsultationInboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof INBOX_FILTERS)[number]>('pending');
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = searchParams.get('open');
  const inbox = useConsultationInbox(status);
  const open = (id: string | null) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (id) next.set('open', id);
        else next.delete('open');
        return next;
      },
      { replace: id === null },
    );
  return (
    <Stack gap="md">
      <PageHeader title={t('consultation.inbox.title')} description={t('consultation.inbox.description')} />
      <ChoiceControl
        w={320}
        value={status}
        choices={INBOX_FILTERS}
        onChange={setStatus}
        labelOf={(choice) => t(`consultation.inbox.${choice}`)}
        data-testid="consultation-inbox-filter"
      />
      <QueryContent query={inbox}>{(rows) => <InboxTable rows={rows} onOpen={open} />}</QueryContent>
      <Drawer
        opened={openId !== null}
        onClose={() => open(null)}
        position="right"
        size="xl"
        title={t('consultation.detail.title')}
        data-testid="consultation-drawer"
      >
        {openId ? <ConsultationDetail consultationId={openId} onReplied={() => setStatus('all')} /> : null}
      </Drawer>
    </Stack>
  );
}

/** The inbox's headings; the last column, with no heading, opens each consultation. */
const INBOX_COLUMNS = [
  'consultation.inbox.reference',
  'consultation.inbox.operator',
  'consultation.list.addressee',
  'consultation.inbox.askingOffice',
  'consultation.list.dueDate',
  'consultation.list.outcome',
] as const;

function InboxTable({ rows, onOpen }: { rows: AddressedConsultation[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (rows.length === 0)
    return <EmptyCard testId="consultation-inbox-empty">{t('consultation.inbox.empty')}</EmptyCard>;
  return (
    <Card padding={0}>
      <DataTable
        rows={rows}
        minWidth={820}
        striped
        highlightOnHover
        data-testid="consultation-inbox"
        columns={[...INBOX_COLUMNS.map((key) => t(key)), '']}
        renderRow={(row) => (
          <Table.Tr
            key={row.id}
            data-testid="consultation-inbox-row"
            data-reference={row.applicationReference}
            data-outcome={row.outcome}
          >
            <Table.Td>
              <Text size="sm" fw={600}>
                {row.applicationReference}
              </Text>
              <Text size="xs" c="dimmed">
                {row.authorisationType}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{row.operatorName}</Text>
              <Text size="xs" c="dimmed">
                {t('consultation.inbox.taxpayerId', { id: row.operatorTaxpayerId })}
              </Text>
            </Table.Td>
            <Table.Td>
              <ConsultationAddressee consultation={row} />
            </Table.Td>
            <Table.Td>{row.askingOfficeName ?? '—'}</Table.Td>
            <Table.Td>{format.date(row.dueDate)}</Table.Td>
            <Table.Td>
              <ConsultationOutcomeBadge consultation={row} />
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                onClick={() => onOpen(row.id)}
                data-testid="consultation-open"
              >
                {row.outcome === 'pending' ? t('consultation.inbox.answer') : t('consultation.inbox.view')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Card>
  );
}

function ConsultationDetail({
  consultationId,
  onReplied,
}: {
  consultationId: string;
  onReplied: () => void;
}) {
  const detail = useAddressedConsultation(consultationId);
  return (
    <QueryContent query={detail}>
      {(consultation) => <ConsultationDetailView consultation={consultation} onReplied={onReplied} />}
    </QueryContent>
  );
}

/** One consultation opened from the inbox, and what to do once the reply is sent. */
interface OpenConsultationProps {
  consultation: AddressedConsultationDetail;
  onReplied: () => void;
}

function ConsultationDetailView({ consultation, onReplied }: OpenConsultationProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack gap="md" data-testid="consultation-detail" data-outcome={consultation.outcome}>
      <Facts>
        <Fact label={t('consultation.inbox.reference')}>{consultation.applicationReference}</Fact>
        <Fact label={t('consultation.detail.type')}>{consultation.authorisationType}</Fact>
        <Fact label={t('consultation.inbox.operator')}>{consultation.operatorName}</Fact>
        <Fact label={t('consultation.detail.taxpayerId')}>{consultation.operatorTaxpayerId}</Fact>
        <Fact label={t('consultation.inbox.askingOffice')}>{consultation.askingOfficeName ?? '—'}</Fact>
        <Fact label={t('consultation.list.addressee')}>
          <ConsultationAddressee consultation={consultation} />
        </Fact>
        <Fact label={t('consultation.detail.requestedAt')}>{format.dateTime(consultation.requestedAt)}</Fact>
        <Fact label={t('consultation.list.dueDate')}>{format.date(consultation.dueDate)}</Fact>
      </Facts>
      <Fact label={t('consultation.list.question')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consultation-question-text">
          {consultation.question}
        </Text>
      </Fact>
      <Divider />
      <Title order={3} size="h5">
        {t('consultation.detail.sites')}
      </Title>
      {consultation.sites.length === 0 ? (
        <NoneYet>{t('consultation.detail.noSites')}</NoneYet>
      ) : (
        <DataTable
          minWidth={480}
          data-testid="consultation-sites"
          columns={(['siteName', 'siteKind', 'siteAddress'] as const).map((column) =>
            t(`consultation.detail.${column}`),
          )}
          rows={consultation.sites}
          renderRow={(site) => (
            <Table.Tr key={site.id} data-testid="consultation-site">
              <Table.Td>
                <Text size="sm">{site.name}</Text>
                {site.activities ? (
                  <Text size="xs" c="dimmed">
                    {site.activities}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{t(`consultation.siteKinds.${site.kind}`)}</Table.Td>
              <Table.Td>{site.address}</Table.Td>
            </Table.Tr>
          )}
        />
      )}
      <Divider />
      {consultation.outcome === 'pending' && !consultation.canReply ? (
        <Text size="sm" c="dimmed" data-testid="consultation-not-addressee">
          {t('consultation.inbox.notAddressee')}
        </Text>
      ) : consultation.outcome === 'pending' ? (
        <ReplyForm consultation={consultation} onReplied={onReplied} />
      ) : (
        <Stack gap="xs" data-testid="consultation-answered">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('consultation.detail.answer')}
            </Text>
            <ConsultationOutcomeBadge consultation={consultation} />
          </Group>
          {consultation.replyText ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {consultation.replyText}
            </Text>
          ) : null}
          {consultation.isSilence ? (
            <Text size="sm" c="dimmed">
              {t('consultation.detail.silenceHelp')}
            </Text>
          ) : null}
          {consultation.repliedAt ? (
            <Text size="xs" c="dimmed">
              {t('consultation.detail.repliedAt', { date: format.dateTime(consultation.repliedAt) })}
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

function ReplyForm({ consultation, onReplied }: OpenConsultationProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const reply = useReplyToConsultation();
  const [kind, setKind] = useState<ConsultationReplyKind>('no_objection');
  const [text, setText] = useState('');
  const isTextRequired = kind !== 'no_objection';
  const submit = () =>
    reply.mutate(
      {
        applicationId: consultation.applicationId,
        consultationId: consultation.id,
        kind,
        ...optionalText('text', text),
      },
      { onSuccess: onReplied },
    );
  return (
    <Stack gap="sm" data-testid="consultation-reply-form">
      <Title order={3} size="h5">
        {t('consultation.reply.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('consultation.reply.help', { date: format.date(consultation.dueDate) })}
      </Text>
      <ChoiceControl
        fullWidth
        orientation="vertical"
        value={kind}
        choices={CONSULTATION_REPLY_KINDS}
        onChange={setKind}
        labelOf={(choice) => t(`consultation.outcome.${choice}`)}
        data-testid="consultation-reply-kind"
      />
      <Textarea
        label={isTextRequired ? t('consultation.reply.text') : t('consultation.reply.textOptional')}
        description={isTextRequired ? t(`consultation.reply.textHelp.${kind}`) : undefined}
        required={isTextRequired}
        autosize
        minRows={4}
        {...bindText(text, setText)}
        error={fieldError(reply.error, 'text')}
        data-testid="consultation-reply-input"
      />
      <ApiErrorAlert error={reply.error} />
      {reply.isSuccess ? (
        <Notice tone="success" icon={null} variant="light" data-testid="consultation-reply-sent">
          {t('consultation.reply.sent')}
        </Notice>
      ) : null}
      <FormActions
        submitLabel={t('consultation.reply.submit')}
        isPending={reply.isPending}
        onSubmit={submit}
        isSubmitDisabled={isTextRequired && !text.trim()}
        submitTestId="consultation-reply-submit"
      />
    </Stack>
  );
}
