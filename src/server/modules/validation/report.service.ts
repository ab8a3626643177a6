import { sha256Hex } from '../../platform/crypto';
import type { Trx } from '../../platform/database';
import { conflict, notFound } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import { visibleQuestions, today } from '../../../programme-core';
import type { ApplicationRow } from '../applications/applications.service';
import { requireUserId } from '../../platform/access-control';
import { CaseService, type ValidationDeps } from './case-service';
import { consultationOutcome } from './consultation.engine';
import type { DeskReviewService } from './desk-review.service';
import { renderPdf } from './pdf-document';
import { buildReports, type ReportContent } from './report.engine';
import type { LetterKind } from './letter-templates';
import { DEFAULT_APPEAL_ROUTE, reapplicationText, renderLetter } from './letter-templates';
import type { Language } from '../notifications/notification-templates';

export type ReportVersion = 'internal' | 'shared';

/** The validation report (internal and shared), its PDF and the company's comments; the case's letters. */
export class ReportService extends CaseService {
  constructor(
    deps: ValidationDeps,
    private readonly deskReview: DeskReviewService,
  ) {
    super(deps);
  }

  async issue(
    context: RequestContext,
    id: string,
    input: { recommendation: 'grant' | 'reject' | 'improve' },
  ) {
    const access = await this.authorizeCustomsFor(context, id, 'issue_report');
    const content = await this.compose(access.application, input.recommendation, context.now);
    return this.db.transaction().execute(async (trx) => {
      const previous = await this.repository.listReports(trx, id);
      const updated = await this.applications.transition(trx, context, access, 'issue_report', () => ({}), {
        recommendation: input.recommendation,
        reportNumber: previous.length + 1,
      });
      const report = await this.repository.insertReport(trx, {
        application_id: id,
        number: previous.length + 1,
        internal_content: JSON.stringify(content.internal),
        shared_content: JSON.stringify(content.shared),
        recommendation: input.recommendation,
        issued_by: requireUserId(context),
        issued_at: context.now,
      });
      await this.applications.notifyApplicant(trx, context.now, updated, 'validation.report_issued');
      return { application: updated, report };
    });
  }

  private async compose(
    application: ApplicationRow,
    recommendation: 'grant' | 'reject' | 'improve',
    now: Date,
  ) {
    const { data, findings, summary } = await this.deskReview.summarise(application);
    const [risks, checklist, photos, visit, consultations] = await Promise.all([
      this.repository.listRisks(this.db, application.id),
      this.repository.listChecklist(this.db, application.id),
      this.repository.listChecklistPhotos(this.db, application.id),
      this.repository.findVisit(this.db, application.id),
      this.repository.listConsultations(this.db, application.id),
    ]);
    const measures = await this.repository.listRiskMeasures(
      this.db,
      risks.map((risk) => risk.id),
    );
    const titles = new Map(
      visibleQuestions(data.definition, { ...data.questionnaire, answers: data.answers }).map((q) => [
        q.id,
        q.title.en,
      ]),
    );
    const day = today(now);
    return buildReports({
      reference: application.reference,
      operatorName: data.operatorName,
      authorisationType: application.authorisation_type,
      issuedOn: day,
      recommendation,
      criterionTitles: Object.fromEntries(data.definition.criteria.map((c) => [c.id, c.title])),
      summary,
      findings: findings.map((row) => ({
        questionId: row.question_id,
        questionTitle: titles.get(row.question_id) ?? row.question_id,
        finding: row.finding,
        note: row.note,
        visibility: row.visibility,
      })),
      risks: risks.map((risk) => ({
        title: risk.title,
        criterion: risk.criterion,
        likelihood: risk.likelihood,
        impact: risk.impact,
        controls: risk.controls,
        controlEffectiveness: risk.control_effectiveness,
        measures: measures
          .filter((m) => m.risk_entry_id === risk.id)
          .map((m) => ({ description: m.description, dueDate: m.due_date })),
      })),
      checklist: checklist.map((item) => ({
        title: item.title,
        result: item.result,
        observation: item.observation,
        photos: photos.filter((photo) => photo.checklist_item_id === item.id).length,
      })),
      minutes: visit?.minutes ?? null,
      consultations: consultations.map((c) => ({
        officeName: c.office_name,
        ...consultationOutcome(c, day),
        text: c.reply_text,
      })),
    });
  }

  /** The latest report: customs read either version, the applicant only the shared one. */
  async get(context: RequestContext, id: string, version: ReportVersion) {
    const access = await this.applications.authorizeEitherSide(context, id);
    if (access.side !== 'customs' && version === 'internal') throw notFound('Report');
    const reports = await this.repository.listReports(this.db, id);
    const latest = reports[0];
    if (!latest) throw notFound('Report');
    const comments = await this.repository.listReportComments(this.db, [latest.id]);
    const content = (version === 'internal'
      ? latest.internal_content
      : latest.shared_content) as unknown as ReportContent;
    return { application: access.application, report: latest, content, comments };
  }

  async pdf(context: RequestContext, id: string, version: ReportVersion) {
    const { report, content } = await this.get(context, id, version);
    const bytes = await renderPdf({
      title: content.title,
      subtitle: `${content.operatorName} - ${content.authorisationType} - ${content.issuedOn}${version === 'internal' ? ' - INTERNAL' : ''}`,
      sections: content.sections,
      language: 'en',
      createdAt: report.issued_at,
    });
    return { bytes, fileName: `${content.reference}-report-${report.number}-${version}.pdf` };
  }

  async comment(context: RequestContext, id: string, body: string) {
    const access = await this.applications.authorizeEitherSide(context, id, 'prepare');
    const latest = (await this.repository.listReports(this.db, id))[0];
    if (!latest) throw notFound('Report');
    if (['granted', 'rejection_upheld', 'withdrawn'].includes(access.application.status)) {
      throw conflict(`The case is ${access.application.status}; the report can no longer be commented on.`);
    }
    return this.db.transaction().execute(async (trx) => {
      const comment = await this.repository.insertReportComment(trx, {
        report_id: latest.id,
        author_user_id: requireUserId(context),
        body,
        created_at: context.now,
      });
      await this.recordEvent(
        trx,
        context,
        access.application,
        'validation.report_commented',
        { reportId: latest.id, side: access.side },
        access.onBehalfOfOperatorId,
      );
      if (access.side === 'operator') {
        await this.notifier.notify(
          trx,
          context.now,
          access.application,
          'case_officers',
          'validation.report_commented',
        );
      }
      return comment;
    });
  }

  /** An official letter in each of the programme's languages, rendered to PDF and kept in the case's documents. */
  async storeLetters(
    trx: Trx,
    context: RequestContext,
    application: ApplicationRow,
    kind: LetterKind,
    params: { reference: string; operatorName: string; [key: string]: string },
  ) {
    const documents = [];
    for (const language of ['en', 'ru'] as Language[]) {
      const filled: Record<string, string> & { reference: string; operatorName: string; date: string } = {
        ...params,
        date: today(context.now),
      };
      if (kind === 'decision_rejected' && !filled.appealRoute)
        filled.appealRoute = DEFAULT_APPEAL_ROUTE[language];
      if (kind === 'decision_rejected')
        filled.reapplication = reapplicationText(language, params.barredUntil);
      const letter = renderLetter(kind, language, filled);
      const content = await renderPdf({
        title: letter.title,
        sections: letter.sections,
        language,
        createdAt: context.now,
      });
      documents.push(
        await this.repository.insertDocument(trx, {
          application_id: application.id,
          kind,
          language,
          title: letter.title,
          file_name: `${application.reference}-${kind.replaceAll('_', '-')}-${language}.pdf`,
          media_type: 'application/pdf',
          body_text: letter.text,
          content,
          sha256: sha256Hex(content),
          is_shared: true,
          created_by: context.principal?.kind === 'user' ? context.principal.userId : null,
          created_at: context.now,
        }),
      );
    }
    return documents;
  }

  async listDocuments(context: RequestContext, id: string) {
    const access = await this.applications.authorizeEitherSide(context, id);
    return this.repository.listDocuments(this.db, id, access.side !== 'customs');
  }

  async getDocument(context: RequestContext, id: string, documentId: string) {
    const access = await this.applications.authorizeEitherSide(context, id);
    const document = await this.repository.findDocumentContent(this.db, id, documentId);
    if (!document || (access.side !== 'customs' && !document.is_shared)) throw notFound('Document');
    return document;
  }
}
