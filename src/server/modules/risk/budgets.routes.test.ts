import { beforeAll, describe, expect, it } from 'vitest';
import { auditActions, useTestApp, type TestClient } from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

const t = useTestApp();
let analyst: TestClient;
let validator: TestClient;

beforeAll(async () => {
  analyst = await signInAs(t, { roles: ['risk_analyst'] });
  validator = await signInAs(t, { roles: ['validator'] });
});

const budget = { seed: 'test', rates: { red: 0.05, yellow: 0.1, blue: 0 } };

describe('risk budgets', () => {
  it('lists the built-in default until an office has a budget of its own', async () => {
    const listed = await analyst.request('GET', '/api/v1/risk/budgets');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([]);
    expect(listed.json().defaultPolicy).toMatchObject({ id: 'default', rates: { red: 0.02 } });
  });

  it('creates, replaces with If-Match and deletes an office budget, auditing each change', async () => {
    const created = await analyst.request('PUT', '/api/v1/risk/budgets/ALA', { body: budget });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      office: 'ALA',
      version: 1,
      policy: { id: 'office-ALA', office: 'ALA' },
    });

    const listed = (await analyst.request('GET', '/api/v1/risk/budgets')).json();
    expect(listed.items).toEqual([
      expect.objectContaining({
        office: 'ALA',
        version: 1,
        policy: expect.objectContaining({ seed: 'test' }),
      }),
    ]);

    const replaced = await analyst.request('PUT', '/api/v1/risk/budgets/ALA', {
      body: { ...budget, rates: { red: 0.08, yellow: 0.1, blue: 0 } },
      headers: { 'if-match': '"1"' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ version: 2, policy: { rates: { red: 0.08 } } });

    const deleted = await analyst.request('DELETE', '/api/v1/risk/budgets/ALA');
    expect(deleted.statusCode).toBe(204);
    expect((await analyst.request('GET', '/api/v1/risk/budgets')).json().items).toEqual([]);
    expect((await auditActions(t, 'selection_policy', 'ALA')).sort()).toEqual([
      'risk_budget.created',
      'risk_budget.deleted',
      'risk_budget.updated',
    ]);
  });

  it('refuses to overwrite a budget without its version, and a stale version', async () => {
    await analyst.request('PUT', '/api/v1/risk/budgets/AST', { body: budget });
    const blind = await analyst.request('PUT', '/api/v1/risk/budgets/AST', { body: budget });
    expect(blind.statusCode).toBe(409);
    const stale = await analyst.request('PUT', '/api/v1/risk/budgets/AST', {
      body: budget,
      headers: { 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses to delete a budget that does not exist', async () => {
    expect((await analyst.request('DELETE', '/api/v1/risk/budgets/NOPE')).statusCode).toBe(404);
  });

  it('keeps budgets to risk analysts', async () => {
    expect((await validator.request('GET', '/api/v1/risk/budgets')).statusCode).toBe(403);
    expect((await validator.request('PUT', '/api/v1/risk/budgets/SHY', { body: budget })).statusCode).toBe(
      403,
    );
    expect((await validator.request('DELETE', '/api/v1/risk/budgets/AST')).statusCode).toBe(403);
  });
});
