import { describe, expect, it } from 'vitest';
import {
  AuditChainVerifier,
  GENESIS_HASH,
  computeAuditHash,
  redactSecrets,
  type AuditEventContent,
  type ChainedAuditEvent,
} from './audit-chain';

function chain(count: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content: AuditEventContent = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorUserId: null,
      actorApiKeyId: null,
      actorLabel: 'system',
      onBehalfOfOperatorId: null,
      operatorId: null,
      action: 'office.created',
      entityType: 'office',
      entityId: String(seq),
      summary: { name: `Office ${seq}`, regions: ['A', 'B'] },
      requestId: null,
    };
    const hash = computeAuditHash(prevHash, content);
    events.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

function verify(events: ChainedAuditEvent[]) {
  const verifier = new AuditChainVerifier();
  for (const event of events) verifier.add(event);
  return verifier.result();
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verify(chain(5))).toEqual({ ok: true, events: 5 });
  });

  it('detects a tampered summary at the tampered event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, summary: { name: 'Rewritten' } };
    expect(verify(events)).toMatchObject({ ok: false, firstBrokenEvent: events[2].id, seq: 3 });
  });

  it('detects a deleted event and a re-hashed forgery', () => {
    const events = chain(5);
    expect(verify([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({ ok: false, seq: 4 });
    const forged = { ...events[1]!, action: 'office.deleted' };
    forged.hash = computeAuditHash(forged.prevHash, {
      ...forged,
      prevHash: undefined,
      hash: undefined,
    } as unknown as AuditEventContent);
    events[1] = forged;
    expect(verify(events)).toMatchObject({ ok: false, seq: 3 });
  });

  it('does not depend on the key order of a summary', () => {
    const [event] = chain(1);
    const reordered = { ...event!, summary: { regions: ['A', 'B'], name: 'Office 1' } };
    expect(verify([reordered])).toEqual({ ok: true, events: 1 });
  });

  it('strips secrets from summaries whatever the caller passes', () => {
    expect(
      redactSecrets({
        name: 'x',
        password: 'p',
        nested: { apiKey: 'k', csrfToken: 't' },
        list: [{ secret: 's' }],
      }),
    ).toEqual({
      name: 'x',
      password: '[redacted]',
      nested: { apiKey: '[redacted]', csrfToken: '[redacted]' },
      list: [{ secret: '[redacted]' }],
    });
  });

  it('redacts secrets by exact key, never domain fields that merely contain a secret word', () => {
    const domainFields = {
      authorisationType: 'AEO-S',
      authorisationId: 'a1',
      authorizationType: 'AEO-F',
      apiKeyId: 'k1',
      passed: true,
      tokenExpiresAt: '2026-01-01',
    };
    const secrets = {
      password: 'p',
      token: 't',
      newPassword: 'n',
      otp: '123456',
      authorization: 'Bearer x',
      cookie: 'openaeo_session=x',
      api_key: 'k',
    };
    expect(redactSecrets({ ...domainFields, ...secrets })).toEqual({
      ...domainFields,
      ...Object.fromEntries(Object.keys(secrets).map((key) => [key, '[redacted]'])),
    });
  });
});

describe('audit chain against signed checkpoints', () => {
  const anchor = (events: ChainedAuditEvent[], size: number) => ({
    size,
    headHash: size === 0 ? GENESIS_HASH : events[size - 1]!.hash,
    label: `the checkpoint of ${size}`,
  });

  function verifyAnchored(events: ChainedAuditEvent[], anchors: ReturnType<typeof anchor>[]) {
    const verifier = new AuditChainVerifier(anchors);
    for (const event of events) verifier.add(event);
    return verifier.result();
  }

  it('verifies a chain that reaches every checkpoint with its head hash', () => {
    const events = chain(5);
    expect(verifyAnchored(events, [anchor(events, 0), anchor(events, 3), anchor(events, 5)])).toEqual({
      ok: true,
      events: 5,
    });
  });

  it('finds a tail cut below a checkpoint, which the links alone cannot', () => {
    const events = chain(5);
    const cut = events.slice(0, 2);
    expect(verify(cut)).toEqual({ ok: true, events: 2 });
    expect(verifyAnchored(cut, [anchor(events, 4)])).toEqual({
      ok: false,
      events: 2,
      check: 'checkpoint',
      firstBrokenEvent: null,
      seq: 3,
      reason:
        'the chain ends at event 2, but the checkpoint of 4 covers 4 events: the newest events were removed',
    });
  });

  it('finds a chain rewritten and re-hashed before a checkpoint, at the checkpoint', () => {
    const events = chain(5);
    const rewritten: ChainedAuditEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (const event of events) {
      const { prevHash: _prev, hash: _hash, ...content } = event;
      const changed = event.seq === 2 ? { ...content, summary: { name: 'Rewritten' } } : content;
      const hash = computeAuditHash(prevHash, changed);
      rewritten.push({ ...changed, prevHash, hash });
      prevHash = hash;
    }
    expect(verify(rewritten)).toEqual({ ok: true, events: 5 });
    expect(verifyAnchored(rewritten, [anchor(events, 4)])).toMatchObject({
      ok: false,
      check: 'checkpoint',
      firstBrokenEvent: events[3]!.id,
      seq: 4,
    });
  });
});
