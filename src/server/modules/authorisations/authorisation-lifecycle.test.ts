import { describe, expect, it } from 'vitest';
import {
  transitionAuthorisation,
  type AuthorisationAction,
  type AuthorisationStatus,
  type AuthorisationTransition,
} from './authorisation-lifecycle';

describe('transitionAuthorisation', () => {
  // Every (status, action) pair, so a cell added or lost in the table fails here.
  const expected: Record<AuthorisationStatus, Record<AuthorisationAction, AuthorisationTransition>> = {
    active: {
      suspend: { ok: true, to: 'suspended' },
      reinstate: { ok: false, reason: 'An active authorisation cannot be reinstated.' },
      revoke: { ok: true, to: 'revoked' },
    },
    suspended: {
      suspend: { ok: false, reason: 'A suspended authorisation cannot be suspended.' },
      reinstate: { ok: true, to: 'active' },
      revoke: { ok: true, to: 'revoked' },
    },
    revoked: {
      suspend: { ok: false, reason: 'The authorisation is revoked; revocation cannot be undone.' },
      reinstate: { ok: false, reason: 'The authorisation is revoked; revocation cannot be undone.' },
      revoke: { ok: false, reason: 'The authorisation is revoked; revocation cannot be undone.' },
    },
  };
  for (const [from, row] of Object.entries(expected) as [AuthorisationStatus, typeof expected.active][]) {
    for (const [action, result] of Object.entries(row) as [AuthorisationAction, AuthorisationTransition][]) {
      const verdict = result.ok ? `moves to ${result.to}` : 'refuses, saying why';
      it(`${action} from ${from}: ${verdict}`, () => {
        expect(transitionAuthorisation(from, action)).toEqual(result);
      });
    }
  }
});
