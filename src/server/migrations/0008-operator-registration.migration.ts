import { sql, type Kysely } from 'kysely';

/**
 * Self-registration waits for its e-mail to be confirmed (issue 12): the request is kept here and the operator and
 * its first user are created only when the link sent to the address is opened, so the public answer is the same
 * whether or not the address already has an account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table operator_registration (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      legal_name text not null,
      taxpayer_id text not null,
      country char(2) not null,
      address text not null,
      roles text[] not null,
      employees integer check (employees >= 0),
      annual_turnover numeric(18, 2) check (annual_turnover >= 0),
      email text not null,
      user_name text not null,
      language text not null,
      -- Cleared once confirmed: the user account holds it from then on.
      password_hash text,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      confirmed_at timestamptz,
      operator_id uuid references operator (id)
    );
    create index operator_registration_expires_idx on operator_registration (expires_at);
  `.execute(db);
}
