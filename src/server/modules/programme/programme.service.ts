import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Db, type Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import {
  ProgrammeDefinitionError,
  parseProgrammeDefinition,
} from '../../../programme-core/programme-definition';
import type { ProgrammeDefinition } from '../../../programme-core/programme-definition.schemas';
import { loadPreset, type PresetId } from '../../../programme-core/preset-registry';
import { presentProgrammeVersion } from './programme.presenters';
import type { ProgrammeVersionDto } from './programme.schemas';
import { ProgrammeRepository } from './programme.repository';

export interface ProgrammeVersion {
  id: string;
  definition: ProgrammeDefinition;
}

/** Programme versions are immutable once loaded: an application keeps the version it started on. */
export class ProgrammeService {
  private readonly repository = new ProgrammeRepository();
  private readonly cache = new Map<string, ProgrammeDefinition>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async getActive(executor?: Trx): Promise<ProgrammeVersion> {
    const row = await this.repository.findActive(executor ?? this.db);
    if (!row) throw notFound('Active programme');
    return { id: row.id, definition: this.parseCached(row.id, row.definition) };
  }

  async getVersion(id: string, executor?: Trx): Promise<ProgrammeVersion> {
    const cached = this.cache.get(id);
    if (cached) return { id, definition: cached };
    const row = await this.repository.findById(executor ?? this.db, id);
    if (!row) throw notFound('Programme version');
    return { id, definition: this.parseCached(id, row.definition) };
  }

  private parseCached(id: string, json: unknown): ProgrammeDefinition {
    let definition = this.cache.get(id);
    if (!definition) {
      definition = parseProgrammeDefinition(json);
      this.cache.set(id, definition);
    }
    return definition;
  }

  async listVersions(): Promise<ProgrammeVersionDto[]> {
    return (await this.repository.list(this.db)).map(presentProgrammeVersion);
  }

  /** Validates and activates a new definition; the previous version stays for the applications that use it. */
  async loadVersion(context: RequestContext, json: unknown): Promise<ProgrammeVersion> {
    let definition: ProgrammeDefinition;
    try {
      definition = parseProgrammeDefinition(json);
    } catch (error) {
      if (error instanceof ProgrammeDefinitionError) {
        throw validationError(
          error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
          'The programme definition is not valid.',
        );
      }
      throw error;
    }
    try {
      return await this.db.transaction().execute(async (trx) => {
        await this.repository.deactivateAll(trx);
        const row = await this.repository.insert(trx, {
          programme_id: definition.id,
          version: definition.version,
          definition: JSON.stringify(json),
          is_active: true,
          loaded_by: context.principal?.kind === 'user' ? context.principal.userId : null,
        });
        await this.audit.record(trx, context, {
          action: 'programme.version_loaded',
          entityType: 'programme_version',
          entityId: row.id,
          summary: { programmeId: definition.id, version: definition.version },
        });
        this.cache.set(row.id, definition);
        return { id: row.id, definition };
      });
    } catch (error) {
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw conflict(`Version ${definition.version} of ${definition.id} is already loaded.`);
      }
      throw error;
    }
  }

  /** First start: an installation runs the default preset until an admin loads its own definition. */
  async ensureActive(context: RequestContext, presetId: PresetId = 'wco-safe'): Promise<void> {
    if (await this.repository.findActive(this.db)) return;
    await this.loadVersion(context, loadPreset(presetId));
  }

  async listHolidays(): Promise<string[]> {
    return (await this.repository.listHolidays(this.db)).map((row) => row.day);
  }

  async listHolidayEntries(): Promise<{ day: string; name: string }[]> {
    return this.repository.listHolidays(this.db);
  }

  async setHoliday(context: RequestContext, day: string, name: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.repository.upsertHoliday(trx, day, name);
      await this.audit.record(trx, context, {
        action: 'holiday.set',
        entityType: 'holiday',
        entityId: day,
        summary: { name },
      });
    });
  }

  async deleteHoliday(context: RequestContext, day: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if ((await this.repository.deleteHoliday(trx, day)) === 0) throw notFound('Holiday');
      await this.audit.record(trx, context, {
        action: 'holiday.deleted',
        entityType: 'holiday',
        entityId: day,
      });
    });
  }
}
