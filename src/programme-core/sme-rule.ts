import type { ProgrammeDefinition } from './programme-definition.schemas';

export interface EnterpriseSize {
  employees: number | null | undefined;
  /** In the programme's SME currency. */
  annualTurnover: number | null | undefined;
}

/**
 * Whether the operator qualifies for the SME-proportionate treatment. Both figures must be known: an operator
 * that has not declared its size gets the standard questionnaire until it does, rather than a guess.
 */
export function isSme(definition: ProgrammeDefinition, size: EnterpriseSize): boolean {
  const { employees, annualTurnover } = size;
  if (typeof employees !== 'number' || typeof annualTurnover !== 'number') return false;
  if (
    !Number.isFinite(employees) ||
    !Number.isFinite(annualTurnover) ||
    employees < 0 ||
    annualTurnover < 0
  ) {
    return false;
  }
  return employees < definition.sme.employeesBelow && annualTurnover <= definition.sme.annualTurnoverAtMost;
}
