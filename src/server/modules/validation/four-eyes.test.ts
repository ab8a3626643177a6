import { describe, expect, it } from 'vitest';
import {
  EXAMINATION_EVENTS,
  caseParticipants,
  checkFourEyes,
  fourEyesError,
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
const participants = caseParticipants(record);
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
  });

  it('counts approvals of any report as signatures, and notices and decisions as deciding', () => {
    expect(participants.filter((p) => p.step === 'signed').map((p) => p.userId)).toEqual(['old', 'sig']);
    expect(participants.filter((p) => p.step === 'decided').map((p) => p.userId)).toEqual(['ntc', 'dec']);
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
    expect(check('sign', 'sig')).toBe('signer_signed_before');
    expect(check('sign', 'old')).toBeNull();
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
