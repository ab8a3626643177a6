import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { certificateNumberFor } from './certificate-numbering';
import { readSigningKeyFile } from './signing-key-files';
import { FixedWindowRateLimiter } from './verify-rate-limiter';

describe('certificateNumberFor', () => {
  it('writes the EAEU register number CC/NNNN/TYPE when the programme asks for it', () => {
    const number = certificateNumberFor({
      numberPattern: '^(AM|BY|KZ|KG|RU)/\\d{4}/[123]$',
      countryCode: 'KZ',
      sequence: 42,
      authorisationType: '2',
    });
    expect(number).toBe('KZ/0042/2');
  });

  it('falls back to a six-digit sequence without a programme format', () => {
    expect(
      certificateNumberFor({
        numberPattern: undefined,
        countryCode: 'UZ',
        sequence: 7,
        authorisationType: 'aeo',
      }),
    ).toBe('UZ/000007/AEO');
  });

  it('gives up rather than write a number the programme would not accept', () => {
    expect(
      certificateNumberFor({
        numberPattern: '^(AM|BY|KZ|KG|RU)/\\d{4}/[123]$',
        countryCode: 'KZ',
        sequence: 10_000,
        authorisationType: '1',
      }),
    ).toBeUndefined();
  });
});

describe('FixedWindowRateLimiter', () => {
  it('answers 429 with Retry-After past the limit, per address, and forgets after the window', () => {
    const limiter = new FixedWindowRateLimiter(2, 60_000);
    const at = new Date('2026-03-02T09:00:00Z');
    limiter.hit('a', at);
    limiter.hit('a', at);
    limiter.hit('b', at);
    let error: unknown;
    try {
      limiter.hit('a', new Date(at.getTime() + 15_000));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: 45 } });
    expect(() => limiter.hit('a', new Date(at.getTime() + 60_000))).not.toThrow();
  });
});

describe('readSigningKeyFile', () => {
  it('reads a PKCS#8 PEM (Ed25519 and P-256) and derives a stable key id', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-keyfile-'));
    try {
      for (const [type, alg] of [
        ['ed25519', 'EdDSA'],
        ['ec', 'ES256'],
      ] as const) {
        const { privateKey } =
          type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
        const file = path.join(dir, `${type}.pem`);
        fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
        const first = await readSigningKeyFile(file);
        const second = await readSigningKeyFile(file);
        expect(first.alg).toBe(alg);
        expect(first.keyId).toMatch(/^k-[A-Za-z0-9_-]{16}$/);
        expect(second.keyId).toBe(first.keyId);
        expect(first.publicJwk.d).toBeUndefined();
        expect(typeof first.privateJwk.d).toBe('string');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
