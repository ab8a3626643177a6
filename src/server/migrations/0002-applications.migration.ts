import { sql, type Kysely } from 'kysely';

/** Programme versions, applications with their answers, evidence, scope, messages, and the holiday calendar. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table programme_version (
      id uuid primary key default gen_random_uuid(),
      programme_id text not null,
      version text not null,
      definition jsonb not null,
      is_active boolean not null default false,
      loaded_by uuid references user_account (id),
      loaded_at timestamptz not null default now(),
      unique (programme_id, version)
    );
    create unique index programme_version_one_active on programme_version (is_active) where is_active;

    create table application (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique,
      operator_id uuid not null references operator (id),
      programme_version_id uuid not null references programme_version (id),
      authorisation_type text not null,
      variant text not null,
      is_sme boolean not null,
      status text not null,
      office_id uuid references office (id),
      assigned_validator_id uuid references user_account (id),
      version integer not null default 1,
      created_by uuid not null references user_account (id),
      created_at timestamptz not null default now(),
      submitted_at timestamptz,
      acceptance_due date,
      accepted_at timestamptz,
      decision_due date,
      information_due date,
      paused_since date,
      paused_days integer not null default 0,
      closed_at timestamptz,
      closing_reason text
    );
    create unique index application_one_active on application (operator_id, authorisation_type)
      where status in ('draft', 'submitted', 'information_requested', 'accepted');
    create index application_queue_idx on application (status, office_id, submitted_at);

    create table application_answer (
      application_id uuid not null references application (id),
      question_id text not null,
      answer jsonb not null,
      version integer not null default 1,
      updated_by uuid not null references user_account (id),
      updated_at timestamptz not null default now(),
      primary key (application_id, question_id)
    );

    create table evidence (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      file_name text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      uploaded_by uuid not null references user_account (id),
      uploaded_at timestamptz not null default now()
    );
    create index evidence_application_idx on evidence (application_id);

    create table application_site (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      kind text not null check (kind in ('head_office', 'branch', 'site')),
      name text not null,
      address text not null,
      activities text not null default '',
      licence text,
      created_at timestamptz not null default now()
    );

    create table application_message (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      author_user_id uuid references user_account (id),
      author_side text not null check (author_side in ('operator', 'customs', 'system')),
      kind text not null check (kind in ('information_request', 'reply', 'message')),
      body text not null,
      due_date date,
      evidence_ids uuid[] not null default '{}',
      created_at timestamptz not null default now()
    );
    create index application_message_idx on application_message (application_id, created_at);

    create table holiday (
      day date primary key,
      name text not null
    );
  `.execute(db);
}
