import { conflict, forbidden, notFound, validationError } from '../../platform/errors';
import { hasRole, systemContext, type RequestContext } from '../../platform/request-context';
import type { ApplicationState } from '../applications/application-lifecycle';
import { today } from './case-clock.engine';
import { consultationOutcome } from './consultation.engine';
import type { CaseWorkspace } from './case-workspace';
import type { ConsultationReplyKind } from './validation.tables';

const CONSULTATION_STATES: ApplicationState[] = [
  'accepted',
  'desk_review',
  'on_site',
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
];

/** Consultation of other offices: each answers within a deadline, or its silence counts as no objection. */
export class ConsultationService {
  constructor(private readonly ws: CaseWorkspace) {}

  async send(
    context: RequestContext,
    id: string,
    input: { officeIds: string[]; question: string; dueDate: string },
  ) {
    const access = await this.ws.customs(context, id);
    this.ws.assertState(access.application, CONSULTATION_STATES, 'Consulting other offices');
    if (input.dueDate <= today(context.now)) {
      throw validationError([{ path: 'dueDate', message: 'Give the offices a deadline after today.' }]);
    }
    const offices = new Map((await this.ws.organisations.listOffices()).map((office) => [office.id, office]));
    const existing = new Set(
      (await this.ws.repository.listConsultations(this.ws.db, id)).map((c) => c.office_id),
    );
    const fields = input.officeIds.flatMap((officeId, index) =>
      !offices.has(officeId)
        ? [{ path: `officeIds[${index}]`, message: 'No such office.' }]
        : existing.has(officeId)
          ? [{ path: `officeIds[${index}]`, message: 'This office has already been consulted on the case.' }]
          : [],
    );
    if (fields.length) throw validationError(fields);
    const headquarters = await this.ws.headquartersOfficeId();
    return this.ws.db.transaction().execute(async (trx) => {
      const rows = [];
      for (const officeId of input.officeIds) {
        const row = await this.ws.repository.insertConsultation(trx, {
          application_id: id,
          office_id: officeId,
          question: input.question,
          due_date: input.dueDate,
          requested_by: this.ws.userId(context),
          requested_at: context.now,
        });
        rows.push(row);
        const recipients = await this.ws.organisations.officeManagers(trx, officeId);
        await this.ws.notifyUsers(
          trx,
          context.now,
          access.application,
          recipients,
          'validation.consultation_requested',
          {
            dueDate: input.dueDate,
            question: input.question,
          },
        );
        // An office still silent a day after the deadline is escalated to headquarters.
        await this.ws.notifications.scheduleReminder(trx, {
          key: `consultation:${row.id}`,
          title: `Consultation on ${access.application.reference}`,
          entityType: 'application',
          entityId: id,
          dueAt: new Date(`${input.dueDate}T23:59:59Z`),
          remindBeforeMs: 2 * 86_400_000,
          recipients,
          escalateAfterMs: 86_400_000,
          escalationRole: 'aeo_manager',
          escalationOfficeId: headquarters,
          link: `/applications/${id}`,
        });
      }
      await this.ws.record(trx, context, access.application, 'validation.consultation_sent', {
        officeIds: input.officeIds,
        dueDate: input.dueDate,
      });
      return rows;
    });
  }

  async list(context: RequestContext, id: string) {
    await this.ws.customs(context, id);
    const day = today(context.now);
    return (await this.ws.repository.listConsultations(this.ws.db, id)).map((row) => ({
      row,
      ...consultationOutcome(row, day),
    }));
  }

  /** An officer of the consulted office (or an admin) answers, before the deadline. */
  async reply(
    context: RequestContext,
    id: string,
    consultationId: string,
    input: { kind: ConsultationReplyKind; text?: string | undefined },
  ) {
    const access = await this.ws.customs(context, id);
    const consultation = await this.ws.repository.findConsultation(this.ws.db, id, consultationId);
    if (!consultation) throw notFound('Consultation');
    const principal = context.principal;
    if (
      !hasRole(principal, 'admin') &&
      (principal?.kind !== 'user' || principal.officeId !== consultation.office_id)
    ) {
      throw forbidden('Only the consulted office answers this consultation.');
    }
    if (consultation.status !== 'pending' || today(context.now) > consultation.due_date) {
      throw conflict(`The consultation closed on ${consultation.due_date}.`, {
        reason: 'consultation_closed',
      });
    }
    if (input.kind !== 'no_objection' && !input.text?.trim()) {
      throw validationError([{ path: 'text', message: 'Describe the objection, infringement or branch.' }]);
    }
    return this.ws.db.transaction().execute(async (trx) => {
      const row = await this.ws.repository.updateConsultation(trx, consultationId, {
        status: 'replied',
        reply_kind: input.kind,
        reply_text: input.text?.trim() ?? null,
        replied_by: this.ws.userId(context),
        replied_at: context.now,
        closed_at: context.now,
      });
      await this.ws.notifications.cancelReminder(trx, `consultation:${consultationId}`);
      await this.ws.record(trx, context, access.application, 'validation.consultation_replied', {
        consultationId,
        officeId: consultation.office_id,
        kind: input.kind,
      });
      await this.ws.notifyCaseOfficers(
        trx,
        context.now,
        access.application,
        'validation.consultation_replied',
        {
          kind: input.kind,
        },
      );
      return row;
    });
  }

  /** Scheduler tick: consultations past their deadline in silence are closed as "no objection", audited. */
  async closeOverdue(now: Date): Promise<number> {
    const context = systemContext(now, 'scheduler');
    return this.ws.db.transaction().execute(async (trx) => {
      const rows = await this.ws.repository.lockOverdueConsultations(trx, today(now), 200);
      for (const row of rows) {
        await this.ws.repository.updateConsultation(trx, row.id, { status: 'closed_silent', closed_at: now });
        await this.ws.audit.record(trx, context, {
          action: 'validation.consultation_closed_silent',
          entityType: 'application',
          entityId: row.application_id,
          operatorId: row.operator_id,
          summary: {
            consultationId: row.id,
            officeId: row.office_id,
            dueDate: row.due_date,
            outcome: 'no_objection',
          },
        });
        const application = await this.ws.applications.findRow(row.application_id, trx);
        if (application) {
          await this.ws.notifyCaseOfficers(trx, now, application, 'validation.consultation_closed_silent');
        }
      }
      return rows.length;
    });
  }
}
