import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Trx } from '../../platform/database';
import { conflict, forbidden, notFound, validationError, type FieldError } from '../../platform/errors';
import { hasRole, systemContext, type RequestContext } from '../../platform/request-context';
import { EXAMINATION_STATES, type ApplicationState } from '../../../vocabulary/application-lifecycle';
import { isCaseStaff } from '../applications/case-scope';
import type { ApplicationRow } from '../applications/applications.service';
import { requireRole, requireUserId } from '../../platform/access-control';
import { CaseService } from './case-service';
import { consultationOutcome } from './consultation.engine';
import type { AddressedConsultationRow, ConsultationRow, ConsultationScope } from './validation.repository';
import type { ConsultationReplyKind } from './validation.tables';
import { today, DAY_MS } from '../../../programme-core';

/** Other offices are consulted while the case is examined, and on its report until it is ready for decision. */
const CONSULTATION_STATES: readonly ApplicationState[] = [
  ...EXAMINATION_STATES,
  'report_issued',
  'improvement_plan',
  'awaiting_sign_off',
  'referred_to_headquarters',
];

const INBOX_LIMIT = 500;

export interface ConsultationRequest {
  officeIds?: string[] | undefined;
  agencies?: string[] | undefined;
  question: string;
  dueDate: string;
}

/** Where a consulted party answers: its inbox, opened on the consultation. */
function inboxLink(consultationId: string): string {
  return `/consultations?open=${consultationId}`;
}

/** Of a list, the indexes whose value came earlier in it. */
function repeatedIndexes(values: readonly string[]): Set<number> {
  return new Set(values.flatMap((value, index) => (values.indexOf(value) < index ? [index] : [])));
}

/**
 * Consultation of other offices and partner agencies: each answers within a deadline, or its silence counts as no
 * objection; a party still silent after it is escalated to headquarters.
 */
export class ConsultationService extends CaseService {
  async send(context: RequestContext, id: string, input: ConsultationRequest) {
    const access = await this.authorizeCustomsIn(
      context,
      id,
      CONSULTATION_STATES,
      'Consulting other offices',
    );
    const officeIds = input.officeIds ?? [];
    const agencies = (input.agencies ?? []).map((agency) => agency.trim().toUpperCase());
    if (officeIds.length + agencies.length === 0) {
      throw validationError([
        { path: 'officeIds', message: 'Consult at least one office or partner agency.' },
      ]);
    }
    if (input.dueDate <= today(context.now)) {
      throw validationError([{ path: 'dueDate', message: 'Give the offices a deadline after today.' }]);
    }
    const [offices, knownAgencies, existing] = await Promise.all([
      this.organisations.listOffices(),
      this.organisations.listAgencies(),
      this.repository.listConsultations(this.db, id),
    ]);
    const officeNames = new Map(offices.map((office) => [office.id, office.name]));
    const agencyCodes = new Set(knownAgencies.map((row) => row.agency));
    const fields = [
      ...this.checkAddressees('officeIds', officeIds, {
        isKnown: (officeId) => officeNames.has(officeId),
        unknown: 'No such office.',
        isOwn: (officeId) => officeId === access.application.office_id,
        isConsulted: (officeId) => existing.some((c) => c.office_id === officeId),
        consulted: 'This office has already been consulted on the case.',
      }),
      ...this.checkAddressees('agencies', agencies, {
        isKnown: (agency) => agencyCodes.has(agency),
        unknown: 'No partner agency with this code has an active officer.',
        isOwn: () => false,
        isConsulted: (agency) => existing.some((c) => c.agency === agency),
        consulted: 'This agency has already been consulted on the case.',
      }),
    ];
    if (fields.length) throw validationError(fields);
    const headquarters = await this.notifier.headquartersOfficeId();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const rows: Array<ConsultationRow & { office_name: string }> = [];
        const addressees = [
          ...officeIds.map((officeId) => ({ officeId, agency: null })),
          ...agencies.map((agency) => ({ officeId: null, agency })),
        ];
        for (const addressee of addressees) {
          const row = await this.repository.insertConsultation(trx, {
            application_id: id,
            office_id: addressee.officeId,
            agency: addressee.agency,
            question: input.question,
            due_date: input.dueDate,
            requested_by: requireUserId(context),
            requested_at: context.now,
          });
          rows.push({
            ...row,
            office_name: addressee.officeId
              ? (officeNames.get(addressee.officeId) ?? '')
              : (row.agency ?? ''),
          });
          await this.askAddressee(trx, context.now, access.application, row, headquarters);
        }
        await this.recordEvent(trx, context, access.application, 'validation.consultation_sent', {
          officeIds,
          agencies,
          consultationIds: rows.map((row) => row.id),
          dueDate: input.dueDate,
        });
        return rows;
      });
    } catch (error) {
      // Someone consulted the same party on the case at the same moment.
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict('One of these offices or agencies has just been consulted on the case.', {
          reason: 'already_consulted',
        });
      }
      throw error;
    }
  }

  private checkAddressees(
    path: 'officeIds' | 'agencies',
    values: readonly string[],
    rules: {
      isKnown: (value: string) => boolean;
      unknown: string;
      isOwn: (value: string) => boolean;
      isConsulted: (value: string) => boolean;
      consulted: string;
    },
  ): FieldError[] {
    const repeated = repeatedIndexes(values);
    return values.flatMap((value, index) => {
      const message = !rules.isKnown(value)
        ? rules.unknown
        : rules.isOwn(value)
          ? 'The office handling the case is not consulted on it.'
          : rules.isConsulted(value)
            ? rules.consulted
            : repeated.has(index)
              ? 'Listed twice.'
              : null;
      return message ? [{ path: `${path}[${index}]`, message }] : [];
    });
  }

  /** Tells the consulted party, and schedules its reminder and the escalation to headquarters. */
  private async askAddressee(
    trx: Trx,
    now: Date,
    application: ApplicationRow,
    row: ConsultationRow,
    headquarters: string | null,
  ): Promise<void> {
    const recipients = row.agency
      ? await this.organisations.agencyOfficerIds(trx, row.agency)
      : await this.organisations.officeManagers(trx, row.office_id);
    if (recipients.length > 0) {
      await this.notifications.notify(trx, now, {
        recipients: { userIds: recipients },
        event: row.agency ? 'validation.agency_consultation_requested' : 'validation.consultation_requested',
        params: {
          reference: application.reference,
          dueDate: row.due_date,
          question: row.question,
          agency: row.agency ?? '',
        },
        link: inboxLink(row.id),
        entityType: 'application',
        entityId: application.id,
      });
    }
    // A party still silent a day after the deadline is escalated to headquarters.
    await this.notifications.scheduleReminder(trx, {
      key: `consultation:${row.id}`,
      title: `Consultation on ${application.reference}`,
      entityType: 'application',
      entityId: application.id,
      dueAt: new Date(`${row.due_date}T23:59:59Z`),
      remindBeforeMs: 2 * DAY_MS,
      recipients,
      escalateAfterMs: DAY_MS,
      escalationRole: 'aeo_manager',
      escalationOfficeId: headquarters,
      link: inboxLink(row.id),
    });
  }

  async list(context: RequestContext, id: string) {
    await this.applications.authorizeCustoms(context, id);
    const day = today(context.now);
    return (await this.repository.listConsultations(this.db, id)).map((row) => ({
      row,
      ...consultationOutcome(row, day),
    }));
  }

  /** Who may be consulted: the offices, and the partner agencies that have an active officer. */
  async listAddressees(context: RequestContext) {
    requireRole(context, ['validator', 'aeo_manager', 'admin'], 'Only customs consult.');
    const [offices, agencies] = await Promise.all([
      this.organisations.listOffices(),
      this.organisations.listAgencies(),
    ]);
    return { offices, agencies };
  }

  /**
   * An officer of the consulted office or agency (or an admin) answers, before the deadline. The consulted party does
   * not reach the case file (it is not in the case's office scope), so the consultation itself authorises it. Those
   * who work on the case learn it is not theirs to answer (403); anyone else gets 404, as for a missing one.
   */
  async reply(
    context: RequestContext,
    id: string,
    consultationId: string,
    input: { kind: ConsultationReplyKind; text?: string | undefined },
  ) {
    const consultation = await this.repository.findConsultation(this.db, id, consultationId);
    if (!consultation) throw notFound('Consultation');
    if (!this.isAddressee(context, consultation)) {
      if (isCaseStaff(context) && (await this.applications.canReach(context, id)))
        throw forbidden('Only the consulted office or agency answers this consultation.');
      throw notFound('Consultation');
    }
    if (consultation.status !== 'pending' || today(context.now) > consultation.due_date) {
      throw conflict(`The consultation closed on ${consultation.due_date}.`, {
        reason: 'consultation_closed',
      });
    }
    if (input.kind !== 'no_objection' && !input.text?.trim()) {
      throw validationError([{ path: 'text', message: 'Describe the objection, infringement or branch.' }]);
    }
    const application = await this.applications.findRow(id);
    if (!application) throw notFound('Application');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.updateConsultation(trx, consultationId, {
        status: 'replied',
        reply_kind: input.kind,
        reply_text: input.text?.trim() || null,
        replied_by: requireUserId(context),
        replied_at: context.now,
        closed_at: context.now,
      });
      await this.notifications.cancelReminder(trx, `consultation:${consultationId}`);
      await this.recordForOfficers(trx, context, application, {
        action: 'validation.consultation_replied',
        summary: {
          consultationId,
          officeId: consultation.office_id,
          agency: consultation.agency,
          kind: input.kind,
        },
        event: 'validation.consultation_replied',
        params: { kind: input.kind },
      });
      return row;
    });
  }

  /** The consulted party's inbox: consultations addressed to the caller's office or agency (an admin: all). */
  async listAddressed(context: RequestContext, status: 'pending' | 'all') {
    const scope = this.scopeOf(context);
    if (scope === null) return [];
    const day = today(context.now);
    const rows = await this.repository.listAddressedConsultations(this.db, scope, {
      today: day,
      isPendingOnly: status === 'pending',
      limit: INBOX_LIMIT,
    });
    return rows.map((row) => ({ row, ...consultationOutcome(row, day) }));
  }

  /**
   * One consultation addressed to the caller, with the case's declared sites; nothing else of the case. Headquarters'
   * managers, to whom an overdue consultation is escalated, may read any (and answer only their own office's).
   */
  async getAddressed(context: RequestContext, consultationId: string) {
    const scope =
      hasRole(context.principal, 'aeo_manager') && (await this.applications.isHeadquarters(context))
        ? 'all'
        : this.scopeOf(context);
    const day = today(context.now);
    const row: AddressedConsultationRow | undefined =
      scope === null
        ? undefined
        : (
            await this.repository.listAddressedConsultations(this.db, scope, {
              today: day,
              isPendingOnly: false,
              id: consultationId,
              limit: 1,
            })
          )[0];
    if (!row) throw notFound('Consultation');
    const sites = await this.applications.listSiteRows(row.application_id);
    return { row, ...consultationOutcome(row, day), sites, canReply: this.isAddressee(context, row) };
  }

  /** An admin sees every consultation; an officer those of its office, an agency officer its agency's. */
  private scopeOf(context: RequestContext): ConsultationScope | null {
    const principal = context.principal;
    if (principal?.kind !== 'user') return null;
    if (hasRole(principal, 'admin')) return 'all';
    const officeId = hasRole(principal, 'validator', 'aeo_manager') ? principal.officeId : null;
    const agency = hasRole(principal, 'agency_officer') ? principal.agency : null;
    return officeId || agency ? { officeId, agency } : null;
  }

  private isAddressee(context: RequestContext, consultation: ConsultationRow): boolean {
    const scope = this.scopeOf(context);
    if (scope === null) return false;
    if (scope === 'all') return true;
    return (
      (consultation.office_id !== null && consultation.office_id === scope.officeId) ||
      (consultation.agency !== null && consultation.agency === scope.agency)
    );
  }

  /** Scheduler tick: consultations past their deadline in silence are closed as "no objection", audited. */
  async closeOverdue(now: Date): Promise<number> {
    const context = systemContext(now, 'scheduler');
    return this.db.transaction().execute(async (trx) => {
      const rows = await this.repository.lockOverdueConsultations(trx, today(now), 200);
      for (const row of rows) {
        await this.repository.updateConsultation(trx, row.id, { status: 'closed_silent', closed_at: now });
        await this.audit.record(trx, context, {
          action: 'validation.consultation_closed_silent',
          entityType: 'application',
          entityId: row.application_id,
          operatorId: row.operator_id,
          summary: {
            consultationId: row.id,
            officeId: row.office_id,
            agency: row.agency,
            dueDate: row.due_date,
            outcome: 'no_objection',
          },
        });
        const application = await this.applications.findRow(row.application_id, trx);
        if (application) {
          await this.notifier.notify(
            trx,
            now,
            application,
            'case_officers',
            'validation.consultation_closed_silent',
          );
        }
      }
      return rows.length;
    });
  }
}
