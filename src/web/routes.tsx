import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import type { RouteObject } from 'react-router';
import { LoadingBlock } from './components/api-error';
import { RouteErrorPage } from './components/error-boundary';
import type { NavId } from './navigation';
import { AppShellLayout } from './shell/app-shell.layout';
import { NotFoundPage } from './shell/not-found.page';
import { RequireAccess } from './shell/require-access';
import { RequireAuth } from './shell/require-auth';

/** React.lazy for a module's named export (we use no default exports). */
function lazyNamed<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType };
  });
}

const LoginPage = lazyNamed(() => import('./auth/login.page'), 'LoginPage');
const AcceptInvitationPage = lazyNamed(() => import('./auth/accept-invitation.page'), 'AcceptInvitationPage');
const HomePage = lazyNamed(() => import('./home/home.page'), 'HomePage');
const NotificationsPage = lazyNamed(() => import('./notifications/notifications.page'), 'NotificationsPage');
const AccountPage = lazyNamed(() => import('./account/account.page'), 'AccountPage');
const OrganisationPage = lazyNamed(
  () => import('./organisation/organisation-page/organisation.page'),
  'OrganisationPage',
);
const OperatorAuditPage = lazyNamed(() => import('./audit/operator-audit.page'), 'OperatorAuditPage');
const UsersPage = lazyNamed(() => import('./admin/users.page'), 'UsersPage');
const ApiKeysPage = lazyNamed(() => import('./admin/api-keys.page'), 'ApiKeysPage');
const OfficesPage = lazyNamed(() => import('./admin/offices.page'), 'OfficesPage');
const AdminAuditPage = lazyNamed(() => import('./audit/admin-audit.page'), 'AdminAuditPage');
const OutboxPage = lazyNamed(() => import('./admin/outbox.page'), 'OutboxPage');
const RegisterPage = lazyNamed(() => import('./programme/register.page'), 'RegisterPage');
const ConfirmRegistrationPage = lazyNamed(
  () => import('./programme/confirm-registration.page'),
  'ConfirmRegistrationPage',
);
const ReadinessPage = lazyNamed(() => import('./programme/readiness.page'), 'ReadinessPage');
const AboutProgrammePage = lazyNamed(() => import('./programme/about-programme.page'), 'AboutProgrammePage');
const ApplicationsPage = lazyNamed(() => import('./applications/applications.page'), 'ApplicationsPage');
const QuestionnairePage = lazyNamed(() => import('./applications/questionnaire.page'), 'QuestionnairePage');
const CasePage = lazyNamed(() => import('./applications/case/case.page'), 'CasePage');
const IntakeQueuePage = lazyNamed(() => import('./applications/intake-queue.page'), 'IntakeQueuePage');
const ValidationCasesPage = lazyNamed(
  () => import('./validation/validation-cases.page'),
  'ValidationCasesPage',
);
const CaseValidationPage = lazyNamed(() => import('./validation/case-validation.page'), 'CaseValidationPage');
const ConsultationInboxPage = lazyNamed(
  () => import('./validation/consultation-inbox.page'),
  'ConsultationInboxPage',
);
const VerifyPage = lazyNamed(() => import('./certificates/verify.page'), 'VerifyPage');
const AeoRegisterPage = lazyNamed(() => import('./certificates/aeo-register.page'), 'AeoRegisterPage');
const AuthorisationsPage = lazyNamed(
  () => import('./certificates/authorisations.page'),
  'AuthorisationsPage',
);
const AuthorisationPage = lazyNamed(() => import('./certificates/authorisation.page'), 'AuthorisationPage');
const ProgrammeVersionsPage = lazyNamed(
  () => import('./admin/programme-versions.page'),
  'ProgrammeVersionsPage',
);
const HolidaysPage = lazyNamed(() => import('./admin/holidays.page'), 'HolidaysPage');
const DecisionLogPage = lazyNamed(() => import('./risk/decision-log.page'), 'DecisionLogPage');
const DeclarationPage = lazyNamed(() => import('./risk/declaration.page'), 'DeclarationPage');
const RulesPage = lazyNamed(() => import('./risk/rules.page'), 'RulesPage');
const BudgetsPage = lazyNamed(() => import('./risk/budgets.page'), 'BudgetsPage');
const ModelsPage = lazyNamed(() => import('./risk/models.page'), 'ModelsPage');
const TrustedTradersPage = lazyNamed(() => import('./risk/trusted-traders.page'), 'TrustedTradersPage');

function guarded(id: NavId, element: ReactNode): ReactNode {
  return <RequireAccess id={id}>{element}</RequireAccess>;
}

function publicPage(element: ReactNode): ReactNode {
  return <Suspense fallback={<LoadingBlock />}>{element}</Suspense>;
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: publicPage(<LoginPage />) },
      { path: '/invitations/:token', element: publicPage(<AcceptInvitationPage />) },
      { path: '/register', element: publicPage(<RegisterPage />) },
      { path: '/register/confirm/:token', element: publicPage(<ConfirmRegistrationPage />) },
      { path: '/readiness', element: publicPage(<ReadinessPage />) },
      { path: '/programme', element: publicPage(<AboutProgrammePage />) },
      { path: '/verify', element: publicPage(<VerifyPage />) },
      { path: '/aeo-register', element: publicPage(<AeoRegisterPage />) },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppShellLayout />,
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'notifications', element: <NotificationsPage /> },
              { path: 'account', element: <AccountPage /> },
              { path: 'organisation', element: guarded('organisation', <OrganisationPage />) },
              { path: 'organisation/audit', element: guarded('operator-audit', <OperatorAuditPage />) },
              { path: 'applications', element: guarded('applications', <ApplicationsPage />) },
              {
                path: 'applications/:id/questionnaire',
                element: guarded('applications', <QuestionnairePage />),
              },
              // Both sides open the case page; the server decides what each may see and do.
              { path: 'applications/:id', element: <CasePage /> },
              { path: 'authorisations', element: guarded('authorisations', <AuthorisationsPage />) },
              { path: 'authorisations/:id', element: guarded('authorisations', <AuthorisationPage />) },
              { path: 'intake', element: guarded('intake', <IntakeQueuePage />) },
              { path: 'validation', element: guarded('validation', <ValidationCasesPage />) },
              { path: 'consultations', element: guarded('consultations', <ConsultationInboxPage />) },
              {
                path: 'applications/:id/validation',
                element: guarded('validation', <CaseValidationPage />),
              },
              { path: 'risk/declarations', element: guarded('risk-declarations', <DecisionLogPage />) },
              { path: 'risk/declarations/:id', element: guarded('risk-declarations', <DeclarationPage />) },
              { path: 'risk/rules', element: guarded('risk-rules', <RulesPage />) },
              { path: 'risk/budgets', element: guarded('risk-budgets', <BudgetsPage />) },
              { path: 'risk/models', element: guarded('risk-models', <ModelsPage />) },
              {
                path: 'risk/trusted-traders',
                element: guarded('risk-trusted-traders', <TrustedTradersPage />),
              },
              { path: 'admin/programme', element: guarded('admin-programme', <ProgrammeVersionsPage />) },
              { path: 'admin/holidays', element: guarded('admin-holidays', <HolidaysPage />) },
              { path: 'admin/users', element: guarded('admin-users', <UsersPage />) },
              { path: 'admin/api-keys', element: guarded('admin-api-keys', <ApiKeysPage />) },
              { path: 'admin/offices', element: guarded('admin-offices', <OfficesPage />) },
              { path: 'admin/audit', element: guarded('admin-audit', <AdminAuditPage />) },
              { path: 'admin/outbox', element: guarded('admin-outbox', <OutboxPage />) },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
