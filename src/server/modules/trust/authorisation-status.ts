import type { LogEntryKind, StatusAction } from './trust.tables';

export type AuthorisationStatus = 'active' | 'suspended' | 'revoked';

export type StatusTransition =
  { ok: true; to: AuthorisationStatus; logKind: LogEntryKind } | { ok: false; reason: string };

/** Which status each action leads to from each status; a missing cell is refused. Revocation is final. */
const TRANSITIONS: Record<AuthorisationStatus, Partial<Record<StatusAction, AuthorisationStatus>>> = {
  active: { suspend: 'suspended', revoke: 'revoked' },
  suspended: { reinstate: 'active', revoke: 'revoked' },
  revoked: {},
};

const LOG_KIND: Record<StatusAction, LogEntryKind> = {
  suspend: 'suspension',
  reinstate: 'reinstatement',
  revoke: 'revocation',
};

/** The pure state machine of an authorisation after grant. */
export function transitionAuthorisation(from: AuthorisationStatus, action: StatusAction): StatusTransition {
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
  return { ok: true, to, logKind: LOG_KIND[action] };
}
