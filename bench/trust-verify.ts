// Offline certificate verification throughput, in process: `node --import tsx bench/trust-verify.ts`.
import {
  decodeQrPayload,
  encodeQrPayload,
  issueCredential,
  StatusListSet,
  verifyCredential,
  type SigningAlgorithm,
} from '../src/trust-core';
import {
  CHECK_TIME,
  createTrustFixture,
  ISSUED_AT,
  issueSample,
  issueStatusLists,
  sampleClaims,
} from '../src/trust-core/trust-test-fixtures';
import { measure, printHeader, printTable, type BenchRow } from './trust-bench-report';

async function benchAlgorithm(alg: SigningAlgorithm): Promise<BenchRow[]> {
  const fixture = await createTrustFixture(alg, `${alg.toLowerCase()}-bench`);
  // A realistic list: 2 % of indexes suspended or revoked, so the gzip payload is not trivially small.
  for (let i = 0; i < 2600; i++) {
    fixture.suspension.set((i * 7919) % 131_072, true);
    fixture.revocation.set((i * 104_729 + 1) % 131_072, true);
  }
  const jws = await issueSample(fixture);
  const statusLists = await issueStatusLists(fixture);
  const prepared = await StatusListSet.fromJws(statusLists, fixture.trustList);
  const qr = encodeQrPayload(jws);
  const expectValid = async (token: string, lists: readonly string[] | StatusListSet): Promise<void> => {
    const result = await verifyCredential(token, {
      trustList: fixture.trustList,
      statusLists: lists,
      now: CHECK_TIME,
    });
    if (result.status !== 'VALID') throw new Error(`unexpected ${result.status}`);
  };
  await expectValid(jws, prepared);
  return [
    await measure(`${alg}: verify, status lists prepared once`, () => expectValid(jws, prepared), {
      note: 'border scenario: lists cached',
    }),
    await measure(`${alg}: verify + 2 status list JWS each time`, () => expectValid(jws, statusLists), {
      note: '3 signatures + 2 × gunzip 16 KB',
    }),
    await measure(
      `${alg}: QR decode + verify (prepared lists)`,
      () => {
        const payload = decodeQrPayload(qr);
        if (payload.kind !== 'embedded') throw new Error('expected embedded');
        return expectValid(payload.jws, prepared);
      },
      { note: `QR ${qr.length} chars, JWS ${jws.length} chars` },
    ),
    await measure(
      `${alg}: issue (sign) a certificate`,
      () => issueCredential({ signer: fixture.signer, claims: sampleClaims(), issuedAt: ISSUED_AT }),
      { note: 'local in-process signer' },
    ),
    await measure(`${alg}: prepare status lists (2 JWS)`, () =>
      StatusListSet.fromJws(statusLists, fixture.trustList),
    ),
  ];
}

printHeader('trust-verify: offline certificate verification');
const rows = [...(await benchAlgorithm('EdDSA')), ...(await benchAlgorithm('ES256'))];
printTable(rows);
