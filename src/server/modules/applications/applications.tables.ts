import type { Generated } from 'kysely';
import type { DateString, Json, NullableTimestamp, Timestamp } from '../../platform/column-types';

export interface ApplicationTable {
  id: Generated<string>;
  reference: string;
  operator_id: string;
  programme_version_id: string;
  authorisation_type: string;
  variant: string;
  is_sme: boolean;
  status: string;
  office_id: string | null;
  assigned_validator_id: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  submitted_at: NullableTimestamp;
  acceptance_due: DateString | null;
  accepted_at: NullableTimestamp;
  decision_due: DateString | null;
  information_due: DateString | null;
  paused_since: DateString | null;
  paused_days: Generated<number>;
  closed_at: NullableTimestamp;
  closing_reason: string | null;
}

export interface ApplicationAnswerTable {
  application_id: string;
  question_id: string;
  answer: Json<Record<string, unknown>>;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface EvidenceTable {
  id: Generated<string>;
  application_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface ApplicationSiteTable {
  id: Generated<string>;
  application_id: string;
  kind: 'head_office' | 'branch' | 'site';
  name: string;
  address: string;
  activities: Generated<string>;
  licence: string | null;
  created_at: Timestamp;
}

export interface ApplicationMessageTable {
  id: Generated<string>;
  application_id: string;
  author_user_id: string | null;
  author_side: 'operator' | 'customs' | 'system';
  kind: 'information_request' | 'reply' | 'message';
  body: string;
  due_date: DateString | null;
  evidence_ids: Generated<string[]>;
  created_at: Timestamp;
}

/** The tables the applications module owns; the platform composes every module's into the Database interface. */
export interface ApplicationsTables {
  application: ApplicationTable;
  application_answer: ApplicationAnswerTable;
  evidence: EvidenceTable;
  application_site: ApplicationSiteTable;
  application_message: ApplicationMessageTable;
}
