import { ADMINS, PUBLIC, SIGNED_IN } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { AppError, validationError } from '../../platform/errors';
import { routesFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  consentBodySchema,
  consistencyProofSchema,
  consistencyQuerySchema,
  didDocumentSchema,
  inclusionProofSchema,
  inclusionQuerySchema,
  jwksSchema,
  keyRotationSchema,
  logCheckpointSchema,
  logEntriesQuerySchema,
  logLeafListSchema,
  operatorParamsSchema,
  registerConsentSchema,
  registerQuerySchema,
  registerSearchResultSchema,
  signingKeyListSchema,
  statusListResponse,
  statusPurposeParamsSchema,
  trustListSchema,
  verifyBodySchema,
  verifyResponseSchema,
} from './trust.schemas';
import { FixedWindowRateLimiter } from './verify-rate-limiter';

const PDF_UPLOAD_LIMIT_BYTES = 5 * 1_048_576;
const KEY_DOCUMENT_MAX_AGE_SECONDS = 300;
const STATUS_LIST_MAX_AGE_SECONDS = 300;

/** Lets any cache keep the answer `read` gives for `seconds`. */
function publiclyCached<Body>(
  reply: { header(name: string, value: string): unknown },
  seconds: number,
  read: () => Promise<Body>,
): Promise<Body> {
  reply.header('cache-control', `public, max-age=${seconds}`);
  return read();
}

export function registerTrustRoutes(app: ZodApp, services: Services, config: Config): void {
  const trust = services.trust;
  const trustRoute = routesFor(app, 'trust');
  const logRoute = routesFor(app, 'transparency log');
  const registerRoute = routesFor(app, 'register');

  // ----- keys and identity (public) -----------------------------------------------------------------------------

  trustRoute.get(
    '/.well-known/jwks.json',
    {
      access: PUBLIC,
      summary: 'Certificate signing keys, active and retired',
      response: { 200: jwksSchema },
    },
    async (_request, reply) => publiclyCached(reply, KEY_DOCUMENT_MAX_AGE_SECONDS, () => trust.getJwks()),
  );

  trustRoute.get(
    '/.well-known/did.json',
    {
      access: PUBLIC,
      summary: 'did:web document of the issuing administration',
      response: { 200: didDocumentSchema },
    },
    async (_request, reply) =>
      publiclyCached(reply, KEY_DOCUMENT_MAX_AGE_SECONDS, () => trust.getDidDocument()),
  );

  trustRoute.get(
    '/api/v1/trust-list',
    {
      access: PUBLIC,
      summary: 'Issuers and keys accepted here, as `openaeo verify --trust-list` reads them',
      response: { 200: trustListSchema },
    },
    async () => trust.trustListJson(),
  );

  trustRoute.get(
    '/api/v1/trust/keys',
    { access: ADMINS, summary: 'Signing keys', response: { 200: signingKeyListSchema } },
    async () => ({ items: await trust.listKeys() }),
  );

  trustRoute.post(
    '/api/v1/trust/keys/rotate',
    {
      access: ADMINS,
      summary: 'Rotate the signing key (the old one stays published as retired)',
      response: { 200: keyRotationSchema },
    },
    async ({ context }) => trust.rotateSigningKey(context),
  );

  // ----- status lists (certificates and status changes are served under /api/v1/authorisations) ----------------

  trustRoute.get(
    '/api/v1/status-lists/:purpose',
    {
      access: PUBLIC,
      summary: 'Bitstring status list credential (vc+jwt), re-signed on every change and at least daily',
      params: statusPurposeParamsSchema,
      response: { 200: statusListResponse },
    },
    async ({ context, params }, reply) => {
      reply.type('application/vc+jwt');
      return publiclyCached(reply, STATUS_LIST_MAX_AGE_SECONDS, () =>
        trust.getStatusList(params.purpose, context.now),
      );
    },
  );

  // ----- transparency log (public) ------------------------------------------------------------------------------

  logRoute.get(
    '/api/v1/log/checkpoint',
    { access: PUBLIC, summary: 'Latest signed checkpoint', response: { 200: logCheckpointSchema } },
    async ({ context }) => trust.getCheckpoint(context.now),
  );

  logRoute.get(
    '/api/v1/log/proof/inclusion',
    {
      access: PUBLIC,
      summary: 'RFC 9162 inclusion proof of a leaf against the latest (or a given) checkpoint',
      querystring: inclusionQuerySchema,
      response: { 200: inclusionProofSchema },
    },
    async ({ query }) => trust.inclusionProof(query.leaf, query.treeSize),
  );

  logRoute.get(
    '/api/v1/log/proof/consistency',
    {
      access: PUBLIC,
      summary: 'RFC 9162 consistency proof between two checkpointed tree sizes',
      querystring: consistencyQuerySchema,
      response: { 200: consistencyProofSchema },
    },
    async ({ query }) => trust.consistencyProof(query.from, query.to),
  );

  logRoute.get(
    '/api/v1/log/entries',
    {
      access: PUBLIC,
      summary: 'Leaves (hashes and ids only)',
      querystring: logEntriesQuerySchema,
      response: { 200: logLeafListSchema },
    },
    async ({ query }) => ({ items: await trust.listLogEntries(query.from, query.limit) }),
  );

  // ----- verification (public, rate-limited) --------------------------------------------------------------------

  app.register(async (scope) => {
    const limiter = new FixedWindowRateLimiter(config.trust.verifyRateLimitPerMinute, 60_000);
    scope.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: PDF_UPLOAD_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    routesFor(scope, 'certificates').post(
      '/api/v1/verify',
      {
        access: PUBLIC,
        summary:
          'Verify a certificate: JSON { credential } with a compact JWS or QR text, or the PDF itself (Content-Type: application/pdf)',
        response: { 200: verifyResponseSchema },
      },
      async (request) => {
        limiter.hit(request.ip, request.context.now);
        if (Buffer.isBuffer(request.body)) return trust.verify(request.context.now, { pdf: request.body });
        const parsed = verifyBodySchema.safeParse(request.body);
        if (!parsed.success) {
          throw validationError(
            parsed.error.issues.map((issue) => ({
              path: ['body', ...issue.path].join('.'),
              message: issue.message,
            })),
          );
        }
        return trust.verify(request.context.now, { credential: parsed.data.credential });
      },
    );
  });

  // ----- public register ----------------------------------------------------------------------------------------

  registerRoute.get(
    '/api/v1/register',
    {
      access: PUBLIC,
      summary: 'AEOs that consented to publication, with their current status',
      querystring: registerQuerySchema,
      response: { 200: registerSearchResultSchema },
    },
    async ({ context, query }) =>
      trust.searchRegister(context.now, {
        query: query.q,
        authorisationType: query.type,
        country: query.country,
        status: query.status,
        limit: query.limit,
        offset: query.offset,
      }),
  );

  registerRoute.get(
    '/api/v1/register/consent/:operatorId',
    {
      access: SIGNED_IN,
      summary: "The operator's consent to appear in the public register",
      params: operatorParamsSchema,
      response: { 200: registerConsentSchema },
    },
    async ({ context, params }) => trust.getRegisterConsent(context, params.operatorId),
  );

  registerRoute.put(
    '/api/v1/register/consent/:operatorId',
    {
      access: SIGNED_IN,
      summary: "The operator's consent to appear in the public register (its account managers decide)",
      params: operatorParamsSchema,
      body: consentBodySchema,
      response: { 200: registerConsentSchema },
    },
    async ({ context, params, body }) => {
      if (context.principal?.kind !== 'user') throw new AppError('forbidden', 'Sign in as the operator.');
      return trust.setRegisterConsent(context, params.operatorId, body.isPublished);
    },
  );
}
