import { z } from 'zod';
import { SIGNED_IN, allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import type { Config } from '../../platform/config';
import { isoDateSchema, type ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import type { InformationRequestView } from './examination-request.service';
import { caseParams } from './validation.schemas';

const CUSTOMS = allow({ roles: CASE_ROLES });
const BASE = '/api/v1/applications/:id/information-requests';
const tags = ['validation'];

const requestBody = z.object({
  message: z.string().trim().min(1).max(10_000),
  questionIds: z.array(z.string().min(1).max(80)).max(200).optional(),
  /** Defaults to today plus the programme's reply period. */
  dueDate: isoDateSchema.optional(),
});
const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() });
const replyBody = z.object({
  text: z.string().trim().min(1).max(20_000),
  evidenceIds: z.array(z.uuid()).max(50).optional(),
});

export function presentInformationRequest(view: InformationRequestView) {
  const { row } = view;
  return {
    id: row.id,
    status: row.status,
    message: row.message,
    questions: view.questions,
    dueDate: row.due_date,
    isOverdue: view.isOverdue,
    requestedAt: row.requested_at.toISOString(),
    replyText: row.reply_text,
    evidence: view.evidence,
    repliedAt: row.replied_at?.toISOString() ?? null,
  };
}

/** Requests for information during the examination: customs ask, the applicant replies with text and files. */
export function registerExaminationRequestRoutes(app: ZodApp, services: Services, config: Config): void {
  const requests = services.validation.informationRequests;

  app.get(
    BASE,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "The case's requests for information, newest first (customs, or the applicant)",
        params: caseParams,
      },
    },
    async (request) => ({
      items: (await requests.list(request.context, request.params.id)).map(presentInformationRequest),
    }),
  );

  app.post(
    BASE,
    {
      config: { access: CUSTOMS },
      schema: {
        tags,
        summary: 'Ask the applicant for information during the examination (one open request at a time)',
        params: caseParams,
        body: requestBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentInformationRequest(await requests.create(request.context, request.params.id, request.body)),
        ),
  );

  app.post(
    `${BASE}/:requestId/reply`,
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: "The applicant's reply, on or before the reply date",
        params: requestParams,
        body: replyBody,
      },
    },
    async (request) =>
      presentInformationRequest(
        await requests.reply(request.context, request.params.id, request.params.requestId, request.body),
      ),
  );

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      `${BASE}/:requestId/evidence`,
      {
        config: { access: SIGNED_IN },
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
        schema: {
          tags,
          summary:
            'Evidence for the reply while the request is open (multipart, field "file"; PDF, PNG or JPEG)',
          params: requestParams,
        },
      },
      async (request, reply) => {
        const { file } = await readUpload(request, config.uploadLimitBytes);
        const row = await requests.uploadEvidence(
          request.context,
          request.params.id,
          request.params.requestId,
          file,
        );
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
}
