import { sql } from 'kysely';
import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import type { StatusPurpose, TrustTables } from './trust.tables';

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

type TrustTable = keyof TrustTables;

/** The row of a trust table whose `column` (its key or a unique column) holds `value`. */
function findRowBy<T extends TrustTable, C extends keyof Row<T> & string>(
  db: Executor,
  table: T,
  column: C,
  value: Row<T>[C],
): Promise<Row<T> | undefined> {
  // The same statement over any trust table, typed back to the one named (Kysely cannot follow a generic table).
  const anyTable: TrustTable = table;
  const query = db.selectFrom(anyTable).selectAll().where(sql.ref(column), '=', value);
  return query.executeTakeFirst() as Promise<Row<T> | undefined>;
}

/** Inserts a row, or replaces every other column of the row already stored under its `key` column. */
async function upsertRowBy<T extends TrustTable, K extends keyof NewRow<T> & string>(
  trx: Trx,
  table: T,
  key: K,
  row: NewRow<T>,
): Promise<void> {
  const { [key]: _key, ...changes } = row;
  const anyTable: TrustTable = table;
  await trx
    .insertInto(anyTable)
    .values(row)
    .onConflict((oc) => oc.column(key as never).doUpdateSet(changes))
    .execute();
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
    return findRowBy(db, 'trust_signing_key', 'kid', kid);
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
    return findRowBy(db, 'certificate', 'authorisation_id', authorisationId);
  }

  findCertificateByHash(db: Executor, credentialHash: string): Promise<CertificateRow | undefined> {
    return findRowBy(db, 'certificate', 'credential_hash', credentialHash);
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
    return findRowBy(db, 'status_list_credential', 'purpose', purpose);
  }

  async saveStatusList(trx: Trx, row: NewRow<'status_list_credential'>): Promise<void> {
    await upsertRowBy(trx, 'status_list_credential', 'purpose', row);
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
    return findRowBy(db, 'transparency_log_leaf', 'leaf_index', leafIndex);
  }

  listLeaves(db: Executor, from: number, limit: number): Promise<LogLeafRow[]> {
    return selectLeaves(db).where('leaf_index', '>=', from).limit(limit).execute();
  }

  /** The audit checkpoints the log holds, in log order. */
  listAuditCheckpointLeaves(db: Executor): Promise<LogLeafRow[]> {
    return selectLeaves(db).where('kind', '=', 'audit_checkpoint').execute();
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
    return findRowBy(db, 'transparency_log_checkpoint', 'tree_size', treeSize);
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

  findConsent(db: Executor, operatorId: string): Promise<Row<'register_consent'> | undefined> {
    return findRowBy(db, 'register_consent', 'operator_id', operatorId);
  }

  async saveConsent(trx: Trx, row: Row<'register_consent'>): Promise<void> {
    await upsertRowBy(trx, 'register_consent', 'operator_id', row);
  }
}

/** The log's leaves in log order, every column: the start of the leaf listings. */
function selectLeaves(db: Executor) {
  return db.selectFrom('transparency_log_leaf').selectAll().orderBy('leaf_index');
}
