import type { TestApp } from '../../../../tests/support/test-app';

/** How many of these declarations are stored. */
export async function storedDeclarationCount(t: TestApp, ids: string[]): Promise<number> {
  const row = await t.database.db
    .selectFrom('declaration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
