import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/column-types';

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  event: string;
  subject: string;
  body: string;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  notification_id: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  last_error: string | null;
  /** When a queued e-mail is next tried (migration 0009): set on insert and pushed back after each failure. */
  next_attempt_at: Date;
}

export interface ReminderTable {
  id: Generated<string>;
  key: string;
  event: string;
  entity_type: string;
  entity_id: string;
  due_at: Date;
  remind_at: Date;
  escalate_at: Date | null;
  recipient_user_ids: string[];
  escalation_role: string | null;
  escalation_office_id: string | null;
  params: Json<Record<string, string>>;
  status: Generated<'pending' | 'reminded' | 'escalated' | 'cancelled'>;
  reminded_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  created_at: Timestamp;
}

/** The tables the notifications module owns; the platform composes every module's into the Database interface. */
export interface NotificationsTables {
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  reminder: ReminderTable;
}
