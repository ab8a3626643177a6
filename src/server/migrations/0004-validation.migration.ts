import { sql, type Kysely } from 'kysely';

/**
 * Validation and decision: desk review, consultation, risk map, on-site visit, report, improvement plan,
 * sign-off, right to be heard, decision, authorisation, appeal, and the case's official documents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The examination, sign-off, hearing and appeal states are active too: still one per operator and type.
    drop index application_one_active;
    create unique index application_one_active on application (operator_id, authorisation_type)
      where status in ('draft', 'submitted', 'information_requested', 'accepted', 'desk_review', 'on_site',
        'report_issued', 'improvement_plan', 'awaiting_sign_off', 'referred_to_headquarters',
        'ready_for_decision', 'right_to_be_heard', 'notice_answered', 'under_appeal');

    create table review_assignment (
      application_id uuid not null references application (id),
      section_id text not null,
      reviewer_id uuid not null references user_account (id),
      assigned_by uuid references user_account (id),
      assigned_at timestamptz not null default now(),
      primary key (application_id, section_id)
    );

    create table review_finding (
      application_id uuid not null references application (id),
      question_id text not null,
      finding text not null
        check (finding in ('satisfactory', 'needs_improvement', 'unsatisfactory', 'not_verified')),
      note text not null default '',
      visibility text not null check (visibility in ('internal', 'shared')),
      reviewer_id uuid not null references user_account (id),
      updated_at timestamptz not null default now(),
      primary key (application_id, question_id)
    );

    create table decision_extension (
      application_id uuid primary key references application (id),
      days integer not null check (days > 0),
      previous_due date not null,
      new_due date not null,
      reason text not null,
      extended_by uuid not null references user_account (id),
      extended_at timestamptz not null default now()
    );

    create table consultation (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      office_id uuid not null references office (id),
      question text not null,
      due_date date not null,
      requested_by uuid not null references user_account (id),
      requested_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'replied', 'closed_silent')),
      reply_kind text check (reply_kind in ('no_objection', 'objection', 'infringement', 'unlisted_branch')),
      reply_text text,
      replied_by uuid references user_account (id),
      replied_at timestamptz,
      closed_at timestamptz,
      unique (application_id, office_id)
    );
    create index consultation_due_idx on consultation (status, due_date);

    create table risk_entry (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      catalogue_id text,
      criterion text not null,
      title text not null,
      description text not null default '',
      likelihood integer not null check (likelihood between 1 and 5),
      impact integer not null check (impact between 1 and 5),
      controls text not null default '',
      control_effectiveness text not null default 'none'
        check (control_effectiveness in ('none', 'weak', 'adequate', 'strong')),
      created_by uuid not null references user_account (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index risk_entry_application_idx on risk_entry (application_id);

    create table risk_measure (
      id uuid primary key default gen_random_uuid(),
      risk_entry_id uuid not null references risk_entry (id) on delete cascade,
      description text not null,
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'done')),
      created_at timestamptz not null default now()
    );

    create table visit_slot (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null default 'proposed' check (status in ('proposed', 'chosen', 'discarded')),
      proposed_by uuid not null references user_account (id),
      proposed_at timestamptz not null default now(),
      chosen_by uuid references user_account (id),
      chosen_at timestamptz
    );
    create unique index visit_slot_one_chosen on visit_slot (application_id) where status = 'chosen';

    create table on_site_visit (
      application_id uuid primary key references application (id),
      team_user_ids uuid[] not null default '{}',
      minutes text,
      minutes_by uuid references user_account (id),
      minutes_at timestamptz
    );

    create table checklist_item (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      position integer not null,
      source text not null check (source in ('risk', 'question')),
      source_ref text not null,
      criterion text not null,
      title text not null,
      result text not null default 'not_checked' check (result in ('not_checked', 'ok', 'issue', 'not_applicable')),
      observation text not null default '',
      observed_by uuid references user_account (id),
      observed_at timestamptz,
      unique (application_id, source, source_ref)
    );

    create table validation_report (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      number integer not null,
      internal_content jsonb not null,
      shared_content jsonb not null,
      recommendation text not null check (recommendation in ('grant', 'reject', 'improve')),
      issued_by uuid not null references user_account (id),
      issued_at timestamptz not null default now(),
      unique (application_id, number)
    );

    create table report_comment (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references validation_report (id),
      author_user_id uuid not null references user_account (id),
      body text not null,
      created_at timestamptz not null default now()
    );

    create table improvement_plan (
      application_id uuid primary key references application (id),
      due_date date not null,
      original_due date not null,
      extension_reason text,
      extended_by uuid references user_account (id),
      extended_at timestamptz,
      created_by uuid not null references user_account (id),
      created_at timestamptz not null default now()
    );

    create table improvement_measure (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      position integer not null,
      criterion text,
      description text not null,
      status text not null default 'open' check (status in ('open', 'reported_done', 'verified', 'not_met')),
      operator_note text,
      reported_at timestamptz,
      verified_by uuid references user_account (id),
      verified_at timestamptz,
      verification_note text
    );

    create table sign_off (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      report_id uuid not null references validation_report (id),
      outcome text not null check (outcome in ('approved', 'returned', 'referred')),
      note text not null default '',
      signed_by uuid not null references user_account (id),
      signed_at timestamptz not null default now()
    );

    create table intended_rejection (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      reasons text not null,
      reply_due date not null,
      issued_by uuid not null references user_account (id),
      issued_at timestamptz not null default now(),
      reply_text text,
      replied_by uuid references user_account (id),
      replied_at timestamptz
    );

    create table case_decision (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      outcome text not null check (outcome in ('granted', 'rejected')),
      authorisation_type text,
      tier text,
      proposed_tier text,
      override_reason text,
      grounds text not null default '',
      rules_relied_on text[] not null default '{}',
      appeal_route text,
      appeal_due date,
      effective_date date,
      decided_by uuid not null references user_account (id),
      decided_at timestamptz not null default now(),
      -- Set when the decision was taken on appeal by headquarters.
      appeal_id uuid
    );
    create index case_decision_application_idx on case_decision (application_id, decided_at);

    create table authorisation (
      id uuid primary key default gen_random_uuid(),
      operator_id uuid not null references operator (id),
      application_id uuid not null references application (id),
      decision_id uuid not null references case_decision (id),
      programme_version_id uuid not null references programme_version (id),
      authorisation_type text not null,
      tier text not null,
      site_ids uuid[] not null default '{}',
      sites jsonb not null default '[]',
      effective_date date not null,
      status text not null default 'active' check (status in ('active', 'suspended', 'revoked')),
      granted_by uuid not null references user_account (id),
      granted_at timestamptz not null default now(),
      unique (application_id)
    );
    create index authorisation_operator_idx on authorisation (operator_id, status);

    create table appeal (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      decision_id uuid not null references case_decision (id),
      grounds text not null,
      body text not null,
      evidence_ids uuid[] not null default '{}',
      lodged_by uuid not null references user_account (id),
      lodged_at timestamptz not null default now(),
      status text not null default 'lodged' check (status in ('lodged', 'upheld', 'reversed', 'sent_back')),
      review_note text,
      reviewed_by uuid references user_account (id),
      reviewed_at timestamptz,
      unique (decision_id)
    );

    create table case_document (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      kind text not null,
      language text not null check (language in ('en', 'ru')),
      title text not null,
      file_name text not null,
      media_type text not null,
      body_text text not null,
      content bytea not null,
      sha256 text not null,
      is_shared boolean not null,
      created_by uuid references user_account (id),
      created_at timestamptz not null default now()
    );
    create index case_document_application_idx on case_document (application_id, created_at);
  `.execute(db);
}
