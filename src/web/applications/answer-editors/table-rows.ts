// The rows of a table answer as the editor holds them: cells only of the types a column can take.
export type Cell = string | number | boolean;

export type Row = Record<string, Cell>;

export function isFilled(cell: Cell | undefined): boolean {
  return cell !== undefined && cell !== '';
}

export function readRows(value: unknown): Row[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null)
    .map((row) => {
      const result: Row = {};
      for (const [key, cell] of Object.entries(row)) {
        if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
          result[key] = cell;
      }
      return result;
    });
}
