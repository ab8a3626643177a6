import { describe, expect, it } from 'vitest';
import { formatCertificateNumber, EAEU_CERTIFICATE_NUMBER_PATTERN } from './certificate-number';
import { activeKeyFor, generateSigningKey, rotateKeys } from './signing-keys';
import { buildDidDocument, buildJwks, TrustList } from './trust-list';

const DID = 'did:web:customs.example.kz';

describe('signing keys and publication', () => {
  it('generates Ed25519 and P-256 keys and publishes only their public parts', async () => {
    const ed = await generateSigningKey({ did: DID, keyId: 'key-2025' });
    const ec = await generateSigningKey({ did: DID, keyId: 'p256-2025', alg: 'ES256' });
    expect(ed.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: `${DID}#key-2025` });
    expect(typeof ed.privateJwk.d).toBe('string');
    const jwks = buildJwks([ed.publicKey, ec.publicKey]);
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', status: 'active' }),
      expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: `${DID}#p256-2025` }),
    ]);
    expect(JSON.stringify(jwks)).not.toContain('"d"');
  });

  it('builds a did:web document that keeps retired keys for old certificates', async () => {
    const old = await generateSigningKey({ did: DID, keyId: 'key-2024' });
    const next = await generateSigningKey({ did: DID, keyId: 'key-2025' });
    const keys = rotateKeys([old.publicKey], next.publicKey);
    const doc = buildDidDocument(DID, keys);
    expect(doc).toMatchObject({
      id: DID,
      assertionMethod: [`${DID}#key-2024`, `${DID}#key-2025`],
      verificationMethod: [
        expect.objectContaining({ id: `${DID}#key-2024`, type: 'JsonWebKey', controller: DID }),
        expect.objectContaining({ id: `${DID}#key-2025` }),
      ],
    });
    expect(JSON.stringify(doc)).not.toContain('"d"');
    expect(activeKeyFor(keys, DID).kid).toBe(`${DID}#key-2025`);
  });

  it('round-trips a trust list through JSON and ignores keys of untrusted issuers', async () => {
    const ours = await generateSigningKey({ did: DID, keyId: 'key-2025' });
    const foreign = await generateSigningKey({ did: 'did:web:evil.example', keyId: 'k' });
    const trustList = new TrustList({ issuers: [DID], keys: [ours.publicKey, foreign.publicKey] });
    expect(trustList.findKey(foreign.kid)).toBeUndefined();
    const copy = TrustList.fromJson(JSON.parse(JSON.stringify(trustList.toJson())));
    expect(copy.findKey(ours.kid)?.alg).toBe('EdDSA');
    expect(copy.listKeys()).toHaveLength(1);
  });

  it('refuses a trust list holding a symmetric key', () => {
    expect(() =>
      TrustList.fromJson({
        issuers: [DID],
        jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: `${DID}#h`, alg: 'HS256' }] },
      }),
    ).toThrow();
  });
});

describe('formatCertificateNumber', () => {
  it('formats the EAEU CC/NNNN/TYPE pattern', () => {
    expect(
      formatCertificateNumber(EAEU_CERTIFICATE_NUMBER_PATTERN, {
        countryCode: 'KZ',
        sequence: 42,
        type: 'AEO2',
      }),
    ).toBe('KZ/0042/AEO2');
  });

  it('supports other programme patterns and refuses overflow and unknown placeholders', () => {
    expect(
      formatCertificateNumber('{CC}AEOF{YY}{NNNNNN}', {
        countryCode: 'DE',
        sequence: 7,
        type: 'AEOF',
        year: 2025,
      }),
    ).toBe('DEAEOF25000007');
    expect(() =>
      formatCertificateNumber('{CC}/{NN}', { countryCode: 'KZ', sequence: 100, type: 'X' }),
    ).toThrow();
    expect(() =>
      formatCertificateNumber('{CC}/{FOO}', { countryCode: 'KZ', sequence: 1, type: 'X' }),
    ).toThrow();
  });
});
