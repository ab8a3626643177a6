import { sql, type Kysely } from 'kysely';

/**
 * Validation, second part (issue 6): partner agencies consulted alongside offices, photos per on-site checklist item,
 * requests for information during the examination, sign-off in levels, and the reapplication bar a rejection sets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A consultation goes to an office or to a partner agency (user_account.agency), never both.
    alter table consultation alter column office_id drop not null;
    alter table consultation add column agency text;
    alter table consultation add constraint consultation_one_addressee
      check ((office_id is null) <> (agency is null));
    create unique index consultation_agency_unique on consultation (application_id, agency) where agency is not null;

    create table checklist_photo (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      checklist_item_id uuid not null references checklist_item (id),
      file_name text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      caption text not null default '',
      taken_by uuid not null references user_account (id),
      taken_at timestamptz not null default now()
    );
    create index checklist_photo_item_idx on checklist_photo (checklist_item_id);

    -- Customs ask the applicant for more during the examination; the case keeps its state, the clock may pause.
    create table examination_request (
      id uuid primary key default gen_random_uuid(),
      application_id uuid not null references application (id),
      question_ids text[] not null default '{}',
      message text not null,
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'answered', 'lapsed')),
      requested_by uuid not null references user_account (id),
      requested_at timestamptz not null default now(),
      reply_text text,
      evidence_ids uuid[] not null default '{}',
      replied_by uuid references user_account (id),
      replied_at timestamptz
    );
    create index examination_request_application_idx on examination_request (application_id, requested_at);
    create index examination_request_due_idx on examination_request (status, due_date);

    -- Sign-off in levels (the programme's signOff.levels); 1 for a single senior signature.
    alter table sign_off add column level integer not null default 1;

    -- A rejection (where the programme says so) or a revocation bars a new application of the same type before this
    -- date (the programme's clocks.reapplicationBarAfterRejection / reapplicationBarAfterRevocation).
    alter table case_decision add column barred_until date;
    alter table authorisation add column barred_until date;
  `.execute(db);
}
