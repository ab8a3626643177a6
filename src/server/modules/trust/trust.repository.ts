import { sql } from 'kysely';
import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import type { StatusPurpose } from './trust.tables';

/** Register searches count their matches up to this many. */
export const REGISTER_COUNT_LIMIT = 1_000;

export type SigningKeyRow = Row<'trust_signing_key'>;
export type CertificateRow = Row<'certificate'>;
export type StatusListRow = Row<'status_list_credential'>;
export type LogLeafRow = Row<'transparency_log_leaf'>;
export type CheckpointRow = Row<'transparency_log_checkpoint'>;

export type { AuthorisationForCertificate } from '../authorisations/authorisations.service';

export interface RegisterFilter {
  query?: string | undefined;
  authorisationType?: string | undefined;
  country?: string | undefined;
  status?: 'active' | 'suspended' | 'revoked' | undefined;
  limit: number;
  offset: number;
}

/**
 * The only place that queries the trust tables. It joins `authorisation` and `operator` (owned by the authorisations and
 * organisations modules) only where the status lists or the register need them in one query; authorisations
 * themselves are read and changed through the authorisations service.
 */
export class TrustRepository {
  /** Serialises issuance and status changes (certificate numbers, status indexes, log leaves), across nodes too. */
  async lock(trx: Trx): Promise<void> {
    await trx.selectFrom('trust_state').select('id').forUpdate().executeTakeFirstOrThrow();
  }

  async takeSequence(trx: Trx): Promise<number> {
    const row = await trx
      .updateTable('trust_state')
      .set({ next_sequence: sql<number>`next_sequence + 1` })
      .returning('next_sequence')
      .executeTakeFirstOrThrow();
    return row.next_sequence - 1;
  }

  // ----- keys ---------------------------------------------------------------------------------------------------

  listKeys(db: Executor): Promise<SigningKeyRow[]> {
    return db.selectFrom('trust_signing_key').selectAll().orderBy('created_at').orderBy('kid').execute();
  }

  findKey(db: Executor, kid: string): Promise<SigningKeyRow | undefined> {
    return db.selectFrom('trust_signing_key').selectAll().where('kid', '=', kid).executeTakeFirst();
  }

  async retireActiveKey(trx: Trx, now: Date): Promise<void> {
    await trx
      .updateTable('trust_signing_key')
      .set({ status: 'retired', retired_at: now })
      .where('status', '=', 'active')
      .execute();
  }

  async insertKey(trx: Trx, row: NewRow<'trust_signing_key'>): Promise<void> {
    await trx.insertInto('trust_signing_key').values(row).execute();
  }

  /** Authorisations granted but not yet certified (issued by the scheduler and the demo seed). */
  async listUncertifiedAuthorisationIds(db: Executor, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('authorisation as a')
      .leftJoin('certificate as c', 'c.authorisation_id', 'a.id')
      .select('a.id')
      .where('c.id', 'is', null)
      .where('a.status', '!=', 'revoked')
      .orderBy('a.granted_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  // ----- certificates -------------------------------------------------------------------------------------------

  findCertificateByAuthorisation(db: Executor, authorisationId: string): Promise<CertificateRow | undefined> {
    return db
      .selectFrom('certificate')
      .selectAll()
      .where('authorisation_id', '=', authorisationId)
      .executeTakeFirst();
  }

  findCertificateByHash(db: Executor, credentialHash: string): Promise<CertificateRow | undefined> {
    return db
      .selectFrom('certificate')
      .selectAll()
      .where('credential_hash', '=', credentialHash)
      .executeTakeFirst();
  }

  async insertCertificate(trx: Trx, row: NewRow<'certificate'>): Promise<void> {
    await trx.insertInto('certificate').values(row).execute();
  }

  async listStatusIndexes(db: Executor): Promise<Set<number>> {
    const rows = await db.selectFrom('certificate').select('status_index').execute();
    return new Set(rows.map((row) => row.status_index));
  }

  /** Every certificate's index with its authorisation's status: the status lists are rebuilt from this. */
  listCertificateStatuses(db: Executor): Promise<{ status_index: number; status: string }[]> {
    return db
      .selectFrom('certificate as c')
      .innerJoin('authorisation as a', 'a.id', 'c.authorisation_id')
      .select(['c.status_index', 'a.status'])
      .where('a.status', '!=', 'active')
      .execute();
  }

  // ----- status lists -------------------------------------------------------------------------------------------

  listStatusLists(db: Executor): Promise<StatusListRow[]> {
    return db.selectFrom('status_list_credential').selectAll().orderBy('purpose').execute();
  }

  findStatusList(db: Executor, purpose: StatusPurpose): Promise<StatusListRow | undefined> {
    return db
      .selectFrom('status_list_credential')
      .selectAll()
      .where('purpose', '=', purpose)
      .executeTakeFirst();
  }

  async saveStatusList(trx: Trx, row: NewRow<'status_list_credential'>): Promise<void> {
    await trx
      .insertInto('status_list_credential')
      .values(row)
      .onConflict((oc) =>
        oc.column('purpose').doUpdateSet({
          list_url: row.list_url,
          jws: row.jws,
          encoded_list: row.encoded_list,
          kid: row.kid,
          valid_from: row.valid_from,
          valid_until: row.valid_until,
        }),
      )
      .execute();
  }

  // ----- transparency log ---------------------------------------------------------------------------------------

  async logSize(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('transparency_log_leaf')
      .select((eb) => eb.fn.countAll<number>().as('size'))
      .executeTakeFirstOrThrow();
    return Number(row.size);
  }

  /** Leaf hashes (hex) of indexes from..to-1, in order. */
  async listLeafHashes(db: Executor, from: number, to: number): Promise<string[]> {
    const rows = await db
      .selectFrom('transparency_log_leaf')
      .select('leaf_hash')
      .where('leaf_index', '>=', from)
      .where('leaf_index', '<', to)
      .orderBy('leaf_index')
      .execute();
    return rows.map((row) => row.leaf_hash);
  }

  findLeaf(db: Executor, leafIndex: number): Promise<LogLeafRow | undefined> {
    return db
      .selectFrom('transparency_log_leaf')
      .selectAll()
      .where('leaf_index', '=', leafIndex)
      .executeTakeFirst();
  }

  listLeaves(db: Executor, from: number, limit: number): Promise<LogLeafRow[]> {
    return db
      .selectFrom('transparency_log_leaf')
      .selectAll()
      .where('leaf_index', '>=', from)
      .orderBy('leaf_index')
      .limit(limit)
      .execute();
  }

  /** The audit checkpoints the log holds, in log order. */
  listAuditCheckpointLeaves(db: Executor): Promise<LogLeafRow[]> {
    return db
      .selectFrom('transparency_log_leaf')
      .selectAll()
      .where('kind', '=', 'audit_checkpoint')
      .orderBy('leaf_index')
      .execute();
  }

  async insertLeaf(trx: Trx, row: NewRow<'transparency_log_leaf'>): Promise<void> {
    await trx.insertInto('transparency_log_leaf').values(row).execute();
  }

  latestCheckpoint(db: Executor): Promise<CheckpointRow | undefined> {
    return db
      .selectFrom('transparency_log_checkpoint')
      .selectAll()
      .orderBy('tree_size', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  findCheckpoint(db: Executor, treeSize: number): Promise<CheckpointRow | undefined> {
    return db
      .selectFrom('transparency_log_checkpoint')
      .selectAll()
      .where('tree_size', '=', treeSize)
      .executeTakeFirst();
  }

  async insertCheckpoint(trx: Trx, row: NewRow<'transparency_log_checkpoint'>): Promise<void> {
    await trx
      .insertInto('transparency_log_checkpoint')
      .values(row)
      .onConflict((oc) => oc.column('tree_size').doNothing())
      .execute();
  }

  // ----- public register ----------------------------------------------------------------------------------------

  async searchRegister(db: Executor, filter: RegisterFilter) {
    let query = db
      .selectFrom('certificate as c')
      .innerJoin('authorisation as a', 'a.id', 'c.authorisation_id')
      .innerJoin('operator as o', 'o.id', 'c.operator_id')
      .innerJoin('register_consent as rc', 'rc.operator_id', 'c.operator_id')
      .where('rc.is_published', '=', true);
    if (filter.query) {
      const text = filter.query;
      // One word with a digit is a certificate number (it has slashes) or a taxpayer id, looked up exactly through
      // its index; anything else is a name fragment.
      if (/^\S+$/.test(text) && /\d/.test(text)) {
        const ids = [...new Set([text, text.toUpperCase()])];
        query = text.includes('/')
          ? query.where('c.certificate_number', 'in', ids)
          : query.where('o.taxpayer_id', 'in', ids);
      } else {
        const like = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
        query = query.where('o.legal_name', 'ilike', like);
      }
    }
    if (filter.authorisationType) query = query.where('a.authorisation_type', '=', filter.authorisationType);
    if (filter.country) query = query.where('o.country', '=', filter.country);
    if (filter.status) query = query.where('a.status', '=', filter.status);
    const [rows, total] = await Promise.all([
      query
        .select([
          'o.legal_name',
          'o.taxpayer_id',
          'o.country',
          'a.authorisation_type',
          'a.tier',
          'a.status',
          'c.certificate_number',
          'c.valid_from',
          'c.valid_until',
        ])
        .orderBy('o.legal_name')
        .orderBy('c.certificate_number')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      // Counting every match of a broad search costs a full join; past the limit, "more than" is enough.
      db
        .selectFrom(
          query
            .select('c.id')
            .limit(REGISTER_COUNT_LIMIT + 1)
            .as('matches'),
        )
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow(),
    ]);
    const counted = Number(total.total);
    return {
      rows,
      total: Math.min(counted, REGISTER_COUNT_LIMIT),
      isTotalCapped: counted > REGISTER_COUNT_LIMIT,
    };
  }

  /** Holders of a certificate that have not yet said whether they want to be in the register. */
  async listCertifiedOperatorsWithoutConsent(db: Executor): Promise<string[]> {
    const rows = await db
      .selectFrom('certificate as c')
      .leftJoin('register_consent as rc', 'rc.operator_id', 'c.operator_id')
      .select('c.operator_id')
      .distinct()
      .where('rc.operator_id', 'is', null)
      .execute();
    return rows.map((row) => row.operator_id);
  }

  findConsent(db: Executor, operatorId: string) {
    return db
      .selectFrom('register_consent')
      .selectAll()
      .where('operator_id', '=', operatorId)
      .executeTakeFirst();
  }

  async saveConsent(
    trx: Trx,
    row: { operator_id: string; is_published: boolean; updated_by: string | null; updated_at: Date },
  ): Promise<void> {
    await trx
      .insertInto('register_consent')
      .values(row)
      .onConflict((oc) =>
        oc.column('operator_id').doUpdateSet({
          is_published: row.is_published,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }
}
