import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import type { ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
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

const REQUESTS = `${CASE_PATH}/information-requests`;
const caseRoute = caseRouteOptions('validation');

/** Requests for information during the examination: customs ask, the applicant replies with text and files. */
export function registerExaminationRequestRoutes(app: ZodApp, services: Services, config: Config): void {
  const requests = services.validation.informationRequests;

  app.get(
    REQUESTS,
    caseRoute(SIGNED_IN, {
      summary: "The case's requests for information, newest first (customs, or the applicant)",
      response: { 200: informationRequestListSchema },
    }),
    async (request) => ({
      items: (await requests.list(request.context, request.params.id)).map(presentInformationRequest),
    }),
  );

  app.post(
    REQUESTS,
    caseRoute(CASE_STAFF, {
      summary: 'Ask the applicant for information during the examination (one open request at a time)',
      body: informationRequestBody,
      response: { 201: informationRequestSchema },
    }),
    async (request, reply) =>
      reply
        .code(201)
        .send(
          presentInformationRequest(await requests.create(request.context, request.params.id, request.body)),
        ),
  );

  app.post(
    `${REQUESTS}/:requestId/reply`,
    caseRoute(SIGNED_IN, {
      summary: "The applicant's reply, on or before the reply date",
      params: informationRequestParams,
      body: informationRequestReplyBody,
      response: { 200: informationRequestSchema },
    }),
    async (request) =>
      presentInformationRequest(
        await requests.reply(request.context, request.params.id, request.params.requestId, request.body),
      ),
  );

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      `${REQUESTS}/:requestId/evidence`,
      {
        ...caseRoute(SIGNED_IN, {
          summary:
            'Evidence for the reply while the request is open (multipart, field "file"; PDF, PNG or JPEG)',
          params: informationRequestParams,
          response: { 201: informationRequestEvidenceSchema },
        }),
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
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
