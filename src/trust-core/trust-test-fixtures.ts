import { createLocalSigner, type Signer, type SigningAlgorithm } from './credential-signer';
import { issueCredential, type AeoCertificateClaims } from './credential-issuer';
import { generateSigningKey, type GeneratedSigningKey } from './signing-keys';
import { BitstringStatusList, issueStatusListCredential } from './status-list';
import { TrustList } from './trust-list';

// Shared by the trust-core tests and benchmarks: one administration, its key, its two status lists.

export const ISSUER_DID = 'did:web:customs.example.kz';
export const SUSPENSION_LIST_URL = 'https://customs.example.kz/status/aeo-suspension-1';
export const REVOCATION_LIST_URL = 'https://customs.example.kz/status/aeo-revocation-1';
export const ISSUED_AT = new Date('2025-01-10T09:00:00Z');
export const VALID_FROM = new Date('2025-01-15T00:00:00Z');
export const VALID_UNTIL = new Date('2028-01-15T00:00:00Z');
export const CHECK_TIME = new Date('2026-03-01T12:00:00Z');

export interface TrustFixture {
  key: GeneratedSigningKey;
  signer: Signer;
  trustList: TrustList;
  suspension: BitstringStatusList;
  revocation: BitstringStatusList;
}

export async function createTrustFixture(
  alg: SigningAlgorithm = 'EdDSA',
  keyId = 'key-2025',
): Promise<TrustFixture> {
  const key = await generateSigningKey({ did: ISSUER_DID, keyId, alg });
  const signer = await createLocalSigner({ kid: key.kid, alg, privateJwk: key.privateJwk });
  return {
    key,
    signer,
    trustList: new TrustList({ issuers: [ISSUER_DID], keys: [key.publicKey] }),
    suspension: BitstringStatusList.create('suspension'),
    revocation: BitstringStatusList.create('revocation'),
  };
}

export function sampleClaims(overrides: Partial<AeoCertificateClaims> = {}): AeoCertificateClaims {
  return {
    certificateId: 'urn:uuid:6f1c1f0e-8a4b-4b7e-9a55-0d0c2f1e7a11',
    certificateNumber: 'KZ/0042/AEOF',
    operator: { id: 'KZ123456789012', idScheme: 'BIN', legalName: 'Steppe Logistics LLP' },
    authorisationType: 'AEOF',
    tier: '2',
    sites: [{ id: 'site-1', name: 'Almaty terminal', address: 'Almaty, Kazakhstan', countryCode: 'KZ' }],
    validFrom: VALID_FROM,
    validUntil: VALID_UNTIL,
    status: {
      suspension: { statusListCredential: SUSPENSION_LIST_URL, index: 4242 },
      revocation: { statusListCredential: REVOCATION_LIST_URL, index: 4242 },
    },
    ...overrides,
  };
}

export async function issueSample(
  fixture: TrustFixture,
  overrides: Partial<AeoCertificateClaims> = {},
): Promise<string> {
  return issueCredential({ signer: fixture.signer, claims: sampleClaims(overrides), issuedAt: ISSUED_AT });
}

/** Both status lists, valid for 48 h from `validFrom`. */
export async function issueStatusLists(
  fixture: TrustFixture,
  validFrom: Date = new Date(CHECK_TIME.getTime() - 60 * 60 * 1000),
  signer: Signer = fixture.signer,
): Promise<string[]> {
  return Promise.all([
    issueStatusListCredential({ signer, id: SUSPENSION_LIST_URL, list: fixture.suspension, validFrom }),
    issueStatusListCredential({ signer, id: REVOCATION_LIST_URL, list: fixture.revocation, validFrom }),
  ]);
}
