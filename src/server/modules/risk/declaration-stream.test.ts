import { randomBytes } from 'node:crypto';
import {
  connect,
  headers as createHeaders,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireNats } from '../../../../tests/support/requirements';
import { useTestApp } from '../../../../tests/support/test-app';
import { storedDeclarationCount } from './risk.test-support';
import type { Declaration } from '../../../risk-engine/index';
import { systemContext } from '../../platform/request-context';
import { generateDemoDeclarations } from '../../seed/demo-declarations';
import {
  DeclarationStreamConsumer,
  ensureDeclarationStreams,
  outputStreamName,
  type DeclarationIngest,
  type DeclarationStreamNames,
  type DeclarationStreamOptions,
} from './declaration-stream';
import { parseDeclarationMessage, type DeadLetter } from './declaration-stream-messages';
import type { DecisionDto } from './declarations.schemas';

const NATS_URL = process.env.NATS_URL;
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
let counter = 0;

function uniqueNames(): DeclarationStreamNames {
  counter += 1;
  const id = `${run}${counter}`;
  return {
    stream: `TEST_DECLARATIONS_${id}`,
    declarationsSubject: `test.${id}.declarations`,
    decisionsSubject: `test.${id}.decisions`,
    deadLetterSubject: `test.${id}.dead-letter`,
    consumer: `scorer-${id}`,
  };
}

function declarations(count: number): Declaration[] {
  counter += 1;
  return generateDemoDeclarations(count, { seed: counter, idPrefix: `S${run}${counter}-` }).map(
    (d) => d.declaration,
  );
}

/** Quick redelivery so a dead scorer's messages come back within the test. */
const FAST: Partial<DeclarationStreamOptions> = { ackWaitMs: 2000, retryDelayMs: 100, idleWaitMs: 1000 };

describe('declaration stream messages', () => {
  const parse = (body: unknown) => parseDeclarationMessage(new TextEncoder().encode(JSON.stringify(body)));
  const paths = (body: unknown) => {
    const parsed = parse(body);
    return parsed.isValid ? [] : parsed.fields.map((f) => f.path);
  };

  it('names the failing fields of the shape the message was meant to be, as the HTTP API does', () => {
    const [base] = declarations(1);
    const { date: _date, ...withoutDate } = base!;
    const { items: _items, ...withoutItems } = base!;
    expect(paths(withoutDate)).toEqual(['date']);
    expect(paths(withoutItems)).toEqual(['items']);
    expect(paths({ ...base!, importer: { ...base!.importer, scheme: 'vat' } })).toEqual(['importer.scheme']);
    expect(paths({ declarations: [base, withoutDate] })).toEqual(['declarations.1.date']);
    const tooMany = parse({ declarations: Array.from({ length: 1001 }, () => base) });
    expect(tooMany).toMatchObject({
      isValid: false,
      reason: 'invalid_declaration',
      fields: [{ path: 'declarations', message: 'at most 1000 declarations' }],
    });
  });

  it('refuses a NUL character anywhere, naming the field', () => {
    const [base] = declarations(1);
    const withNul = { ...base!, items: [{ ...base!.items[0]!, description: 'tea\u0000leaves' }] };
    expect(parse(withNul)).toMatchObject({
      isValid: false,
      reason: 'invalid_declaration',
      fields: [{ path: 'items.0.description', message: expect.stringContaining('U+0000') }],
    });
    expect(paths({ declarations: [base, { ...base!, id: 'X\u0000' }] })).toEqual(['declarations.1.id']);
  });

  it('refuses an unpaired surrogate (jsonb cannot store it), naming the field as the HTTP edge does', () => {
    const [base] = declarations(1);
    // JSON.stringify writes a lone surrogate as the escape `\ud800`: the message carries it as JSON text.
    const withSurrogate = { ...base!, items: [{ ...base!.items[0]!, description: 'tea \ud800 leaves' }] };
    expect(parse(withSurrogate)).toMatchObject({
      isValid: false,
      reason: 'invalid_declaration',
      fields: [{ path: 'items.0.description', message: expect.stringContaining('unpaired surrogate') }],
    });
    const paired = { ...base!, items: [{ ...base!.items[0]!, description: 'tea \ud83c\udf75' }] };
    expect(parse(paired)).toMatchObject({ isValid: true });
  });
});

const nats = requireNats();
describe.skipIf(!nats.isAvailable)(`declaration stream (JetStream)${nats.skipReason}`, () => {
  const t = useTestApp();
  let client: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const scorers: { consumer: DeclarationStreamConsumer; connection: NatsConnection }[] = [];
  const streams: string[] = [];

  beforeAll(async () => {
    client = await connect({ servers: NATS_URL });
    js = client.jetstream();
    jsm = await client.jetstreamManager();
  });

  afterEach(async () => {
    for (const { consumer, connection } of scorers.splice(0)) {
      await consumer.stop();
      if (!connection.isClosed()) await connection.close();
    }
    for (const stream of streams.splice(0)) {
      await jsm.streams.delete(stream).catch(() => undefined);
      await jsm.streams.delete(outputStreamName(stream)).catch(() => undefined);
    }
  });

  afterAll(async () => client?.close());

  function track(names: DeclarationStreamNames): DeclarationStreamNames {
    streams.push(names.stream);
    return names;
  }

  async function startScorer(
    names: DeclarationStreamNames,
    ingest: DeclarationIngest = t.services.declarations,
    options: Partial<DeclarationStreamOptions> = {},
    connection?: NatsConnection,
  ) {
    connection ??= await connect({ servers: NATS_URL });
    const consumer = new DeclarationStreamConsumer(connection, ingest, { ...names, ...FAST, ...options });
    await consumer.start();
    scorers.push({ consumer, connection });
    return { consumer, connection };
  }

  async function publish(subject: string, body: unknown, extraHeaders: Record<string, string> = {}) {
    const headers = createHeaders();
    for (const [key, value] of Object.entries(extraHeaders)) headers.set(key, value);
    const data = typeof body === 'string' ? new TextEncoder().encode(body) : JSON.stringify(body);
    await js.publish(subject, data, { headers });
  }

  /** Reads `count` messages of one output subject (an ordered consumer: from the start, in order). */
  async function read(names: DeclarationStreamNames, subject: string, count: number): Promise<JsMsg[]> {
    const reader = await js.consumers.get(outputStreamName(names.stream), { filterSubjects: subject });
    const messages: JsMsg[] = [];
    const deadline = Date.now() + 20_000;
    while (messages.length < count && Date.now() < deadline) {
      const batch = await reader.fetch({ max_messages: count - messages.length, expires: 1000 });
      for await (const msg of batch) messages.push(msg);
    }
    return messages;
  }

  it('decides a published declaration, stores it and publishes its decision', async () => {
    const names = track(uniqueNames());
    await startScorer(names);
    const [single, ...batch] = declarations(3);
    await publish(names.declarationsSubject, single);
    await publish(names.declarationsSubject, { declarations: batch });

    const messages = await read(names, names.decisionsSubject, 3);
    expect(messages).toHaveLength(3);
    const decisions = messages.map((m) => m.json<DecisionDto>());
    expect(decisions.map((d) => d.declarationId).sort()).toEqual(
      [single!.id, ...batch.map((d) => d.id)].sort(),
    );
    for (const msg of messages) {
      const decision = msg.json<DecisionDto>();
      expect(msg.headers?.get('Nats-Msg-Id')).toBe(decision.declarationId);
      expect(msg.headers?.get('OpenAEO-Declaration-Id')).toBe(decision.declarationId);
      expect(msg.headers?.get('OpenAEO-Channel')).toBe(decision.channel);
      expect(decision.replayed).toBe(false);
      expect(['green', 'blue', 'yellow', 'red']).toContain(decision.channel);
    }
    const stored = await t.services.declarations.get(systemContext(new Date()), single!.id);
    expect(stored.source).toBe('stream');
    expect(decisions.find((d) => d.declarationId === single!.id)).toEqual({
      ...stored.decision,
      replayed: false,
    });
    // Acked: the work queue is empty.
    await expect.poll(async () => (await jsm.streams.info(names.stream)).state.messages).toBe(0);
  });

  it('sends malformed messages to the dead-letter subject with the reason and the original, and decides the rest', async () => {
    const names = track(uniqueNames());
    const { consumer } = await startScorer(names);
    const [good, conflicting, later] = declarations(3);
    await publish(names.declarationsSubject, conflicting);
    expect(await read(names, names.decisionsSubject, 1)).toHaveLength(1);

    await publish(names.declarationsSubject, '{"id": "KZ1", not json', { 'X-Sender': 'single-window-1' });
    const broken = { ...good!, items: [{ ...good!.items[0]!, hsCode: '12', customsValue: -5 }] };
    await publish(names.declarationsSubject, broken);
    const changed = { ...conflicting!, office: conflicting!.office === 'ALA' ? 'AST' : 'ALA' };
    await publish(names.declarationsSubject, changed);
    await publish(names.declarationsSubject, later);

    const letters = await read(names, names.deadLetterSubject, 3);
    expect(letters).toHaveLength(3);
    const byReason = new Map(letters.map((m) => [m.json<DeadLetter>().reason, m]));
    expect([...byReason.keys()].sort()).toEqual([
      'declaration_conflict',
      'invalid_declaration',
      'invalid_json',
    ]);

    const json = byReason.get('invalid_json')!;
    expect(json.headers?.get('X-Sender')).toBe('single-window-1');
    expect(json.headers?.get('OpenAEO-Dead-Letter-Reason')).toBe('invalid_json');
    expect(json.json<DeadLetter>()).toMatchObject({
      headers: { 'X-Sender': ['single-window-1'] },
      payload: { encoding: 'utf8', data: '{"id": "KZ1", not json', isTruncated: false },
      source: { stream: names.stream, subject: names.declarationsSubject, deliveryCount: 1 },
    });

    const invalid = byReason.get('invalid_declaration')!.json<DeadLetter>();
    expect(invalid.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['items.0.hsCode', 'items.0.customsValue']),
    );
    expect(JSON.parse(invalid.payload.data)).toEqual(broken);

    const conflict = byReason.get('declaration_conflict')!.json<DeadLetter>();
    expect(conflict.fields).toEqual([{ path: 'id', message: expect.stringContaining(conflicting!.id) }]);
    expect(JSON.parse(conflict.payload.data)).toEqual(changed);

    const decisions = (await read(names, names.decisionsSubject, 2)).map((m) => m.json<DecisionDto>());
    expect(decisions.map((d) => d.declarationId)).toEqual([conflicting!.id, later!.id]);
    expect(await storedDeclarationCount(t, [good!.id, later!.id])).toBe(1);
    // The stored declaration kept its first content.
    const stored = await t.services.declarations.get(systemContext(new Date()), conflicting!.id);
    expect(stored.declaration.office).toBe(conflicting!.office);
    await expect.poll(() => consumer.stats).toMatchObject({ decided: 2, deadLettered: 3, retried: 0 });
    await expect.poll(async () => (await jsm.streams.info(names.stream)).state.messages).toBe(0);
  });

  it.each([
    {
      what: 'U+0000',
      corrupt: (d: Declaration) => ({ ...d, items: [{ ...d.items[0]!, description: 'tea\u0000leaves' }] }),
      field: { path: 'items.0.description' },
    },
    {
      what: 'an unpaired surrogate',
      // JSON.stringify writes a lone surrogate as the escape `\ud800`, which jsonb refuses.
      corrupt: (d: Declaration) => ({ ...d, importer: { ...d.importer, name: 'Tea \ud800 Trading' } }),
      field: { path: 'importer.name', message: expect.stringContaining('unpaired surrogate') },
    },
  ])(
    'dead-letters a declaration holding $what at once, naming the field, and stores nothing',
    async ({ corrupt, field }) => {
      const names = track(uniqueNames());
      const { consumer } = await startScorer(names);
      const [d, after] = declarations(2);
      await publish(names.declarationsSubject, corrupt(d!));
      await publish(names.declarationsSubject, after);
      const [letter] = await read(names, names.deadLetterSubject, 1);
      expect(letter?.json<DeadLetter>()).toMatchObject({
        reason: 'invalid_declaration',
        fields: [field],
        source: { deliveryCount: 1 },
      });
      expect((await read(names, names.decisionsSubject, 1))[0]?.json<DecisionDto>().declarationId).toBe(
        after!.id,
      );
      await expect.poll(() => consumer.stats).toMatchObject({ decided: 1, deadLettered: 1, retried: 0 });
      expect(await storedDeclarationCount(t, [d!.id])).toBe(0);
    },
  );

  it('hands a batch back when the store fails and decides it on redelivery', async () => {
    const names = track(uniqueNames());
    let calls = 0;
    const flaky: DeclarationIngest = {
      ingest: async (...args) => {
        calls += 1;
        if (calls === 1) throw new Error('Connection terminated unexpectedly');
        return t.services.declarations.ingest(...args);
      },
    };
    const { consumer } = await startScorer(names, flaky);
    const [d] = declarations(1);
    await publish(names.declarationsSubject, d);
    const [decision] = await read(names, names.decisionsSubject, 1);
    expect(decision?.json<DecisionDto>()).toMatchObject({ declarationId: d!.id, replayed: false });
    await expect.poll(() => consumer.stats).toMatchObject({ retried: 1, decided: 1, deadLettered: 0 });
    expect(await storedDeclarationCount(t, [d!.id])).toBe(1);
  });

  it('dead-letters a declaration the store refused on every allowed delivery', async () => {
    const names = track(uniqueNames());
    const broken: DeclarationIngest = {
      ingest: async () => {
        throw new Error('relation "declaration" does not exist');
      },
    };
    await startScorer(names, broken, { maxDeliver: 2 });
    const [d] = declarations(1);
    await publish(names.declarationsSubject, d);
    const [letter] = await read(names, names.deadLetterSubject, 1);
    expect(letter?.json<DeadLetter>()).toMatchObject({
      reason: 'delivery_attempts_exhausted',
      source: { deliveryCount: 2 },
      details: { error: 'relation "declaration" does not exist' },
    });
    await expect.poll(async () => (await jsm.streams.info(names.stream)).state.messages).toBe(0);
  });

  it('loses nothing when a scorer dies after storing and before acking, and decides nothing twice', async () => {
    const names = track(uniqueNames());
    await ensureDeclarationStreams(jsm, { ...names, ackWaitMs: FAST.ackWaitMs!, maxDeliver: 10 });
    const batch = declarations(20);
    for (const d of batch) await publish(names.declarationsSubject, d);

    // The first scorer stores the batch, then its process "dies": the connection drops before any publish or ack.
    const firstDecisions: DecisionDto[] = [];
    const firstConnection = await connect({ servers: NATS_URL });
    const dying: DeclarationIngest = {
      ingest: async (...args) => {
        const decided = await t.services.declarations.ingest(...args);
        firstDecisions.push(...decided);
        await firstConnection.close();
        return decided;
      },
    };
    const first = await startScorer(names, dying, {}, firstConnection);
    await first.consumer.done;
    expect(firstDecisions.length).toBeGreaterThan(0);
    expect(firstDecisions.every((d) => !d.replayed)).toBe(true);
    expect((await jsm.streams.info(outputStreamName(names.stream))).state.messages).toBe(0);

    // A second scorer gets every message again once the ack wait has passed.
    const second = await startScorer(names);
    const messages = await read(names, names.decisionsSubject, 20);
    expect(messages).toHaveLength(20);
    const republished = new Map(
      messages.map((m) => [m.json<DecisionDto>().declarationId, m.json<DecisionDto>()]),
    );
    expect([...republished.keys()].sort()).toEqual(batch.map((d) => d.id).sort());
    for (const decision of firstDecisions) {
      expect(republished.get(decision.declarationId)).toEqual({ ...decision, replayed: true });
    }
    await expect
      .poll(() => second.consumer.stats)
      .toMatchObject({
        replayed: firstDecisions.length,
        decided: 20 - firstDecisions.length,
      });
    expect(
      await storedDeclarationCount(
        t,
        batch.map((d) => d.id),
      ),
    ).toBe(20);
    await expect.poll(async () => (await jsm.streams.info(names.stream)).state.messages).toBe(0);
  });
});
