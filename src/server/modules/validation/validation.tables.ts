import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, DateString, Json } from '../../platform/column-types';
import type { ChecklistResult, ControlEffectiveness, FindingValue } from '../../../vocabulary';
export type { ChecklistResult, ControlEffectiveness, FindingValue };

/** Tables of the validation module (see migration 0004-validation); merged into the Database interface. */

export type Visibility = 'internal' | 'shared';
export type ConsultationReplyKind = 'no_objection' | 'objection' | 'infringement' | 'unlisted_branch';

export interface ReviewAssignmentTable {
  application_id: string;
  section_id: string;
  reviewer_id: string;
  assigned_by: string | null;
  assigned_at: Timestamp;
}

export interface ReviewFindingTable {
  application_id: string;
  question_id: string;
  finding: FindingValue;
  note: string;
  visibility: Visibility;
  reviewer_id: string;
  updated_at: Timestamp;
}

export interface DecisionExtensionTable {
  application_id: string;
  days: number;
  previous_due: DateString;
  new_due: DateString;
  reason: string;
  extended_by: string;
  extended_at: Timestamp;
}

export interface ConsultationTable {
  id: Generated<string>;
  application_id: string;
  /** An office, or (agency set instead) a partner agency. */
  office_id: string | null;
  agency: string | null;
  question: string;
  due_date: DateString;
  requested_by: string;
  requested_at: Timestamp;
  status: Generated<'pending' | 'replied' | 'closed_silent'>;
  reply_kind: ConsultationReplyKind | null;
  reply_text: string | null;
  replied_by: string | null;
  replied_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface RiskEntryTable {
  id: Generated<string>;
  application_id: string;
  catalogue_id: string | null;
  criterion: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  controls: string;
  control_effectiveness: ControlEffectiveness;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RiskMeasureTable {
  id: Generated<string>;
  risk_entry_id: string;
  description: string;
  due_date: DateString;
  status: Generated<'open' | 'done'>;
  created_at: Timestamp;
}

export interface VisitSlotTable {
  id: Generated<string>;
  application_id: string;
  starts_at: Date;
  ends_at: Date;
  status: Generated<'proposed' | 'chosen' | 'discarded'>;
  proposed_by: string;
  proposed_at: Timestamp;
  chosen_by: string | null;
  chosen_at: NullableTimestamp;
}

export interface OnSiteVisitTable {
  application_id: string;
  team_user_ids: string[];
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: NullableTimestamp;
}

export interface ChecklistItemTable {
  id: Generated<string>;
  application_id: string;
  position: number;
  source: 'risk' | 'question';
  source_ref: string;
  criterion: string;
  title: string;
  result: Generated<ChecklistResult>;
  observation: Generated<string>;
  observed_by: string | null;
  observed_at: NullableTimestamp;
}

export interface ChecklistPhotoTable {
  id: Generated<string>;
  application_id: string;
  checklist_item_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  caption: Generated<string>;
  taken_by: string;
  taken_at: Timestamp;
}

export interface ExaminationRequestTable {
  id: Generated<string>;
  application_id: string;
  question_ids: string[];
  message: string;
  due_date: DateString;
  status: Generated<'open' | 'answered' | 'lapsed'>;
  requested_by: string;
  requested_at: Timestamp;
  reply_text: string | null;
  evidence_ids: Generated<string[]>;
  replied_by: string | null;
  replied_at: NullableTimestamp;
}

export interface ValidationReportTable {
  id: Generated<string>;
  application_id: string;
  number: number;
  internal_content: Json<Record<string, unknown>>;
  shared_content: Json<Record<string, unknown>>;
  recommendation: 'grant' | 'reject' | 'improve';
  issued_by: string;
  issued_at: Timestamp;
}

export interface ReportCommentTable {
  id: Generated<string>;
  report_id: string;
  author_user_id: string;
  body: string;
  created_at: Timestamp;
}

export interface ImprovementPlanTable {
  application_id: string;
  due_date: DateString;
  original_due: DateString;
  extension_reason: string | null;
  extended_by: string | null;
  extended_at: NullableTimestamp;
  created_by: string;
  created_at: Timestamp;
}

export interface ImprovementMeasureTable {
  id: Generated<string>;
  application_id: string;
  position: number;
  criterion: string | null;
  description: string;
  status: Generated<'open' | 'reported_done' | 'verified' | 'not_met'>;
  operator_note: string | null;
  reported_at: NullableTimestamp;
  verified_by: string | null;
  verified_at: NullableTimestamp;
  verification_note: string | null;
}

export interface SignOffTable {
  id: Generated<string>;
  application_id: string;
  report_id: string;
  outcome: 'approved' | 'returned' | 'referred';
  /** 1 … the number of the programme's sign-off levels. */
  level: Generated<number>;
  note: string;
  signed_by: string;
  signed_at: Timestamp;
}

export interface IntendedRejectionTable {
  id: Generated<string>;
  application_id: string;
  reasons: string;
  reply_due: DateString;
  issued_by: string;
  issued_at: Timestamp;
  reply_text: string | null;
  replied_by: string | null;
  replied_at: NullableTimestamp;
}

export interface CaseDecisionTable {
  id: Generated<string>;
  application_id: string;
  outcome: 'granted' | 'rejected';
  authorisation_type: string | null;
  tier: string | null;
  proposed_tier: string | null;
  override_reason: string | null;
  grounds: string;
  rules_relied_on: string[];
  appeal_route: string | null;
  appeal_due: DateString | null;
  effective_date: DateString | null;
  barred_until: DateString | null;
  decided_by: string;
  decided_at: Timestamp;
  appeal_id: string | null;
}

export interface AppealTable {
  id: Generated<string>;
  application_id: string;
  decision_id: string;
  grounds: string;
  body: string;
  evidence_ids: string[];
  lodged_by: string;
  lodged_at: Timestamp;
  status: Generated<'lodged' | 'upheld' | 'reversed' | 'sent_back'>;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
}

export interface CaseDocumentTable {
  id: Generated<string>;
  application_id: string;
  kind: string;
  language: 'en' | 'ru';
  title: string;
  file_name: string;
  media_type: string;
  body_text: string;
  content: Buffer;
  sha256: string;
  is_shared: boolean;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ValidationTables {
  review_assignment: ReviewAssignmentTable;
  review_finding: ReviewFindingTable;
  decision_extension: DecisionExtensionTable;
  consultation: ConsultationTable;
  risk_entry: RiskEntryTable;
  risk_measure: RiskMeasureTable;
  visit_slot: VisitSlotTable;
  on_site_visit: OnSiteVisitTable;
  checklist_item: ChecklistItemTable;
  checklist_photo: ChecklistPhotoTable;
  examination_request: ExaminationRequestTable;
  validation_report: ValidationReportTable;
  report_comment: ReportCommentTable;
  improvement_plan: ImprovementPlanTable;
  improvement_measure: ImprovementMeasureTable;
  sign_off: SignOffTable;
  intended_rejection: IntendedRejectionTable;
  case_decision: CaseDecisionTable;
  appeal: AppealTable;
  case_document: CaseDocumentTable;
}
