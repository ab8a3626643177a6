import { sql } from 'kysely';
import type { Executor, NewRow, Row, Trx } from '../../platform/database';
import type { DeclarationListQuery } from './declarations.schemas';
import { insertMissingRows, updateVersionedRow } from './risk-rows';

export type DeclarationRow = Row<'declaration'>;
export type NewDeclarationRow = NewRow<'declaration'>;
export type InspectionResultRow = Row<'inspection_result'>;
export type InspectionFindingRow = Row<'inspection_finding'>;
export type DeclarationListRow = Omit<DeclarationRow, 'payload' | 'body_hash' | 'rule_ids' | 'agencies'> & {
  model_number: number | null;
  inspected_fraud: boolean | null;
};

/** The list filters that compare one column with the value asked for: query field, column, comparison. */
const LIST_FILTERS = [
  ['channel', 'd.channel', '='],
  ['strategy', 'd.strategy', '='],
  ['office', 'd.office', '='],
  ['importer', 'd.importer_id', '='],
  ['from', 'd.declared_on', '>='],
  ['to', 'd.declared_on', '<='],
] as const;

/** The only place that queries declaration, idempotency_key, inspection_result and inspection_finding. */
export class DeclarationsRepository {
  /** Stored rows among `ids` (for replays and conflicting retries), with the model version number. */
  async findByIds(
    db: Executor,
    ids: readonly string[],
  ): Promise<(DeclarationRow & { model_number: number | null })[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('declaration as d')
      .leftJoin('risk_model_version as m', 'm.id', 'd.model_version_id')
      .selectAll('d')
      .select('m.number as model_number')
      .where('d.id', 'in', ids)
      .execute();
  }

  /** Content hashes of the stored declarations among `ids`. */
  async findHashes(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('declaration')
      .select(['id', 'body_hash'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.body_hash]));
  }

  /** Inserts rows that are not stored yet; returns the ids actually inserted (another writer may have won). */
  async insertNew(trx: Trx, rows: readonly NewDeclarationRow[]): Promise<Set<string>> {
    return new Set(await insertMissingRows(trx, 'declaration', 'id', rows));
  }

  async findIdempotencyKey(
    db: Executor,
    principal: string,
    key: string,
  ): Promise<Row<'idempotency_key'> | undefined> {
    return (await this.findIdempotencyKeys(db, [{ principal, key }])).get(heldKeyOf({ principal, key }));
  }

  /**
   * Inserts the keys not held yet and returns those inserted (`principal\u0000key`). A key another open transaction
   * is inserting makes this wait for it, so two writers never both believe they hold it.
   */
  async claimIdempotencyKeys(
    trx: Trx,
    rows: {
      principal: string;
      key: string;
      body_hash: string;
      declaration_ids: string[];
      created_at: Date;
    }[],
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await trx
      .insertInto('idempotency_key')
      .values(rows)
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning(['principal', 'key'])
      .execute();
    return new Set(inserted.map(heldKeyOf));
  }

  /** Stored keys among `keys`, by `principal\u0000key`. */
  async findIdempotencyKeys(
    db: Executor,
    keys: { principal: string; key: string }[],
  ): Promise<Map<string, Row<'idempotency_key'>>> {
    if (keys.length === 0) return new Map();
    const rows = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where((eb) =>
        eb.or(
          keys.map(({ principal, key }) => eb.and([eb('principal', '=', principal), eb('key', '=', key)])),
        ),
      )
      .execute();
    return new Map(rows.map((row) => [heldKeyOf(row), row]));
  }

  /** Frees keys claimed by a submission that was then refused. */
  async deleteIdempotencyKeys(trx: Trx, keys: { principal: string; key: string }[]): Promise<void> {
    if (keys.length === 0) return;
    await trx
      .deleteFrom('idempotency_key')
      .where((eb) =>
        eb.or(
          keys.map(({ principal, key }) => eb.and([eb('principal', '=', principal), eb('key', '=', key)])),
        ),
      )
      .execute();
  }

  async findOne(
    db: Executor,
    id: string,
  ): Promise<(DeclarationRow & { model_number: number | null }) | undefined> {
    return (await this.findByIds(db, [id]))[0];
  }

  async list(
    db: Executor,
    query: DeclarationListQuery,
    scope: { agency?: string; submittedBy?: string } = {},
  ): Promise<DeclarationListRow[]> {
    let q = db
      .selectFrom('declaration as d')
      .leftJoin('risk_model_version as m', 'm.id', 'd.model_version_id')
      .leftJoin('inspection_result as i', 'i.declaration_id', 'd.id')
      .select([
        'd.id',
        'd.office',
        'd.declared_on',
        'd.importer_id',
        'd.source',
        'd.submitted_by',
        'd.received_at',
        'd.channel',
        'd.strategy',
        'd.score',
        'd.fraud_score',
        'd.critical_score',
        'd.policy_id',
        'd.model_version_id',
        'd.decision',
        'm.number as model_number',
        'i.fraud as inspected_fraud',
      ])
      .orderBy('d.received_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(query.limit);
    for (const [field, column, comparison] of LIST_FILTERS) {
      const value = query[field];
      if (value) q = q.where(column, comparison, value);
    }
    if (query.inspected === 'true') q = q.where('i.declaration_id', 'is not', null);
    if (query.inspected === 'false') q = q.where('i.declaration_id', 'is', null);
    if (query.ruleId) q = q.where(sql<boolean>`${query.ruleId} = any(d.rule_ids)`);
    // An agency sees the declarations its rules hit or that it was asked to look at.
    if (scope.agency !== undefined) q = q.where(sql<boolean>`${scope.agency} = any(d.agencies)`);
    // A single window reads back only what it submitted.
    if (scope.submittedBy !== undefined) q = q.where('d.submitted_by', '=', scope.submittedBy);
    if (query.before) {
      const [at, id] = splitCursor(query.before);
      q = q.where((eb) =>
        eb.or([eb('d.received_at', '<', at), eb.and([eb('d.received_at', '=', at), eb('d.id', '<', id)])]),
      );
    }
    return q.execute();
  }

  /** The inspection result of a declaration, if one is recorded, with its agencies' findings by agency. */
  async findInspection(
    db: Executor,
    declarationId: string,
  ): Promise<{ result: InspectionResultRow; findings: InspectionFindingRow[] } | undefined> {
    const result = await db
      .selectFrom('inspection_result')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .executeTakeFirst();
    if (!result) return undefined;
    const findings = await db
      .selectFrom('inspection_finding')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .orderBy('agency')
      .execute();
    return { result, findings };
  }

  async saveInspection(
    trx: Trx,
    result: NewRow<'inspection_result'>,
    findings: InspectionFindingRow[],
    expectedVersion: number | undefined,
  ): Promise<boolean> {
    if (expectedVersion === undefined) {
      const inserted = await trx
        .insertInto('inspection_result')
        .values(result)
        .onConflict((oc) => oc.column('declaration_id').doNothing())
        .returning('declaration_id')
        .executeTakeFirst();
      if (!inserted) return false;
    } else {
      const { declaration_id: id, ...values } = result;
      const isUpdated = await updateVersionedRow(
        trx,
        'inspection_result',
        'declaration_id',
        id,
        expectedVersion,
        values,
      );
      if (!isUpdated) return false;
      await trx.deleteFrom('inspection_finding').where('declaration_id', '=', id).execute();
    }
    if (findings.length > 0) await trx.insertInto('inspection_finding').values(findings).execute();
    return true;
  }

  /** Bulk results from a file (historical data): rows already recorded are left as they are. */
  async insertInspections(trx: Trx, rows: NewRow<'inspection_result'>[]): Promise<number> {
    return (await insertMissingRows(trx, 'inspection_result', 'declaration_id', rows)).length;
  }

  /** An importer's record with customs: declarations by channel, inspections and findings, since a day. */
  async summariseImporter(db: Executor, importerId: string, since: string) {
    const row = await db
      .selectFrom('declaration as d')
      .leftJoin('inspection_result as i', 'i.declaration_id', 'd.id')
      .select((eb) => [
        eb.fn.countAll<number>().as('declarations'),
        sql<number>`count(*) filter (where d.channel <> 'green')`.as('controlled'),
        sql<number>`count(i.declaration_id)`.as('inspected'),
        sql<number>`count(*) filter (where i.fraud)`.as('found'),
        sql<number>`count(*) filter (where i.critical)`.as('critical'),
        sql<string | null>`sum(i.duty_recovered)`.as('duty_recovered'),
        eb.fn.min('d.declared_on').as('first'),
        eb.fn.max('d.declared_on').as('last'),
      ])
      .where('d.importer_id', '=', importerId)
      .where('d.declared_on', '>=', since)
      .executeTakeFirstOrThrow();
    const findings = await db
      .selectFrom('declaration as d')
      .innerJoin('inspection_result as i', 'i.declaration_id', 'd.id')
      .select(['d.id', 'd.declared_on', 'd.office', 'i.critical', 'i.duty_recovered', 'i.notes'])
      .where('d.importer_id', '=', importerId)
      .where('i.fraud', '=', true)
      .orderBy('d.declared_on', 'desc')
      .limit(20)
      .execute();
    return { row, findings };
  }

  /** Every declaration with an inspection result, oldest first: the training set of the next model. */
  listLabelled(db: Executor) {
    return db
      .selectFrom('declaration as d')
      .innerJoin('inspection_result as i', 'i.declaration_id', 'd.id')
      .select(['d.payload', 'i.fraud', 'i.critical', 'i.duty_recovered'])
      .orderBy('d.declared_on')
      .orderBy('d.id')
      .execute();
  }

  countLabelled(db: Executor): Promise<{ rows: number; positives: number }> {
    return db
      .selectFrom('inspection_result')
      .select((eb) => [
        eb.fn.countAll<number>().as('rows'),
        sql<number>`count(*) filter (where fraud)`.as('positives'),
      ])
      .executeTakeFirstOrThrow()
      .then((row) => ({ rows: Number(row.rows), positives: Number(row.positives) }));
  }

  /** The latest fraud scores given by one model version, newest first (drift). */
  async listRecentScores(db: Executor, limit: number, modelVersionId: string): Promise<number[]> {
    const rows = await db
      .selectFrom('declaration')
      .select('fraud_score')
      .where('model_version_id', '=', modelVersionId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.fraud_score);
  }

  /** The latest decisions' payloads and scores, newest first (to prime calibration and to measure drift). */
  listRecent(db: Executor, limit: number) {
    return db
      .selectFrom('declaration')
      .select(['payload', 'fraud_score', 'critical_score', 'channel'])
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}

/** How a held idempotency key is named in the sets and maps above: `principal\u0000key`. */
function heldKeyOf(row: { principal: string; key: string }): string {
  return `${row.principal}\u0000${row.key}`;
}

export function cursorOf(row: { received_at: Date; id: string }): string {
  return `${row.received_at.toISOString()}|${row.id}`;
}

function splitCursor(cursor: string): [Date, string] {
  const bar = cursor.indexOf('|');
  const at = new Date(cursor.slice(0, bar));
  return [Number.isNaN(at.getTime()) ? new Date(0) : at, cursor.slice(bar + 1)];
}
