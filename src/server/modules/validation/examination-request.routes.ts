import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import type { ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import { presentInformationRequest } from './examination-request.presenters';
import {
  informationRequestBody,
  informationRequestEvidenceSchema,
  informationRequestListSchema,
  informationRequestParams,
  informationRequestReplyBody,
  informationRequestSchema,
  type InformationRequestEvidenceDto,
} from './examination-request.schemas';
import { caseParams } from './validation.schemas';

const BASE = '/api/v1/applications/:id/information-requests';
const tags = ['validation'];

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
        response: { 200: informationRequestListSchema },
      },
    },
    async (request) => ({
      items: (await requests.list(request.context, request.params.id)).map(presentInformationRequest),
    }),
  );

  app.post(
    BASE,
    {
      config: { access: CASE_STAFF },
      schema: {
        tags,
        summary: 'Ask the applicant for information during the examination (one open request at a time)',
        params: caseParams,
        body: informationRequestBody,
        response: { 201: informationRequestSchema },
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
        params: informationRequestParams,
        body: informationRequestReplyBody,
        response: { 200: informationRequestSchema },
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
          params: informationRequestParams,
          response: { 201: informationRequestEvidenceSchema },
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
        const evidence: InformationRequestEvidenceDto = {
          id: row.id,
          fileName: row.file_name,
          mediaType: row.media_type,
          size: row.size_bytes,
          checksum: row.sha256,
        };
        return reply.code(201).send(evidence);
      },
    );
  });
}
