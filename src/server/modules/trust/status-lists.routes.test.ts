import { describe, expect, it } from 'vitest';
import { BitstringStatusList } from '../../../trust-core';
import type { TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';
import { createAuthorisation, useTrustTestApp } from './trust.test-support';

type Purpose = 'suspension' | 'revocation';

function payloadOf(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

const t = useTrustTestApp();

/** The certificate's index in the list of `purpose`, read from the credential the holder downloads. */
async function statusIndexOf(client: TestClient, authorisationId: string, purpose: Purpose): Promise<number> {
  const response = await client.request('GET', `/api/v1/authorisations/${authorisationId}/certificate`);
  expect(response.statusCode, response.body).toBe(200);
  const entries = payloadOf(response.json<{ credential: string }>().credential).credentialStatus as {
    statusPurpose: string;
    statusListIndex: string;
  }[];
  return Number(entries.find((entry) => entry.statusPurpose === purpose)!.statusListIndex);
}

async function publishedBit(purpose: Purpose, index: number): Promise<boolean> {
  const response = await t.anonymous.request('GET', `/api/v1/status-lists/${purpose}`);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/vc+jwt');
  const subject = payloadOf(response.body).credentialSubject as {
    statusPurpose: string;
    encodedList: string;
  };
  expect(subject.statusPurpose).toBe(purpose);
  return BitstringStatusList.decode(purpose, subject.encodedList).get(index);
}

describe('GET /api/v1/status-lists/:purpose', () => {
  it('publishes to anyone the signed list in which a suspension sets the certificate’s bit', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id });
    const suspension = await statusIndexOf(made.ownerClient, made.authorisationId, 'suspension');
    const revocation = await statusIndexOf(made.ownerClient, made.authorisationId, 'revocation');
    expect(await publishedBit('suspension', suspension)).toBe(false);

    const suspended = await t.managerClient.request(
      'POST',
      `/api/v1/authorisations/${made.authorisationId}/status`,
      {
        body: { action: 'suspend', reason: 'Security plan lapsed' },
      },
    );
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(await publishedBit('suspension', suspension)).toBe(true);
    expect(await publishedBit('revocation', revocation)).toBe(false);
  });
});

describe('GET /api/v1/authorisations/:id/status-changes', () => {
  it('lists the suspension and reinstatement, oldest first, to the holder and to customs', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id, name: 'Caspian Freight LLP' });
    const url = `/api/v1/authorisations/${made.authorisationId}`;
    expect((await t.managerClient.request('GET', `${url}/status-changes`)).json()).toEqual({ items: [] });
    await t.managerClient.request('POST', `${url}/status`, {
      body: { action: 'suspend', reason: 'Security plan lapsed', remediationDeadline: '2026-04-30' },
    });
    await t.managerClient.request('POST', `${url}/status`, {
      body: { action: 'reinstate', reason: 'Plan restored' },
    });

    const listed = await made.ownerClient.request('GET', `${url}/status-changes`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        action: 'suspend',
        fromStatus: 'active',
        toStatus: 'suspended',
        reason: 'Security plan lapsed',
        remediationDeadline: '2026-04-30',
      }),
      expect.objectContaining({ action: 'reinstate', fromStatus: 'suspended', toStatus: 'active' }),
    ]);
    expect((await t.managerClient.request('GET', `${url}/status-changes`)).json().items).toHaveLength(2);
  });

  it('hides another operator’s authorisation from an operator', async () => {
    const made = await createAuthorisation(t, { decidedBy: t.manager.id, name: 'Aral Logistics LLP' });
    const stranger = await createAuthorisation(t, { decidedBy: t.manager.id, name: 'Irtysh Transit LLP' });
    const response = await stranger.ownerClient.request(
      'GET',
      `/api/v1/authorisations/${made.authorisationId}/status-changes`,
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('GET /api/v1/trust/keys', () => {
  it('lists the signing keys, without private material, to an administrator', async () => {
    await t.anonymous.request('GET', '/api/v1/status-lists/revocation'); // the first signature creates the key
    const admin = await signInAs(t, { roles: ['admin'] });
    const listed = await admin.request('GET', '/api/v1/trust/keys');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toEqual([
      expect.objectContaining({
        alg: 'EdDSA',
        status: 'active',
        privateKeySource: 'data_dir',
        kid: expect.stringMatching(/^did:web:customs\.example\.kz#key-/),
        retiredAt: null,
      }),
    ]);
    expect(Object.keys(items[0]!).sort()).toEqual(
      ['alg', 'createdAt', 'kid', 'privateKeySource', 'retiredAt', 'status'].sort(),
    );
  });

  it('refuses the key list to anyone but an administrator', async () => {
    expect((await t.managerClient.request('GET', '/api/v1/trust/keys')).statusCode).toBe(403);
    expect((await t.anonymous.request('GET', '/api/v1/trust/keys')).statusCode).toBe(401);
  });
});
