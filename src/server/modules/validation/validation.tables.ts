/** Tables of the validation module (see migration 0004-validation); merged into the Database interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ValidationTables {}
