import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  allowedActions,
  isApplicationState,
  transitionApplication,
  type ActorSide,
  type ApplicationAction,
  type ApplicationState,
} from './application-lifecycle';

/** The expected table, written out in full: any change to the lifecycle must change this test too. */
const W: [ApplicationState, ActorSide[]] = ['withdrawn', ['operator']];
const REWORK: [ApplicationState, ActorSide[]] = ['desk_review', ['customs']];

const EXPECTED: Record<
  ApplicationState,
  Partial<Record<ApplicationAction, [ApplicationState, ActorSide[]]>>
> = {
  draft: { submit: ['submitted', ['operator']], withdraw: W },
  submitted: {
    accept: ['accepted', ['customs']],
    request_information: ['information_requested', ['customs']],
    not_accept: ['not_accepted', ['customs']],
    withdraw: W,
  },
  information_requested: {
    reply: ['submitted', ['operator']],
    withdraw: W,
    expire: ['expired', ['system', 'customs']],
  },
  accepted: { start_review: ['desk_review', ['customs']], withdraw: W },
  not_accepted: {},
  withdrawn: {},
  expired: {},
  desk_review: {
    start_on_site: ['on_site', ['customs']],
    issue_report: ['report_issued', ['customs']],
    withdraw: W,
  },
  on_site: { issue_report: ['report_issued', ['customs']], withdraw: W },
  report_issued: {
    issue_report: ['report_issued', ['customs']],
    require_improvement: ['improvement_plan', ['customs']],
    submit_for_sign_off: ['awaiting_sign_off', ['customs']],
    return_for_rework: REWORK,
    withdraw: W,
  },
  improvement_plan: {
    verify_improvement: ['report_issued', ['customs']],
    notify_intended_rejection: ['right_to_be_heard', ['customs']],
    withdraw: W,
  },
  awaiting_sign_off: {
    sign_off: ['ready_for_decision', ['customs']],
    refer_to_headquarters: ['referred_to_headquarters', ['customs']],
    return_for_rework: REWORK,
    withdraw: W,
  },
  referred_to_headquarters: {
    sign_off: ['ready_for_decision', ['customs']],
    return_for_rework: REWORK,
    withdraw: W,
  },
  ready_for_decision: {
    grant: ['granted', ['customs']],
    notify_intended_rejection: ['right_to_be_heard', ['customs']],
    return_for_rework: REWORK,
    withdraw: W,
  },
  right_to_be_heard: {
    answer_notice: ['notice_answered', ['operator']],
    reject: ['rejected', ['customs']],
    withdraw: W,
  },
  notice_answered: {
    grant: ['granted', ['customs']],
    reject: ['rejected', ['customs']],
    return_for_rework: REWORK,
    withdraw: W,
  },
  granted: {},
  rejected: { appeal: ['under_appeal', ['operator']] },
  under_appeal: {
    uphold: ['rejection_upheld', ['customs']],
    reverse: ['granted', ['customs']],
    send_back: ['desk_review', ['customs']],
  },
  rejection_upheld: {},
};

const SIDES: ActorSide[] = ['operator', 'customs', 'system'];

describe('application lifecycle', () => {
  for (const state of APPLICATION_STATES) {
    for (const action of APPLICATION_ACTIONS) {
      const expected = EXPECTED[state][action];
      for (const side of SIDES) {
        const verdict = !expected
          ? 'refused in this state'
          : expected[1].includes(side)
            ? `goes to ${expected[0]}`
            : 'refused for this actor';
        it(`${state} + ${action} by ${side}: ${verdict}`, () => {
          const result = transitionApplication(state, action, side);
          if (!expected) expect(result).toEqual({ ok: false, reason: 'not_allowed_in_state' });
          else if (expected[1].includes(side)) expect(result).toEqual({ ok: true, to: expected[0] });
          else expect(result).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
        });
      }
    }
  }
});

describe('lifecycle paths', () => {
  it('never grants straight from examination: a report, a sign-off and a ready case come first', () => {
    for (const state of [
      'accepted',
      'desk_review',
      'on_site',
      'report_issued',
      'awaiting_sign_off',
    ] as const) {
      expect(transitionApplication(state, 'grant', 'customs')).toEqual({
        ok: false,
        reason: 'not_allowed_in_state',
      });
    }
  });

  it('never rejects without the right to be heard', () => {
    for (const state of APPLICATION_STATES.filter(
      (s) => s !== 'right_to_be_heard' && s !== 'notice_answered',
    )) {
      expect(transitionApplication(state, 'reject', 'customs').ok).toBe(false);
    }
  });
});

describe('allowed actions', () => {
  it('lists, for every state, exactly the actions the table accepts from it (none from a closed case)', () => {
    for (const state of APPLICATION_STATES) {
      expect(new Set(allowedActions(state))).toEqual(new Set(Object.keys(EXPECTED[state])));
    }
    expect(allowedActions('granted')).toEqual([]);
  });
});

describe('isApplicationState', () => {
  it('recognises the lifecycle states and nothing else', () => {
    for (const state of APPLICATION_STATES) expect(isApplicationState(state)).toBe(true);
    for (const value of ['', 'Draft', 'approved', 'granted ']) expect(isApplicationState(value)).toBe(false);
  });
});
