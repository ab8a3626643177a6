import type { ColumnType, JSONColumnType } from 'kysely';

/** Timestamps come back as Date on both drivers; inserts may pass a Date or leave the default. */
export type Timestamp = ColumnType<Date, Date | undefined, Date>;
export type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
/** `date` columns are parsed as 'YYYY-MM-DD' strings (see database.ts). */
export type DateString = string;
/** `numeric` arrives as a string on both drivers. */
export type Numeric = ColumnType<string, string | number, string | number>;
export type Json<T extends object> = JSONColumnType<T, string, string>;
export type NullableJson<T extends object> = ColumnType<T | null, string | null | undefined, string | null>;
