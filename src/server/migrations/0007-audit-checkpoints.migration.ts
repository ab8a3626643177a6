import { sql, type Kysely } from 'kysely';

/**
 * Audit checkpoints (issue 12): a signed statement of the audit chain's size and head hash, kept in the database,
 * appended to the public transparency log as an `audit_checkpoint` leaf, and written to a file a second party keeps,
 * so that a truncated tail or a rewritten chain no longer verifies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_checkpoint (
      -- Events in the chain when it was signed: the sequence number of its head (0 for an empty chain).
      size bigint primary key check (size >= 0),
      head_hash text not null,
      origin text not null,
      signed_at timestamptz not null,
      kid text not null references trust_signing_key (kid),
      -- Compact JWS (typ audit-checkpoint+jwt) over origin, size, headHash, timestamp.
      jws text not null,
      log_leaf_index integer not null unique references transparency_log_leaf (leaf_index)
    );
    create function audit_checkpoint_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_checkpoint is append-only' using errcode = '42501';
    end;
    $$;
    create trigger audit_checkpoint_no_update before update or delete on audit_checkpoint
      for each row execute function audit_checkpoint_is_append_only();
    create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
      for each statement execute function audit_checkpoint_is_append_only();

    -- The transparency log also holds audit checkpoints, which name no certificate.
    alter table transparency_log_leaf drop constraint transparency_log_leaf_kind_check;
    alter table transparency_log_leaf add constraint transparency_log_leaf_kind_check
      check (kind in ('issuance', 'suspension', 'reinstatement', 'revocation', 'audit_checkpoint'));
    alter table transparency_log_leaf alter column certificate_id drop not null;
    alter table transparency_log_leaf alter column credential_hash drop not null;
    alter table transparency_log_leaf add constraint transparency_log_leaf_subject_check
      check ((kind = 'audit_checkpoint') = (certificate_id is null and credential_hash is null));
  `.execute(db);
}
