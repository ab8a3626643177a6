import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { createLocalSigner, signCompactJws, type SigningAlgorithm } from '../../../trust-core';
import { renderCertificatePdf } from './certificate-pdf';
import { createAuthorisation, useTrustTestApp } from './trust.test-support';

interface VerifyBody {
  result: string;
  verifiedScope: string;
  credential: {
    holder: { legalName: string; operatorId: string; operatorIdScheme: string };
    authorisationType: string;
    validFrom: string | null;
    validUntil: string | null;
  } | null;
  scopeNotice: string;
}

describe('what a verification covers', () => {
  const t = useTrustTestApp();

  const verifyPdf = async (pdf: Uint8Array) => {
    const response = await t.anonymous.request('POST', '/api/v1/verify', {
      payload: Buffer.from(pdf),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<VerifyBody>();
  };

  it("answers a forged page carrying a genuine credential with the credential's own holder and validity", async () => {
    const made = await createAuthorisation(t, { name: 'Genuine Holder LLP', decidedBy: t.manager.id });
    const certificate = (
      await made.ownerClient.request('GET', `/api/v1/authorisations/${made.authorisationId}/certificate`)
    ).json<{ credential: string; qrPayload: string; certificateNumber: string }>();
    // The page names another company and another validity; the embedded credential is the genuine one.
    const forged = await renderCertificatePdf({
      credential: certificate.credential,
      qrText: certificate.qrPayload,
      certificateNumber: certificate.certificateNumber,
      legalName: 'Forged Borrower LLP',
      taxpayerId: '999999999999',
      authorisationType: { en: 'AEO full', ru: 'УЭО полный' },
      tier: '1',
      sites: [{ address: '1 Elsewhere Street' }],
      validFrom: '2020-01-01',
      validUntil: '2099-12-31',
      issuer: 'did:web:customs.example.kz',
      credentialHash: '0'.repeat(64),
      verifyUrl: 'https://customs.example.kz/verify',
      issuedAt: new Date('2026-03-01T00:00:00Z'),
    });

    const answer = await verifyPdf(forged);
    expect(answer.result).toBe('VALID');
    expect(answer.verifiedScope).toBe('embedded_credential');
    expect(answer.credential?.holder).toEqual({
      legalName: 'Genuine Holder LLP',
      operatorId: made.operator.taxpayer_id,
      operatorIdScheme: expect.any(String),
    });
    expect(answer.credential?.validFrom?.slice(0, 10)).toBe('2026-03-01');
    expect(answer.credential?.validUntil?.slice(0, 4)).not.toBe('2099');
    expect(answer.scopeNotice).toContain('not the printed page');
    expect(answer.scopeNotice).toContain('Genuine Holder LLP');
    expect(JSON.stringify(answer)).not.toContain('Forged Borrower');
  });

  it('names the scope and the holder for a pasted credential, and no holder for a broken one', async () => {
    const made = await createAuthorisation(t, { name: 'Pasted Holder LLP', decidedBy: t.manager.id });
    const { credential } = (
      await made.ownerClient.request('GET', `/api/v1/authorisations/${made.authorisationId}/certificate`)
    ).json<{ credential: string }>();
    const pasted = (
      await t.anonymous.request('POST', '/api/v1/verify', { body: { credential } })
    ).json<VerifyBody>();
    expect(pasted).toMatchObject({
      result: 'VALID',
      verifiedScope: 'credential',
      credential: { holder: { legalName: 'Pasted Holder LLP' } },
    });
    expect(pasted.scopeNotice).toContain('Only the credential was verified');

    const [header, payload] = credential.split('.') as [string, string, string];
    const broken = (
      await t.anonymous.request('POST', '/api/v1/verify', {
        body: { credential: `${header}.${payload}.${'A'.repeat(86)}` },
      })
    ).json<VerifyBody>();
    expect(broken.result).toBe('INVALID_SIGNATURE');
    expect(broken.credential).toBeNull();
  });

  it("names no holder when this administration's key signs a credential in another issuer's name", async () => {
    const made = await createAuthorisation(t, { name: 'Borrowed Name LLP', decidedBy: t.manager.id });
    const { credential } = (
      await made.ownerClient.request('GET', `/api/v1/authorisations/${made.authorisationId}/certificate`)
    ).json<{ credential: string }>();
    const [header, payload] = credential.split('.') as [string, string, string];
    const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
      kid: string;
      alg: SigningAlgorithm;
    };
    // A genuine key (read from the server's key folder) with a payload that names a foreign issuer.
    const keyFile = path.join(t.keyDir, `${kid.slice(kid.indexOf('#') + 1)}.private.jwk.json`);
    const signer = await createLocalSigner({
      kid,
      alg,
      privateJwk: JSON.parse(fs.readFileSync(keyFile, 'utf8')) as JWK,
    });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const foreign = await signCompactJws(signer, 'vc+jwt', {
      ...claims,
      issuer: 'did:web:customs.example.by',
    });

    const answer = (
      await t.anonymous.request('POST', '/api/v1/verify', { body: { credential: foreign } })
    ).json<VerifyBody & { reason: string }>();
    expect(answer).toMatchObject({
      result: 'UNKNOWN_ISSUER',
      reason: 'ISSUER_KEY_MISMATCH',
      credential: null,
    });
    expect(answer.scopeNotice).toContain('No genuine credential');
    expect(JSON.stringify(answer)).not.toContain('Borrowed Name LLP');
  });
});
