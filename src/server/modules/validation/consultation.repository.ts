import type { Trx, Executor, Row } from '../../platform/database';
import { caseRowAccess } from './case-rows';

export type ConsultationRow = Row<'consultation'>;
/** Whose consultations: every one, or those addressed to an office and/or a partner agency. */
export type ConsultationScope = 'all' | { officeId: string | null; agency: string | null };
/** A consultation with what the consulted party reads about the case. */
export type AddressedConsultationRow = ConsultationRow & {
  application_reference: string;
  authorisation_type: string;
  operator_name: string;
  operator_taxpayer_id: string;
  asking_office_name: string | null;
  office_name: string | null;
};

const consultations = caseRowAccess('consultation');

/** Consultations of other offices and partner agencies on a case. */
export const consultationRepository = {
  /**
   * The case's consultations with the addressee's name: `office_name` is the office's name, or the agency's code for
   * a partner agency (what the report prints either way).
   */
  listConsultations(db: Executor, applicationId: string) {
    // Those sent together: the offices by name, then the agencies (a null office name sorts last).
    return db
      .selectFrom('consultation')
      .leftJoin('office', 'office.id', 'consultation.office_id')
      .selectAll('consultation')
      .select((eb) => [
        eb.fn.coalesce('office.name', 'consultation.agency', eb.val('')).as('office_name'),
        'office.code as office_code',
      ])
      .where('consultation.application_id', '=', applicationId)
      .orderBy('consultation.requested_at')
      .orderBy('office.name')
      .orderBy('consultation.agency')
      .orderBy('consultation.id')
      .execute();
  },

  findConsultation: consultations.find,
  insertConsultation: consultations.insert,
  updateConsultation: consultations.update,

  /** Pending consultations whose deadline passed before `today`, locked for closing. */
  lockOverdueConsultations(trx: Trx, today: string, limit: number) {
    return trx
      .selectFrom('consultation')
      .innerJoin('application', 'application.id', 'consultation.application_id')
      .selectAll('consultation')
      .select(['application.operator_id', 'application.reference', 'application.assigned_validator_id'])
      .where('consultation.status', '=', 'pending')
      .where('consultation.due_date', '<', today)
      .orderBy('consultation.due_date')
      .limit(limit)
      .forUpdate()
      .execute();
  },

  /**
   * Consultations addressed to an office or an agency (every one for `scope: 'all'`), with what the consulted party
   * reads about the case: pending (still answerable) first, by deadline.
   */
  listAddressedConsultations(
    db: Executor,
    scope: ConsultationScope,
    filter: { today: string; isPendingOnly: boolean; id?: string | undefined; limit: number },
  ): Promise<AddressedConsultationRow[]> {
    let query = db
      .selectFrom('consultation')
      .innerJoin('application', 'application.id', 'consultation.application_id')
      .innerJoin('operator', 'operator.id', 'application.operator_id')
      .leftJoin('office as asking', 'asking.id', 'application.office_id')
      .leftJoin('office as addressee', 'addressee.id', 'consultation.office_id')
      .selectAll('consultation')
      .select([
        'application.reference as application_reference',
        'application.authorisation_type',
        'operator.legal_name as operator_name',
        'operator.taxpayer_id as operator_taxpayer_id',
        'asking.name as asking_office_name',
        'addressee.name as office_name',
      ]);
    if (scope !== 'all') {
      const { officeId, agency } = scope;
      query = query.where((eb) =>
        eb.or([
          ...(officeId ? [eb('consultation.office_id', '=', officeId)] : []),
          ...(agency ? [eb('consultation.agency', '=', agency)] : []),
          eb.val(false),
        ]),
      );
    }
    if (filter.id !== undefined) query = query.where('consultation.id', '=', filter.id);
    if (filter.isPendingOnly) {
      query = query
        .where('consultation.status', '=', 'pending')
        .where('consultation.due_date', '>=', filter.today);
    }
    return query
      .orderBy((eb) =>
        eb
          .case()
          .when(
            eb.and([
              eb('consultation.status', '=', 'pending'),
              eb('consultation.due_date', '>=', filter.today),
            ]),
          )
          .then(0)
          .else(1)
          .end(),
      )
      .orderBy('consultation.due_date')
      .orderBy('consultation.requested_at', 'desc')
      .orderBy('consultation.id')
      .limit(filter.limit)
      .execute();
  },
};
