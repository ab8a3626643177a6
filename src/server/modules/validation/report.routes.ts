import { CASE_STAFF, SIGNED_IN } from '../../platform/access-control';
import { contentDisposition, fileResponse } from '../../platform/http';
import type { CaseRoute } from './case-route';
import type { ReportService } from './report.service';
import { presentIssuedReport, presentReport } from './validation.presenters';
import {
  commentBody,
  reportBody,
  reportCommentCreatedSchema,
  reportIssuedSchema,
  reportQuery,
  reportSchema,
} from './validation.schemas';

/** The validation report: issued by customs in an internal and a shared version, commented on by both sides. */
export function registerReportRoutes(route: CaseRoute, reports: ReportService): void {
  route('POST', '/report', CASE_STAFF, {
    summary: 'Issue the validation report (internal and shared versions)',
    body: reportBody,
    response: { 201: reportIssuedSchema },
    run: async ({ context, params, body }) => {
      const { application, report } = await reports.issue(context, params.id, body);
      return presentIssuedReport(report, application);
    },
  });

  route('GET', '/report', SIGNED_IN, {
    summary: 'The latest report; the company reads the shared version',
    querystring: reportQuery,
    response: { 200: reportSchema },
    run: async ({ context, params, query }) =>
      presentReport(await reports.get(context, params.id, query.version), query.version),
  });

  route('GET', '/report.pdf', SIGNED_IN, {
    summary: 'The latest report as PDF',
    querystring: reportQuery,
    response: { 200: fileResponse(['application/pdf'], 'The latest report as PDF') },
    run: async ({ context, params, query }, reply) => {
      const { bytes, fileName } = await reports.pdf(context, params.id, query.version);
      reply.type('application/pdf').header('content-disposition', contentDisposition('attachment', fileName));
      return bytes;
    },
  });

  route('POST', '/report/comments', SIGNED_IN, {
    summary: 'Comment on the latest report',
    body: commentBody,
    response: { 201: reportCommentCreatedSchema },
    run: async ({ context, params, body }) => {
      const comment = await reports.comment(context, params.id, body.body);
      return { id: comment.id, createdAt: comment.created_at.toISOString() };
    },
  });
}
