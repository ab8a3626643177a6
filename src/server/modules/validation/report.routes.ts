import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import { contentDisposition, fileResponse, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
import { presentIssuedReport, presentReport } from './validation.presenters';
import {
  commentBody,
  reportBody,
  reportCommentCreatedSchema,
  reportIssuedSchema,
  reportQuery,
  reportSchema,
} from './validation.schemas';

const caseRoute = caseRouteOptions('validation');

/** The validation report: issued by customs in an internal and a shared version, commented on by both sides. */
export function registerReportRoutes(app: ZodApp, services: Services): void {
  const reports = services.validation.reports;

  app.post(
    `${CASE_PATH}/report`,
    caseRoute(CASE_STAFF, {
      summary: 'Issue the validation report (internal and shared versions)',
      body: reportBody,
      response: { 201: reportIssuedSchema },
    }),
    async (request, reply) => {
      const { application, report } = await reports.issue(request.context, request.params.id, request.body);
      return reply.code(201).send(presentIssuedReport(report, application));
    },
  );

  app.get(
    `${CASE_PATH}/report`,
    caseRoute(SIGNED_IN, {
      summary: 'The latest report; the company reads the shared version',
      querystring: reportQuery,
      response: { 200: reportSchema },
    }),
    async (request) =>
      presentReport(
        await reports.get(request.context, request.params.id, request.query.version),
        request.query.version,
      ),
  );

  app.get(
    `${CASE_PATH}/report.pdf`,
    caseRoute(SIGNED_IN, {
      summary: 'The latest report as PDF',
      querystring: reportQuery,
      response: { 200: fileResponse(['application/pdf'], 'The latest report as PDF') },
    }),
    async (request, reply) => {
      const { bytes, fileName } = await reports.pdf(
        request.context,
        request.params.id,
        request.query.version,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .send(bytes);
    },
  );

  app.post(
    `${CASE_PATH}/report/comments`,
    caseRoute(SIGNED_IN, {
      summary: 'Comment on the latest report',
      body: commentBody,
      response: { 201: reportCommentCreatedSchema },
    }),
    async (request, reply) => {
      const comment = await reports.comment(request.context, request.params.id, request.body.body);
      return reply.code(201).send({ id: comment.id, createdAt: comment.created_at.toISOString() });
    },
  );
}
