import type { Kysely } from 'kysely';

/** Validation and decision: desk review, consultation, risk map, on-site visit, report, sign-off, decision, appeal. */
export async function up(_db: Kysely<unknown>): Promise<void> {
  // Filled in by the validation work (issue 6).
}
