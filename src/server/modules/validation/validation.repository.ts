import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, Trx } from '../../platform/database';
import type {
  AppealTable,
  AuthorisationSite,
  AuthorisationTable,
  CaseDecisionTable,
  CaseDocumentTable,
  ChecklistItemTable,
  ChecklistPhotoTable,
  ConsultationTable,
  DecisionExtensionTable,
  ImprovementMeasureTable,
  ImprovementPlanTable,
  IntendedRejectionTable,
  ReviewFindingTable,
  RiskEntryTable,
  RiskMeasureTable,
  SignOffTable,
  ValidationReportTable,
  VisitSlotTable,
} from './validation.tables';
import { isReachableBy } from '../applications/applications.repository';
import type { CaseListScope } from '../applications/case-scope';

type Executor = Db | Trx;
export type FindingRow = Selectable<ReviewFindingTable>;
export type ConsultationRow = Selectable<ConsultationTable>;
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
export type RiskEntryRow = Selectable<RiskEntryTable>;
export type RiskMeasureRow = Selectable<RiskMeasureTable>;
export type VisitSlotRow = Selectable<VisitSlotTable>;
export type ChecklistItemRow = Selectable<ChecklistItemTable>;
/** A photo without its bytes: listings and the audit never carry the content. */
export type ChecklistPhotoRow = Omit<Selectable<ChecklistPhotoTable>, 'content'>;
export type ReportRow = Selectable<ValidationReportTable>;
export type PlanRow = Selectable<ImprovementPlanTable>;
export type MeasureRow = Selectable<ImprovementMeasureTable>;
export type SignOffRow = Selectable<SignOffTable>;
export type NoticeRow = Selectable<IntendedRejectionTable>;
export type DecisionRow = Selectable<CaseDecisionTable>;
export type AuthorisationRow = Selectable<AuthorisationTable>;
export type AppealRow = Selectable<AppealTable>;
export type DocumentRow = Omit<Selectable<CaseDocumentTable>, 'content'>;

const DOCUMENT_COLUMNS = [
  'id',
  'application_id',
  'kind',
  'language',
  'title',
  'file_name',
  'media_type',
  'body_text',
  'sha256',
  'is_shared',
  'created_by',
  'created_at',
] as const;

const PHOTO_COLUMNS = [
  'id',
  'application_id',
  'checklist_item_id',
  'file_name',
  'media_type',
  'size_bytes',
  'sha256',
  'caption',
  'taken_by',
  'taken_at',
] as const;

/** An authorisation with the holder details a certificate carries. */
export interface AuthorisationForCertificate {
  id: string;
  operatorId: string;
  /** The case it was granted on: who may see the case may see the authorisation. */
  applicationId: string;
  programmeVersionId: string;
  authorisationType: string;
  tier: string;
  sites: AuthorisationSite[];
  effectiveDate: string;
  status: 'active' | 'suspended' | 'revoked';
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
}

/** The only place that queries the validation module's tables. */
export class ValidationRepository {
  // Desk review

  listAssignments(db: Executor, applicationId: string) {
    return db
      .selectFrom('review_assignment')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('section_id')
      .execute();
  }

  /** The cases a user reviews a section of (the office and assignment scope lists them). */
  async listReviewedCaseIds(db: Executor, reviewerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('review_assignment')
      .select('application_id')
      .distinct()
      .where('reviewer_id', '=', reviewerId)
      .execute();
    return rows.map((row) => row.application_id);
  }

  async replaceAssignments(
    trx: Trx,
    applicationId: string,
    rows: Array<{ section_id: string; reviewer_id: string }>,
    assignedBy: string,
    now: Date,
  ) {
    await trx.deleteFrom('review_assignment').where('application_id', '=', applicationId).execute();
    if (rows.length === 0) return;
    await trx
      .insertInto('review_assignment')
      .values(
        rows.map((row) => ({
          ...row,
          application_id: applicationId,
          assigned_by: assignedBy,
          assigned_at: now,
        })),
      )
      .execute();
  }

  listFindings(db: Executor, applicationId: string): Promise<FindingRow[]> {
    return db.selectFrom('review_finding').selectAll().where('application_id', '=', applicationId).execute();
  }

  upsertFinding(trx: Trx, values: Insertable<ReviewFindingTable>): Promise<FindingRow> {
    return trx
      .insertInto('review_finding')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['application_id', 'question_id']).doUpdateSet({
          finding: values.finding,
          note: values.note ?? '',
          visibility: values.visibility,
          reviewer_id: values.reviewer_id,
          updated_at: values.updated_at ?? new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findExtension(db: Executor, applicationId: string) {
    return db
      .selectFrom('decision_extension')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  insertExtension(trx: Trx, values: Insertable<DecisionExtensionTable>) {
    return trx.insertInto('decision_extension').values(values).returningAll().executeTakeFirstOrThrow();
  }

  // Consultation

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
  }

  findConsultation(db: Executor, applicationId: string, id: string) {
    return db
      .selectFrom('consultation')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  insertConsultation(trx: Trx, values: Insertable<ConsultationTable>): Promise<ConsultationRow> {
    return trx.insertInto('consultation').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateConsultation(trx: Trx, id: string, values: Updateable<ConsultationTable>): Promise<ConsultationRow> {
    return trx
      .updateTable('consultation')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

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
  }

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
  }

  // Risk map

  listRisks(db: Executor, applicationId: string): Promise<RiskEntryRow[]> {
    return db
      .selectFrom('risk_entry')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  findRisk(db: Executor, applicationId: string, id: string) {
    return db
      .selectFrom('risk_entry')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  insertRisk(trx: Trx, values: Insertable<RiskEntryTable>): Promise<RiskEntryRow> {
    return trx.insertInto('risk_entry').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateRisk(trx: Trx, id: string, values: Updateable<RiskEntryTable>): Promise<RiskEntryRow> {
    return trx
      .updateTable('risk_entry')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deleteRisk(trx: Trx, applicationId: string, id: string): Promise<number> {
    const result = await trx
      .deleteFrom('risk_entry')
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  listRiskMeasures(db: Executor, riskIds: string[]): Promise<RiskMeasureRow[]> {
    if (riskIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('risk_measure')
      .selectAll()
      .where('risk_entry_id', 'in', riskIds)
      .orderBy('due_date')
      .execute();
  }

  insertRiskMeasure(trx: Trx, values: Insertable<RiskMeasureTable>): Promise<RiskMeasureRow> {
    return trx.insertInto('risk_measure').values(values).returningAll().executeTakeFirstOrThrow();
  }

  // On-site visit

  listSlots(db: Executor, applicationId: string): Promise<VisitSlotRow[]> {
    return db
      .selectFrom('visit_slot')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('starts_at')
      .execute();
  }

  insertSlots(trx: Trx, values: Insertable<VisitSlotTable>[]): Promise<VisitSlotRow[]> {
    return trx.insertInto('visit_slot').values(values).returningAll().execute();
  }

  async chooseSlot(trx: Trx, applicationId: string, slotId: string, userId: string, now: Date) {
    await trx
      .updateTable('visit_slot')
      .set({ status: 'discarded' })
      .where('application_id', '=', applicationId)
      .where('id', '!=', slotId)
      .execute();
    return trx
      .updateTable('visit_slot')
      .set({ status: 'chosen', chosen_by: userId, chosen_at: now })
      .where('application_id', '=', applicationId)
      .where('id', '=', slotId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findVisit(db: Executor, applicationId: string) {
    return db
      .selectFrom('on_site_visit')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  upsertVisit(
    trx: Trx,
    applicationId: string,
    values: { team_user_ids?: string[]; minutes?: string; minutes_by?: string; minutes_at?: Date },
  ) {
    return trx
      .insertInto('on_site_visit')
      .values({ application_id: applicationId, team_user_ids: values.team_user_ids ?? [], ...values })
      .onConflict((oc) => oc.column('application_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listChecklist(db: Executor, applicationId: string): Promise<ChecklistItemRow[]> {
    return db
      .selectFrom('checklist_item')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('position')
      .execute();
  }

  async insertChecklistItems(trx: Trx, values: Insertable<ChecklistItemTable>[]): Promise<number> {
    if (values.length === 0) return 0;
    const rows = await trx
      .insertInto('checklist_item')
      .values(values)
      .onConflict((oc) => oc.columns(['application_id', 'source', 'source_ref']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  }

  updateChecklistItem(trx: Trx, applicationId: string, id: string, values: Updateable<ChecklistItemTable>) {
    return trx
      .updateTable('checklist_item')
      .set(values)
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  findChecklistItem(db: Executor, applicationId: string, id: string) {
    return db
      .selectFrom('checklist_item')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The case's photos without their bytes, oldest first; `itemId` narrows them to one checklist item. */
  listChecklistPhotos(db: Executor, applicationId: string, itemId?: string): Promise<ChecklistPhotoRow[]> {
    let query = db
      .selectFrom('checklist_photo')
      .select(PHOTO_COLUMNS)
      .where('application_id', '=', applicationId);
    if (itemId !== undefined) query = query.where('checklist_item_id', '=', itemId);
    return query.orderBy('taken_at').orderBy('id').execute();
  }

  insertChecklistPhoto(trx: Trx, values: Insertable<ChecklistPhotoTable>): Promise<ChecklistPhotoRow> {
    return trx
      .insertInto('checklist_photo')
      .values(values)
      .returning(PHOTO_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  findChecklistPhotoContent(db: Executor, applicationId: string, itemId: string, id: string) {
    return db
      .selectFrom('checklist_photo')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('checklist_item_id', '=', itemId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  deleteChecklistPhoto(
    trx: Trx,
    applicationId: string,
    itemId: string,
    id: string,
  ): Promise<ChecklistPhotoRow | undefined> {
    return trx
      .deleteFrom('checklist_photo')
      .where('application_id', '=', applicationId)
      .where('checklist_item_id', '=', itemId)
      .where('id', '=', id)
      .returning(PHOTO_COLUMNS)
      .executeTakeFirst();
  }

  // Report

  listReports(db: Executor, applicationId: string): Promise<ReportRow[]> {
    return db
      .selectFrom('validation_report')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('number', 'desc')
      .execute();
  }

  insertReport(trx: Trx, values: Insertable<ValidationReportTable>): Promise<ReportRow> {
    return trx.insertInto('validation_report').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listReportComments(db: Executor, reportIds: string[]) {
    if (reportIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('report_comment')
      .innerJoin('user_account', 'user_account.id', 'report_comment.author_user_id')
      .selectAll('report_comment')
      .select(['user_account.name as author_name'])
      .where('report_id', 'in', reportIds)
      .orderBy('report_comment.created_at')
      .execute();
  }

  insertReportComment(
    trx: Trx,
    values: { report_id: string; author_user_id: string; body: string; created_at: Date },
  ) {
    return trx.insertInto('report_comment').values(values).returningAll().executeTakeFirstOrThrow();
  }

  // Improvement plan

  findPlan(db: Executor, applicationId: string) {
    return db
      .selectFrom('improvement_plan')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  async replacePlan(
    trx: Trx,
    plan: Insertable<ImprovementPlanTable>,
    measures: Array<{ description: string; criterion: string | null }>,
  ) {
    await trx.deleteFrom('improvement_measure').where('application_id', '=', plan.application_id).execute();
    await trx.deleteFrom('improvement_plan').where('application_id', '=', plan.application_id).execute();
    const row = await trx
      .insertInto('improvement_plan')
      .values(plan)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('improvement_measure')
      .values(measures.map((m, position) => ({ ...m, position, application_id: plan.application_id })))
      .execute();
    return row;
  }

  updatePlan(trx: Trx, applicationId: string, values: Updateable<ImprovementPlanTable>) {
    return trx
      .updateTable('improvement_plan')
      .set(values)
      .where('application_id', '=', applicationId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listMeasures(db: Executor, applicationId: string): Promise<MeasureRow[]> {
    return db
      .selectFrom('improvement_measure')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('position')
      .execute();
  }

  updateMeasure(trx: Trx, applicationId: string, id: string, values: Updateable<ImprovementMeasureTable>) {
    return trx
      .updateTable('improvement_measure')
      .set(values)
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  // Sign-off, hearing, decision, appeal

  listSignOffs(db: Executor, applicationId: string): Promise<SignOffRow[]> {
    return db
      .selectFrom('sign_off')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('signed_at')
      .execute();
  }

  insertSignOff(trx: Trx, values: Insertable<SignOffTable>): Promise<SignOffRow> {
    return trx.insertInto('sign_off').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listNotices(db: Executor, applicationId: string): Promise<NoticeRow[]> {
    return db
      .selectFrom('intended_rejection')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('issued_at', 'desc')
      .execute();
  }

  insertNotice(trx: Trx, values: Insertable<IntendedRejectionTable>): Promise<NoticeRow> {
    return trx.insertInto('intended_rejection').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateNotice(trx: Trx, id: string, values: Updateable<IntendedRejectionTable>) {
    return trx
      .updateTable('intended_rejection')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listDecisions(db: Executor, applicationId: string): Promise<DecisionRow[]> {
    return db
      .selectFrom('case_decision')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('decided_at', 'desc')
      .execute();
  }

  insertDecision(trx: Trx, values: Insertable<CaseDecisionTable>): Promise<DecisionRow> {
    return trx.insertInto('case_decision').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Every authorisation of one operator (one per type held). */
  listOperatorAuthorisations(db: Executor, operatorId: string) {
    return db
      .selectFrom('authorisation')
      .select(['id', 'authorisation_type', 'tier', 'status'])
      .where('operator_id', '=', operatorId)
      .execute();
  }

  async findAuthorisationHolder(
    db: Executor,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<AuthorisationForCertificate | undefined> {
    let query = db
      .selectFrom('authorisation as a')
      .innerJoin('operator as o', 'o.id', 'a.operator_id')
      .select([
        'a.id',
        'a.operator_id',
        'a.application_id',
        'a.programme_version_id',
        'a.authorisation_type',
        'a.tier',
        'a.sites',
        'a.effective_date',
        'a.status',
        'o.legal_name',
        'o.taxpayer_id',
        'o.country',
        'o.address',
      ])
      .where('a.id', '=', id);
    if (options.forUpdate) query = query.forUpdate('a');
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      operatorId: row.operator_id,
      applicationId: row.application_id,
      programmeVersionId: row.programme_version_id,
      authorisationType: row.authorisation_type,
      tier: row.tier,
      sites: row.sites,
      effectiveDate: row.effective_date,
      status: row.status,
      legalName: row.legal_name,
      taxpayerId: row.taxpayer_id,
      country: row.country,
      address: row.address,
    };
  }

  async updateAuthorisationStatus(
    trx: Trx,
    id: string,
    status: 'active' | 'suspended' | 'revoked',
    barredUntil: string | null = null,
  ): Promise<void> {
    await trx
      .updateTable('authorisation')
      .set({ status, ...(barredUntil ? { barred_until: barredUntil } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /**
   * The bars on a new application of this type still running on `day`: a revoked authorisation's, and a rejection's
   * that stands (the case still rejected or the rejection upheld on appeal). The latest first.
   */
  async listReapplicationBars(
    executor: Executor,
    operatorId: string,
    authorisationType: string,
    day: string,
  ): Promise<Array<{ barredUntil: string; cause: 'revocation' | 'rejection' }>> {
    const revoked = await executor
      .selectFrom('authorisation')
      .select('barred_until')
      .where('operator_id', '=', operatorId)
      .where('authorisation_type', '=', authorisationType)
      .where('status', '=', 'revoked')
      .where('barred_until', '>', day)
      .execute();
    const rejected = await executor
      .selectFrom('case_decision')
      .innerJoin('application', 'application.id', 'case_decision.application_id')
      .select('case_decision.barred_until')
      .where('application.operator_id', '=', operatorId)
      .where('application.authorisation_type', '=', authorisationType)
      .where('application.status', 'in', ['rejected', 'rejection_upheld'])
      .where('case_decision.outcome', '=', 'rejected')
      .where('case_decision.barred_until', '>', day)
      .execute();
    return [
      ...revoked.map((row) => ({ barredUntil: row.barred_until!, cause: 'revocation' as const })),
      ...rejected.map((row) => ({ barredUntil: row.barred_until!, cause: 'rejection' as const })),
    ].sort((a, b) => b.barredUntil.localeCompare(a.barredUntil));
  }

  insertAuthorisation(trx: Trx, values: Insertable<AuthorisationTable>): Promise<AuthorisationRow> {
    return trx.insertInto('authorisation').values(values).returningAll().executeTakeFirstOrThrow();
  }

  listAuthorisations(
    db: Executor,
    filter: { operatorIds?: string[]; reachableBy?: CaseListScope | undefined; limit: number },
  ) {
    let query = db
      .selectFrom('authorisation')
      .innerJoin('operator', 'operator.id', 'authorisation.operator_id')
      .innerJoin('application', 'application.id', 'authorisation.application_id')
      .selectAll('authorisation')
      .select(['operator.legal_name as operator_name', 'application.reference as application_reference'])
      .orderBy('authorisation.granted_at', 'desc')
      .limit(filter.limit);
    if (filter.operatorIds) {
      if (filter.operatorIds.length === 0) return Promise.resolve([]);
      query = query.where('authorisation.operator_id', 'in', filter.operatorIds);
    }
    if (filter.reachableBy) query = query.where(isReachableBy(filter.reachableBy));
    return query.execute();
  }

  findAuthorisation(db: Executor, id: string) {
    return db
      .selectFrom('authorisation')
      .innerJoin('operator', 'operator.id', 'authorisation.operator_id')
      .innerJoin('application', 'application.id', 'authorisation.application_id')
      .selectAll('authorisation')
      .select(['operator.legal_name as operator_name', 'application.reference as application_reference'])
      .where('authorisation.id', '=', id)
      .executeTakeFirst();
  }

  findAuthorisationForApplication(db: Executor, applicationId: string) {
    return db
      .selectFrom('authorisation')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
  }

  listAppeals(db: Executor, applicationId: string): Promise<AppealRow[]> {
    return db
      .selectFrom('appeal')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('lodged_at', 'desc')
      .execute();
  }

  insertAppeal(trx: Trx, values: Insertable<AppealTable>): Promise<AppealRow> {
    return trx.insertInto('appeal').values(values).returningAll().executeTakeFirstOrThrow();
  }

  updateAppeal(trx: Trx, id: string, values: Updateable<AppealTable>): Promise<AppealRow> {
    return trx
      .updateTable('appeal')
      .set(values)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  // Documents

  insertDocument(trx: Trx, values: Insertable<CaseDocumentTable>): Promise<DocumentRow> {
    return trx
      .insertInto('case_document')
      .values(values)
      .returning(DOCUMENT_COLUMNS)
      .executeTakeFirstOrThrow();
  }

  listDocuments(db: Executor, applicationId: string, isSharedOnly: boolean): Promise<DocumentRow[]> {
    let query = db
      .selectFrom('case_document')
      .select(DOCUMENT_COLUMNS)
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .orderBy('language');
    if (isSharedOnly) query = query.where('is_shared', '=', true);
    return query.execute();
  }

  findDocumentContent(db: Executor, applicationId: string, id: string) {
    return db
      .selectFrom('case_document')
      .select(['file_name', 'media_type', 'content', 'sha256', 'is_shared'])
      .where('application_id', '=', applicationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // Workspace

  listCases(
    db: Executor,
    filter: { statuses: string[]; validatorId?: string | undefined; reachableBy?: CaseListScope | undefined },
  ) {
    let query = db
      .selectFrom('application')
      .innerJoin('operator', 'operator.id', 'application.operator_id')
      .selectAll('application')
      .select(['operator.legal_name as operator_name'])
      .where('application.status', 'in', filter.statuses)
      .orderBy('application.decision_due')
      .limit(500);
    if (filter.validatorId) query = query.where('application.assigned_validator_id', '=', filter.validatorId);
    if (filter.reachableBy) query = query.where(isReachableBy(filter.reachableBy));
    return query.execute();
  }
}
