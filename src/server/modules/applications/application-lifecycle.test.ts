import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS,
  APPLICATION_STATES,
  transitionApplication,
  type ActorSide,
  type ApplicationAction,
  type ApplicationState,
} from './application-lifecycle';

/** The expected table, written out in full: any change to the lifecycle must change this test too. */
const EXPECTED: Record<
  ApplicationState,
  Partial<Record<ApplicationAction, [ApplicationState, ActorSide[]]>>
> = {
  draft: { submit: ['submitted', ['operator']], withdraw: ['withdrawn', ['operator']] },
  submitted: {
    accept: ['accepted', ['customs']],
    request_information: ['information_requested', ['customs']],
    not_accept: ['not_accepted', ['customs']],
    withdraw: ['withdrawn', ['operator']],
  },
  information_requested: {
    reply: ['submitted', ['operator']],
    withdraw: ['withdrawn', ['operator']],
    expire: ['expired', ['system', 'customs']],
  },
  accepted: { withdraw: ['withdrawn', ['operator']] },
  not_accepted: {},
  withdrawn: {},
  expired: {},
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
