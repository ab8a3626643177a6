import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/request-context';
import { caseListScope, customsReachOfCase, type CaseFacts, type CustomsCaller } from './case-scope';

const CASE: CaseFacts = { officeId: 'office-a', assignedValidatorId: 'assignee', reviewerIds: ['reviewer'] };

function caller(roles: Role[], options: Partial<CustomsCaller> = {}): CustomsCaller {
  return { userId: 'someone', roles, officeId: 'office-b', isAtHeadquarters: false, ...options };
}

describe('customs reach of a case', () => {
  it.each([
    ['an admin', caller(['admin'], { officeId: null }), 'headquarters'],
    ['a manager at headquarters', caller(['aeo_manager'], { isAtHeadquarters: true }), 'headquarters'],
    ['a validator at headquarters', caller(['validator'], { isAtHeadquarters: true }), 'headquarters'],
    ['a validator of the case’s office', caller(['validator'], { officeId: 'office-a' }), 'office'],
    ['a manager of the case’s office', caller(['aeo_manager'], { officeId: 'office-a' }), 'office'],
    ['the assigned validator of another office', caller(['validator'], { userId: 'assignee' }), 'assigned'],
    [
      'a review-split member of another office',
      caller(['validator'], { userId: 'reviewer' }),
      'review_split',
    ],
    [
      'a validator of the case’s office who is also a risk analyst',
      caller(['risk_analyst', 'validator'], { officeId: 'office-a' }),
      'office',
    ],
    ['a validator of another office', caller(['validator']), null],
    ['a manager of another office', caller(['aeo_manager']), null],
    ['a validator without an office', caller(['validator'], { officeId: null }), null],
    ['a risk analyst at headquarters', caller(['risk_analyst'], { isAtHeadquarters: true }), null],
    ['a risk analyst of the case’s office', caller(['risk_analyst'], { officeId: 'office-a' }), null],
    ['an agency officer', caller(['agency_officer'], { officeId: null }), null],
    ['an operator', caller(['operator'], { officeId: null, userId: 'assignee' }), null],
  ] as const)('%s: %s', (_who, who, reach) => {
    expect(customsReachOfCase(who, CASE)).toBe(reach);
  });

  it('reaches a case routed to no office from headquarters, or as its assignee, only', () => {
    const unrouted = { ...CASE, officeId: null };
    expect(customsReachOfCase(caller(['validator'], { officeId: null }), unrouted)).toBeNull();
    expect(customsReachOfCase(caller(['validator'], { userId: 'assignee' }), unrouted)).toBe('assigned');
  });

  it('lists every case at headquarters, and otherwise the three ways in', () => {
    expect(caseListScope(caller(['aeo_manager'], { isAtHeadquarters: true }), [])).toBeUndefined();
    expect(caseListScope(caller(['admin']), [])).toBeUndefined();
    expect(caseListScope(caller(['validator'], { userId: 'reviewer' }), ['case-1'])).toEqual({
      officeId: 'office-b',
      userId: 'reviewer',
      reviewedCaseIds: ['case-1'],
    });
  });
});
