import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { didFromKid, isSigningAlgorithm, type SigningAlgorithm } from './credential-signer';
import { TrustCoreError } from './trust-core-error';

export type KeyStatus = 'active' | 'retired';

/** A public key as published in the trust list, the JWKS and the DID document. */
export interface PublishedKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly publicJwk: JWK;
  readonly status: KeyStatus;
}

export interface GeneratedSigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** Hand to createLocalSigner, or import into the HSM / signing service; never publish. */
  readonly privateJwk: JWK;
  readonly publicKey: PublishedKey;
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

/** Keeps only the public members of a JWK, so a private `d` can never leak into a published document. */
export function toPublicJwk(jwk: JWK): JWK {
  const out: JWK = {};
  for (const member of PUBLIC_MEMBERS) {
    const value = jwk[member];
    if (typeof value === 'string') out[member] = value;
  }
  return out;
}

export async function generateSigningKey(options: {
  did: string;
  keyId: string;
  alg?: SigningAlgorithm;
}): Promise<GeneratedSigningKey> {
  const alg = options.alg ?? 'EdDSA';
  if (!isSigningAlgorithm(alg))
    throw new TrustCoreError('INVALID_ARGUMENT', `Unsupported algorithm ${String(alg)}`);
  if (!options.did.startsWith('did:')) throw new TrustCoreError('INVALID_ARGUMENT', 'did must be a DID');
  if (!/^[A-Za-z0-9._-]+$/.test(options.keyId)) {
    throw new TrustCoreError(
      'INVALID_ARGUMENT',
      'keyId may hold letters, digits, dot, dash and underscore only',
    );
  }
  const kid = `${options.did}#${options.keyId}`;
  const { privateKey, publicKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : 'ES256', {
    extractable: true,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
  const publicJwk = toPublicJwk(await exportJWK(publicKey));
  return { kid, alg, privateJwk, publicKey: { kid, alg, publicJwk, status: 'active' } };
}

/**
 * Rotation: the new key becomes the only active key of its issuer; earlier keys of that issuer stay in the set as
 * retired, because certificates they signed remain valid until they expire.
 */
export function rotateKeys(keys: readonly PublishedKey[], newKey: PublishedKey): PublishedKey[] {
  if (keys.some((key) => key.kid === newKey.kid)) {
    throw new TrustCoreError('INVALID_ARGUMENT', `Key ${newKey.kid} is already in the key set`);
  }
  const did = didFromKid(newKey.kid);
  const rotated = keys.map((key) =>
    didFromKid(key.kid) === did && key.status === 'active' ? { ...key, status: 'retired' as const } : key,
  );
  return [...rotated, { ...newKey, status: 'active' }];
}

/** The key to sign new certificates with; issuing with a retired key is refused. */
export function activeKeyFor(keys: readonly PublishedKey[], did: string): PublishedKey {
  const active = keys.filter((key) => key.status === 'active' && didFromKid(key.kid) === did);
  const [only] = active;
  if (active.length !== 1 || !only) {
    throw new TrustCoreError(
      'INVALID_KEY',
      `Expected exactly one active key for ${did}, found ${active.length}`,
    );
  }
  return only;
}
