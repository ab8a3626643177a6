import { Anchor, Button, Group, Modal, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApplications, useStartApplication } from '../api/applications.api';
import { isApiError } from '../api/client';
import { useProgramme } from '../api/programme.api';
import { useCurrentUser } from '../api/session.api';
import { VARIANT_IDS } from '../api/types';
import type { Application, Variant } from '../api/types';
import { ApiErrorAlert, LoadingBlock } from '../components/api-error';
import { FormActions } from '../components/form-actions';
import { Icon } from '../components/icons';
import { TablePage } from '../components/table-page';
import { useFormatters } from '../i18n/format';
import { useLocalised } from '../i18n/localised';
import {
  DeadlineText,
  LeadingApplicationCells,
  OPEN_STATUSES,
  useLeadingApplicationColumns,
} from './application-status';
import { Notice } from '../components/notice';

/** The deadline that matters now for the applicant, by status. */
function nextDeadline(
  application: Application,
): { label: 'acceptance' | 'information' | 'decision'; day: string } | null {
  if (application.status === 'submitted' && application.acceptanceDue)
    return { label: 'acceptance', day: application.acceptanceDue };
  if (application.status === 'information_requested' && application.informationDue)
    return { label: 'information', day: application.informationDue };
  if (application.status === 'accepted' && application.decisionDue)
    return { label: 'decision', day: application.decisionDue };
  return null;
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const user = useCurrentUser();
  const applications = useApplications();
  const [starting, setStarting] = useState(false);
  const leadingColumns = useLeadingApplicationColumns();

  return (
    <TablePage
      title={t('applications.title')}
      description={t('applications.description')}
      actions={
        user.operatorId ? (
          <Button
            leftSection={<Icon name="plus" />}
            onClick={() => setStarting(true)}
            data-testid="start-application"
          >
            {t('applications.start')}
          </Button>
        ) : null
      }
      query={applications}
      rows={applications.data ?? []}
      empty={
        <Stack align="center" gap="xs" py="xl" px="md">
          <Icon name="certificate" size={32} />
          <Text fw={600}>{t('applications.emptyTitle')}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={520}>
            {t('applications.empty')}
          </Text>
          <Anchor component={Link} to="/readiness" size="sm">
            {t('applications.readinessLink')}
          </Anchor>
        </Stack>
      }
      minWidth={860}
      data-testid="applications-table"
      columns={[
        ...leadingColumns,
        t('applications.columns.created'),
        t('applications.columns.nextDeadline'),
        { label: t('common.actions'), isHidden: true },
      ]}
      renderRow={(application) => {
        const deadline = nextDeadline(application);
        return (
          <Table.Tr key={application.id} data-testid="application-row" data-reference={application.reference}>
            <LeadingApplicationCells application={application} />
            <Table.Td>{format.date(application.createdAt)}</Table.Td>
            <Table.Td>
              {deadline ? (
                <Stack gap={0}>
                  <Text size="xs" c="dimmed">
                    {t(`applications.deadline.${deadline.label}`)}
                  </Text>
                  <DeadlineText day={deadline.day} />
                </Stack>
              ) : (
                '—'
              )}
            </Table.Td>
            <Table.Td>
              {application.status === 'draft' || application.status === 'information_requested' ? (
                <Button
                  component={Link}
                  to={`/applications/${application.id}/questionnaire`}
                  size="xs"
                  variant="light"
                  data-testid="continue-application"
                >
                  {t('applications.continue')}
                </Button>
              ) : (
                <Button component={Link} to={`/applications/${application.id}`} size="xs" variant="default">
                  {t('applications.open')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        );
      }}
    >
      {starting ? (
        <StartApplicationModal
          onClose={() => setStarting(false)}
          hasOpenApplication={(type) =>
            applications.data?.find(
              (a) => a.authorisationType === type && OPEN_STATUSES.includes(a.status),
            ) ?? null
          }
        />
      ) : null}
    </TablePage>
  );
}

function StartApplicationModal({
  onClose,
  hasOpenApplication,
}: {
  onClose: () => void;
  hasOpenApplication: (type: string) => Application | null;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const programme = useProgramme();
  const start = useStartApplication();
  const [type, setType] = useState<string>('');
  const [variant, setVariant] = useState<Variant | 'auto'>('auto');

  const types = programme.data?.types ?? [];
  const chosenType = type || types[0]?.id || '';
  const existing = chosenType ? hasOpenApplication(chosenType) : null;
  const conflictId =
    isApiError(start.error) &&
    start.error.code === 'conflict' &&
    typeof start.error.details === 'object' &&
    start.error.details !== null
      ? (start.error.details as { applicationId?: unknown }).applicationId
      : undefined;

  return (
    <Modal opened onClose={onClose} title={t('applications.startModal.title')} size="lg">
      {programme.isPending ? (
        <LoadingBlock />
      ) : (
        <Stack data-testid="start-application-form">
          <Radio.Group
            label={t('applications.startModal.type')}
            value={chosenType}
            onChange={setType}
            required
          >
            <Stack gap="xs" mt="xs">
              {types.map((candidate) => (
                <Radio.Card
                  key={candidate.id}
                  value={candidate.id}
                  p="sm"
                  radius="md"
                  data-testid={`type-${candidate.id}`}
                >
                  <Group wrap="nowrap" align="flex-start">
                    <Radio.Indicator />
                    <Stack gap={2}>
                      <Text fw={600} size="sm">
                        {localised(candidate.title)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {localised(candidate.description)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('applications.startModal.tiers', {
                          tiers: candidate.tiers.map((tier) => localised(tier.title)).join(', '),
                        })}
                      </Text>
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <Select
            label={t('applications.startModal.variant')}
            description={
              variant === 'auto'
                ? t('applications.startModal.variantAuto')
                : localised(programme.data?.variants.find((v) => v.id === variant)?.description)
            }
            data={[
              { value: 'auto', label: t('applications.startModal.variantAutoLabel') },
              ...VARIANT_IDS.filter((id) => programme.data?.variants.some((v) => v.id === id)).map((id) => ({
                value: id,
                label: localised(programme.data?.variants.find((v) => v.id === id)?.title),
              })),
            ]}
            value={variant}
            allowDeselect={false}
            onChange={(value) => setVariant(VARIANT_IDS.find((id) => id === value) ?? 'auto')}
            data-testid="variant-select"
          />
          {existing ? (
            <Notice tone="warning" icon="info">
              {t('applications.startModal.existing', { reference: existing.reference })}{' '}
              <Anchor component={Link} to={`/applications/${existing.id}`} size="sm">
                {t('applications.open')}
              </Anchor>
            </Notice>
          ) : null}
          <ApiErrorAlert error={start.error} />
          {typeof conflictId === 'string' ? (
            <Anchor component={Link} to={`/applications/${conflictId}`} size="sm">
              {t('applications.startModal.openExisting')}
            </Anchor>
          ) : null}
          <FormActions
            submitLabel={t('applications.startModal.confirm')}
            isPending={start.isPending}
            onCancel={onClose}
            canCancelWhilePending
            onSubmit={() =>
              start.mutate(
                { authorisationType: chosenType, ...(variant === 'auto' ? {} : { variant }) },
                { onSuccess: (created) => void navigate(`/applications/${created.id}/questionnaire`) },
              )
            }
            isSubmitDisabled={!chosenType || existing !== null}
            submitTestId="start-application-confirm"
          />
        </Stack>
      )}
    </Modal>
  );
}
