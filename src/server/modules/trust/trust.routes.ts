import { ADMINS, PUBLIC, SIGNED_IN } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { AppError, validationError } from '../../platform/errors';
import { routeOptionsFor, type ZodApp } from '../../platform/http';
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
const STATUS_LIST_MAX_AGE_SECONDS = 300;

const trustRoute = routeOptionsFor('trust');
const logRoute = routeOptionsFor('transparency log');
const certificateRoute = routeOptionsFor('certificates');
const registerRoute = routeOptionsFor('register');

export function registerTrustRoutes(app: ZodApp, services: Services, config: Config): void {
  const trust = services.trust;

  // ----- keys and identity (public) -----------------------------------------------------------------------------

  app.get(
    '/.well-known/jwks.json',
    trustRoute(PUBLIC, {
      summary: 'Certificate signing keys, active and retired',
      response: { 200: jwksSchema },
    }),
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await trust.getJwks()),
  );

  app.get(
    '/.well-known/did.json',
    trustRoute(PUBLIC, {
      summary: 'did:web document of the issuing administration',
      response: { 200: didDocumentSchema },
    }),
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await trust.getDidDocument()),
  );

  app.get(
    '/api/v1/trust-list',
    trustRoute(PUBLIC, {
      summary: 'Issuers and keys accepted here, as `openaeo verify --trust-list` reads them',
      response: { 200: trustListSchema },
    }),
    async () => trust.trustListJson(),
  );

  app.get(
    '/api/v1/trust/keys',
    trustRoute(ADMINS, { summary: 'Signing keys', response: { 200: signingKeyListSchema } }),
    async () => ({ items: await trust.listKeys() }),
  );

  app.post(
    '/api/v1/trust/keys/rotate',
    trustRoute(ADMINS, {
      summary: 'Rotate the signing key (the old one stays published as retired)',
      response: { 200: keyRotationSchema },
    }),
    async (request) => trust.rotateSigningKey(request.context),
  );

  // ----- status lists (certificates and status changes are served under /api/v1/authorisations) ----------------

  app.get(
    '/api/v1/status-lists/:purpose',
    trustRoute(PUBLIC, {
      summary: 'Bitstring status list credential (vc+jwt), re-signed on every change and at least daily',
      params: statusPurposeParamsSchema,
      response: { 200: statusListResponse },
    }),
    async (request, reply) =>
      reply
        .type('application/vc+jwt')
        .header('cache-control', `public, max-age=${STATUS_LIST_MAX_AGE_SECONDS}`)
        .send(await trust.getStatusList(request.params.purpose, request.context.now)),
  );

  // ----- transparency log (public) ------------------------------------------------------------------------------

  app.get(
    '/api/v1/log/checkpoint',
    logRoute(PUBLIC, { summary: 'Latest signed checkpoint', response: { 200: logCheckpointSchema } }),
    async (request) => trust.getCheckpoint(request.context.now),
  );

  app.get(
    '/api/v1/log/proof/inclusion',
    logRoute(PUBLIC, {
      summary: 'RFC 9162 inclusion proof of a leaf against the latest (or a given) checkpoint',
      querystring: inclusionQuerySchema,
      response: { 200: inclusionProofSchema },
    }),
    async (request) => trust.inclusionProof(request.query.leaf, request.query.treeSize),
  );

  app.get(
    '/api/v1/log/proof/consistency',
    logRoute(PUBLIC, {
      summary: 'RFC 9162 consistency proof between two checkpointed tree sizes',
      querystring: consistencyQuerySchema,
      response: { 200: consistencyProofSchema },
    }),
    async (request) => trust.consistencyProof(request.query.from, request.query.to),
  );

  app.get(
    '/api/v1/log/entries',
    logRoute(PUBLIC, {
      summary: 'Leaves (hashes and ids only)',
      querystring: logEntriesQuerySchema,
      response: { 200: logLeafListSchema },
    }),
    async (request) => ({ items: await trust.listLogEntries(request.query.from, request.query.limit) }),
  );

  // ----- verification (public, rate-limited) --------------------------------------------------------------------

  app.register(async (scope) => {
    const limiter = new FixedWindowRateLimiter(config.trust.verifyRateLimitPerMinute, 60_000);
    scope.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: PDF_UPLOAD_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/verify',
      certificateRoute(PUBLIC, {
        summary:
          'Verify a certificate: JSON { credential } with a compact JWS or QR text, or the PDF itself (Content-Type: application/pdf)',
        response: { 200: verifyResponseSchema },
      }),
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

  app.get(
    '/api/v1/register',
    registerRoute(PUBLIC, {
      summary: 'AEOs that consented to publication, with their current status',
      querystring: registerQuerySchema,
      response: { 200: registerSearchResultSchema },
    }),
    async (request) =>
      trust.searchRegister(request.context.now, {
        query: request.query.q,
        authorisationType: request.query.type,
        country: request.query.country,
        status: request.query.status,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.get(
    '/api/v1/register/consent/:operatorId',
    registerRoute(SIGNED_IN, {
      summary: "The operator's consent to appear in the public register",
      params: operatorParamsSchema,
      response: { 200: registerConsentSchema },
    }),
    async (request) => trust.getRegisterConsent(request.context, request.params.operatorId),
  );

  app.put(
    '/api/v1/register/consent/:operatorId',
    registerRoute(SIGNED_IN, {
      summary: "The operator's consent to appear in the public register (its account managers decide)",
      params: operatorParamsSchema,
      body: consentBodySchema,
      response: { 200: registerConsentSchema },
    }),
    async (request) => {
      if (request.context.principal?.kind !== 'user')
        throw new AppError('forbidden', 'Sign in as the operator.');
      return trust.setRegisterConsent(request.context, request.params.operatorId, request.body.isPublished);
    },
  );
}
