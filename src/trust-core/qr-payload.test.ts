import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './base45';
import { decodeQrPayload, encodeQrPayload, encodeQrReference, matchesQrReference } from './qr-payload';
import { createTrustFixture, issueSample } from './trust-test-fixtures';

describe('base45 (RFC 9285)', () => {
  it('matches the RFC examples', () => {
    const enc = new TextEncoder();
    expect(base45Encode(enc.encode('AB'))).toBe('BB8');
    expect(base45Encode(enc.encode('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(enc.encode('base-45'))).toBe('UJCLQE7W581');
    expect(new TextDecoder().decode(base45Decode('QED8WEX0'))).toBe('ietf!');
  });

  it('round-trips any bytes and rejects invalid text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
      }),
    );
    expect(() => base45Decode('GGW')).toThrow(); // 65 536 is out of range
    expect(() => base45Decode('ab')).toThrow(); // lower case is not in the alphabet
  });
});

describe('QR payload', () => {
  it('embeds a certificate as AEO1: + base45 deflate and decodes it back byte for byte', async () => {
    const jws = await issueSample(await createTrustFixture());
    const payload = encodeQrPayload(jws);
    expect(payload.startsWith('AEO1:')).toBe(true);
    // Only QR alphanumeric-mode characters.
    expect(/^[0-9A-Z $%*+\-./:]+$/.test(payload)).toBe(true);
    expect(payload.length).toBeLessThan(2000);
    expect(decodeQrPayload(payload)).toEqual({ kind: 'embedded', jws });
  });

  it('falls back to AEO1H: + hash + URL for a certificate too large to embed', async () => {
    const fixture = await createTrustFixture();
    const sites = Array.from({ length: 60 }, (_, i) => ({
      id: `site-${i}-${crypto.randomUUID()}`,
      address: `Warehouse ${i}, ${crypto.randomUUID()}, Almaty`,
    }));
    const jws = await issueSample(fixture, { sites });
    expect(() => encodeQrPayload(jws)).toThrow(expect.objectContaining({ code: 'QR_PAYLOAD_TOO_LARGE' }));
    const payload = encodeQrPayload(jws, { referenceUrl: 'https://customs.example.kz/c/KZ-0042-AEOF.jwt' });
    const decoded = decodeQrPayload(payload);
    expect(decoded).toMatchObject({
      kind: 'reference',
      url: 'https://customs.example.kz/c/KZ-0042-AEOF.jwt',
    });
    if (decoded.kind !== 'reference') throw new Error('expected a reference');
    expect(matchesQrReference(jws, decoded)).toBe(true);
    expect(matchesQrReference(`${jws}x`, decoded)).toBe(false);
  });

  it('rejects foreign, truncated and non-https payloads', async () => {
    const payload = encodeQrPayload(await issueSample(await createTrustFixture()));
    expect(() => decodeQrPayload('HC1:ABC')).toThrow(expect.objectContaining({ code: 'QR_PAYLOAD_INVALID' }));
    expect(() => decodeQrPayload(payload.slice(0, -9))).toThrow(
      expect.objectContaining({ code: 'QR_PAYLOAD_INVALID' }),
    );
    expect(() => encodeQrReference('a.b.c', 'http://plain.example/c')).toThrow();
    expect(() => decodeQrPayload(`AEO1H:${'0'.repeat(64)}:javascript:alert(1)`)).toThrow();
  });
});
