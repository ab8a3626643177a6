// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { orderOffices } from './admin/office-tree';
import type { Delegation, Me, Office } from './api/types';
import { checkNewPassword } from './auth/password-rules';
import { addYears, createFormatters } from './i18n/format';
import { canSee, navItem, NAV_ITEMS, visibleNavItems } from './navigation';
import { delegationState } from './organisation/delegation-status';
import { internalLink, safeNextPath } from './safe-links';

function user(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u1',
    email: 'a@b.test',
    name: 'A',
    roles: [],
    language: 'en',
    officeId: null,
    operatorId: null,
    operatorRights: [],
    agency: null,
    disabled: false,
    totpEnabled: false,
    secondFactorPending: false,
    createdAt: '2026-01-01T00:00:00Z',
    lastLoginAt: null,
    actingFor: [],
    operator: null,
    ...overrides,
  };
}

describe('navigation registry', () => {
  it('shows administration only to administrators', () => {
    const admin = visibleNavItems(user({ roles: ['admin'] })).map((item) => item.id);
    const validator = visibleNavItems(user({ roles: ['validator'] })).map((item) => item.id);
    expect(admin).toContain('admin-users');
    expect(validator).not.toContain('admin-users');
    expect(validator).toEqual([
      'home',
      'notifications',
      'authorisations',
      'intake',
      'validation',
      'consultations',
      'account',
    ]);
  });

  it('shows the organisation only to users of an operator', () => {
    expect(canSee(navItem('organisation'), user({ roles: ['operator'] }))).toBe(false);
    expect(canSee(navItem('organisation'), user({ roles: ['operator'], operatorId: 'op1' }))).toBe(true);
  });

  it('shows authorisations to customs and to users of (or acting for) an operator', () => {
    const authorisations = navItem('authorisations');
    expect(canSee(authorisations, user({ roles: ['aeo_manager'] }))).toBe(true);
    expect(canSee(authorisations, user({ roles: ['operator'] }))).toBe(false);
    expect(canSee(authorisations, user({ roles: ['operator'], operatorId: 'op1' }))).toBe(true);
    const actingFor = [
      { operatorId: 'op2', legalName: 'B', rights: ['view' as const], validUntil: '2030-01-01' },
    ];
    expect(canSee(authorisations, user({ roles: ['operator'], actingFor }))).toBe(true);
    expect(canSee(authorisations, user({ roles: ['risk_analyst'] }))).toBe(false);
  });

  it('has unique ids, paths and test ids', () => {
    for (const key of ['id', 'path', 'testId'] as const) {
      const values = NAV_ITEMS.map((item) => item[key]);
      expect(new Set(values).size).toBe(values.length);
    }
  });
});

describe('links from data', () => {
  it('only follows paths inside the app after login', () => {
    expect(safeNextPath('/admin/users?q=a')).toBe('/admin/users?q=a');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });

  it('only follows internal notification links', () => {
    expect(internalLink('/applications/1')).toBe('/applications/1');
    expect(internalLink('https://evil.example')).toBeNull();
    expect(internalLink(null)).toBeNull();
  });
});

describe('offices', () => {
  const office = (id: string, parentId: string | null, code = id): Office => ({
    id,
    code,
    name: id,
    kind: parentId ? 'local' : 'headquarters',
    parentId,
    regions: [],
  });

  it('orders offices as a tree under their parents', () => {
    const ordered = orderOffices([
      office('b', 'hq'),
      office('hq', null),
      office('a', 'hq'),
      office('a1', 'a'),
    ]);
    expect(ordered.map(({ office: o, depth }) => `${o.id}:${depth}`)).toEqual(['hq:0', 'a:1', 'a1:2', 'b:1']);
  });

  it('survives a cycle in the data', () => {
    const ordered = orderOffices([office('x', 'y'), office('y', 'x')]);
    expect(ordered.map(({ office: o }) => o.id).sort()).toEqual(['x', 'y']);
  });
});

describe('delegations', () => {
  const delegation = (
    validFrom: string,
    validUntil: string,
    revokedAt: string | null = null,
  ): Delegation => ({
    id: 'd',
    principal: { id: 'p', legalName: 'P' },
    delegate: { id: 'd', legalName: 'D' },
    rights: ['view'],
    validFrom,
    validUntil,
    revokedAt,
    createdAt: '2026-01-01T00:00:00Z',
  });

  it('derives the state from the period and revocation', () => {
    expect(delegationState(delegation('2026-01-01', '2026-12-31'), '2026-06-01')).toBe('active');
    expect(delegationState(delegation('2026-01-01', '2026-12-31'), '2026-12-31')).toBe('active');
    expect(delegationState(delegation('2026-07-01', '2026-12-31'), '2026-06-01')).toBe('scheduled');
    expect(delegationState(delegation('2025-01-01', '2025-12-31'), '2026-06-01')).toBe('expired');
    expect(
      delegationState(delegation('2026-01-01', '2026-12-31', '2026-02-01T00:00:00Z'), '2026-06-01'),
    ).toBe('revoked');
  });
});

describe('formatting', () => {
  it('formats calendar days without shifting them by the time zone', () => {
    expect(createFormatters('en').date('2026-03-01')).toBe('Mar 1, 2026');
    expect(createFormatters('ru').date('2026-03-01')).toBe('1 мар. 2026 г.');
  });

  it('formats numbers and countries in the UI language', () => {
    expect(createFormatters('ru').number(1234567)).toBe('1\u00a0234\u00a0567');
    expect(createFormatters('ru').country('KZ')).toBe('Казахстан');
    expect(createFormatters('en').date(null)).toBe('—');
  });

  it('adds years to a calendar day', () => {
    expect(addYears('2026-03-01', 1)).toBe('2027-03-01');
  });

  it('checks a new password before sending it', () => {
    expect(checkNewPassword('short', 'short')).toBe('tooShort');
    expect(checkNewPassword('long enough password', 'other')).toBe('mismatch');
    expect(checkNewPassword('long enough password', 'long enough password')).toBeNull();
  });
});
