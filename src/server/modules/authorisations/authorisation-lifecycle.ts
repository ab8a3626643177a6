import type { AuthorisationAction, AuthorisationStatus } from './authorisations.tables';

export type { AuthorisationAction, AuthorisationStatus } from './authorisations.tables';

export type AuthorisationTransition = { ok: true; to: AuthorisationStatus } | { ok: false; reason: string };

/** Which status each action leads to from each status; a missing cell is refused. Revocation is final. */
const TRANSITIONS: Record<AuthorisationStatus, Partial<Record<AuthorisationAction, AuthorisationStatus>>> = {
  active: { suspend: 'suspended', revoke: 'revoked' },
  suspended: { reinstate: 'active', revoke: 'revoked' },
  revoked: {},
};

/** The pure state machine of an authorisation after grant. */
export function transitionAuthorisation(
  from: AuthorisationStatus,
  action: AuthorisationAction,
): AuthorisationTransition {
  const to = TRANSITIONS[from][action];
  if (!to) {
    return {
      ok: false,
      reason:
        from === 'revoked'
          ? 'The authorisation is revoked; revocation cannot be undone.'
          : `${from === 'active' ? 'An' : 'A'} ${from} authorisation cannot be ${action === 'reinstate' ? 'reinstated' : `${action}ed`}.`,
    };
  }
  return { ok: true, to };
}
