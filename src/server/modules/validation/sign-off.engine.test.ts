import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_OFF, type SignOffLevel } from '../../../programme-core';
import type { Participation } from './four-eyes';
import { callerActions, canSignLevel, signOffProgress } from './sign-off.engine';

const senior: SignOffLevel = DEFAULT_SIGN_OFF.levels[0]!;
const hq: SignOffLevel = { ...senior, id: 'hq', headquarters: true };
const participants: Participation[] = [
  { userId: 'val', step: 'examined', act: 'assigned_validator' },
  { userId: 'hqm', step: 'examined', act: 'findings' },
  { userId: 'dec', step: 'decided', act: 'decision' },
];
const base = { participants, currentReportId: 'r1' };
const manager = (userId: string, isHeadquarters = false) => ({
  userId,
  roles: ['aeo_manager' as const],
  isHeadquarters,
});

describe('sign-off levels', () => {
  it('finds the next level from the approvals of the current report', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(signOffProgress([senior, hq], []).next?.number).toBe(1);
    const progress = signOffProgress([senior, hq], [{ level: 1, signed_by: 'a', signed_at: at }]);
    expect(progress.next?.number).toBe(2);
    expect(progress.levels[0]).toMatchObject({ signedBy: 'a', signedAt: at });
    expect(signOffProgress([senior], [{ level: 1, signed_by: 'a', signed_at: at }]).next).toBeNull();
  });

  it('asks for the level’s role, and headquarters where the level says so', () => {
    expect(canSignLevel(senior, manager('m'))).toBe(true);
    expect(canSignLevel(hq, manager('m'))).toBe(false);
    expect(canSignLevel(hq, manager('m', true))).toBe(true);
    expect(canSignLevel(senior, { userId: 'v', roles: ['validator'], isHeadquarters: true })).toBe(false);
  });
});

describe('callerActions', () => {
  const next = signOffProgress([senior, hq], []).next;

  it('offers the signature only to a caller who may sign the next level, never to the validator', () => {
    const context = { levels: [senior, hq], next, ...base };
    expect(callerActions('awaiting_sign_off', manager('m'), context)).toEqual(
      expect.arrayContaining(['sign_off', 'refer_to_headquarters', 'return_for_rework']),
    );
    expect(callerActions('awaiting_sign_off', manager('val'), context)).not.toContain('sign_off');
    // Whoever examined (here: recorded findings) is not offered the signature either, nor returning the report.
    expect(callerActions('awaiting_sign_off', manager('hqm'), context)).toEqual([]);
    expect(
      callerActions(
        'awaiting_sign_off',
        { userId: 'v2', roles: ['validator'], isHeadquarters: false },
        context,
      ),
    ).toEqual([]);
  });

  it('offers the decision to a manager who neither examined nor signed, and appeal review at headquarters only', () => {
    const signed: Participation[] = [
      ...participants,
      { userId: 'sig', step: 'signed', act: 'sign_off', reportId: 'r1' },
    ];
    const context = { levels: [senior], next: null, participants: signed, currentReportId: 'r1' };
    expect(callerActions('ready_for_decision', manager('m'), context)).toContain('grant');
    expect(callerActions('ready_for_decision', manager('m'), context)).toEqual(
      expect.arrayContaining(['notify_intended_rejection', 'return_for_rework']),
    );
    for (const userId of ['sig', 'hqm', 'val']) {
      const offered = callerActions('ready_for_decision', manager(userId), context);
      expect(offered).not.toContain('grant');
      expect(offered).not.toContain('notify_intended_rejection');
      expect(offered).not.toContain('return_for_rework');
    }
    expect(
      callerActions(
        'ready_for_decision',
        { userId: 'v', roles: ['validator'], isHeadquarters: false },
        context,
      ),
    ).not.toContain('notify_intended_rejection');
    expect(callerActions('under_appeal', manager('m'), context)).toEqual([]);
    expect(callerActions('under_appeal', manager('m', true), context)).toEqual([
      'uphold',
      'reverse',
      'send_back',
    ]);
    for (const userId of ['dec', 'sig', 'hqm']) {
      expect(callerActions('under_appeal', manager(userId, true), context)).toEqual([]);
    }
  });

  it('never offers the applicant’s own actions', () => {
    const context = { levels: [senior], next: null, ...base };
    expect(callerActions('rejected', manager('m', true), context)).toEqual([]);
    expect(callerActions('desk_review', manager('m'), context)).not.toContain('withdraw');
  });
});
