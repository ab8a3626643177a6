import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode } from './byte-encoding';
import { allocateStatusIndex, BitstringStatusList, STATUS_LIST_MIN_ENTRIES } from './status-list';
import { StatusListSet } from './status-list-set';
import { CHECK_TIME, createTrustFixture, issueStatusLists } from './trust-test-fixtures';

describe('BitstringStatusList', () => {
  it('holds at least 131 072 entries and refuses smaller lists', () => {
    expect(BitstringStatusList.create('suspension').length).toBe(STATUS_LIST_MIN_ENTRIES);
    expect(() => BitstringStatusList.create('suspension', 1024)).toThrow();
  });

  it("encodes as multibase 'u' + base64url of the GZIP-compressed bitstring, index 0 the left-most bit", () => {
    const list = BitstringStatusList.create('revocation');
    list.set(0, true);
    list.set(9, true);
    const encoded = list.encode();
    expect(encoded.startsWith('u')).toBe(true);
    const bits = gunzipSync(base64UrlDecode(encoded.slice(1)));
    expect(bits.length).toBe(16 * 1024);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    // An almost empty 16 KB list compresses to a few dozen bytes.
    expect(encoded.length).toBeLessThan(100);
  });

  it('round-trips through encode and decode', () => {
    const list = BitstringStatusList.create('suspension');
    for (const index of [0, 1, 77, 4242, STATUS_LIST_MIN_ENTRIES - 1]) list.set(index, true);
    const decoded = BitstringStatusList.decode('suspension', list.encode());
    expect(decoded.countSet()).toBe(5);
    expect(decoded.get(4242)).toBe(true);
    expect(decoded.get(4243)).toBe(false);
    expect(decoded.get(STATUS_LIST_MIN_ENTRIES - 1)).toBe(true);
  });

  it('lets a suspension be lifted', () => {
    const list = BitstringStatusList.create('suspension');
    list.set(10, true);
    list.set(10, false);
    expect(list.get(10)).toBe(false);
  });

  it('refuses to clear a revocation bit, directly or by rebuilding the list', () => {
    const published = BitstringStatusList.create('revocation');
    published.set(10, true);
    expect(() => published.set(10, false)).toThrow(
      expect.objectContaining({ code: 'REVOCATION_IRREVERSIBLE' }),
    );
    expect(published.get(10)).toBe(true);
    const rebuilt = BitstringStatusList.create('revocation');
    rebuilt.set(11, true);
    expect(() => rebuilt.assertKeepsRevocationsOf(published)).toThrow(
      expect.objectContaining({ code: 'REVOCATION_IRREVERSIBLE' }),
    );
    rebuilt.set(10, true);
    expect(() => rebuilt.assertKeepsRevocationsOf(published)).not.toThrow();
  });

  it('refuses out-of-range indexes and non-multibase input', () => {
    const list = BitstringStatusList.create('suspension');
    expect(() => list.get(STATUS_LIST_MIN_ENTRIES)).toThrow();
    expect(() => list.set(-1, true)).toThrow();
    expect(() => BitstringStatusList.decode('suspension', list.encode().slice(1))).toThrow();
  });
});

describe('allocateStatusIndex', () => {
  it('never hands out a used index and spreads indexes over the list', () => {
    const used = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const index = allocateStatusIndex(used);
      expect(used.has(index)).toBe(false);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(STATUS_LIST_MIN_ENTRIES);
      used.add(index);
    }
    // Not sequential: the indexes reveal nothing about issuance order.
    const sorted = [...used].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(STATUS_LIST_MIN_ENTRIES / 2);
  });

  it('finds the last free index of a nearly full list and refuses a full one', () => {
    const size = 64;
    const used = new Set<number>(Array.from({ length: size }, (_, i) => i));
    used.delete(37);
    expect(allocateStatusIndex(used, size)).toBe(37);
    used.add(37);
    expect(() => allocateStatusIndex(used, size)).toThrow(
      expect.objectContaining({ code: 'STATUS_LIST_FULL' }),
    );
  });
});

describe('status list credentials', () => {
  it('are signed vc+jwt BitstringStatusListCredentials valid for 48 hours', async () => {
    const fixture = await createTrustFixture();
    const [suspension] = await issueStatusLists(fixture, CHECK_TIME);
    const header = JSON.parse(
      Buffer.from((suspension ?? '').split('.')[0] ?? '', 'base64url').toString(),
    ) as unknown;
    expect(header).toMatchObject({ typ: 'vc+jwt', alg: 'EdDSA' });
    const set = await StatusListSet.fromJws([suspension ?? ''], fixture.trustList);
    const list = set.find('https://customs.example.kz/status/aeo-suspension-1');
    expect(list?.purpose).toBe('suspension');
    expect((list?.validUntil.getTime() ?? 0) - CHECK_TIME.getTime()).toBe(48 * 60 * 60 * 1000);
  });
});
