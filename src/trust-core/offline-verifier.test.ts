import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerVerifyCommand, runVerify } from '../cli/verify.command';
import { encodeQrPayload } from './qr-payload';
import { buildVerificationBundle } from './verification-bundle';
import {
  CHECK_TIME,
  createTrustFixture,
  issueSample,
  issueStatusLists,
  type TrustFixture,
} from './trust-test-fixtures';

describe('openaeo verify (offline verifier)', () => {
  let dir: string;
  let fixture: TrustFixture;
  let jws: string;
  let statusLists: string[];
  let bundlePath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openaeo-verify-'));
    fixture = await createTrustFixture();
    jws = await issueSample(fixture);
    statusLists = await issueStatusLists(fixture);
    bundlePath = join(dir, 'bundle.json');
    await writeFile(
      bundlePath,
      JSON.stringify(
        buildVerificationBundle({
          credential: jws,
          trustList: fixture.trustList,
          statusLists,
          now: CHECK_TIME,
        }),
      ),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  function disableNetwork(): void {
    const refuse = (): never => {
      throw new Error('network access attempted during offline verification');
    };
    vi.spyOn(globalThis, 'fetch').mockImplementation(refuse);
    vi.spyOn(net, 'connect').mockImplementation(refuse);
    vi.spyOn(net, 'createConnection').mockImplementation(refuse);
    vi.spyOn(tls, 'connect').mockImplementation(refuse);
    vi.spyOn(http, 'request').mockImplementation(refuse);
    vi.spyOn(http, 'get').mockImplementation(refuse);
    vi.spyOn(https, 'request').mockImplementation(refuse);
    vi.spyOn(https, 'get').mockImplementation(refuse);
    vi.spyOn(dns, 'lookup').mockImplementation(refuse);
  }

  it('prints VALID and exits 0 with the network disabled', async () => {
    disableNetwork();
    expect(() => net.connect(443, 'customs.example.kz')).toThrow(/network access/);
    await expect(async () => fetch('https://customs.example.kz/')).rejects.toThrow(/network access/);
    const program = new Command().exitOverride();
    registerVerifyCommand(program);
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    await program.parseAsync(['node', 'openaeo', 'verify', bundlePath]);
    const output = writes.join('');
    expect(output).toMatch(/^VALID/);
    expect(output).toContain('KZ/0042/AEOF');
    expect(output).toContain('Steppe Logistics LLP');
    expect(output).toContain('not checked (no proof supplied)');
    expect(process.exitCode).toBe(0);
  });

  it('exits 1 for anything but VALID', async () => {
    const result = await runVerify(bundlePath, { now: '2029-01-01T00:00:00Z' });
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^EXPIRED/);
  });

  it('verifies a bare JWS file with --trust-list and --status-list', async () => {
    disableNetwork();
    const jwtPath = join(dir, 'certificate.jwt');
    const trustListPath = join(dir, 'trust-list.json');
    const listPaths = await Promise.all(
      statusLists.map(async (list, i) => {
        const path = join(dir, `status-${i}.jwt`);
        await writeFile(path, `${list}\n`);
        return path;
      }),
    );
    await writeFile(jwtPath, `${jws}\n`);
    await writeFile(trustListPath, JSON.stringify(fixture.trustList.toJson()));
    const program = new Command().exitOverride();
    registerVerifyCommand(program);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await program.parseAsync([
      'node',
      'openaeo',
      'verify',
      jwtPath,
      '--trust-list',
      trustListPath,
      '--status-list',
      ...listPaths,
      '--now',
      CHECK_TIME.toISOString(),
    ]);
    expect(process.exitCode).toBe(0);
  });

  it('verifies QR text and reports a missing trust list as an error', async () => {
    const qrPath = join(dir, 'qr.txt');
    await writeFile(qrPath, encodeQrPayload(jws));
    const trustListPath = join(dir, 'trust-list-qr.json');
    await writeFile(trustListPath, JSON.stringify(fixture.trustList.toJson()));
    const statusPath = join(dir, 'status-qr.jwt');
    await writeFile(statusPath, statusLists[0] ?? '');
    const statusPath2 = join(dir, 'status-qr-2.jwt');
    await writeFile(statusPath2, statusLists[1] ?? '');
    const ok = await runVerify(qrPath, {
      trustList: trustListPath,
      statusList: [statusPath, statusPath2],
      now: CHECK_TIME.toISOString(),
      json: true,
    });
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.output)).toMatchObject({ status: 'VALID' });
    const missing = await runVerify(qrPath, {});
    expect(missing).toMatchObject({ exitCode: 1 });
    expect(missing.output).toContain('--trust-list');
  });
});
