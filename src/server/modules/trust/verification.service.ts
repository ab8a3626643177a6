import type { z } from 'zod';
import {
  credentialHash,
  decodeQrPayload,
  describeVerifiedScope,
  summariseCredential,
  verifyCredential,
  type VerifiedScope,
} from '../../../trust-core';
import { AppError } from '../../platform/errors';
import { extractCredentialFromPdf } from './certificate-pdf';
import type { TrustParts } from './trust-parts';
import type { verifyResponseSchema } from './trust.schemas';

export type VerifyResponse = z.infer<typeof verifyResponseSchema>;

type CredentialCheck = Omit<VerifyResponse, 'verifiedScope' | 'credential' | 'scopeNotice'>;

/**
 * Verification of a certificate given as a compact JWS, QR text or the PDF this server produced. Keys and status come
 * from this server's own records only; no URL named in the input is ever fetched.
 */
export class VerificationService {
  constructor(
    private readonly parts: Pick<TrustParts, 'db' | 'repository' | 'keys' | 'statusLists' | 'log'>,
  ) {}

  async verify(
    now: Date,
    input: { credential?: string | undefined; pdf?: Uint8Array | undefined },
  ): Promise<VerifyResponse> {
    const verified = await this.verifyCredentialOnly(now, input);
    const scope: VerifiedScope = input.pdf ? 'embedded_credential' : 'credential';
    const credential = summariseCredential(verified.details);
    return {
      ...verified,
      verifiedScope: scope,
      credential,
      scopeNotice: describeVerifiedScope(scope, credential),
    };
  }

  private async verifyCredentialOnly(
    now: Date,
    input: { credential?: string | undefined; pdf?: Uint8Array | undefined },
  ): Promise<CredentialCheck> {
    const { db, repository } = this.parts;
    let text: string;
    if (input.pdf) {
      const extracted = await extractCredentialFromPdf(input.pdf);
      if (!extracted) throw new AppError('unprocessable', 'This PDF carries no AEO certificate.');
      text = extracted;
    } else {
      text = (input.credential ?? '').trim();
    }
    let jws = text;
    if (text.startsWith('AEO1')) {
      let payload;
      try {
        payload = decodeQrPayload(text);
      } catch (error) {
        return {
          result: 'INVALID_SIGNATURE',
          reason: 'QR_PAYLOAD_INVALID',
          message: error instanceof Error ? error.message : 'Not a certificate QR code',
          details: { checkedAt: now.toISOString() },
        };
      }
      if (payload.kind === 'embedded') jws = payload.jws;
      else {
        const held = await repository.findCertificateByHash(db, payload.sha256);
        if (!held) {
          return {
            result: 'UNKNOWN_ISSUER',
            reason: 'REFERENCE_NOT_FOUND',
            message:
              'The QR code names a certificate this administration did not issue; its URL is not fetched.',
            details: { checkedAt: now.toISOString(), sha256: payload.sha256 },
          };
        }
        jws = held.jws;
      }
    }
    const trustList = await this.parts.keys.trustList();
    const statusLists = await this.parts.statusLists.statusListSet(trustList);
    const held = /^[A-Za-z0-9_.-]+$/.test(jws)
      ? await repository.findCertificateByHash(db, credentialHash(jws))
      : undefined;
    const logProof = held ? await this.parts.log.logProofFor(held) : undefined;
    const result = await verifyCredential(jws, {
      trustList,
      statusLists,
      now,
      ...(logProof ? { logProof } : {}),
    });
    return {
      result: result.status,
      reason: result.reason,
      message: result.message,
      details: { ...result.details },
    };
  }
}
