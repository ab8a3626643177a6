import type { OperatorRight, Role } from '../../vocabulary/roles';

export {
  AGENCY_ROLES,
  CUSTOMS_ROLES,
  OPERATOR_RIGHTS,
  ROLES,
  type OperatorRight,
  type Role,
} from '../../vocabulary/roles';

/** Scopes an API key (single window, partner customs, partner agency) can carry. */
export const API_SCOPES = {
  'declarations:write': 'Submit declarations and receive channel decisions (single window)',
  'declarations:read': 'Read declarations and their decisions',
  'inspections:write': 'Report inspection results',
  'mra:exchange': 'Exchange AEO status data with a partner administration',
  'register:read': 'Read the AEO register and certificate status',
} as const;
export type ApiScope = keyof typeof API_SCOPES;

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  language: 'en' | 'ru';
  officeId: string | null;
  operatorId: string | null;
  operatorRights: OperatorRight[];
  /** Partner agency code of an agency_officer. */
  agency: string | null;
  sessionId: string;
  csrfToken: string;
  /** Signed in with a password but must still enrol a second factor before doing anything else. */
  isSecondFactorPending: boolean;
}

export interface ApiKeyPrincipal {
  kind: 'api_key';
  apiKeyId: string;
  name: string;
  scopes: ApiScope[];
}

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** Who is acting, for which request, at what time: every service call gets one. */
export interface RequestContext {
  principal: Principal | undefined;
  requestId: string;
  ip: string | undefined;
  now: Date;
}

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function hasRole(principal: Principal | undefined, ...roles: Role[]): boolean {
  return principal?.kind === 'user' && principal.roles.some((role) => roles.includes(role));
}

export function systemContext(now: Date, requestId = 'system'): RequestContext {
  return { principal: undefined, requestId, ip: undefined, now };
}
