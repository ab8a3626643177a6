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

/** Every routed page module, loaded on its first visit (each in its own chunk); the shell's are bundled. */
const PAGE_MODULES = import.meta.glob<Record<string, ComponentType | undefined>>([
  './**/*.page.tsx',
  '!./shell/**',
]);

/** `admin/api-keys` → `ApiKeysPage`: a page file's named export (we use no default exports). */
function pageExportName(file: string): string {
  const words = (file.split('/').at(-1) ?? '').split('-');
  return `${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}Page`;
}

/** The page exported by `./<file>.page.tsx`, loaded lazily; a missing file fails at start-up, not on a visit. */
function page(file: string): ReactNode {
  const load = PAGE_MODULES[`./${file}.page.tsx`];
  if (!load) throw new Error(`No page module ./${file}.page.tsx`);
  const name = pageExportName(file);
  const Page = lazy(async () => {
    const component = (await load())[name];
    if (!component) throw new Error(`./${file}.page.tsx exports no ${name}`);
    return { default: component };
  });
  return <Page />;
}

/** Pages anyone may open, signed in or not: [path, page file]. */
const PUBLIC_PAGES: readonly (readonly [path: string, file: string])[] = [
  ['/login', 'auth/login'],
  ['/invitations/:token', 'auth/accept-invitation'],
  ['/register', 'programme/register'],
  ['/register/confirm/:token', 'programme/confirm-registration'],
  ['/readiness', 'programme/readiness'],
  ['/programme', 'programme/about-programme'],
  ['/verify', 'certificates/verify'],
  ['/aeo-register', 'certificates/aeo-register'],
];

/** Signed-in pages behind a navigation entry's access rule: [path, navigation entry, page file]. */
const GUARDED_PAGES: readonly (readonly [path: string, access: NavId, file: string])[] = [
  ['organisation', 'organisation', 'organisation/organisation-page/organisation'],
  ['organisation/audit', 'operator-audit', 'audit/operator-audit'],
  ['applications', 'applications', 'applications/applications'],
  ['applications/:id/questionnaire', 'applications', 'applications/questionnaire'],
  ['authorisations', 'authorisations', 'certificates/authorisations'],
  ['authorisations/:id', 'authorisations', 'certificates/authorisation'],
  ['intake', 'intake', 'applications/intake-queue'],
  ['validation', 'validation', 'validation/validation-cases'],
  ['consultations', 'consultations', 'validation/consultation-inbox'],
  ['applications/:id/validation', 'validation', 'validation/case-validation'],
  ['risk/declarations', 'risk-declarations', 'risk/decision-log'],
  ['risk/declarations/:id', 'risk-declarations', 'risk/declaration'],
  ['risk/rules', 'risk-rules', 'risk/rules'],
  ['risk/budgets', 'risk-budgets', 'risk/budgets'],
  ['risk/models', 'risk-models', 'risk/models'],
  ['risk/trusted-traders', 'risk-trusted-traders', 'risk/trusted-traders'],
  ['admin/programme', 'admin-programme', 'admin/programme-versions'],
  ['admin/holidays', 'admin-holidays', 'admin/holidays'],
  ['admin/users', 'admin-users', 'admin/users'],
  ['admin/api-keys', 'admin-api-keys', 'admin/api-keys'],
  ['admin/offices', 'admin-offices', 'admin/offices'],
  ['admin/audit', 'admin-audit', 'audit/admin-audit'],
  ['admin/outbox', 'admin-outbox', 'admin/outbox'],
];

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      ...PUBLIC_PAGES.map(([path, file]) => ({
        path,
        element: <Suspense fallback={<LoadingBlock />}>{page(file)}</Suspense>,
      })),
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppShellLayout />,
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: page('home/home') },
              { path: 'notifications', element: page('notifications/notifications') },
              { path: 'account', element: page('account/account') },
              // Both sides open the case page; the server decides what each may see and do.
              { path: 'applications/:id', element: page('applications/case/case') },
              ...GUARDED_PAGES.map(([path, access, file]) => ({
                path,
                element: <RequireAccess id={access}>{page(file)}</RequireAccess>,
              })),
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
