import { Alert, Button, Grid, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApplicationCase } from '../../api/applications.api';
import { useProgramme } from '../../api/programme.api';
import { useCurrentUser } from '../../api/session.api';
import type { ApplicationCase, Me, Programme } from '../../api/types';
import { ApiErrorAlert, LoadingBlock } from '../../components/api-error';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { useLocalised } from '../../i18n/localised';
import { EDITABLE_STATES } from '../../../vocabulary/application-lifecycle';
import { OperatorValidationPanel, VALIDATION_STATUSES } from '../../validation/operator-validation.panel';
import { ApplicationStatusBadge } from '../application-status';
import { ScopePanel } from '../scope-panel';
import { AcceptanceCard } from './acceptance.card';
import { AnswersCard } from './answers.card';
import { AssignmentCard } from './assignment.card';
import { CaseCard } from '../../components/case-card';
import { DeadlinesCard } from './deadlines.card';
import { EvidenceCard } from './evidence.card';
import { ExpireCard } from './expire.card';
import { MessagesCard } from './messages.card';
import { TimelineCard } from './timeline.card';
import { WithdrawModal } from './withdraw.modal';

function isCustoms(user: Me): boolean {
  return user.roles.some((role) => role === 'validator' || role === 'aeo_manager' || role === 'admin');
}

export function CasePage() {
  const { id = '' } = useParams();
  const application = useApplicationCase(id);
  const programme = useProgramme(application.data?.variant, application.data?.programmeVersionId);
  if (application.isError)
    return <ApiErrorAlert error={application.error} onRetry={() => void application.refetch()} />;
  if (!application.data) return <LoadingBlock />;
  if (programme.isError)
    return <ApiErrorAlert error={programme.error} onRetry={() => void programme.refetch()} />;
  if (!programme.data) return <LoadingBlock />;
  return <CaseView application={application.data} programme={programme.data} />;
}

function CaseView({ application, programme }: { application: ApplicationCase; programme: Programme }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const user = useCurrentUser();
  const customs = isCustoms(user);
  const [withdrawing, setWithdrawing] = useState(false);

  const type = programme.types.find((candidate) => candidate.id === application.authorisationType);
  const isEditable = EDITABLE_STATES.includes(application.status);
  // What the caller may do now is the server's answer (the lifecycle, the caller's side and rights).
  const canWithdraw = !customs && application.allowedActions.includes('withdraw');

  return (
    <Stack gap="md" data-testid="case-page">
      <PageHeader
        title={t('case.title', { reference: application.reference })}
        description={t('case.subtitle', {
          operator: application.operator.legalName,
          type: localised(type?.title) || application.authorisationType,
          variant: localised(programme.variants.find((v) => v.id === application.variant)?.title),
        })}
        actions={
          <>
            <ApplicationStatusBadge status={application.status} />
            {!customs && isEditable ? (
              <Button
                component={Link}
                to={`/applications/${application.id}/questionnaire`}
                data-testid="case-open-questionnaire"
              >
                {application.status === 'draft' ? t('case.continue') : t('case.editAnswers')}
              </Button>
            ) : null}
            {customs && VALIDATION_STATUSES.includes(application.status) ? (
              <Button
                component={Link}
                to={`/applications/${application.id}/validation`}
                data-testid="case-open-validation"
              >
                {t('validation.page.open')}
              </Button>
            ) : null}
            {canWithdraw ? (
              <Button
                variant="default"
                color="red"
                onClick={() => setWithdrawing(true)}
                data-testid="withdraw-application"
              >
                {t('case.withdraw')}
              </Button>
            ) : null}
          </>
        }
      />

      {application.status === 'information_requested' && !customs ? (
        <Alert color="yellow" icon={<Icon name="alert" />} title={t('case.informationRequestedTitle')}>
          {t('case.informationRequested', { date: application.informationDue ?? '—' })}
        </Alert>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <DeadlinesCard application={application} />
            {!customs && VALIDATION_STATUSES.includes(application.status) ? (
              <OperatorValidationPanel application={application} />
            ) : null}
            {customs && application.allowedActions.includes('accept') ? (
              <AcceptanceCard application={application} />
            ) : null}
            {customs && application.status === 'information_requested' ? (
              <ExpireCard application={application} />
            ) : null}
            {user.roles.includes('aeo_manager') || user.roles.includes('admin') ? (
              <AssignmentCard application={application} />
            ) : null}
            <MessagesCard application={application} isCustoms={customs} />
            <AnswersCard application={application} programme={programme} />
            <CaseCard title={t('case.scope')}>
              <ScopePanel application={application} isEditable={false} />
            </CaseCard>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <EvidenceCard application={application} />
            <TimelineCard applicationId={application.id} />
          </Stack>
        </Grid.Col>
      </Grid>

      <WithdrawModal application={application} opened={withdrawing} onClose={() => setWithdrawing(false)} />
    </Stack>
  );
}
