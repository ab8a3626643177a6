import type { IconName } from './components/icons';
import { CUSTOMS_ROLES } from './api/types';
import type { Me, Role } from './api/types';

// The one registry of navigable screens. The navbar, the home dashboard and the route guards all read it,
// so a module adds its screen here once (and its route in routes.tsx) and every place follows.

export type NavSection = 'workspace' | 'risk' | 'organisation' | 'administration';

export const NAV_SECTIONS: readonly NavSection[] = ['workspace', 'risk', 'organisation', 'administration'];

export type NavId =
  | 'home'
  | 'notifications'
  | 'account'
  | 'organisation'
  | 'operator-audit'
  | 'applications'
  | 'authorisations'
  | 'intake'
  | 'validation'
  | 'consultations'
  | 'risk-declarations'
  | 'risk-rules'
  | 'risk-budgets'
  | 'risk-models'
  | 'risk-trusted-traders'
  | 'admin-programme'
  | 'admin-holidays'
  | 'admin-users'
  | 'admin-api-keys'
  | 'admin-offices'
  | 'admin-audit'
  | 'admin-outbox';

export interface NavItem {
  id: NavId;
  path: string;
  section: NavSection;
  icon: IconName;
  /** Who sees it; empty means every signed-in user. */
  roles: readonly Role[];
  /** A further condition beyond the roles (e.g. belonging to an operator). */
  isAvailable?: (user: Me) => boolean;
  /** Shown as a card on the home dashboard. */
  onHome: boolean;
  testId: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', path: '/', section: 'workspace', icon: 'home', roles: [], onHome: false, testId: 'nav-home' },
  {
    id: 'notifications',
    path: '/notifications',
    section: 'workspace',
    icon: 'bell',
    roles: [],
    onHome: true,
    testId: 'nav-notifications',
  },
  {
    id: 'applications',
    path: '/applications',
    section: 'workspace',
    icon: 'certificate',
    roles: ['operator'],
    // Users of an operator, and representatives acting for one, prepare applications.
    isAvailable: (user) => user.operatorId !== null || user.actingFor.length > 0,
    onHome: true,
    testId: 'nav-applications',
  },
  {
    id: 'authorisations',
    path: '/authorisations',
    section: 'workspace',
    icon: 'shield',
    roles: ['operator', 'validator', 'aeo_manager', 'admin'],
    // Customs see every authorisation; operator users and representatives see their operators' own.
    isAvailable: (user) =>
      user.roles.some((role) => CUSTOMS_ROLES.includes(role)) ||
      user.operatorId !== null ||
      user.actingFor.length > 0,
    onHome: true,
    testId: 'nav-authorisations',
  },
  {
    id: 'intake',
    path: '/intake',
    section: 'workspace',
    icon: 'list',
    roles: ['validator', 'aeo_manager', 'admin'],
    onHome: true,
    testId: 'nav-intake',
  },
  {
    id: 'validation',
    path: '/validation',
    section: 'workspace',
    icon: 'scale',
    roles: ['validator', 'aeo_manager', 'admin'],
    onHome: true,
    testId: 'nav-validation',
  },
  // Consultations addressed to the user's office (customs) or partner agency (agency officers).
  {
    id: 'consultations',
    path: '/consultations',
    section: 'workspace',
    icon: 'send',
    roles: ['validator', 'aeo_manager', 'admin', 'agency_officer'],
    onHome: true,
    testId: 'nav-consultations',
  },
  // The risk unit's screens. Partner-agency officers see their agency's rules and the declarations notified to it;
  // budgets, models and the trusted-trader list are the risk unit's.
  {
    id: 'risk-declarations',
    path: '/risk/declarations',
    section: 'risk',
    icon: 'list',
    roles: ['risk_analyst', 'agency_officer', 'admin'],
    onHome: true,
    testId: 'nav-risk-declarations',
  },
  {
    id: 'risk-rules',
    path: '/risk/rules',
    section: 'risk',
    icon: 'radar',
    roles: ['risk_analyst', 'agency_officer', 'admin'],
    onHome: true,
    testId: 'nav-risk-rules',
  },
  {
    id: 'risk-budgets',
    path: '/risk/budgets',
    section: 'risk',
    icon: 'coins',
    roles: ['risk_analyst', 'admin'],
    onHome: true,
    testId: 'nav-risk-budgets',
  },
  {
    id: 'risk-models',
    path: '/risk/models',
    section: 'risk',
    icon: 'chart',
    roles: ['risk_analyst', 'admin'],
    onHome: true,
    testId: 'nav-risk-models',
  },
  {
    id: 'risk-trusted-traders',
    path: '/risk/trusted-traders',
    section: 'risk',
    icon: 'shield',
    roles: ['risk_analyst', 'admin'],
    onHome: true,
    testId: 'nav-risk-trusted-traders',
  },
  {
    id: 'organisation',
    path: '/organisation',
    section: 'organisation',
    icon: 'briefcase',
    roles: ['operator'],
    isAvailable: (user) => user.operatorId !== null,
    onHome: true,
    testId: 'nav-organisation',
  },
  {
    id: 'operator-audit',
    path: '/organisation/audit',
    section: 'organisation',
    icon: 'history',
    roles: ['operator'],
    isAvailable: (user) => user.operatorId !== null,
    onHome: true,
    testId: 'nav-operator-audit',
  },
  {
    id: 'admin-users',
    path: '/admin/users',
    section: 'administration',
    icon: 'users',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-users',
  },
  {
    id: 'admin-offices',
    path: '/admin/offices',
    section: 'administration',
    icon: 'building',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-offices',
  },
  {
    id: 'admin-api-keys',
    path: '/admin/api-keys',
    section: 'administration',
    icon: 'key',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-api-keys',
  },
  {
    id: 'admin-audit',
    path: '/admin/audit',
    section: 'administration',
    icon: 'history',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-audit',
  },
  {
    id: 'admin-programme',
    path: '/admin/programme',
    section: 'administration',
    icon: 'scale',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-programme',
  },
  {
    id: 'admin-holidays',
    path: '/admin/holidays',
    section: 'administration',
    icon: 'calendar',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-holidays',
  },
  {
    id: 'admin-outbox',
    path: '/admin/outbox',
    section: 'administration',
    icon: 'mail',
    roles: ['admin'],
    onHome: true,
    testId: 'nav-admin-outbox',
  },
  {
    id: 'account',
    path: '/account',
    section: 'workspace',
    icon: 'user',
    roles: [],
    onHome: true,
    testId: 'nav-account',
  },
];

export function canSee(item: NavItem, user: Me): boolean {
  const hasRole = item.roles.length === 0 || item.roles.some((role) => user.roles.includes(role));
  return hasRole && (item.isAvailable?.(user) ?? true);
}

export function visibleNavItems(user: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, user));
}

export function navItem(id: NavId): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`Unknown navigation item ${id}`);
  return item;
}
