import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, factories, type TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp();
let admin: TestClient;

beforeAll(async () => {
  admin = await signInAs(t, { roles: ['admin'] });
});

async function officeRow(id: string) {
  return t.database.db.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('changing an office', () => {
  it('renames an office and puts it under a headquarters, recording before and after', async () => {
    const headquarters = await factories.office(t.services, 'headquarters');
    const office = await factories.office(t.services);

    const response = await admin.request('PATCH', `/api/v1/admin/offices/${office.id}`, {
      body: { name: 'Khorgos border post', parentId: headquarters.id, regions: ['Zhetysu'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().office).toEqual({
      ...office,
      name: 'Khorgos border post',
      parentId: headquarters.id,
      regions: ['Zhetysu'],
    });

    expect(await officeRow(office.id)).toMatchObject({
      name: 'Khorgos border post',
      parent_id: headquarters.id,
      regions: ['Zhetysu'],
    });
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'summary'])
      .where('entity_id', '=', office.id)
      .where('action', '=', 'office.updated')
      .execute();
    expect(audit).toEqual([
      {
        action: 'office.updated',
        summary: {
          before: office,
          after: { ...office, name: 'Khorgos border post', parentId: headquarters.id, regions: ['Zhetysu'] },
        },
      },
    ]);
  });

  it('refuses a code another office has, and leaves the office as it was', async () => {
    const first = await factories.office(t.services);
    const second = await factories.office(t.services);
    const response = await admin.request('PATCH', `/api/v1/admin/offices/${second.id}`, {
      body: { code: first.code },
    });
    expect(response.statusCode).toBe(409);
    expect((await officeRow(second.id)).code).toBe(second.code);
  });

  it('refuses an office as its own parent', async () => {
    const office = await factories.office(t.services);
    const response = await admin.request('PATCH', `/api/v1/admin/offices/${office.id}`, {
      body: { parentId: office.id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe('parentId');
    expect((await officeRow(office.id)).parent_id).toBeNull();
  });

  it('answers 404 for an office that does not exist', async () => {
    const response = await admin.request('PATCH', `/api/v1/admin/offices/${randomUUID()}`, {
      body: { name: 'Nowhere' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('lets only an administrator change an office', async () => {
    const office = await factories.office(t.services);
    const manager = await signInAs(t, { roles: ['aeo_manager'], officeId: office.id });
    const response = await manager.request('PATCH', `/api/v1/admin/offices/${office.id}`, {
      body: { name: 'Renamed by a manager' },
    });
    expect(response.statusCode).toBe(403);
    expect((await officeRow(office.id)).name).toBe(office.name);
  });
});
