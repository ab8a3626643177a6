import { z } from 'zod';
import { CREDENTIAL_JWS_TYP, type StatusPurpose } from './credential-issuer';
import { decodeJsonPayload } from './jws-header';
import { verifyTrustedJws } from './jws-verifier';
import { BitstringStatusList } from './status-list';
import { TrustCoreError } from './trust-core-error';
import type { TrustList } from './trust-list';

export interface VerifiedStatusList {
  readonly id: string;
  readonly issuer: string;
  readonly kid: string;
  readonly purpose: StatusPurpose;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly list: BitstringStatusList;
}

export interface RejectedStatusList {
  /** Read from the unverified payload, only to say which list was refused. */
  readonly claimedId: string | undefined;
  readonly code: 'INVALID_SIGNATURE' | 'UNKNOWN_ISSUER';
  readonly reason: string;
  readonly message: string;
}

const statusListPayloadSchema = z.object({
  '@context': z.array(z.string()).refine((value) => value[0] === 'https://www.w3.org/ns/credentials/v2'),
  id: z.string().min(1),
  type: z.array(z.string()).refine((value) => value.includes('BitstringStatusListCredential')),
  issuer: z.string().startsWith('did:'),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }),
  credentialSubject: z.object({
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.enum(['suspension', 'revocation']),
    encodedList: z.string().min(2),
  }),
});

/**
 * Status list credentials checked once (signature against the trust list, decompression) and reused for any
 * number of certificate verifications; validity windows are judged later, against each verification's clock.
 */
export class StatusListSet {
  private constructor(
    private readonly byId: ReadonlyMap<string, VerifiedStatusList>,
    readonly rejected: readonly RejectedStatusList[],
  ) {}

  static async fromJws(jwsList: readonly string[], trustList: TrustList): Promise<StatusListSet> {
    const byId = new Map<string, VerifiedStatusList>();
    const rejected: RejectedStatusList[] = [];
    for (const jws of jwsList) {
      const claimedId = decodeJsonPayload(jws.split('.')[1] ?? '')?.id;
      const reject = (code: RejectedStatusList['code'], reason: string, message: string): void => {
        rejected.push({
          claimedId: typeof claimedId === 'string' ? claimedId : undefined,
          code,
          reason,
          message,
        });
      };
      const verified = await verifyTrustedJws(jws.trim(), trustList, CREDENTIAL_JWS_TYP);
      if (!verified.ok) {
        reject(verified.code, verified.reason, verified.message);
        continue;
      }
      const parsed = statusListPayloadSchema.safeParse(verified.payload);
      if (!parsed.success) {
        reject('INVALID_SIGNATURE', 'MALFORMED_STATUS_LIST', 'Not a BitstringStatusListCredential');
        continue;
      }
      const payload = parsed.data;
      if (payload.issuer !== verified.key.did) {
        reject(
          'UNKNOWN_ISSUER',
          'ISSUER_KEY_MISMATCH',
          `Issuer ${payload.issuer} did not sign with its own key`,
        );
        continue;
      }
      let list: BitstringStatusList;
      try {
        list = BitstringStatusList.decode(
          payload.credentialSubject.statusPurpose,
          payload.credentialSubject.encodedList,
        );
      } catch (error) {
        reject(
          'INVALID_SIGNATURE',
          'MALFORMED_STATUS_LIST',
          error instanceof Error ? error.message : 'Bad list',
        );
        continue;
      }
      const candidate: VerifiedStatusList = {
        id: payload.id,
        issuer: payload.issuer,
        kid: verified.key.kid,
        purpose: payload.credentialSubject.statusPurpose,
        validFrom: new Date(payload.validFrom),
        validUntil: new Date(payload.validUntil),
        list,
      };
      // Several versions of one list may be supplied; the most recently issued one speaks for it.
      const existing = byId.get(payload.id);
      if (!existing || candidate.validFrom.getTime() > existing.validFrom.getTime())
        byId.set(payload.id, candidate);
    }
    return new StatusListSet(byId, rejected);
  }

  find(id: string): VerifiedStatusList | undefined {
    return this.byId.get(id);
  }

  findRejected(id: string): RejectedStatusList | undefined {
    return this.rejected.find((entry) => entry.claimedId === id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Throws unless every supplied list verified; for callers (the server) that built the lists themselves. */
  assertAllVerified(): void {
    const [first] = this.rejected;
    if (first)
      throw new TrustCoreError('INVALID_ARGUMENT', `Status list rejected: ${first.message}`, { ...first });
  }
}
