import { importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { didFromKid, type SigningAlgorithm } from './credential-signer';
import { toPublicJwk, type KeyStatus, type PublishedKey } from './signing-keys';
import { TrustCoreError } from './trust-core-error';

/** A JWKS entry as published at /.well-known/jwks.json. `status` is ours: verifiers accept both values. */
export interface PublishedJwk extends JWK {
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
  status: KeyStatus;
}

export interface Jwks {
  keys: PublishedJwk[];
}

const publishedJwkSchema = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: z.enum(['Ed25519', 'P-256']),
    x: z.string().min(1),
    y: z.string().min(1).optional(),
    kid: z.string().min(3),
    alg: z.enum(['EdDSA', 'ES256']),
    use: z.literal('sig').optional(),
    status: z.enum(['active', 'retired']).optional(),
  })
  .loose();

export const trustListJsonSchema = z.object({
  issuers: z.array(z.string().startsWith('did:')).min(1),
  jwks: z.object({ keys: z.array(publishedJwkSchema) }),
});

/** Serialised trust list: which issuer DIDs are trusted, and their keys (active and retired) as a JWKS. */
export type TrustListJson = z.infer<typeof trustListJsonSchema>;

export function buildJwks(keys: readonly PublishedKey[]): Jwks {
  return {
    keys: keys.map((key) => ({
      ...toPublicJwk(key.publicJwk),
      kid: key.kid,
      alg: key.alg,
      use: 'sig',
      status: key.status,
    })),
  };
}

/**
 * did:web document for /.well-known/did.json. Retired keys stay listed under assertionMethod: a verifier
 * resolving the DID must still be able to check certificates those keys signed.
 */
export function buildDidDocument(did: string, keys: readonly PublishedKey[]): Record<string, unknown> {
  const own = keys.filter((key) => didFromKid(key.kid) === did);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
    id: did,
    verificationMethod: own.map((key) => ({
      id: key.kid,
      type: 'JsonWebKey',
      controller: did,
      publicKeyJwk: { ...toPublicJwk(key.publicJwk), kid: key.kid, alg: key.alg },
    })),
    assertionMethod: own.map((key) => key.kid),
  };
}

export interface TrustedKey {
  readonly kid: string;
  readonly did: string;
  readonly alg: SigningAlgorithm;
  readonly status: KeyStatus;
  readonly publicJwk: JWK;
}

/**
 * The only source of verification keys. Keys are looked up by kid in this list and nowhere else: a URL or key
 * carried inside a credential is never followed. Imported CryptoKeys are cached so repeated verification pays the
 * import once.
 */
export class TrustList {
  readonly issuers: ReadonlySet<string>;
  private readonly keys = new Map<string, TrustedKey>();
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  constructor(init: { issuers: readonly string[]; keys: readonly PublishedKey[] }) {
    this.issuers = new Set(init.issuers);
    for (const key of init.keys) {
      const did = didFromKid(key.kid);
      // A key whose DID is not a trusted issuer is dropped rather than trusted by accident.
      if (!this.issuers.has(did)) continue;
      if (this.keys.has(key.kid)) throw new TrustCoreError('INVALID_KEY', `Duplicate kid ${key.kid}`);
      this.keys.set(key.kid, {
        kid: key.kid,
        did,
        alg: key.alg,
        status: key.status,
        publicJwk: toPublicJwk(key.publicJwk),
      });
    }
  }

  static fromJson(json: unknown): TrustList {
    const parsed = trustListJsonSchema.safeParse(json);
    if (!parsed.success) {
      throw new TrustCoreError('INVALID_ARGUMENT', 'Invalid trust list', { issues: parsed.error.issues });
    }
    return new TrustList({
      issuers: parsed.data.issuers,
      keys: parsed.data.jwks.keys.map((jwk) => ({
        kid: jwk.kid,
        alg: jwk.alg,
        status: jwk.status ?? 'active',
        publicJwk: toPublicJwk(jwk as JWK),
      })),
    });
  }

  toJson(): TrustListJson {
    // Round-trips through the schema so the output is exactly what fromJson accepts.
    return trustListJsonSchema.parse({
      issuers: [...this.issuers],
      jwks: buildJwks([...this.keys.values()]),
    });
  }

  findKey(kid: string): TrustedKey | undefined {
    return this.keys.get(kid);
  }

  listKeys(): TrustedKey[] {
    return [...this.keys.values()];
  }

  async cryptoKey(kid: string): Promise<CryptoKey> {
    const key = this.keys.get(kid);
    if (!key) throw new TrustCoreError('INVALID_KEY', `Unknown kid ${kid}`);
    let pending = this.imported.get(kid);
    if (!pending) {
      pending = importJWK(key.publicJwk, key.alg).then((imported) => {
        if (imported instanceof Uint8Array)
          throw new TrustCoreError('INVALID_KEY', 'Symmetric key in trust list');
        return imported;
      });
      this.imported.set(kid, pending);
    }
    return pending;
  }
}
