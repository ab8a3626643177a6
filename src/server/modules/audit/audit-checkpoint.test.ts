import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';
import type { Trx } from '../../platform/database';
import { createServices } from '../../services';
import { createTrustTestApp } from '../trust/trust.test-support';
import { GENESIS_HASH, computeAuditHash } from './audit-chain';
import { AuditRepository } from './audit.repository';

type TrustTestApp = Awaited<ReturnType<typeof createTrustTestApp>>;

const open: TrustTestApp[] = [];

afterEach(async () => {
  for (const t of open.splice(0)) {
    await t.close();
    fs.rmSync(path.dirname(t.config.audit.checkpointFile), { recursive: true, force: true });
  }
});

/** Each test tampers with its own database, so each has its own app, keys and checkpoint file. */
async function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-audit-checkpoints-'));
  const t = await createTrustTestApp({ AUDIT_CHECKPOINT_FILE: path.join(dir, 'checkpoints.jsonl') });
  open.push(t);
  const admin = await signInAs(t, { roles: ['admin'] });
  return { t, admin };
}

let officeCount = 0;
async function addEvents(admin: TestClient, count: number) {
  for (let i = 0; i < count; i += 1) {
    officeCount += 1;
    const response = await admin.request('POST', '/api/v1/admin/offices', {
      body: { code: `CP${officeCount}`, name: `Office ${officeCount}`, kind: 'local', regions: [] },
    });
    expect(response.statusCode).toBe(201);
  }
}

async function checkpoint(admin: TestClient) {
  const response = await admin.request('POST', '/api/v1/audit/checkpoints');
  expect(response.statusCode).toBe(201);
  return response.json<{ size: number; headHash: string; logLeafIndex: number; file: string; jws: string }>();
}

async function verify(admin: TestClient) {
  const response = await admin.request('GET', '/api/v1/audit/verify');
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown>>();
}

/** Verification fails at `check`, its reason saying `reason`. */
async function expectVerifyFails(admin: TestClient, check: string, reason: string) {
  expect(await verify(admin)).toMatchObject({ ok: false, check, reason: expect.stringContaining(reason) });
}

/** Removes the transparency log's leaves from `leafIndex` on, and the log's own checkpoints after them. */
async function dropLogFrom(trx: Trx, leafIndex: number) {
  await sql`delete from transparency_log_leaf where leaf_index >= ${leafIndex}`.execute(trx);
  await sql`delete from transparency_log_checkpoint where tree_size > ${leafIndex}`.execute(trx);
}

/** What a database superuser can do: write with every trigger (append-only guards, foreign keys) switched off. */
async function asSuperuser(t: TrustTestApp, work: (trx: Trx) => Promise<void>) {
  await t.database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

describe('audit checkpoints', () => {
  it('signs a checkpoint into the database, the transparency log and the file, and an untouched chain verifies', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 3);
    const created = await checkpoint(admin);
    await addEvents(admin, 2);

    expect(await verify(admin)).toMatchObject({
      ok: true,
      checkpoint: { size: created.size, headHash: created.headHash, logLeafIndex: created.logLeafIndex },
    });
    // The public log holds the checkpoint's size and head; the file a second party keeps holds the signed JWS.
    const leaves = (await t.app.inject({ method: 'GET', url: '/api/v1/log/entries?from=0&limit=100' })).json<{
      items: { leafIndex: number; entry: Record<string, unknown> }[];
    }>().items;
    expect(leaves.find((leaf) => leaf.leafIndex === created.logLeafIndex)?.entry).toMatchObject({
      kind: 'audit_checkpoint',
      size: created.size,
      headHash: created.headHash,
    });
    const lines = fs.readFileSync(t.config.audit.checkpointFile, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { jws: string })).toEqual([
      expect.objectContaining({ size: created.size, jws: created.jws }),
    ]);

    // The scheduler signs again once the latest checkpoint is a day old, not before.
    const now = t.clock.now();
    expect(await t.services.auditAnchor.runScheduled(now)).toBeNull();
    const daily = await t.services.auditAnchor.runScheduled(new Date(now.getTime() + 25 * 3_600_000));
    expect(daily?.size).toBeGreaterThan(created.size);
    expect(await verify(admin)).toMatchObject({ ok: true, checkpoint: { size: daily?.size } });

    const validator = await signInAs(t, { roles: ['validator'] });
    expect((await validator.request('POST', '/api/v1/audit/checkpoints')).statusCode).toBe(403);
  });
});

describe('scheduled checkpoints', () => {
  it('signs one checkpoint when two servers tick at once', async () => {
    const { t, admin } = await setUp();
    await checkpoint(admin);
    await addEvents(admin, 2);
    // A second server on the same database: its own services, its own trust write queue.
    const other = createServices(t.database.db, t.config, undefined);
    const dayLater = new Date(t.clock.now().getTime() + 25 * 3_600_000);
    const results = await Promise.all([
      t.services.auditAnchor.runScheduled(dayLater),
      other.auditAnchor.runScheduled(dayLater),
      t.services.auditAnchor.runScheduled(dayLater),
    ]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(await t.services.audit.listCheckpoints()).toHaveLength(2);
    expect(await verify(admin)).toMatchObject({ ok: true });
  });
});

describe('tampering a superuser can do, found against a checkpoint', () => {
  it('finds the newest events removed past a checkpoint', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 3);
    const created = await checkpoint(admin);
    await addEvents(admin, 2);

    const cut = created.size - 1;
    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_event where seq >= ${cut}`.execute(trx);
    });

    expect(await verify(admin)).toMatchObject({
      ok: false,
      check: 'checkpoint',
      firstBrokenEvent: null,
      seq: cut,
      reason: expect.stringMatching(
        new RegExp(`ends at event ${cut - 1}, but the checkpoint .* covers ${created.size} events`),
      ),
    });
  });

  it('finds a chain edited and re-hashed from the edit on', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 3);
    const created = await checkpoint(admin);
    await addEvents(admin, 2);

    const events = await new AuditRepository().listPageInOrder(t.database.db, 0, 10_000);
    await asSuperuser(t, async (trx) => {
      let prevHash = GENESIS_HASH;
      for (const event of events) {
        const { prevHash: _prev, hash: _hash, ...content } = event;
        if (event.seq === 2) content.summary = { ...content.summary, name: 'Rewritten' };
        const hash = computeAuditHash(prevHash, content);
        await sql`update audit_event set summary = ${JSON.stringify(content.summary)}::jsonb,
          prev_hash = ${prevHash}, hash = ${hash} where seq = ${event.seq}`.execute(trx);
        prevHash = hash;
      }
    });

    const head = events.find((event) => event.seq === created.size)!;
    expect(await verify(admin)).toMatchObject({
      ok: false,
      check: 'checkpoint',
      firstBrokenEvent: head.id,
      seq: created.size,
      reason: expect.stringContaining('rewritten at or before this event'),
    });
  });

  it('finds the checkpoints removed from the database by the transparency log, and then by the file', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 3);
    const created = await checkpoint(admin);
    await addEvents(admin, 2);

    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_checkpoint`.execute(trx);
      await sql`delete from audit_event where seq >= ${created.size}`.execute(trx);
    });
    await expectVerifyFails(admin, 'log', `holds a checkpoint of ${created.size} events`);

    // The log's leaf gone too (and the log's own checkpoints after it): the file a second party keeps still knows.
    await asSuperuser(t, async (trx) => {
      await dropLogFrom(trx, created.logLeafIndex);
    });
    await expectVerifyFails(admin, 'file', 'is missing from the database');
  });
});

describe('the checkpoint file must keep up with the database', () => {
  it('fails when checkpoints exist but the file is missing', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 2);
    await checkpoint(admin);
    fs.rmSync(t.config.audit.checkpointFile);

    await expectVerifyFails(admin, 'file', 'does not exist');
  });

  it("fails when the database's latest checkpoint is not in the file", async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 2);
    await checkpoint(admin);
    await addEvents(admin, 2);
    const latest = await checkpoint(admin);
    const file = t.config.audit.checkpointFile;
    const [first] = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(file, `${first}\n`);

    await expectVerifyFails(admin, 'file', `latest checkpoint in the database (${latest.size} events`);
  });

  it("fails when the file's latest checkpoint is newer than the database's: a removed tail of checkpoints", async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 2);
    const kept = await checkpoint(admin);
    await addEvents(admin, 2);
    const removed = await checkpoint(admin);
    await addEvents(admin, 1);

    // Everything after the first checkpoint's own event goes: events, the newest checkpoint, its leaf, the log heads.
    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_event where seq > ${kept.size + 1}`.execute(trx);
      await sql`delete from audit_checkpoint where size = ${removed.size}`.execute(trx);
      await dropLogFrom(trx, removed.logLeafIndex);
    });

    await expectVerifyFails(admin, 'file', `and newer than its latest (${kept.size} events)`);
  });

  it('answers a failed verification naming the error when the file cannot be read', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 1);
    await checkpoint(admin);
    const file = t.config.audit.checkpointFile;
    fs.rmSync(file);
    fs.mkdirSync(file);
    try {
      await expectVerifyFails(admin, 'file', 'EISDIR');
    } finally {
      fs.rmdirSync(file);
    }
  });

  it('reports a failed write and appends the missing checkpoint on the next scheduler tick', async () => {
    const { t, admin } = await setUp();
    await addEvents(admin, 1);
    const file = t.config.audit.checkpointFile;
    fs.mkdirSync(file);
    const failed = await admin.request('POST', '/api/v1/audit/checkpoints');
    fs.rmdirSync(file);
    expect(failed.statusCode).toBe(503);
    expect(failed.json<{ error: { message: string } }>().error.message).toContain('could not be written');
    expect(await verify(admin)).toMatchObject({ ok: false, check: 'file' });

    // Not due (signed just now): the tick only makes good what the file lacks, once.
    expect(await t.services.auditAnchor.runScheduled(t.clock.now())).toBeNull();
    expect(await t.services.auditAnchor.runScheduled(t.clock.now())).toBeNull();
    const [row] = await t.services.audit.listCheckpoints();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as { jws: string })).toEqual([
      expect.objectContaining({ size: row!.size, jws: row!.jws }),
    ]);
    expect(await verify(admin)).toMatchObject({ ok: true });
  });
});
