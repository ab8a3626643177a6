/** Who a user is: one list for the server's access checks and the screens' menus. */
export const ROLES = [
  'operator',
  'validator',
  'aeo_manager',
  'risk_analyst',
  'agency_officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Customs staff: they belong to an office (an administrator may instead work at national level) and must use a
 * second factor in production. An `operator` user belongs to an operator; an `agency_officer` to a partner agency.
 */
export const CUSTOMS_ROLES: readonly Role[] = ['validator', 'aeo_manager', 'risk_analyst', 'admin'];

/** Officers of a partner government agency (SPS, CITES, …) sharing the risk engine; they belong to one agency. */
export const AGENCY_ROLES: readonly Role[] = ['agency_officer'];

/** Customs staff who work AEO cases (validation, decision): the analyst of the risk service does not. */
export const CASE_ROLES: readonly Role[] = ['validator', 'aeo_manager', 'admin'];

/** Who signs off and decides: the AEO manager, and the administrator standing in. */
export const DECISION_ROLES: readonly Role[] = ['aeo_manager', 'admin'];

/** Who keeps the risk service's settings (rules, budgets, models, trusted traders). */
export const RISK_ANALYST_ROLES: readonly Role[] = ['risk_analyst', 'admin'];

/** Who keeps risk rules and reports inspections: customs analysts and partner agencies' officers. */
export const RISK_RULE_EDITOR_ROLES: readonly Role[] = ['risk_analyst', 'agency_officer', 'admin'];

/** Everyone who reads declarations, their risk decisions and the trusted-trader list. */
export const DECLARATION_READER_ROLES: readonly Role[] = [
  'risk_analyst',
  'agency_officer',
  'validator',
  'aeo_manager',
  'admin',
];

/** What a user of an operator may do for it. */
export const OPERATOR_RIGHTS = ['view', 'prepare', 'submit', 'manage_users'] as const;
export type OperatorRight = (typeof OPERATOR_RIGHTS)[number];

/** What one operator may delegate to another (a broker, a forwarder). */
export const DELEGATION_RIGHTS = ['view', 'prepare', 'submit'] as const;
export type DelegationRight = (typeof DELEGATION_RIGHTS)[number];

/** The languages of the interface, the letters and the certificates. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
