import { z } from 'zod';
import { PUBLIC, SIGNED_IN, allow } from '../../platform/access-control';
import { CASE_ROLES } from './case-scope';
import type { Config } from '../../platform/config';
import { contentDisposition, idParamsSchema, readIfMatch, type ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import { OPERATOR_ROLES, isSme, variantSchema } from '../programme';
import { registrationRequestedSchema } from '../organisations/organisations.schemas';
import type { ApplicationRow } from './applications.repository';

const CUSTOMS = allow({ roles: CASE_ROLES });

function presentApplication(row: ApplicationRow & { operator_name?: string }) {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    operatorId: row.operator_id,
    operatorName: row.operator_name ?? null,
    programmeVersionId: row.programme_version_id,
    authorisationType: row.authorisation_type,
    variant: row.variant,
    isSme: row.is_sme,
    officeId: row.office_id,
    assignedValidatorId: row.assigned_validator_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    acceptanceDue: row.acceptance_due,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    decisionDue: row.decision_due,
    informationDue: row.information_due,
    pausedSince: row.paused_since,
    pausedDays: row.paused_days,
    closedAt: row.closed_at?.toISOString() ?? null,
    closingReason: row.closing_reason,
  };
}

const registrationSchema = z.object({
  legalName: z.string().trim().min(2).max(300),
  taxpayerId: z.string().trim().min(3).max(50),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code.'),
  address: z.string().trim().min(5).max(500),
  roles: z.array(z.enum(OPERATOR_ROLES)).min(1),
  employees: z.number().int().min(0).max(10_000_000),
  annualTurnover: z.number().min(0).max(1e15),
  user: z.object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
    language: z.enum(['en', 'ru']).optional(),
  }),
});

export function registerApplicationsRoutes(app: ZodApp, services: Services, config: Config): void {
  const applications = services.applications;

  app.post(
    '/api/v1/operators',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['applications'],
        summary:
          'Register an economic operator and its first user: e-mails a confirmation link (the same answer whether or not the e-mail has an account)',
        body: registrationSchema,
        response: { 202: registrationRequestedSchema },
      },
    },
    async (request, reply) => {
      const requested = await services.organisations.requestRegistration(request.context, request.body);
      const programme = await services.programme.getActive();
      const sme = isSme(programme.definition, {
        employees: request.body.employees,
        annualTurnover: request.body.annualTurnover,
      });
      return reply
        .code(202)
        .send({ registration: { status: 'confirmation_sent' as const, ...requested, isSme: sme } });
    },
  );

  app.post(
    '/api/v1/applications',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        body: z.object({
          authorisationType: z.string().min(1).max(80),
          variant: variantSchema.optional(),
          operatorId: z.uuid().optional(),
        }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentApplication(await applications.create(request.context, request.body))),
  );

  app.get(
    '/api/v1/applications',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['applications'], querystring: z.object({ status: z.string().max(200).optional() }) },
    },
    async (request) => {
      const rows = await applications.list(request.context, {
        status: request.query.status?.split(',').filter(Boolean),
      });
      return { items: rows.map(presentApplication) };
    },
  );

  app.get(
    '/api/v1/applications/:id',
    { config: { access: SIGNED_IN }, schema: { tags: ['applications'], params: idParamsSchema } },
    async (request) => {
      const data = await applications.getCase(request.context, request.params.id);
      return {
        ...presentApplication(data.application),
        operator: {
          id: data.operator.id,
          legalName: data.operator.legal_name,
          country: data.operator.country,
          roles: data.operator.roles,
        },
        answers: Object.fromEntries(
          data.answers.map((answer) => [answer.question_id, { ...answer.answer, version: answer.version }]),
        ),
        evidence: data.evidence.map((item) => ({
          id: item.id,
          fileName: item.file_name,
          mediaType: item.media_type,
          size: item.size_bytes,
          checksum: item.sha256,
          uploadedAt: item.uploaded_at.toISOString(),
        })),
        sites: data.sites.map((site) => ({
          id: site.id,
          kind: site.kind,
          name: site.name,
          address: site.address,
          activities: site.activities,
          licence: site.licence,
        })),
        messages: data.messages.map((message) => ({
          id: message.id,
          side: message.author_side,
          kind: message.kind,
          body: message.body,
          dueDate: message.due_date,
          evidenceIds: message.evidence_ids,
          createdAt: message.created_at.toISOString(),
        })),
        completeness: data.completeness,
      };
    },
  );

  app.get(
    '/api/v1/applications/:id/timeline',
    { config: { access: SIGNED_IN }, schema: { tags: ['applications'], params: idParamsSchema } },
    async (request) => ({ items: await applications.timeline(request.context, request.params.id) }),
  );

  app.put(
    '/api/v1/applications/:id/answers/:questionId',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        summary: 'Save one answer; send If-Match with the version read to detect concurrent edits (409)',
        params: z.object({ id: z.uuid(), questionId: z.string().min(1).max(80) }),
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const ifMatch = readIfMatch(request.headers);
      const saved = await applications.saveAnswer(
        request.context,
        request.params.id,
        request.params.questionId,
        request.body,
        ifMatch,
      );
      void reply.header('etag', `"${saved.version}"`);
      return {
        questionId: saved.question_id,
        answer: saved.answer,
        version: saved.version,
        updatedAt: saved.updated_at.toISOString(),
      };
    },
  );

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      '/api/v1/applications/:id/evidence',
      {
        config: { access: SIGNED_IN },
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
        schema: {
          tags: ['applications'],
          summary: 'Upload evidence (multipart, field "file"; PDF, PNG or JPEG)',
          params: idParamsSchema,
        },
      },
      async (request, reply) => {
        const { file } = await readUpload(request, config.uploadLimitBytes);
        const row = await applications.uploadEvidence(request.context, request.params.id, file);
        return reply.code(201).send({
          id: row.id,
          fileName: row.file_name,
          mediaType: row.media_type,
          size: row.size_bytes,
          checksum: row.sha256,
        });
      },
    );
  });

  app.get(
    '/api/v1/applications/:id/evidence/:evidenceId',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['applications'], params: z.object({ id: z.uuid(), evidenceId: z.uuid() }) },
    },
    async (request, reply) => {
      const file = await applications.getEvidenceContent(
        request.context,
        request.params.id,
        request.params.evidenceId,
      );
      return reply
        .type(file.media_type)
        .header('content-disposition', contentDisposition('attachment', file.file_name))
        .header('x-checksum-sha256', file.sha256)
        .send(file.content);
    },
  );

  app.post(
    '/api/v1/applications/:id/sites',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({
          kind: z.enum(['head_office', 'branch', 'site']),
          name: z.string().trim().min(1).max(200),
          address: z.string().trim().min(3).max(500),
          activities: z.string().max(2000).optional(),
          licence: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const site = await applications.addSite(request.context, request.params.id, request.body);
      return reply.code(201).send({ id: site.id, kind: site.kind, name: site.name, address: site.address });
    },
  );

  app.delete(
    '/api/v1/applications/:id/sites/:siteId',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['applications'], params: z.object({ id: z.uuid(), siteId: z.uuid() }) },
    },
    async (request, reply) => {
      await applications.removeSite(request.context, request.params.id, request.params.siteId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/applications/:id/submit',
    { config: { access: SIGNED_IN }, schema: { tags: ['applications'], params: idParamsSchema } },
    async (request) => presentApplication(await applications.submit(request.context, request.params.id)),
  );

  app.post(
    '/api/v1/applications/:id/acceptance',
    {
      config: { access: CUSTOMS },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({
          outcome: z.enum(['accepted', 'information_requested', 'not_accepted']),
          reason: z.string().max(5000).optional(),
        }),
      },
    },
    async (request) =>
      presentApplication(
        await applications.decideAcceptance(request.context, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/applications/:id/reply',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({
          body: z.string().trim().min(1).max(10_000),
          evidenceIds: z.array(z.uuid()).max(50).optional(),
        }),
      },
    },
    async (request) =>
      presentApplication(await applications.reply(request.context, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/applications/:id/withdraw',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({ reason: z.string().max(2000).optional() }).optional(),
      },
    },
    async (request) =>
      presentApplication(
        await applications.withdraw(request.context, request.params.id, request.body?.reason),
      ),
  );

  app.post(
    '/api/v1/applications/:id/expire',
    { config: { access: CUSTOMS }, schema: { tags: ['applications'], params: idParamsSchema } },
    async (request) => presentApplication(await applications.expire(request.context, request.params.id)),
  );

  app.post(
    '/api/v1/applications/:id/assignment',
    {
      config: { access: allow({ roles: ['aeo_manager', 'admin'] }) },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({ validatorId: z.uuid().nullable() }),
      },
    },
    async (request) =>
      presentApplication(
        await applications.assign(request.context, request.params.id, request.body.validatorId),
      ),
  );

  app.post(
    '/api/v1/applications/:id/messages',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['applications'],
        params: idParamsSchema,
        body: z.object({ body: z.string().trim().min(1).max(10_000) }),
      },
    },
    async (request, reply) => {
      const message = await applications.postMessage(request.context, request.params.id, request.body.body);
      return reply.code(201).send({ id: message.id, createdAt: message.created_at.toISOString() });
    },
  );
}
