import { importJWK, type JWK } from 'jose';
import { base64UrlEncode, utf8Encode } from './byte-encoding';
import { TrustCoreError } from './trust-core-error';

export type SigningAlgorithm = 'EdDSA' | 'ES256';

export const ALLOWED_SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['EdDSA', 'ES256'];

/**
 * Produces a JWS signature over the signing input. Kept to three members so that a remote signer (a separate
 * signing service, a cloud KMS, an HSM via PKCS#11) can implement it and the private key never enters the API
 * process. `sign` must return the raw JWS signature: 64 bytes Ed25519, or 64 bytes r||s (IEEE P1363) for ES256.
 */
export interface Signer {
  /** `${did}#${keyId}`; goes into the JWS header and names the key in the trust list. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return value === 'EdDSA' || value === 'ES256';
}

/** The DID part of a `did#keyId` kid. */
export function didFromKid(kid: string): string {
  const hash = kid.indexOf('#');
  if (hash <= 0 || hash === kid.length - 1) {
    throw new TrustCoreError('INVALID_KEY', `kid must be "<did>#<keyId>", got "${kid}"`);
  }
  return kid.slice(0, hash);
}

function webCryptoParams(alg: SigningAlgorithm): AlgorithmIdentifier | EcdsaParams {
  return alg === 'EdDSA' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

/** An in-process signer for development, tests and single-host deployments. */
export async function createLocalSigner(options: {
  kid: string;
  alg: SigningAlgorithm;
  privateJwk: JWK;
}): Promise<Signer> {
  const { kid, alg, privateJwk } = options;
  didFromKid(kid);
  if (typeof privateJwk.d !== 'string')
    throw new TrustCoreError('INVALID_KEY', 'privateJwk has no private part');
  const key = await importJWK(privateJwk, alg);
  if (key instanceof Uint8Array)
    throw new TrustCoreError('INVALID_KEY', 'Symmetric keys cannot sign credentials');
  const params = webCryptoParams(alg);
  return {
    kid,
    alg,
    async sign(signingInput) {
      const signature = await crypto.subtle.sign(params, key, new Uint8Array(signingInput));
      return new Uint8Array(signature);
    },
  };
}

/**
 * Builds a compact JWS from a header and a JSON payload with any Signer. The header always carries exactly
 * alg, kid and typ: verifiers reject anything else, so there is nothing for callers to add.
 */
export async function signCompactJws(
  signer: Signer,
  typ: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const header = { alg: signer.alg, kid: signer.kid, typ };
  const signingInput = `${base64UrlEncode(utf8Encode(JSON.stringify(header)))}.${base64UrlEncode(
    utf8Encode(JSON.stringify(payload)),
  )}`;
  const signature = await signer.sign(utf8Encode(signingInput));
  return `${signingInput}.${base64UrlEncode(signature)}`;
}
