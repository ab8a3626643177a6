import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import {
  buildDidDocument,
  buildJwks,
  createLocalSigner,
  didFromKid,
  generateSigningKey,
  TrustList,
  type PublishedKey,
  type Signer,
  type TrustListJson,
} from '../../../trust-core';
import type { Config } from '../../platform/config';
import type { Db, Trx } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import { KeyDirectory, readSigningKeyFile } from './signing-key-files';
import { presentDidDocument, presentJwks, presentSigningKey } from './trust.presenters';
import type { SigningKeyRow, TrustRepository } from './trust.repository';
import type { DidDocumentDto, JwksDto, SigningKeyDto } from './trust.schemas';

/** did:web of the public address's host (a port is percent-encoded, as the did:web method requires). */
export function didWebFor(publicUrl: string): string {
  return `did:web:${encodeURIComponent(new URL(publicUrl).host)}`;
}

/**
 * The administration's signing keys: created or taken from TRUST_SIGNING_KEY_FILE at first use, their private parts
 * loaded on demand, and everything published about them (JWKS, DID document, trust list).
 */
export class SigningKeysService {
  readonly did: string;
  private readonly keyDirectory: KeyDirectory;
  private keysReady: Promise<void> | undefined;
  private readonly signers = new Map<string, Promise<Signer>>();
  private trustListCache: { fingerprint: string; list: TrustList } | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly audit: AuditService,
    private readonly repository: TrustRepository,
  ) {
    this.keyDirectory = new KeyDirectory(config.trust.keyDir);
    this.did = didWebFor(config.publicUrl);
  }

  ensureKeys(now: Date): Promise<void> {
    this.keysReady ??= this.initialiseKeys(now).catch((error: unknown) => {
      this.keysReady = undefined;
      throw error;
    });
    return this.keysReady;
  }

  /**
   * With TRUST_SIGNING_KEY_FILE, that key becomes the active one (a new file is how such a deployment rotates);
   * without it, a key is generated at the first start and its private part written under the key dir.
   */
  private async initialiseKeys(now: Date): Promise<void> {
    const file = this.config.trust.signingKeyFile;
    const context = systemContext(now, 'trust-keys');
    if (file) {
      const material = await readSigningKeyFile(file);
      const kid = `${this.did}#${material.keyId}`;
      const existing = await this.repository.findKey(this.db, kid);
      if (existing?.status === 'active') return;
      if (existing)
        throw new Error(`TRUST_SIGNING_KEY_FILE holds ${kid}, a retired key; rotation only moves forward`);
      await this.db.transaction().execute(async (trx) => {
        await this.repository.lock(trx);
        await this.repository.retireActiveKey(trx, now);
        await this.repository.insertKey(trx, {
          kid,
          alg: material.alg,
          public_jwk: JSON.stringify(material.publicJwk),
          status: 'active',
          private_key_source: 'file',
          created_at: now,
        });
        await this.audit.record(trx, context, {
          action: 'trust.signing_key_activated',
          entityType: 'signing_key',
          entityId: kid,
          summary: { source: 'file', alg: material.alg },
        });
      });
      return;
    }
    const keys = await this.repository.listKeys(this.db);
    if (!keys.some((key) => key.status === 'active')) await this.generateKey(context);
  }

  /** A new active key (the previous one retired), its private part under the key dir; returns its kid. */
  async generateKey(context: RequestContext): Promise<string> {
    const stamp = context.now.toISOString().slice(0, 10).replaceAll('-', '');
    const keyId = `key-${stamp}-${randomBytes(4).toString('hex')}`;
    const generated = await generateSigningKey({
      did: this.did,
      keyId,
      alg: this.config.trust.signingAlgorithm,
    });
    this.keyDirectory.write(keyId, generated.privateJwk);
    await this.db.transaction().execute(async (trx) => {
      await this.repository.lock(trx);
      await this.repository.retireActiveKey(trx, context.now);
      await this.repository.insertKey(trx, {
        kid: generated.kid,
        alg: generated.alg,
        public_jwk: JSON.stringify(generated.publicKey.publicJwk),
        status: 'active',
        private_key_source: 'data_dir',
        created_at: context.now,
      });
      await this.audit.record(trx, context, {
        action: 'trust.signing_key_created',
        entityType: 'signing_key',
        entityId: generated.kid,
        summary: { source: 'data_dir', alg: generated.alg },
      });
    });
    return generated.kid;
  }

  private signerFor(row: SigningKeyRow): Promise<Signer> {
    let pending = this.signers.get(row.kid);
    if (!pending) {
      pending = this.loadSigner(row);
      pending.catch(() => this.signers.delete(row.kid));
      this.signers.set(row.kid, pending);
    }
    return pending;
  }

  private async loadSigner(row: SigningKeyRow): Promise<Signer> {
    const keyId = row.kid.slice(row.kid.indexOf('#') + 1);
    let privateJwk: JWK | undefined;
    if (row.private_key_source === 'file') {
      const file = this.config.trust.signingKeyFile;
      const material = file ? await readSigningKeyFile(file) : undefined;
      if (material?.keyId === keyId) privateJwk = material.privateJwk;
    } else {
      privateJwk = this.keyDirectory.read(keyId);
    }
    if (!privateJwk) {
      throw new AppError(
        'unavailable',
        `The private key of ${row.kid} is not available on this server (set TRUST_SIGNING_KEY_FILE or TRUST_KEY_DIR).`,
      );
    }
    return createLocalSigner({ kid: row.kid, alg: row.alg, privateJwk });
  }

  async activeSigner(trx: Trx): Promise<Signer> {
    const active = (await this.repository.listKeys(trx)).find((key) => key.status === 'active');
    if (!active) throw new AppError('unavailable', 'No active signing key.');
    return this.signerFor(active);
  }

  private async publishedKeys(): Promise<PublishedKey[]> {
    await this.ensureKeys(new Date());
    return (await this.repository.listKeys(this.db)).map((row) => ({
      kid: row.kid,
      alg: row.alg,
      publicJwk: row.public_jwk,
      status: row.status,
    }));
  }

  async getJwks(): Promise<JwksDto> {
    return presentJwks(buildJwks(await this.publishedKeys()));
  }

  async getDidDocument(): Promise<DidDocumentDto> {
    return presentDidDocument(buildDidDocument(this.did, await this.publishedKeys()));
  }

  async listKeys(): Promise<SigningKeyDto[]> {
    return (await this.repository.listKeys(this.db)).map(presentSigningKey);
  }

  /** The issuers and keys this server accepts: its own DID(s) and every key it ever published. */
  async trustList(): Promise<TrustList> {
    const keys = await this.publishedKeys();
    const fingerprint = keys.map((key) => `${key.kid}:${key.status}`).join('|');
    if (this.trustListCache?.fingerprint !== fingerprint) {
      const issuers = [...new Set(keys.map((key) => didFromKid(key.kid)))];
      this.trustListCache = {
        fingerprint,
        list: new TrustList({ issuers: issuers.length > 0 ? issuers : [this.did], keys }),
      };
    }
    return this.trustListCache.list;
  }

  /** Which keys (and statuses) the last trust list was built from; empty before the first. */
  get trustListFingerprint(): string {
    return this.trustListCache?.fingerprint ?? '';
  }

  async trustListJson(): Promise<TrustListJson> {
    return (await this.trustList()).toJson();
  }
}
