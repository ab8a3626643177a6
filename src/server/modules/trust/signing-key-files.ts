import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, importPKCS8, type JWK } from 'jose';
import { toPublicJwk, type SigningAlgorithm } from '../../../trust-core';

export interface PrivateKeyMaterial {
  /** The part after `#` in the kid. */
  keyId: string;
  alg: SigningAlgorithm;
  /** Private JWK (with `d`); handed to createLocalSigner only. */
  privateJwk: JWK;
  publicJwk: JWK;
}

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]+$/;

function algorithmOf(jwk: JWK): SigningAlgorithm {
  if (jwk.alg === 'EdDSA') return 'EdDSA';
  if (jwk.alg === 'ES256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  throw new Error('The signing key must be an Ed25519 or P-256 private key');
}

async function materialFromJwk(jwk: JWK): Promise<PrivateKeyMaterial> {
  if (typeof jwk.d !== 'string') throw new Error('The signing key file holds no private key (no "d")');
  const alg = algorithmOf(jwk);
  const publicJwk = toPublicJwk(jwk);
  const fromKid = typeof jwk.kid === 'string' ? jwk.kid.slice(jwk.kid.indexOf('#') + 1) : '';
  // A stable id without a kid in the file: the RFC 7638 thumbprint, so the same file always gives the same kid.
  const keyId = KEY_ID_PATTERN.test(fromKid)
    ? fromKid
    : `k-${(await calculateJwkThumbprint(publicJwk)).slice(0, 16)}`;
  const privateJwk: JWK = { ...toPublicJwk(jwk), d: jwk.d, alg };
  return { keyId, alg, privateJwk, publicJwk };
}

/** Reads TRUST_SIGNING_KEY_FILE: a private JWK (JSON) or a PKCS#8 PEM, Ed25519 or P-256. */
export async function readSigningKeyFile(file: string): Promise<PrivateKeyMaterial> {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.startsWith('{')) return materialFromJwk(JSON.parse(text) as JWK);
  if (!text.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new Error(`${file} is neither a private JWK nor a PKCS#8 PEM ("BEGIN PRIVATE KEY")`);
  }
  for (const alg of ['EdDSA', 'ES256'] as const) {
    try {
      const key = await importPKCS8(text, alg, { extractable: true });
      return await materialFromJwk({ ...(await exportJWK(key)), alg });
    } catch {
      // try the next algorithm
    }
  }
  throw new Error(`${file} holds neither an Ed25519 nor a P-256 PKCS#8 key`);
}

/**
 * Generated keys, one JSON file per key under the key dir (0600 in a 0700 folder). They are kept out of the
 * database on purpose: a database dump or replica then never carries the key that signs certificates.
 */
export class KeyDirectory {
  constructor(private readonly dir: string) {}

  private fileFor(keyId: string): string {
    if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`Invalid key id ${keyId}`);
    return path.join(this.dir, `${keyId}.private.jwk.json`);
  }

  read(keyId: string): JWK | undefined {
    const file = this.fileFor(keyId);
    if (!fs.existsSync(file)) return undefined;
    return JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  }

  write(keyId: string, privateJwk: JWK): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key that may already sign certificates.
    fs.writeFileSync(this.fileFor(keyId), `${JSON.stringify(privateJwk)}\n`, { mode: 0o600, flag: 'wx' });
  }
}
