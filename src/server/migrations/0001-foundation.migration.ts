import { sql, type Kysely } from 'kysely';

/** Organisations, accounts, sessions, API keys, the audit trail and notifications. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table office (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('headquarters', 'local')),
      parent_id uuid references office (id),
      regions text[] not null default '{}',
      created_at timestamptz not null default now()
    );

    create table operator (
      id uuid primary key default gen_random_uuid(),
      legal_name text not null,
      taxpayer_id text not null,
      country char(2) not null,
      address text not null,
      roles text[] not null default '{}',
      employees integer check (employees >= 0),
      annual_turnover numeric(18, 2) check (annual_turnover >= 0),
      created_at timestamptz not null default now(),
      unique (country, taxpayer_id)
    );

    create table user_account (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      password_hash text,
      roles text[] not null,
      language text not null default 'en' check (language in ('en', 'ru')),
      office_id uuid references office (id),
      operator_id uuid references operator (id),
      operator_rights text[] not null default '{}',
      disabled_at timestamptz,
      totp_secret text,
      totp_enabled_at timestamptz,
      created_at timestamptz not null default now(),
      last_login_at timestamptz,
      password_changed_at timestamptz
    );
    create unique index user_account_email_key on user_account (lower(email));
    create index user_account_operator_idx on user_account (operator_id);

    create table session (
      id text primary key,
      user_id uuid not null references user_account (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      second_factor_pending boolean not null default false,
      ip text,
      user_agent text
    );
    create index session_user_idx on session (user_id);

    create table api_key (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      prefix text not null unique,
      secret_hash text not null,
      scopes text[] not null,
      created_by uuid references user_account (id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references user_account (id)
    );

    create table login_failure (
      id bigserial primary key,
      key text not null,
      occurred_at timestamptz not null default now()
    );
    create index login_failure_key_idx on login_failure (key, occurred_at);

    create table audit_event (
      seq bigint primary key,
      id uuid not null unique default gen_random_uuid(),
      occurred_at timestamptz not null,
      actor_user_id uuid,
      actor_api_key_id uuid,
      actor_label text,
      on_behalf_of_operator_id uuid,
      operator_id uuid,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      summary jsonb not null,
      request_id text,
      prev_hash text not null,
      hash text not null
    );
    create index audit_event_entity_idx on audit_event (entity_type, entity_id);
    create index audit_event_operator_idx on audit_event (operator_id, seq);
    create index audit_event_actor_idx on audit_event (actor_user_id, seq);

    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only' using errcode = '42501';
    end;
    $$;
    create trigger audit_event_no_update before update or delete on audit_event
      for each row execute function audit_event_is_append_only();
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_is_append_only();

    create table invitation (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      operator_id uuid not null references operator (id),
      email text not null,
      name text not null,
      rights text[] not null,
      invited_by uuid not null references user_account (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_user_id uuid references user_account (id)
    );

    create table delegation (
      id uuid primary key default gen_random_uuid(),
      principal_operator_id uuid not null references operator (id),
      delegate_operator_id uuid not null references operator (id),
      rights text[] not null,
      valid_from date not null,
      valid_until date not null,
      created_by uuid not null references user_account (id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references user_account (id),
      check (principal_operator_id <> delegate_operator_id),
      check (valid_until >= valid_from)
    );
    create index delegation_delegate_idx on delegation (delegate_operator_id);
    create index delegation_principal_idx on delegation (principal_operator_id);

    create table change_notification (
      id uuid primary key default gen_random_uuid(),
      operator_id uuid not null references operator (id),
      kind text not null,
      description text not null,
      effective_date date not null,
      status text not null default 'submitted' check (status in ('submitted', 'acknowledged')),
      submitted_by uuid not null references user_account (id),
      submitted_at timestamptz not null default now(),
      acknowledged_by uuid references user_account (id),
      acknowledged_at timestamptz
    );
    create index change_notification_operator_idx on change_notification (operator_id, submitted_at desc);

    create table notification (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references user_account (id),
      event text not null,
      subject text not null,
      body text not null,
      link text,
      entity_type text,
      entity_id text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index notification_user_idx on notification (user_id, created_at desc);

    create table email_outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0,
      notification_id uuid references notification (id),
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text
    );
    create index email_outbox_status_idx on email_outbox (status, created_at);

    create table reminder (
      id uuid primary key default gen_random_uuid(),
      key text not null unique,
      event text not null,
      entity_type text not null,
      entity_id text not null,
      due_at timestamptz not null,
      remind_at timestamptz not null,
      escalate_at timestamptz,
      recipient_user_ids uuid[] not null default '{}',
      escalation_role text,
      escalation_office_id uuid references office (id),
      params jsonb not null default '{}',
      status text not null default 'pending'
        check (status in ('pending', 'reminded', 'escalated', 'cancelled')),
      reminded_at timestamptz,
      escalated_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index reminder_due_idx on reminder (status, remind_at);
  `.execute(db);
}
