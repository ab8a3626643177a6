import type { Generated } from 'kysely';
import type { DateString, Json, Timestamp } from '../../platform/column-types';

export interface ProgrammeVersionTable {
  id: Generated<string>;
  programme_id: string;
  version: string;
  definition: Json<Record<string, unknown>>;
  is_active: Generated<boolean>;
  loaded_by: string | null;
  loaded_at: Timestamp;
}

export interface HolidayTable {
  day: DateString;
  name: string;
}

/** The tables the programme module owns; the platform composes every module's into the Database interface. */
export interface ProgrammeTables {
  programme_version: ProgrammeVersionTable;
  holiday: HolidayTable;
}
