import type { Office } from '../api/types';

/** Headquarters first, then each office under its parent, so the table reads as the administration's tree. */
export function orderOffices(offices: readonly Office[]): { office: Office; depth: number }[] {
  const byParent = new Map<string | null, Office[]>();
  const ids = new Set(offices.map((office) => office.id));
  for (const office of offices) {
    const parent = office.parentId && ids.has(office.parentId) ? office.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), office]);
  }
  const result: { office: Office; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code));
    for (const office of children) {
      if (seen.has(office.id)) continue; // a cycle in bad data must not hang the page
      seen.add(office.id);
      result.push({ office, depth });
      visit(office.id, depth + 1);
    }
  };
  visit(null, 0);
  for (const office of offices) if (!seen.has(office.id)) result.push({ office, depth: 0 });
  return result;
}

/** How an office is named in lists and choices: its code, then its name. */
export function officeLabel(office: Office): string {
  return `${office.code} — ${office.name}`;
}

/** The label of the office with this id, the bare id while the list does not hold it, or a dash for none. */
export function officeLabelById(offices: readonly Office[] | undefined, id: string | null): string {
  if (!id) return '—';
  const office = offices?.find((candidate) => candidate.id === id);
  return office ? officeLabel(office) : id;
}
