import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient, auditActions, auditEvents, useTestApp } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';
import { loadPreset } from '../../../programme-core/preset-registry';

const t = useTestApp();
let admin: TestClient;
let validator: TestClient;

beforeAll(async () => {
  admin = await signInAs(t, { roles: ['admin'] });
  validator = await signInAs(t, { roles: ['validator'] });
});

describe('holidays', () => {
  it('adds a holiday that every signed-in user reads, renames it, and records both', async () => {
    const set = await admin.request('PUT', '/api/v1/admin/holidays/2026-12-16', {
      body: { name: 'Independence Day' },
    });
    expect(set.statusCode).toBe(204);
    const renamed = await admin.request('PUT', '/api/v1/admin/holidays/2026-12-16', {
      body: { name: 'Independence Day of Kazakhstan' },
    });
    expect(renamed.statusCode).toBe(204);

    const listed = await validator.request('GET', '/api/v1/holidays');
    expect(listed.statusCode).toBe(200);
    const days = listed.json().items.filter((item: { day: string }) => item.day === '2026-12-16');
    expect(days).toEqual([expect.objectContaining({ name: 'Independence Day of Kazakhstan' })]);
    expect(
      (await auditEvents(t, 'holiday', '2026-12-16')).map(({ action, summary }) => ({ action, summary })),
    ).toEqual([
      { action: 'holiday.set', summary: { name: 'Independence Day' } },
      { action: 'holiday.set', summary: { name: 'Independence Day of Kazakhstan' } },
    ]);
  });

  it('deletes a holiday, records it, and answers 404 for a day that is not one', async () => {
    await admin.request('PUT', '/api/v1/admin/holidays/2026-03-22', { body: { name: 'Nauryz' } });
    const deleted = await admin.request('DELETE', '/api/v1/admin/holidays/2026-03-22');
    expect(deleted.statusCode).toBe(204);

    const listed = (await admin.request('GET', '/api/v1/holidays')).json().items;
    expect(listed.map((item: { day: string }) => item.day)).not.toContain('2026-03-22');
    expect(await auditActions(t, 'holiday', '2026-03-22')).toEqual(['holiday.set', 'holiday.deleted']);

    const missing = await admin.request('DELETE', '/api/v1/admin/holidays/2026-03-22');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('lets only an administrator change the calendar, and only a signed-in user read it', async () => {
    const refused = await validator.request('PUT', '/api/v1/admin/holidays/2026-05-01', {
      body: { name: 'Unity Day' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await validator.request('DELETE', '/api/v1/admin/holidays/2026-12-16')).statusCode).toBe(403);
    expect((await new TestClient(t.app).request('GET', '/api/v1/holidays')).statusCode).toBe(401);
    const listed = (await admin.request('GET', '/api/v1/holidays')).json().items;
    expect(listed.map((item: { day: string }) => item.day)).not.toContain('2026-05-01');
  });
});

describe('programme versions', () => {
  it('loads and activates a new version, keeps the old one readable, and records the load', async () => {
    const before = (await admin.request('GET', '/api/v1/programme')).json();
    const loaded = await admin.request('POST', '/api/v1/admin/programme-versions', {
      body: { ...loadPreset('wco-safe'), version: '2099.1' },
    });
    expect(loaded.statusCode).toBe(201);
    const { id } = loaded.json<{ id: string }>();
    expect(loaded.json()).toEqual({ id, programmeId: 'wco-safe', version: '2099.1' });

    const active = (await new TestClient(t.app).request('GET', '/api/v1/programme')).json();
    expect(active).toMatchObject({ versionId: id, version: '2099.1' });
    const old = await new TestClient(t.app).request('GET', `/api/v1/programme/versions/${before.versionId}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ versionId: before.versionId, version: before.version });

    const versions = (await admin.request('GET', '/api/v1/admin/programme-versions')).json().items;
    expect(versions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, version: '2099.1', isActive: true }),
        expect.objectContaining({ id: before.versionId, isActive: false }),
      ]),
    );
    expect(
      (await auditEvents(t, 'programme_version', id)).map(({ action, summary }) => ({ action, summary })),
    ).toEqual([
      { action: 'programme.version_loaded', summary: { programmeId: 'wco-safe', version: '2099.1' } },
    ]);
  });

  it('refuses a version already loaded, and an invalid definition, keeping the active one', async () => {
    const active = (await admin.request('GET', '/api/v1/programme')).json().versionId;
    const again = await admin.request('POST', '/api/v1/admin/programme-versions', {
      body: { ...loadPreset('wco-safe'), version: '2099.1' },
    });
    expect(again.statusCode).toBe(409);
    const invalid = await admin.request('POST', '/api/v1/admin/programme-versions', {
      body: { ...loadPreset('wco-safe'), version: '2099.2', authorisationTypes: [] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.fields.length).toBeGreaterThan(0);
    expect((await admin.request('GET', '/api/v1/programme')).json().versionId).toBe(active);
  });

  it('lets only an administrator list or load versions', async () => {
    expect((await validator.request('GET', '/api/v1/admin/programme-versions')).statusCode).toBe(403);
    const refused = await validator.request('POST', '/api/v1/admin/programme-versions', {
      body: { ...loadPreset('wco-safe'), version: '2099.3' },
    });
    expect(refused.statusCode).toBe(403);
    const versions = (await admin.request('GET', '/api/v1/admin/programme-versions')).json().items;
    expect(versions.map((version: { version: string }) => version.version)).not.toContain('2099.3');
  });

  it('answers 404 for a programme version that does not exist', async () => {
    const response = await new TestClient(t.app).request(
      'GET',
      '/api/v1/programme/versions/00000000-0000-4000-8000-000000000000',
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('the readiness self-check', () => {
  it('answers per criterion what is ready and what to prepare, without an account', async () => {
    const anonymous = new TestClient(t.app);
    const response = await anonymous.request('POST', '/api/v1/programme/readiness', {
      body: { answers: { 'ready.tfa.compliance.no_serious': true, 'ready.tfa.compliance.no_arrears': true } },
    });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.status).toBe('partly');
    const compliance = report.criteria.find(
      (criterion: { criterionId: string }) => criterion.criterionId === 'tfa.compliance_record',
    );
    expect(compliance).toMatchObject({ yes: 2 });
    expect(compliance.toPrepare.map((item: { itemId: string }) => item.itemId)).not.toContain(
      'ready.tfa.compliance.no_serious',
    );
    const records = report.criteria.find(
      (criterion: { criterionId: string }) => criterion.criterionId === 'tfa.records_internal_control',
    );
    expect(records.status).toBe('missing');
    expect(records.toPrepare.map((item: { itemId: string }) => item.itemId)).toContain(
      'ready.tfa.records.traceable',
    );
  });
});
