import type { ApiScope, Role } from '../../src/server/platform/request-context';

/**
 * The intended access policy of every route, reviewed by hand: who of a customs administration may call what.
 * route-policies.test.ts checks that the route table equals this table exactly, so a route added, removed, widened
 * or narrowed fails until someone decides here that the change is right. Nothing is imported from the product's
 * policy constants on purpose: the table says what the policy should be, not what it is.
 *
 * `roles: 'any'` lets every signed-in user through at the edge; the service then decides by the object (an
 * operator's users their company's records, customs the cases in their office scope), answering 404 as for a
 * missing id to everyone outside. GET routes get their HEAD twin (Fastify exposes one) with the same policy.
 */

export type IntendedPolicy =
  | { kind: 'public' }
  | {
      kind: 'authenticated';
      roles: readonly Role[] | 'any';
      /** API keys with one of these scopes; none: API keys are refused. */
      scopes: readonly ApiScope[];
      /** Reachable before a required second factor is enrolled (only what enrolment itself needs). */
      allowPendingSecondFactor: boolean;
    };

const PUBLIC: IntendedPolicy = { kind: 'public' };

function users(
  roles: readonly Role[] | 'any',
  options: { scopes?: readonly ApiScope[]; allowPendingSecondFactor?: boolean } = {},
): IntendedPolicy {
  return {
    kind: 'authenticated',
    roles,
    scopes: options.scopes ?? [],
    allowPendingSecondFactor: options.allowPendingSecondFactor ?? false,
  };
}

/** Any signed-in user; the service checks the object (its owner, the case's office scope). */
const ANY_USER = users('any');
const ENROLMENT = users('any', { allowPendingSecondFactor: true });
const ADMIN = users(['admin']);
/** Customs who work on cases; a risk analyst and an agency officer are not among them. */
const CASE_WORKERS = users(['validator', 'aeo_manager', 'admin']);
/** Decision acts (four eyes in the service). */
const MANAGERS = users(['aeo_manager', 'admin']);
const ANALYSTS = users(['risk_analyst', 'admin']);
/** Risk rules and profiles: customs analysts, and partner agencies for their own agency's profiles. */
const RULE_EDITORS = users(['risk_analyst', 'agency_officer', 'admin']);

const routes: Record<string, IntendedPolicy> = {
  // API documentation and probes (plugins, public by prefix): nothing in them is confidential.
  'GET /api/docs': PUBLIC,
  'HEAD /api/docs/': PUBLIC,
  'GET /api/docs/static/index.html': PUBLIC,
  'GET /api/docs/static/swagger-initializer.js': PUBLIC,
  'GET /api/docs/json': PUBLIC,
  'GET /api/docs/yaml': PUBLIC,
  'GET /api/docs/static/*': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,

  // Session and own account: everyone signs in and out; enrolling a second factor must work before it is enrolled.
  'POST /api/v1/session': PUBLIC,
  'DELETE /api/v1/session': ENROLMENT,
  'GET /api/v1/me': ENROLMENT,
  'PATCH /api/v1/me': ANY_USER,
  'POST /api/v1/me/password': ANY_USER,
  'POST /api/v1/me/totp': ENROLMENT,
  'POST /api/v1/me/totp/confirm': ENROLMENT,
  'DELETE /api/v1/me/totp': ANY_USER,

  // Users, API keys, offices, outbox, programme versions, holidays: the administrator's configuration.
  'GET /api/v1/admin/users': ADMIN,
  'POST /api/v1/admin/users': ADMIN,
  'GET /api/v1/admin/users/:id': ADMIN,
  'PATCH /api/v1/admin/users/:id': ADMIN,
  'GET /api/v1/admin/api-keys/scopes': ADMIN,
  'GET /api/v1/admin/api-keys': ADMIN,
  'POST /api/v1/admin/api-keys': ADMIN,
  'POST /api/v1/admin/api-keys/:id/revoke': ADMIN,
  'POST /api/v1/admin/offices': ADMIN,
  'PATCH /api/v1/admin/offices/:id': ADMIN,
  'GET /api/v1/admin/outbox': ADMIN,
  'GET /api/v1/admin/programme-versions': ADMIN,
  'POST /api/v1/admin/programme-versions': ADMIN,
  'PUT /api/v1/admin/holidays/:day': ADMIN,
  'DELETE /api/v1/admin/holidays/:day': ADMIN,

  // Reference data every user may read; office codes also for single-window and partner keys.
  'GET /api/v1/offices': users('any', {
    scopes: ['register:read', 'declarations:write', 'declarations:read', 'mra:exchange'],
  }),
  'GET /api/v1/holidays': ANY_USER,
  // Whom a manager can assign a case to: case workers only.
  'GET /api/v1/validators': CASE_WORKERS,

  // The public face of the programme: the rules, a readiness self-check, self-registration and its links.
  'GET /api/v1/programme': PUBLIC,
  'GET /api/v1/programme/versions/:versionId': PUBLIC,
  'POST /api/v1/programme/readiness': PUBLIC,
  'POST /api/v1/operators': PUBLIC,
  'POST /api/v1/registrations/:token/confirm': PUBLIC,
  'POST /api/v1/invitations/:token/accept': PUBLIC,

  // A company's own file, users, representatives and change notifications: its users by right, customs read
  // (object checks in the service).
  'GET /api/v1/operators/:id': ANY_USER,
  'GET /api/v1/operators/:id/users': ANY_USER,
  'PATCH /api/v1/operators/:id/users/:userId': ANY_USER,
  'POST /api/v1/operators/:id/invitations': ANY_USER,
  'GET /api/v1/operators/:id/delegations': ANY_USER,
  'POST /api/v1/operators/:id/delegations': ANY_USER,
  'POST /api/v1/delegations/:id/revoke': ANY_USER,
  'GET /api/v1/operators/:id/change-notifications': ANY_USER,
  'POST /api/v1/operators/:id/change-notifications': ANY_USER,
  // Customs follow up every company's change notifications.
  'GET /api/v1/change-notifications': CASE_WORKERS,

  // Audit: the administrator verifies and anchors the chain; an operator's users read their own records.
  'GET /api/v1/audit/events': users(['admin', 'operator']),
  'GET /api/v1/audit/verify': ADMIN,
  'POST /api/v1/audit/checkpoints': ADMIN,

  // Notifications are their recipient's own (object check in the service).
  'GET /api/v1/notifications': ANY_USER,
  'POST /api/v1/notifications/:id/read': ANY_USER,
  'POST /api/v1/notifications/read-all': ANY_USER,

  // QUESTION: the applicant's side of a case (create, answers, evidence, sites, submit, reply, withdraw, messages)
  // lets every signed-in user through and leaves customs (403) and analysts and agencies (404) to the service;
  // `roles: ['operator']` would refuse them at the edge too. Kept at the current policy.
  'POST /api/v1/applications': ANY_USER,
  'GET /api/v1/applications': ANY_USER,
  'GET /api/v1/applications/:id': ANY_USER,
  'GET /api/v1/applications/:id/timeline': ANY_USER,
  'PUT /api/v1/applications/:id/answers/:questionId': ANY_USER,
  'POST /api/v1/applications/:id/evidence': ANY_USER,
  'GET /api/v1/applications/:id/evidence/:evidenceId': ANY_USER,
  'POST /api/v1/applications/:id/sites': ANY_USER,
  'DELETE /api/v1/applications/:id/sites/:siteId': ANY_USER,
  'POST /api/v1/applications/:id/submit': ANY_USER,
  'POST /api/v1/applications/:id/reply': ANY_USER,
  'POST /api/v1/applications/:id/withdraw': ANY_USER,
  'POST /api/v1/applications/:id/messages': ANY_USER,

  // Acceptance, expiry, the work list and assignment are customs' acts on a case; assignment is a manager's.
  'POST /api/v1/applications/:id/acceptance': CASE_WORKERS,
  'POST /api/v1/applications/:id/expire': CASE_WORKERS,
  'POST /api/v1/applications/:id/assignment': MANAGERS,
  'GET /api/v1/validation/cases': CASE_WORKERS,

  // Authorisations and certificates: the holder and customs in scope read them (object checks in the service).
  'GET /api/v1/authorisations': ANY_USER,
  'GET /api/v1/authorisations/:id': ANY_USER,
  'GET /api/v1/authorisations/:id/certificate': ANY_USER,
  'GET /api/v1/authorisations/:id/certificate.pdf': ANY_USER,
  'GET /api/v1/authorisations/:id/status-changes': ANY_USER,
  // Suspending, reinstating or revoking a status is an AEO manager's legal act, not an administrator's.
  'POST /api/v1/authorisations/:id/status': users(['aeo_manager']),

  // Desk review, risks, visit, report, improvement plan, photos: the examination is customs' work.
  'GET /api/v1/applications/:id/validation': CASE_WORKERS,
  'GET /api/v1/applications/:id/compliance-history': CASE_WORKERS,
  'POST /api/v1/applications/:id/validation/start': CASE_WORKERS,
  'PUT /api/v1/applications/:id/findings/:questionId': CASE_WORKERS,
  'PUT /api/v1/applications/:id/findings': CASE_WORKERS,
  'GET /api/v1/applications/:id/findings': CASE_WORKERS,
  'PUT /api/v1/applications/:id/review-assignments': CASE_WORKERS,
  'GET /api/v1/applications/:id/risks': CASE_WORKERS,
  'POST /api/v1/applications/:id/risks': CASE_WORKERS,
  'PATCH /api/v1/applications/:id/risks/:riskId': CASE_WORKERS,
  'DELETE /api/v1/applications/:id/risks/:riskId': CASE_WORKERS,
  'POST /api/v1/applications/:id/risks/:riskId/measures': CASE_WORKERS,
  'POST /api/v1/applications/:id/visit/slots': CASE_WORKERS,
  'PUT /api/v1/applications/:id/visit/team': CASE_WORKERS,
  'POST /api/v1/applications/:id/visit/start': CASE_WORKERS,
  'POST /api/v1/applications/:id/visit/checklist': CASE_WORKERS,
  'PATCH /api/v1/applications/:id/visit/checklist/:itemId': CASE_WORKERS,
  'POST /api/v1/applications/:id/visit/checklist/:itemId/photos': CASE_WORKERS,
  'GET /api/v1/applications/:id/visit/checklist/:itemId/photos/:photoId': CASE_WORKERS,
  'DELETE /api/v1/applications/:id/visit/checklist/:itemId/photos/:photoId': CASE_WORKERS,
  'PUT /api/v1/applications/:id/visit/minutes': CASE_WORKERS,
  'POST /api/v1/applications/:id/report': CASE_WORKERS,
  'POST /api/v1/applications/:id/improvement-plan': CASE_WORKERS,
  'POST /api/v1/applications/:id/improvement-plan/extension': CASE_WORKERS,
  'POST /api/v1/applications/:id/improvement-plan/measures/:measureId/verification': CASE_WORKERS,
  'POST /api/v1/applications/:id/improvement-plan/completion': CASE_WORKERS,
  'POST /api/v1/applications/:id/information-requests': CASE_WORKERS,
  // Extending the decision clock is a manager's call.
  'POST /api/v1/applications/:id/clock/extension': MANAGERS,

  // Both sides of a case (the applicant and customs in scope): object checks in the service.
  'GET /api/v1/applications/:id/visit': ANY_USER,
  'POST /api/v1/applications/:id/visit/choice': ANY_USER,
  'GET /api/v1/applications/:id/report': ANY_USER,
  'GET /api/v1/applications/:id/report.pdf': ANY_USER,
  'POST /api/v1/applications/:id/report/comments': ANY_USER,
  'GET /api/v1/applications/:id/improvement-plan': ANY_USER,
  'POST /api/v1/applications/:id/improvement-plan/measures/:measureId/report': ANY_USER,
  'GET /api/v1/applications/:id/information-requests': ANY_USER,
  'POST /api/v1/applications/:id/information-requests/:requestId/reply': ANY_USER,
  'POST /api/v1/applications/:id/information-requests/:requestId/evidence': ANY_USER,
  'GET /api/v1/applications/:id/intended-rejection': ANY_USER,
  'POST /api/v1/applications/:id/intended-rejection/reply': ANY_USER,
  'GET /api/v1/applications/:id/decision': ANY_USER,
  'POST /api/v1/applications/:id/appeal': ANY_USER,
  'GET /api/v1/applications/:id/appeal': ANY_USER,
  'GET /api/v1/applications/:id/documents': ANY_USER,
  'GET /api/v1/applications/:id/documents/:documentId': ANY_USER,

  // Consultations: customs consult; the consulted office or agency reads its inbox and replies.
  'GET /api/v1/applications/:id/consultations': CASE_WORKERS,
  'POST /api/v1/applications/:id/consultations': CASE_WORKERS,
  'GET /api/v1/consultations/addressees': CASE_WORKERS,
  'POST /api/v1/applications/:id/consultations/:consultationId/reply': users([
    'validator',
    'aeo_manager',
    'admin',
    'agency_officer',
  ]),
  'GET /api/v1/consultations': users(['validator', 'aeo_manager', 'admin', 'agency_officer']),
  'GET /api/v1/consultations/:consultationId': users(['validator', 'aeo_manager', 'admin', 'agency_officer']),

  // Sign-off: customs (the levels' roles and four eyes in the service).
  'POST /api/v1/applications/:id/sign-off/request': CASE_WORKERS,
  'POST /api/v1/applications/:id/sign-off': CASE_WORKERS,
  // QUESTION: the decision acts let an administrator (a system role) grant, reject, give notice of rejection and
  // review an appeal, while suspending or revoking a status is for AEO managers only; separation of duties would
  // keep these to `aeo_manager`. Kept at the current policy.
  'POST /api/v1/applications/:id/intended-rejection': MANAGERS,
  'POST /api/v1/applications/:id/decision/grant': MANAGERS,
  'POST /api/v1/applications/:id/decision/rejection': MANAGERS,
  'POST /api/v1/applications/:id/appeal/review': MANAGERS,

  // Declarations: the single window submits (a risk analyst by hand); customs and agencies read; inspectors report.
  'POST /api/v1/declarations': users(['risk_analyst', 'admin'], { scopes: ['declarations:write'] }),
  'GET /api/v1/declarations': users(['risk_analyst', 'agency_officer', 'validator', 'aeo_manager', 'admin'], {
    scopes: ['declarations:read', 'declarations:write'],
  }),
  'GET /api/v1/declarations/:id': users(
    ['risk_analyst', 'agency_officer', 'validator', 'aeo_manager', 'admin'],
    {
      scopes: ['declarations:read', 'declarations:write'],
    },
  ),
  'POST /api/v1/declarations/:id/inspection-result': users(['risk_analyst', 'agency_officer', 'admin'], {
    scopes: ['inspections:write'],
  }),

  // Risk profiles and rules: analysts, and agency officers for their agency's (owner checks in the service).
  'GET /api/v1/risk/profiles': RULE_EDITORS,
  'POST /api/v1/risk/profiles': RULE_EDITORS,
  'PUT /api/v1/risk/profiles/:profileId': RULE_EDITORS,
  'POST /api/v1/risk/profiles/:profileId/rules': RULE_EDITORS,
  'GET /api/v1/risk/rules/:id': RULE_EDITORS,
  'GET /api/v1/risk/rules/:id/history': RULE_EDITORS,
  'PUT /api/v1/risk/rules/:id': RULE_EDITORS,
  'DELETE /api/v1/risk/rules/:id': RULE_EDITORS,

  // Inspection budgets, trusted-trader list upkeep and models: customs' risk analysts.
  'GET /api/v1/risk/budgets': ANALYSTS,
  'PUT /api/v1/risk/budgets/:office': ANALYSTS,
  'DELETE /api/v1/risk/budgets/:office': ANALYSTS,
  'PUT /api/v1/risk/trusted-traders/:partyId': ANALYSTS,
  'DELETE /api/v1/risk/trusted-traders/:partyId': ANALYSTS,
  'POST /api/v1/risk/trusted-traders/import': ANALYSTS,
  'GET /api/v1/risk/models': ANALYSTS,
  'POST /api/v1/risk/models': ANALYSTS,
  'GET /api/v1/risk/models/drift': ANALYSTS,
  'POST /api/v1/risk/models/rollback': ANALYSTS,
  'GET /api/v1/risk/models/:id': ANALYSTS,
  'GET /api/v1/risk/models/:id/comparison': ANALYSTS,
  'POST /api/v1/risk/models/:id/activate': ANALYSTS,
  // The trusted-trader list is read by customs and agencies, and by register keys.
  'GET /api/v1/risk/trusted-traders': users(
    ['risk_analyst', 'agency_officer', 'validator', 'aeo_manager', 'admin'],
    { scopes: ['register:read'] },
  ),
  'GET /api/v1/risk/trusted-traders/:partyId': users(
    ['risk_analyst', 'agency_officer', 'validator', 'aeo_manager', 'admin'],
    { scopes: ['register:read'] },
  ),

  // Trust: anyone verifies a certificate against the published keys, status lists and log; admins hold the keys.
  'GET /.well-known/jwks.json': PUBLIC,
  'GET /.well-known/did.json': PUBLIC,
  'GET /api/v1/trust-list': PUBLIC,
  'GET /api/v1/status-lists/:purpose': PUBLIC,
  'GET /api/v1/log/checkpoint': PUBLIC,
  'GET /api/v1/log/proof/inclusion': PUBLIC,
  'GET /api/v1/log/proof/consistency': PUBLIC,
  'GET /api/v1/log/entries': PUBLIC,
  'GET /api/v1/register': PUBLIC,
  'POST /api/v1/verify': PUBLIC,
  'GET /api/v1/trust/keys': ADMIN,
  'POST /api/v1/trust/keys/rotate': ADMIN,
  // A holder's consent to appear in the public register: its users decide (object check in the service).
  'GET /api/v1/register/consent/:operatorId': ANY_USER,
  'PUT /api/v1/register/consent/:operatorId': ANY_USER,
};

/** The table with each GET route's HEAD twin, keyed `METHOD url`. */
export const INTENDED_ROUTE_POLICIES: Readonly<Record<string, IntendedPolicy>> = Object.fromEntries(
  Object.entries(routes).flatMap(([key, policy]) =>
    key.startsWith('GET ')
      ? [
          [key, policy],
          [`HEAD ${key.slice(4)}`, policy],
        ]
      : [[key, policy]],
  ),
);
