import { conflict, forbidden, notFound } from '../../platform/errors';
import type { Db, Trx } from '../../platform/database';
import { hasRole, type OperatorRight, type RequestContext } from '../../platform/request-context';
import type { OrganisationsRepository } from './organisations.repository';
import { today } from '../../../programme-core';

// Rules about operator records that the organisations services share: who may act on one, and how one is written.

/** Which operator's record a caller may act on, and for whom it acts (a representative under delegation). */
export interface OperatorAccess {
  operatorId: string;
  /** Set when the caller acts for this operator under a delegation: audit events record both. */
  onBehalfOfOperatorId: string | null;
}

export interface OperatorInput {
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
  roles: string[];
  employees?: number | null | undefined;
  annualTurnover?: number | null | undefined;
}

function missingRight(right: OperatorRight): string {
  return `You do not have the right to ${right === 'manage_users' ? 'manage users' : right} for this operator.`;
}

function hasOperatorRight(rights: readonly string[], right: OperatorRight): boolean {
  return right === 'view' ? rights.length > 0 : rights.includes(right);
}

/**
 * Object-level check for every operator record. A caller who may not even see the operator gets 404 — exactly
 * as for a record that does not exist — so nothing leaks; one who may see it but lacks the right gets 403.
 * Visible to: the operator's own users, representatives holding a grant in force, and customs.
 */
export async function authorizeOperatorAccess(
  db: Db,
  repository: OrganisationsRepository,
  context: RequestContext,
  operatorId: string,
  right: OperatorRight,
): Promise<OperatorAccess> {
  const principal = context.principal;
  if (principal?.kind !== 'user') throw notFound('Operator');
  // Customs who work with companies; a risk analyst's work (rules, budgets, models) needs no company file.
  if (hasRole(principal, 'validator', 'aeo_manager', 'admin')) {
    if (!(await repository.findOperator(db, operatorId))) throw notFound('Operator');
    if (right !== 'view') throw forbidden('Customs users cannot act for an operator.');
    return { operatorId, onBehalfOfOperatorId: null };
  }
  if (!principal.operatorId) throw notFound('Operator');
  if (principal.operatorId === operatorId) {
    if (!hasOperatorRight(principal.operatorRights, right)) throw forbidden(missingRight(right));
    return { operatorId, onBehalfOfOperatorId: null };
  }
  const grants = await repository.activeDelegations(db, operatorId, principal.operatorId, today(context.now));
  if (grants.length === 0) throw notFound('Operator');
  // A representative needs the right twice: granted by the principal, and held within its own firm.
  const isGranted = right !== 'manage_users' && grants.some((grant) => hasOperatorRight(grant.rights, right));
  if (!isGranted || !hasOperatorRight(principal.operatorRights, right)) throw forbidden(missingRight(right));
  return { operatorId, onBehalfOfOperatorId: operatorId };
}

export async function assertTaxpayerIdFree(
  repository: OrganisationsRepository,
  db: Db | Trx,
  country: string,
  taxpayerId: string,
): Promise<void> {
  if (await repository.findOperatorByTaxpayerId(db, country, taxpayerId)) {
    throw conflict('An operator with this taxpayer id is already registered for this country.', {
      field: 'taxpayerId',
    });
  }
}

/** The operator's columns from what a registration or an admin typed: trimmed, country upper-case, roles once. */
export function operatorColumns(input: OperatorInput) {
  return {
    legal_name: input.legalName.trim(),
    taxpayer_id: input.taxpayerId.trim(),
    country: input.country.toUpperCase(),
    address: input.address.trim(),
    roles: [...new Set(input.roles)],
    employees: input.employees ?? null,
    annual_turnover:
      input.annualTurnover === undefined || input.annualTurnover === null
        ? null
        : String(input.annualTurnover),
  };
}
