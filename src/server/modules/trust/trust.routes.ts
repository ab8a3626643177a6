import { allow, PUBLIC, SIGNED_IN } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { AppError, validationError } from '../../platform/errors';
import { contentDisposition, idParamsSchema, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  consentBodySchema,
  consistencyQuerySchema,
  inclusionQuerySchema,
  logEntriesQuerySchema,
  operatorParamsSchema,
  registerQuerySchema,
  statusChangeBodySchema,
  statusPurposeParamsSchema,
  verifyBodySchema,
  verifyResponseSchema,
} from './trust.schemas';
import { FixedWindowRateLimiter } from './verify-rate-limiter';

const PDF_UPLOAD_LIMIT_BYTES = 5 * 1_048_576;
const STATUS_LIST_MAX_AGE_SECONDS = 300;

export function registerTrustRoutes(app: ZodApp, services: Services, config: Config): void {
  const trust = services.trust;

  // ----- keys and identity (public) -----------------------------------------------------------------------------

  app.get(
    '/.well-known/jwks.json',
    {
      config: { access: PUBLIC },
      schema: { tags: ['trust'], summary: 'Certificate signing keys, active and retired' },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await trust.getJwks()),
  );

  app.get(
    '/.well-known/did.json',
    {
      config: { access: PUBLIC },
      schema: { tags: ['trust'], summary: 'did:web document of the issuing administration' },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await trust.getDidDocument()),
  );

  app.get(
    '/api/v1/trust-list',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['trust'],
        summary: 'Issuers and keys accepted here, as `openaeo verify --trust-list` reads them',
      },
    },
    async () => trust.trustListJson(),
  );

  app.get(
    '/api/v1/trust/keys',
    { config: { access: allow({ roles: ['admin'] }) }, schema: { tags: ['trust'], summary: 'Signing keys' } },
    async () => ({ items: await trust.listKeys() }),
  );

  app.post(
    '/api/v1/trust/keys/rotate',
    {
      config: { access: allow({ roles: ['admin'] }) },
      schema: { tags: ['trust'], summary: 'Rotate the signing key (the old one stays published as retired)' },
    },
    async (request) => trust.rotateSigningKey(request.context),
  );

  // ----- certificates and status --------------------------------------------------------------------------------

  app.get(
    '/api/v1/authorisations/:id/certificate',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['certificates'],
        summary:
          'The signed certificate (issued on first request) with status lists and log proof: a verification bundle',
        params: idParamsSchema,
      },
    },
    async (request) => trust.getCertificate(request.context, request.params.id),
  );

  app.get(
    '/api/v1/authorisations/:id/certificate.pdf',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['certificates'],
        summary: 'The certificate as PDF (English and Russian, with QR code)',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await trust.getCertificatePdf(request.context, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/v1/authorisations/:id/status',
    {
      config: { access: allow({ roles: ['aeo_manager'] }) },
      schema: {
        tags: ['certificates'],
        summary:
          'Suspend, reinstate or revoke: status lists, log, register and trusted traders change together',
        params: idParamsSchema,
        body: statusChangeBodySchema,
      },
    },
    async (request) => trust.changeStatus(request.context, request.params.id, request.body),
  );

  app.get(
    '/api/v1/authorisations/:id/status-changes',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['certificates'],
        summary: 'Suspensions, reinstatements and revocation',
        params: idParamsSchema,
      },
    },
    async (request) => ({ items: await trust.listStatusChanges(request.context, request.params.id) }),
  );

  app.get(
    '/api/v1/status-lists/:purpose',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['trust'],
        summary: 'Bitstring status list credential (vc+jwt), re-signed on every change and at least daily',
        params: statusPurposeParamsSchema,
      },
    },
    async (request, reply) =>
      reply
        .type('application/vc+jwt')
        .header('cache-control', `public, max-age=${STATUS_LIST_MAX_AGE_SECONDS}`)
        .send(await trust.getStatusList(request.params.purpose, request.context.now)),
  );

  // ----- transparency log (public) ------------------------------------------------------------------------------

  app.get(
    '/api/v1/log/checkpoint',
    {
      config: { access: PUBLIC },
      schema: { tags: ['transparency log'], summary: 'Latest signed checkpoint' },
    },
    async (request) => trust.getCheckpoint(request.context.now),
  );

  app.get(
    '/api/v1/log/proof/inclusion',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['transparency log'],
        summary: 'RFC 9162 inclusion proof of a leaf against the latest (or a given) checkpoint',
        querystring: inclusionQuerySchema,
      },
    },
    async (request) => trust.inclusionProof(request.query.leaf, request.query.treeSize),
  );

  app.get(
    '/api/v1/log/proof/consistency',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['transparency log'],
        summary: 'RFC 9162 consistency proof between two checkpointed tree sizes',
        querystring: consistencyQuerySchema,
      },
    },
    async (request) => trust.consistencyProof(request.query.from, request.query.to),
  );

  app.get(
    '/api/v1/log/entries',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['transparency log'],
        summary: 'Leaves (hashes and ids only)',
        querystring: logEntriesQuerySchema,
      },
    },
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
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['certificates'],
          summary:
            'Verify a certificate: JSON { credential } with a compact JWS or QR text, or the PDF itself (Content-Type: application/pdf)',
          response: { 200: verifyResponseSchema },
        },
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

  app.get(
    '/api/v1/register',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['register'],
        summary: 'AEOs that consented to publication, with their current status',
        querystring: registerQuerySchema,
      },
    },
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
    { config: { access: SIGNED_IN }, schema: { tags: ['register'], params: operatorParamsSchema } },
    async (request) => trust.getRegisterConsent(request.context, request.params.operatorId),
  );

  app.put(
    '/api/v1/register/consent/:operatorId',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['register'],
        summary: "The operator's consent to appear in the public register (its account managers decide)",
        params: operatorParamsSchema,
        body: consentBodySchema,
      },
    },
    async (request) => {
      if (request.context.principal?.kind !== 'user')
        throw new AppError('forbidden', 'Sign in as the operator.');
      return trust.setRegisterConsent(request.context, request.params.operatorId, request.body.isPublished);
    },
  );
}
