import { TrustCoreError, type Signer } from '../../../trust-core';
import type { Db, Trx } from '../../platform/database';
import { conflict } from '../../platform/errors';
import type { SigningKeysService } from './signing-keys.service';
import type { TrustRepository } from './trust.repository';

/**
 * The one write path of the trust module. Every write takes the trust lock, so certificate numbers, status indexes
 * and log leaves are handed out in one order, and signs with the key active inside that lock.
 */
export class TrustWriter {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly failureListeners: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly repository: TrustRepository,
    private readonly keys: SigningKeysService,
  ) {}

  /** Called after a write fails, so caches that may hold its uncommitted work are dropped. */
  onFailure(listener: () => void): void {
    this.failureListeners.push(listener);
  }

  /** One writer at a time in this process, the trust lock across processes. */
  async write<T>(now: Date, work: (trx: Trx, signer: Signer) => Promise<T>): Promise<T> {
    await this.keys.ensureKeys(now);
    const run = async (): Promise<T> => {
      try {
        return await this.db.transaction().execute(async (trx) => {
          await this.repository.lock(trx);
          return work(trx, await this.keys.activeSigner(trx));
        });
      } catch (error) {
        for (const listener of this.failureListeners) listener();
        if (error instanceof TrustCoreError && error.code === 'REVOCATION_IRREVERSIBLE') {
          throw conflict('A revoked certificate cannot be reinstated.');
        }
        throw error;
      }
    };
    const result = this.writeQueue.then(run, run);
    this.writeQueue = result.catch(() => undefined);
    return result;
  }
}
