import { sql, type Kysely } from 'kysely';

/**
 * The risk management service: declarations with their decisions, inspection results, the trusted-trader list,
 * rules and profiles per agency with hit statistics, selection policies (budgets) per office, model versions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Partner-agency users (role agency_officer) belong to one agency, e.g. SPS or CITES.
    alter table user_account add column agency text;

    create table risk_model_version (
      id uuid primary key default gen_random_uuid(),
      number integer not null unique,
      status text not null check (status in ('training', 'ready', 'failed')),
      is_active boolean not null default false,
      preset text not null,
      -- The serialised model (openaeo-risk-model JSON), gzip-compressed.
      model bytea,
      evaluation jsonb,
      -- Score histogram of the training rows, the reference the drift figures compare recent scores with.
      score_reference jsonb,
      training_rows integer not null default 0,
      progress jsonb not null default '{}',
      error text,
      note text,
      created_by uuid references user_account (id),
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      activated_at timestamptz
    );
    create unique index risk_model_one_active on risk_model_version (is_active) where is_active;

    create table declaration (
      id text primary key,
      office text not null,
      declared_on date not null,
      importer_id text not null,
      -- json, not jsonb: stored as sent and written at twice the speed; nothing queries inside it.
      payload json not null,
      -- SHA-256 of the canonical (RFC 8785) payload: a retry with another body under the same id is refused.
      body_hash text not null,
      source text not null check (source in ('api', 'csv', 'stream', 'demo')),
      submitted_by text,
      received_at timestamptz not null default now(),
      channel text not null,
      strategy text not null,
      score double precision not null,
      fraud_score double precision not null,
      critical_score double precision not null,
      policy_id text not null,
      model_version_id uuid references risk_model_version (id),
      -- Reasons, rule hits, AEO facilitation, agencies to notify, exploration mode: the decision as answered.
      decision json not null,
      -- What the decision log filters on, kept beside the decision.
      rule_ids text[] not null default '{}',
      agencies text[] not null default '{}'
    );
    create index declaration_received_idx on declaration (received_at desc, id);
    create index declaration_importer_idx on declaration (importer_id, declared_on desc);
    create index declaration_channel_idx on declaration (channel, received_at desc);

    create table idempotency_key (
      key text not null,
      principal text not null,
      body_hash text not null,
      declaration_ids text[] not null,
      created_at timestamptz not null default now(),
      primary key (principal, key)
    );

    create table inspection_result (
      declaration_id text primary key references declaration (id),
      fraud boolean not null,
      critical boolean not null,
      duty_recovered numeric,
      notes text,
      -- The inspecting officer and agency of a single-agency inspection (joint ones list theirs per finding).
      officer text,
      agency text,
      recorded_by uuid references user_account (id),
      recorded_by_key uuid references api_key (id),
      recorded_at timestamptz not null default now(),
      version integer not null default 1
    );

    -- A joint inspection is one event with each agency's findings.
    create table inspection_finding (
      declaration_id text not null references inspection_result (declaration_id),
      agency text not null,
      found boolean not null,
      critical boolean not null,
      officer text not null,
      notes text,
      primary key (declaration_id, agency)
    );

    create table trusted_trader (
      party_id text primary key,
      status text not null check (status in ('active', 'suspended', 'revoked', 'expired')),
      authorisation_type text not null,
      tier text not null,
      source text not null check (source in ('national', 'mra')),
      partner text,
      legal_name text,
      -- Null: the active programme's benefits for the type and tier decide.
      inspection_factor double precision,
      valid_until date,
      updated_by uuid references user_account (id),
      updated_at timestamptz not null default now()
    );

    create table risk_profile (
      id text primary key,
      name text not null,
      description jsonb not null,
      owner_kind text not null check (owner_kind in ('customs', 'agency')),
      agency text,
      created_by uuid references user_account (id),
      created_at timestamptz not null default now(),
      check ((owner_kind = 'agency') = (agency is not null))
    );

    create table risk_rule (
      id text primary key,
      profile_id text not null references risk_profile (id),
      -- The rule as the engine's schema defines it (owner copied from its profile).
      definition jsonb not null,
      version integer not null default 1,
      is_deleted boolean not null default false,
      updated_by uuid references user_account (id),
      updated_at timestamptz not null default now()
    );
    create index risk_rule_profile_idx on risk_rule (profile_id);

    create table risk_rule_hit_day (
      rule_id text not null,
      day date not null,
      hits integer not null,
      primary key (rule_id, day)
    );

    -- Budgets: one selection policy per declaration office code, '*' for the default.
    create table selection_policy (
      office text primary key,
      definition jsonb not null,
      version integer not null default 1,
      updated_by uuid references user_account (id),
      updated_at timestamptz not null default now()
    );

    -- Bumped by every change the scorers must see (rules, budgets, trusted traders, active model); scorers in
    -- other processes compare it before deciding.
    create table risk_revision (
      id boolean primary key default true check (id),
      revision bigint not null
    );
    insert into risk_revision (id, revision) values (true, 1);
  `.execute(db);
}
