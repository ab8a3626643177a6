import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import { readUpload } from '../../platform/uploads';
import type { CaseRoute } from './case-route';
import type { ExaminationRequestService } from './examination-request.service';
import { presentEvidence } from '../applications/applications.presenters';
import { presentInformationRequest } from './examination-request.presenters';
import {
  informationRequestBody,
  informationRequestEvidenceSchema,
  informationRequestListSchema,
  informationRequestParams,
  informationRequestReplyBody,
  informationRequestSchema,
} from './examination-request.schemas';

const REQUESTS = '/information-requests';

/** Requests for information during the examination: customs ask, the applicant replies with text and files. */
export function registerExaminationRequestRoutes(
  route: CaseRoute,
  requests: ExaminationRequestService,
  uploadLimit: number,
): void {
  route('GET', REQUESTS, SIGNED_IN, {
    summary: "The case's requests for information, newest first (customs, or the applicant)",
    response: { 200: informationRequestListSchema },
    run: async ({ context, params }) => ({
      items: (await requests.list(context, params.id)).map(presentInformationRequest),
    }),
  });

  route('POST', REQUESTS, CASE_STAFF, {
    summary: 'Ask the applicant for information during the examination (one open request at a time)',
    body: informationRequestBody,
    response: { 201: informationRequestSchema },
    run: async ({ context, params, body }) =>
      presentInformationRequest(await requests.create(context, params.id, body)),
  });

  route('POST', `${REQUESTS}/:requestId/reply`, SIGNED_IN, {
    summary: "The applicant's reply, on or before the reply date",
    params: informationRequestParams,
    body: informationRequestReplyBody,
    response: { 200: informationRequestSchema },
    run: async ({ context, params, body }) =>
      presentInformationRequest(await requests.reply(context, params.id, params.requestId, body)),
  });

  route('POST', `${REQUESTS}/:requestId/evidence`, SIGNED_IN, {
    summary: 'Evidence for the reply while the request is open (multipart, field "file"; PDF, PNG or JPEG)',
    params: informationRequestParams,
    response: { 201: informationRequestEvidenceSchema },
    uploadLimit,
    run: async (request) => {
      const { file } = await readUpload(request, uploadLimit);
      const { id, requestId } = request.params;
      return presentEvidence(await requests.uploadEvidence(request.context, id, requestId, file));
    },
  });
}
