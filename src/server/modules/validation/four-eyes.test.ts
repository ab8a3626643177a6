import { beforeEach, describe, expect, it } from 'vitest';
import {
  EXAMINATION_EVENTS,
  caseParticipants,
  checkFourEyes,
  fourEyesError,
  fourEyesMessage,
  type CaseRecord,
  type Participation,
} from './four-eyes';

const event = (actorUserId: string | null, action: string, summary: Record<string, unknown> = {}) => ({
  actorUserId,
  action,
  summary,
});

const record: CaseRecord = {
  assignedValidatorId: 'val',
  events: [
    event('hq', 'validation.finding_recorded'),
    event('risk', 'validation.risk_measure_added'),
    event('lead', 'validation.visit_team_set', { userIds: ['team1', 'team2'] }),
    event('obs', 'validation.observation_recorded'),
    event('pic', 'validation.photo_removed'),
    event('min', 'validation.minutes_recorded'),
    event('val', 'application.issue_report'),
    event(null, 'validation.finding_recorded'),
    event('assigner', 'application.assign'),
  ],
  signOffs: [
    { signed_by: 'old', outcome: 'approved', report_id: 'r1' },
    { signed_by: 'sig', outcome: 'approved', report_id: 'r2' },
    { signed_by: 'ret', outcome: 'returned', report_id: 'r2' },
  ],
  decisions: [{ decided_by: 'dec' }],
  notices: [{ issued_by: 'ntc' }],
};
// Worked out in each test (not once at load) so that the mutation tester sees each test exercise caseParticipants.
let participants: Participation[];
beforeEach(() => {
  participants = caseParticipants(record);
});
const check = (act: 'sign' | 'decide' | 'review_appeal', userId: string) =>
  checkFourEyes(act, userId, participants, 'r2')?.rule ?? null;

describe('who took part in a case', () => {
  it('counts every examination act from the trail, the visit team’s members and the assigned validator', () => {
    const examiners = participants.filter((p) => p.step === 'examined');
    expect(new Set(examiners.map((p) => p.userId))).toEqual(
      new Set(['val', 'hq', 'risk', 'team1', 'team2', 'obs', 'pic', 'min']),
    );
    expect(examiners).toContainEqual({ userId: 'team1', step: 'examined', act: 'visit_team' });
    expect(examiners).toContainEqual({ userId: 'val', step: 'examined', act: 'report' });
    expect(examiners).toContainEqual({ userId: 'val', step: 'examined', act: 'assigned_validator' });
  });

  it('counts approvals of any report as signatures, and notices and decisions as deciding', () => {
    expect(participants.filter((p) => p.step === 'signed')).toEqual([
      { userId: 'old', step: 'signed', act: 'sign_off', reportId: 'r1' },
      { userId: 'sig', step: 'signed', act: 'sign_off', reportId: 'r2' },
    ]);
    expect(participants.filter((p) => p.step === 'decided')).toEqual([
      { userId: 'ntc', step: 'decided', act: 'intended_rejection' },
      { userId: 'dec', step: 'decided', act: 'decision' },
    ]);
  });

  it('counts only the members a visit team event names as user ids', () => {
    const teamOnly = (summary: Record<string, unknown>) =>
      caseParticipants({
        assignedValidatorId: null,
        events: [event('lead', 'validation.visit_team_set', summary)],
        signOffs: [],
        decisions: [],
        notices: [],
      });
    expect(teamOnly({ userIds: 'team1' })).toEqual([]);
    expect(teamOnly({})).toEqual([]);
    expect(teamOnly({ userIds: ['team1', 42, null] })).toEqual([
      { userId: 'team1', step: 'examined', act: 'visit_team' },
    ]);
  });

  it('names an act for every examination event', () => {
    expect(Object.keys(EXAMINATION_EVENTS)).toEqual(
      expect.arrayContaining([
        'validation.finding_recorded',
        'validation.risk_added',
        'application.issue_report',
      ]),
    );
  });
});

describe('four eyes', () => {
  it('refuses anyone who examined the case as signer, decider and appeal reviewer', () => {
    for (const examiner of ['val', 'hq', 'risk', 'team1', 'obs', 'pic', 'min']) {
      expect(check('sign', examiner)).toBe('signer_is_validator');
      expect(check('decide', examiner)).toBe('decider_is_validator');
      expect(check('review_appeal', examiner)).toBe('appeal_reviewer_is_validator');
    }
  });

  it('refuses a second signature on the current report, not a signature on a new report', () => {
    expect(checkFourEyes('sign', 'sig', participants, 'r2')).toEqual({
      rule: 'signer_signed_before',
      acts: ['sign_off'],
    });
    expect(check('sign', 'old')).toBeNull();
  });

  it('finds no earlier signature when there is no current report to have signed', () => {
    const signedUnknownReport: Participation[] = [{ userId: 's', step: 'signed', act: 'sign_off' }];
    expect(checkFourEyes('sign', 's', signedUnknownReport)).toBeNull();
    expect(checkFourEyes('sign', 's', signedUnknownReport, null)).toBeNull();
  });

  it('refuses whoever approved any report as decider and as appeal reviewer', () => {
    expect(check('decide', 'sig')).toBe('decider_signed_off');
    expect(check('decide', 'old')).toBe('decider_signed_off');
    expect(check('review_appeal', 'sig')).toBe('appeal_reviewer_signed_off');
  });

  it('refuses the decider and the issuer of the notice as appeal reviewer', () => {
    expect(check('review_appeal', 'dec')).toBe('appeal_reviewer_decided');
    expect(check('review_appeal', 'ntc')).toBe('appeal_reviewer_decided');
  });

  it('lets other people act: who set the team or assigned the case, who returned the report, a decider deciding again', () => {
    for (const userId of ['lead', 'assigner', 'ret', 'other']) {
      expect(check('sign', userId)).toBeNull();
      expect(check('decide', userId)).toBeNull();
      expect(check('review_appeal', userId)).toBeNull();
    }
    expect(check('decide', 'dec')).toBeNull();
    expect(check('sign', 'dec')).toBeNull();
  });

  it('explains the refusal with the caller’s own acts', () => {
    const own: Participation[] = [
      { userId: 'm', step: 'examined', act: 'findings' },
      { userId: 'm', step: 'examined', act: 'findings' },
      { userId: 'm', step: 'examined', act: 'risk_map' },
    ];
    const refusal = checkFourEyes('decide', 'm', own);
    expect(refusal).toEqual({ rule: 'decider_is_validator', acts: ['findings', 'risk_map'] });
    const error = fourEyesError(refusal!);
    expect(error.status).toBe(403);
    expect(error.details).toEqual({
      reason: 'four_eyes',
      rule: 'decider_is_validator',
      acts: ['findings', 'risk_map'],
    });
    expect(error.message).toBe(
      'Four eyes: you took part in examining this case (desk-review findings, risk map), so another officer must decide it.',
    );
  });
});

describe('four-eyes messages', () => {
  it('tells a second signer that they already signed this report', () => {
    expect(fourEyesMessage({ rule: 'signer_signed_before', acts: ['sign_off'] })).toBe(
      'Four eyes: you have already signed this report at another level.',
    );
  });

  it('names what the caller did and who must act instead', () => {
    expect(fourEyesMessage({ rule: 'signer_is_validator', acts: ['visit_team', 'photos'] })).toBe(
      'Four eyes: you took part in examining this case (on-site visit team, on-site photos), so another officer must sign off its report.',
    );
    expect(fourEyesMessage({ rule: 'decider_signed_off', acts: ['sign_off'] })).toBe(
      "Four eyes: you signed off this case's report (sign-off), so another officer must decide it.",
    );
    expect(
      fourEyesMessage({ rule: 'appeal_reviewer_decided', acts: ['intended_rejection', 'decision'] }),
    ).toBe(
      'Four eyes: you took part in deciding this case (notice of intended rejection, decision), so another officer must review the appeal.',
    );
  });
});
