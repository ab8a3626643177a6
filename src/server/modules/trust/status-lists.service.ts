import {
  BitstringStatusList,
  issueStatusListCredential,
  StatusListSet,
  type Signer,
  type TrustList,
} from '../../../trust-core';
import type { Config } from '../../platform/config';
import type { Db, Trx } from '../../platform/database';
import { notFound } from '../../platform/errors';
import type { SigningKeysService } from './signing-keys.service';
import type { TrustWriter } from './trust-writer';
import type { TrustRepository } from './trust.repository';
import type { StatusPurpose } from './trust.tables';
import { DAY_MS } from '../../../programme-core';

/** The suspension and revocation bitstring status lists: rebuilt and re-signed on every change, and at least daily. */
export class StatusListsService {
  private statusSetCache: { key: string; set: StatusListSet } | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly repository: TrustRepository,
    private readonly writer: TrustWriter,
    private readonly keys: SigningKeysService,
  ) {}

  statusListUrl(purpose: StatusPurpose): string {
    return `${this.config.publicUrl}/api/v1/status-lists/${purpose}`;
  }

  /** Rebuilds both lists from the certificates' current status, signs them with a short validity, stores them. */
  async publishStatusLists(trx: Trx, signer: Signer, now: Date): Promise<void> {
    const suspension = BitstringStatusList.create('suspension');
    const revocation = BitstringStatusList.create('revocation');
    for (const row of await this.repository.listCertificateStatuses(trx)) {
      if (row.status === 'suspended') suspension.set(row.status_index, true);
      if (row.status === 'revoked') revocation.set(row.status_index, true);
    }
    const previous = await this.repository.findStatusList(trx, 'revocation');
    if (previous)
      revocation.assertKeepsRevocationsOf(BitstringStatusList.decode('revocation', previous.encoded_list));
    const validUntil = new Date(now.getTime() + this.config.trust.statusListValidityHours * 3_600_000);
    for (const list of [suspension, revocation]) {
      const id = this.statusListUrl(list.purpose);
      const jws = await issueStatusListCredential({ signer, id, list, validFrom: now, validUntil });
      await this.repository.saveStatusList(trx, {
        purpose: list.purpose,
        list_url: id,
        jws,
        encoded_list: list.encode(),
        kid: signer.kid,
        valid_from: now,
        valid_until: validUntil,
      });
    }
  }

  /** The signed list credential (a compact JWS); published on first request. */
  async getStatusList(purpose: StatusPurpose, now: Date): Promise<string> {
    let row = await this.repository.findStatusList(this.db, purpose);
    if (!row) {
      await this.writer.write(now, (trx, signer) => this.publishStatusLists(trx, signer, now));
      row = await this.repository.findStatusList(this.db, purpose);
    }
    if (!row) throw notFound('Status list');
    return row.jws;
  }

  /** Every stored list credential, as a verification bundle carries them. */
  async listStatusListJws(): Promise<string[]> {
    return (await this.repository.listStatusLists(this.db)).map((row) => row.jws);
  }

  /** The stored lists, verified against the trust list (cached until either changes). */
  async statusListSet(trustList: TrustList): Promise<StatusListSet> {
    const rows = await this.repository.listStatusLists(this.db);
    const key = `${this.keys.trustListFingerprint}|${rows.map((row) => row.jws).join('|')}`;
    if (this.statusSetCache?.key !== key) {
      this.statusSetCache = {
        key,
        set: await StatusListSet.fromJws(
          rows.map((row) => row.jws),
          trustList,
        ),
      };
    }
    return this.statusSetCache.set;
  }

  /** Re-signs the lists when half their validity has passed (the scheduler calls this every tick). */
  async refreshStatusListsIfDue(now: Date): Promise<boolean> {
    const rows = await this.repository.listStatusLists(this.db);
    const halfLife = Math.min(DAY_MS, (this.config.trust.statusListValidityHours * 3_600_000) / 2);
    const isDue = rows.length < 2 || rows.some((row) => now.getTime() - row.valid_from.getTime() >= halfLife);
    if (!isDue) return false;
    await this.writer.write(now, (trx, signer) => this.publishStatusLists(trx, signer, now));
    return true;
  }
}
