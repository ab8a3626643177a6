import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf } from '../server/modules/trust/certificate-pdf';
import { encodeQrPayload } from '../trust-core';
import {
  CHECK_TIME,
  createTrustFixture,
  issueSample,
  issueStatusLists,
} from '../trust-core/trust-test-fixtures';
import { runVerify } from './verify.command';

describe('openaeo verify with a certificate PDF', () => {
  let dir: string;
  let options: { trustList: string; statusList: string[]; now: string };
  let forgedPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openaeo-verify-pdf-'));
    const fixture = await createTrustFixture();
    const jws = await issueSample(fixture);
    const statusLists = await issueStatusLists(fixture);
    const trustList = join(dir, 'trust-list.json');
    await writeFile(trustList, JSON.stringify(fixture.trustList.toJson()));
    const statusList = await Promise.all(
      statusLists.map(async (list, index) => {
        const path = join(dir, `status-${index}.jwt`);
        await writeFile(path, list);
        return path;
      }),
    );
    options = { trustList, statusList, now: CHECK_TIME.toISOString() };
    // A page naming another company and validity around the genuine credential of Steppe Logistics LLP.
    forgedPath = join(dir, 'forged.pdf');
    await writeFile(
      forgedPath,
      await renderCertificatePdf({
        credential: jws,
        qrText: encodeQrPayload(jws),
        certificateNumber: 'KZ/0042/AEOF',
        legalName: 'Forged Borrower LLP',
        taxpayerId: '999999999999',
        authorisationType: { en: 'AEO full', ru: 'УЭО полный' },
        tier: '2',
        sites: [{ address: '1 Elsewhere Street' }],
        validFrom: '2020-01-01',
        validUntil: '2099-12-31',
        issuer: 'did:web:customs.example.kz',
        credentialHash: '0'.repeat(64),
        verifyUrl: 'https://customs.example.kz/verify',
        issuedAt: new Date('2025-01-10T09:00:00Z'),
      }),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the credential's holder and validity and says the page was not verified", async () => {
    const { exitCode, output } = await runVerify(forgedPath, options);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^VALID/);
    expect(output).toMatch(/holder\s+Steppe Logistics LLP \(BIN KZ123456789012\)/);
    expect(output).toContain('2028-01-15');
    expect(output).toContain('not the printed page');
    expect(output).not.toContain('Forged Borrower');
  });

  it('answers the same fields as the API in --json', async () => {
    const { output } = await runVerify(forgedPath, { ...options, json: true });
    expect(JSON.parse(output)).toMatchObject({
      status: 'VALID',
      verifiedScope: 'embedded_credential',
      credential: {
        holder: { legalName: 'Steppe Logistics LLP', operatorId: 'KZ123456789012' },
        validUntil: expect.stringMatching(/^2028-01-15/),
      },
      scopeNotice: expect.stringContaining('not the printed page'),
    });
  });

  it('refuses a PDF without a certificate', async () => {
    const empty = join(dir, 'empty.pdf');
    await writeFile(empty, '%PDF-1.4\n%%EOF\n');
    expect(await runVerify(empty, options)).toMatchObject({ exitCode: 1 });
  });
});
