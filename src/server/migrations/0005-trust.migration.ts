import { sql, type Kysely } from 'kysely';

/**
 * Certificates and trust (issue 7): the administration's signing keys (public parts only; private keys live in a
 * file outside the database), issued certificates stored as the exact JWS bytes, status changes, the two published
 * status list credentials, the append-only transparency log with its signed checkpoints, and register consent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row; locked (select … for update) by every issuance and status change, so certificate numbers, status
    -- indexes and log leaves are handed out one writer at a time, also across several API nodes.
    create table trust_state (
      id boolean primary key default true check (id),
      next_sequence integer not null default 1
    );
    insert into trust_state default values;

    create table trust_signing_key (
      kid text primary key,
      alg text not null check (alg in ('EdDSA', 'ES256')),
      public_jwk jsonb not null,
      status text not null check (status in ('active', 'retired')),
      -- Where the private part is: the file named by TRUST_SIGNING_KEY_FILE, or a file under the data dir.
      private_key_source text not null check (private_key_source in ('file', 'data_dir')),
      created_at timestamptz not null default now(),
      retired_at timestamptz
    );
    create unique index trust_signing_key_one_active on trust_signing_key (status) where status = 'active';

    create table certificate (
      -- urn:uuid:…, the credential id and JWT jti.
      id text primary key,
      authorisation_id uuid not null unique references authorisation (id),
      operator_id uuid not null references operator (id),
      certificate_number text not null unique,
      sequence integer not null unique,
      -- The certificate itself: the compact JWS exactly as signed, never re-serialised.
      jws text not null,
      credential_hash text not null unique,
      kid text not null references trust_signing_key (kid),
      -- One random index per certificate, used in both status lists.
      status_index integer not null unique check (status_index >= 0),
      valid_from timestamptz not null,
      valid_until timestamptz not null,
      issued_at timestamptz not null,
      issuance_leaf_index integer not null unique
    );
    create index certificate_operator_idx on certificate (operator_id);

    create table authorisation_status_change (
      id uuid primary key default gen_random_uuid(),
      authorisation_id uuid not null references authorisation (id),
      certificate_id text not null references certificate (id),
      action text not null check (action in ('suspend', 'reinstate', 'revoke')),
      from_status text not null,
      to_status text not null,
      reason text not null,
      remediation_deadline date,
      leaf_index integer not null unique,
      changed_by uuid references user_account (id),
      changed_at timestamptz not null
    );
    create index authorisation_status_change_idx on authorisation_status_change (authorisation_id, changed_at);

    create table status_list_credential (
      purpose text primary key check (purpose in ('suspension', 'revocation')),
      list_url text not null,
      jws text not null,
      encoded_list text not null,
      kid text not null references trust_signing_key (kid),
      valid_from timestamptz not null,
      valid_until timestamptz not null
    );

    -- RFC 9162 leaves: hashes and ids only, so the log can be public.
    create table transparency_log_leaf (
      leaf_index integer primary key check (leaf_index >= 0),
      kind text not null check (kind in ('issuance', 'suspension', 'reinstatement', 'revocation')),
      certificate_id text not null references certificate (id),
      credential_hash text not null,
      -- The leaf bytes: RFC 8785 canonical JSON of the entry.
      entry text not null,
      leaf_hash text not null,
      appended_at timestamptz not null
    );

    create table transparency_log_checkpoint (
      tree_size integer primary key check (tree_size >= 0),
      root_hash text not null,
      jws text not null,
      kid text not null references trust_signing_key (kid),
      signed_at timestamptz not null
    );

    create function transparency_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name using errcode = '42501';
    end;
    $$;
    create trigger transparency_log_leaf_no_update before update or delete on transparency_log_leaf
      for each row execute function transparency_log_is_append_only();
    create trigger transparency_log_leaf_no_truncate before truncate on transparency_log_leaf
      for each statement execute function transparency_log_is_append_only();
    create trigger transparency_log_checkpoint_no_update before update or delete on transparency_log_checkpoint
      for each row execute function transparency_log_is_append_only();

    -- Publication in the public register is opt-in, per operator.
    -- The register lists AEOs by name and finds them by taxpayer id (the unique key leads with the country).
    create index register_operator_name_idx on operator (legal_name);
    create index register_operator_taxpayer_idx on operator (taxpayer_id);
    -- Name fragments (ilike '%…%') use a trigram index where the server has pg_trgm (PostgreSQL with contrib);
    -- the embedded database goes without and scans, which is fine at its sizes.
    do $$
    begin
      create extension if not exists pg_trgm;
      create index register_operator_name_trgm_idx on operator using gin (legal_name gin_trgm_ops);
    exception when others then
      raise notice 'pg_trgm is not available: register name searches scan the operator table';
    end $$;

    create table register_consent (
      operator_id uuid primary key references operator (id),
      is_published boolean not null,
      updated_by uuid references user_account (id),
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}
