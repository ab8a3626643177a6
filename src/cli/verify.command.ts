import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractCredentialFromPdf } from '../server/modules/trust/certificate-pdf';
import {
  buildVerificationBundle,
  decodeQrPayload,
  describeVerifiedScope,
  parseVerificationBundle,
  summariseCredential,
  TrustCoreError,
  verifyBundle,
  type VerificationBundle,
  type VerificationResult,
  type VerifiedScope,
} from '../trust-core';

export interface VerifyCommandOptions {
  trustList?: string;
  statusList?: string[];
  now?: string;
  json?: boolean;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

interface LoadedBundle {
  bundle: VerificationBundle;
  scope: VerifiedScope;
}

/**
 * A credential file is a bundle (JSON), a bare compact JWS, the text of a QR code (AEO1:…) or a certificate PDF,
 * of which only the embedded credential is read (never its printed page).
 */
async function loadBundle(file: string, options: VerifyCommandOptions): Promise<LoadedBundle> {
  const bytes = await readFile(file);
  let scope: VerifiedScope = 'credential';
  let text: string;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const embedded = await extractCredentialFromPdf(bytes);
    if (!embedded) throw new TrustCoreError('INVALID_ARGUMENT', 'This PDF carries no AEO certificate');
    scope = 'embedded_credential';
    text = embedded;
  } else {
    text = bytes.toString('utf8').trim();
  }
  if (text.startsWith('{')) return { bundle: parseVerificationBundle(JSON.parse(text) as unknown), scope };
  let credential = text;
  if (text.startsWith('AEO1')) {
    const payload = decodeQrPayload(text);
    if (payload.kind === 'reference') {
      // The verifier never goes online: the operator must fetch the JWS and pass it as FILE instead.
      throw new TrustCoreError(
        'INVALID_ARGUMENT',
        `QR code refers to ${payload.url}; download that file (sha256 ${payload.sha256}) and verify it instead`,
      );
    }
    credential = payload.jws;
  }
  if (!options.trustList)
    throw new TrustCoreError('INVALID_ARGUMENT', 'A bare credential needs --trust-list FILE');
  const trustList = parseVerificationBundle({
    credential,
    trustList: await readJson(options.trustList),
    statusLists: [],
  }).trustList;
  const statusLists = await Promise.all(
    (options.statusList ?? []).map(async (path) => (await readFile(path, 'utf8')).trim()),
  );
  return {
    bundle: parseVerificationBundle(buildVerificationBundle({ credential, trustList, statusLists })),
    scope,
  };
}

function formatResult(result: VerificationResult, asOf: string, scope: VerifiedScope): string {
  const d = result.details;
  const lines = [`${result.status}  ${result.message}`];
  const row = (label: string, value: string | undefined): void => {
    if (value !== undefined) lines.push(`  ${label.padEnd(20)} ${value}`);
  };
  // What the credential says comes first: the page in front of the reader must say the same.
  const credential = summariseCredential(d);
  if (credential) {
    const { holder } = credential;
    row('holder', `${holder.legalName} (${holder.operatorIdScheme} ${holder.operatorId})`);
  }
  if (d.subject) {
    row(
      'authorisation',
      `${d.subject.authorisationType}${d.subject.tier ? `, tier ${d.subject.tier}` : ''}, ${d.subject.siteCount} site(s)`,
    );
  }
  if (d.validFrom && d.validUntil) row('validity', `${d.validFrom} .. ${d.validUntil}`);
  row('reason', result.status === 'VALID' ? undefined : result.reason);
  row('checked at', asOf);
  row('issuer', d.issuer);
  row('signing key', d.kid ? `${d.kid}${d.keyStatus ? ` (${d.keyStatus})` : ''}` : undefined);
  row('certificate number', d.certificateNumber);
  row('certificate id', d.certificateId);
  for (const check of d.statusChecks) {
    row(
      `${check.purpose} status`,
      `${check.outcome} (index ${check.index} in ${check.statusListCredential}${
        check.listValidUntil ? `, list valid until ${check.listValidUntil}` : ''
      })`,
    );
  }
  const log = d.logInclusion;
  row(
    'transparency log',
    log.checked
      ? `${log.verified ? 'included' : 'NOT VERIFIED'}: leaf ${log.leafIndex} of ${log.treeSize}${
          log.origin ? ` in ${log.origin}` : ''
        }${log.checkpointTimestamp ? ` (checkpoint ${log.checkpointTimestamp})` : ''}${
          log.message ? ` — ${log.message}` : ''
        }`
      : 'not checked (no proof supplied)',
  );
  lines.push('', `NOTE  ${describeVerifiedScope(scope, credential)}`);
  return `${lines.join('\n')}\n`;
}

/** Runs one verification; returns the text to print and the exit code (0 only for VALID). */
export async function runVerify(
  file: string,
  options: VerifyCommandOptions,
): Promise<{ exitCode: number; output: string; result?: VerificationResult }> {
  try {
    const { bundle, scope } = await loadBundle(file, options);
    const now = options.now ? new Date(options.now) : undefined;
    if (now && Number.isNaN(now.getTime()))
      throw new TrustCoreError('INVALID_ARGUMENT', '--now is not a date');
    const asOf = (now ?? (bundle.now ? new Date(bundle.now) : new Date())).toISOString();
    const result = await verifyBundle(bundle, now ? { now } : {});
    const credential = summariseCredential(result.details);
    const output = options.json
      ? `${JSON.stringify(
          {
            ...result,
            verifiedScope: scope,
            credential,
            scopeNotice: describeVerifiedScope(scope, credential),
          },
          null,
          2,
        )}\n`
      : formatResult(result, asOf, scope);
    return { exitCode: result.status === 'VALID' ? 0 : 1, output, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, output: `ERROR  ${message}\n` };
  }
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify an AEO certificate offline. FILE is a verification bundle (JSON), a compact JWS (.jwt/.txt), QR ' +
        'text (AEO1:…) or a certificate PDF (its embedded credential only; the printed page is not verified). ' +
        'Exit code 0 only when the certificate is VALID.',
    )
    .argument('<FILE>', 'verification bundle, credential JWS, QR payload text or certificate PDF')
    .option('--trust-list <FILE>', 'trust list JSON { issuers, jwks } (for a bare credential)')
    .option(
      '--status-list <FILE...>',
      'status list credential JWS file(s) (for a bare credential)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--now <ISO-8601>', 'verify as of this time instead of the clock')
    .option('--json', 'print the full result as JSON')
    .action(async (file: string, options: VerifyCommandOptions) => {
      const { exitCode, output } = await runVerify(file, options);
      process.stdout.write(output);
      process.exitCode = exitCode;
    });
}
