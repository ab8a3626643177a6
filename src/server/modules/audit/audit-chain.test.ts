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
});
