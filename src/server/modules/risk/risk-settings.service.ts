import { parse } from 'csv-parse/sync';
import { defineSelectionPolicy, type SelectionPolicy } from '../../../risk-engine/policy/index';
import type { Rule } from '../../../risk-engine/rules/index';
import type { Db, Trx } from '../../platform/database';
import {
  AppError,
  conflict,
  forbidden,
  notFound,
  validationError,
  type FieldError,
} from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { ProgrammeService } from '../programme/programme.service';
import { agencyOf } from './declarations.service';
import { DEFAULT_POLICY, inspectionFactorOf, type RiskDecider } from './risk-decider';
import type { RiskProfileRow, RiskRuleRow, RiskSettingsRepository } from './risk-settings.repository';
import {
  presentBudget,
  presentProfile,
  presentRule,
  presentRuleHistoryEntry,
  presentTrader,
} from './risk-settings.presenters';
import {
  TRUSTED_TRADER_COLUMNS,
  trustedTraderBodySchema,
  type BudgetListDto,
  type PolicyBody,
  type RiskProfileDto,
  type RiskProfileWithRulesDto,
  type RuleBody,
  type RuleHistoryEntryDto,
  type SavedBudgetDto,
  type StoredRuleDto,
  type TrustedTraderBody,
  type TrustedTraderDto,
} from './risk-settings.schemas';

function userIdOf(context: RequestContext): string | null {
  return context.principal?.kind === 'user' ? context.principal.userId : null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

const HIT_WINDOW_DAYS = 30;

/**
 * Rules and profiles (customs' own and each partner agency's), budgets per office and the trusted-trader list.
 * Every change is audited and bumps the revision the scorers watch, in one transaction.
 */
export class RiskSettingsService {
  constructor(
    private readonly db: Db,
    private readonly repository: RiskSettingsRepository,
    private readonly audit: AuditService,
    private readonly programme: ProgrammeService,
    private readonly decider: () => RiskDecider,
  ) {}

  /** Runs a change in the caller's transaction when given one (the scorers reload after it commits). */
  private async change<T>(work: (trx: Trx) => Promise<T>, outer?: Trx): Promise<T> {
    const run = async (trx: Trx) => {
      const value = await work(trx);
      await this.repository.bumpRevision(trx);
      return value;
    };
    const result = outer ? await run(outer) : await this.db.transaction().execute(run);
    this.decider().invalidate();
    return result;
  }

  // ----- profiles and rules -----------------------------------------------------------------------------------

  /** A profile the caller may see: an agency officer sees its own agency's only (others are "not found"). */
  private async visibleProfile(context: RequestContext, id: string, trx?: Trx): Promise<RiskProfileRow> {
    const profile = await this.repository.findProfile(trx ?? this.db, id);
    const agency = agencyOf(context);
    if (!profile || (agency !== undefined && profile.agency !== agency)) throw notFound('Profile');
    return profile;
  }

  /** Risk analysts edit customs' profiles, agency officers their agency's. */
  private assertEditable(context: RequestContext, profile: RiskProfileRow): void {
    const agency = agencyOf(context);
    if (agency !== undefined) return; // visibleProfile already limited them to their own agency
    if (profile.owner_kind === 'agency' && !hasRole(context.principal, 'admin')) {
      throw forbidden(`Profile ${profile.id} belongs to ${profile.agency}; its officers maintain it.`);
    }
  }

  async listProfiles(context: RequestContext): Promise<RiskProfileWithRulesDto[]> {
    const agency = agencyOf(context);
    const profiles = await this.repository.listProfiles(this.db, agency);
    const rules = await this.repository.listRules(
      this.db,
      profiles.map((p) => p.id),
    );
    const since = sinceDays(HIT_WINDOW_DAYS);
    const hits = await this.repository.ruleHitCounts(
      this.db,
      rules.map((r) => r.id),
      since,
    );
    return profiles.map((profile) => ({
      ...presentProfile(profile),
      isEditable:
        agency !== undefined || profile.owner_kind === 'customs' || hasRole(context.principal, 'admin'),
      rules: rules
        .filter((r) => r.profile_id === profile.id)
        .map((r) => presentRule(r, hits.get(r.id) ?? { total: 0, recent: 0, lastHit: null })),
    }));
  }

  async createProfile(
    context: RequestContext,
    input: { id: string; name: string; description: { en: string; ru: string } },
  ): Promise<RiskProfileDto> {
    const agency = agencyOf(context);
    try {
      await this.change(async (trx) => {
        await this.repository.insertProfile(trx, {
          id: input.id,
          name: input.name,
          description: JSON.stringify(input.description),
          owner_kind: agency === undefined ? 'customs' : 'agency',
          agency: agency ?? null,
          created_by: userIdOf(context),
        });
        await this.audit.record(trx, context, {
          action: 'risk_profile.created',
          entityType: 'risk_profile',
          entityId: input.id,
          summary: { name: input.name, agency: agency ?? null },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A profile with id ${input.id} exists.`);
      throw error;
    }
    return presentProfile(await this.visibleProfile(context, input.id));
  }

  async updateProfile(
    context: RequestContext,
    id: string,
    input: { name: string; description: { en: string; ru: string } },
  ): Promise<RiskProfileDto> {
    const profile = await this.visibleProfile(context, id);
    this.assertEditable(context, profile);
    await this.change(async (trx) => {
      await this.repository.updateProfile(trx, id, {
        name: input.name,
        description: JSON.stringify(input.description),
      });
      await this.audit.record(trx, context, {
        action: 'risk_profile.updated',
        entityType: 'risk_profile',
        entityId: id,
        summary: { before: { name: profile.name }, after: { name: input.name } },
      });
    });
    return presentProfile(await this.visibleProfile(context, id));
  }

  async createRule(context: RequestContext, profileId: string, input: RuleBody): Promise<StoredRuleDto> {
    const profile = await this.visibleProfile(context, profileId);
    this.assertEditable(context, profile);
    const definition: Rule = { ...input, owner: ownerOf(profile) };
    try {
      await this.change(async (trx) => {
        await this.repository.insertRule(trx, {
          id: input.id,
          profile_id: profileId,
          definition: JSON.stringify(definition),
          updated_by: userIdOf(context),
        });
        await this.audit.record(trx, context, {
          action: 'risk_rule.created',
          entityType: 'risk_rule',
          entityId: input.id,
          summary: { profileId, rule: definition },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A rule with id ${input.id} exists.`);
      throw error;
    }
    return this.getRule(context, input.id);
  }

  /** A rule of a profile the caller may see (others are "not found"); deleted ones only when asked for. */
  private async visibleRule(
    context: RequestContext,
    id: string,
    options: { includeDeleted?: boolean } = {},
  ): Promise<{ rule: RiskRuleRow; profile: RiskProfileRow }> {
    const rule = await this.repository.findRule(this.db, id);
    if (!rule || (rule.is_deleted && !options.includeDeleted)) throw notFound('Rule');
    const profile = await this.visibleProfile(context, rule.profile_id).catch(() => {
      throw notFound('Rule');
    });
    return { rule, profile };
  }

  private async editableRule(
    context: RequestContext,
    id: string,
  ): Promise<{ rule: RiskRuleRow; profile: RiskProfileRow }> {
    const visible = await this.visibleRule(context, id);
    this.assertEditable(context, visible.profile);
    return visible;
  }

  async getRule(context: RequestContext, id: string): Promise<StoredRuleDto> {
    const { rule } = await this.visibleRule(context, id);
    const hits = await this.repository.ruleHitCounts(this.db, [id], sinceDays(HIT_WINDOW_DAYS));
    return presentRule(rule, hits.get(id) ?? { total: 0, recent: 0, lastHit: null });
  }

  /** Every change of a rule (deleted ones included) from the audit trail, newest first. */
  async ruleHistory(context: RequestContext, id: string): Promise<RuleHistoryEntryDto[]> {
    await this.visibleRule(context, id, { includeDeleted: true });
    const events = await this.audit.listForEntity('risk_rule', id);
    return events.map(presentRuleHistoryEntry);
  }

  /**
   * Replaces the version of a rule the editor read (a deletion keeps the last definition, marked deleted) and
   * audits it; someone else's save since that read is a 412.
   */
  private async saveRuleVersion(
    context: RequestContext,
    id: string,
    expectedVersion: number,
    version: { definition: object; isDeleted: boolean },
    event: { action: 'risk_rule.updated' | 'risk_rule.deleted'; summary: Record<string, unknown> },
  ): Promise<void> {
    await this.change(async (trx) => {
      const isSaved = await this.repository.updateRule(trx, id, expectedVersion, {
        definition: JSON.stringify(version.definition),
        is_deleted: version.isDeleted,
        updated_by: userIdOf(context),
        updated_at: context.now,
      });
      if (!isSaved)
        throw new AppError('precondition_failed', 'The rule changed since you read it; reload it.');
      await this.audit.record(trx, context, { ...event, entityType: 'risk_rule', entityId: id });
    });
  }

  async updateRule(
    context: RequestContext,
    id: string,
    input: RuleBody,
    expectedVersion: number,
  ): Promise<StoredRuleDto> {
    if (input.id !== id) throw validationError([{ path: 'id', message: 'a rule keeps its id' }]);
    const { rule, profile } = await this.editableRule(context, id);
    const definition: Rule = { ...input, owner: ownerOf(profile) };
    await this.saveRuleVersion(
      context,
      id,
      expectedVersion,
      { definition, isDeleted: false },
      { action: 'risk_rule.updated', summary: { before: rule.definition, after: definition } },
    );
    return this.getRule(context, id);
  }

  async deleteRule(context: RequestContext, id: string, expectedVersion: number): Promise<void> {
    const { rule } = await this.editableRule(context, id);
    await this.saveRuleVersion(
      context,
      id,
      expectedVersion,
      { definition: rule.definition, isDeleted: true },
      { action: 'risk_rule.deleted', summary: { before: rule.definition } },
    );
  }

  // ----- budgets ------------------------------------------------------------------------------------------------

  async listPolicies(): Promise<BudgetListDto> {
    const rows = await this.repository.listPolicies(this.db);
    const items = rows.map(presentBudget);
    return { items, defaultPolicy: rows.some((r) => r.office === '*') ? null : DEFAULT_POLICY };
  }

  /** Creates (no version) or replaces (the version read) an office's budget. */
  async savePolicy(
    context: RequestContext,
    office: string,
    input: PolicyBody,
    expectedVersion: number | undefined,
  ): Promise<SavedBudgetDto> {
    const { office: _ignored, ...rest } = input;
    const definition = defineSelectionPolicy({
      ...rest,
      id: office === '*' ? 'default' : `office-${office}`,
      ...(office === '*' ? {} : { office }),
    });
    await this.change(async (trx) => {
      const existing = await this.repository.findPolicy(trx, office);
      if (expectedVersion === undefined) {
        if (existing)
          throw conflict(`The budget of ${office} exists; send its version (If-Match) to change it.`);
        await this.repository.insertPolicy(trx, {
          office,
          definition: JSON.stringify(definition),
          updated_by: userIdOf(context),
          updated_at: context.now,
        });
      } else {
        if (!existing) throw notFound('Budget');
        const isSaved = await this.repository.updatePolicy(trx, office, expectedVersion, {
          definition: JSON.stringify(definition),
          updated_by: userIdOf(context),
          updated_at: context.now,
        });
        if (!isSaved)
          throw new AppError('precondition_failed', 'The budget changed since you read it; reload it.');
      }
      await this.audit.record(trx, context, {
        action: existing ? 'risk_budget.updated' : 'risk_budget.created',
        entityType: 'selection_policy',
        entityId: office,
        summary: { before: existing?.definition ?? null, after: definition },
      });
    });
    const saved = await this.repository.findPolicy(this.db, office);
    return { office, policy: saved!.definition as SelectionPolicy, version: saved!.version };
  }

  async deletePolicy(context: RequestContext, office: string): Promise<void> {
    await this.change(async (trx) => {
      const existing = await this.repository.findPolicy(trx, office);
      if (!existing) throw notFound('Budget');
      await this.repository.deletePolicy(trx, office);
      await this.audit.record(trx, context, {
        action: 'risk_budget.deleted',
        entityType: 'selection_policy',
        entityId: office,
        summary: { before: existing.definition },
      });
    });
  }

  // ----- trusted traders ----------------------------------------------------------------------------------------

  async listTrustedTraders(options: {
    search?: string | undefined;
    limit: number;
  }): Promise<TrustedTraderDto[]> {
    const programme = await this.programme.getActive().catch(() => undefined);
    const rows = await this.repository.listTrustedTraders(this.db, {
      ...(options.search === undefined ? {} : { search: options.search }),
      limit: options.limit,
    });
    return rows.map((row) => presentTrader(row, inspectionFactorOf(row, programme?.definition)));
  }

  async getTrustedTrader(partyId: string): Promise<TrustedTraderDto> {
    const row = await this.repository.findTrustedTrader(this.db, partyId);
    if (!row) throw notFound('Trusted trader');
    const programme = await this.programme.getActive().catch(() => undefined);
    return presentTrader(row, inspectionFactorOf(row, programme?.definition));
  }

  /**
   * Inserts or replaces entries. Used by the API (one, or a CSV import) and by the modules that own AEO status
   * (authorisations, mutual recognition), which call it with their own context — and their transaction, so a
   * status change and the facilitation it ends are one commit — to keep the list current.
   */
  async upsertTrustedTraders(
    context: RequestContext,
    entries: (TrustedTraderBody & { partyId: string })[],
    origin: 'api' | 'csv' | 'authorisation' | 'mra',
    trx?: Trx,
  ): Promise<number> {
    await this.change(async (trx) => {
      await this.repository.upsertTrustedTraders(
        trx,
        entries.map((e) => ({
          party_id: e.partyId,
          status: e.status,
          authorisation_type: e.authorisationType,
          tier: e.tier,
          source: e.source,
          partner: e.partner ?? null,
          legal_name: e.legalName ?? null,
          inspection_factor: e.inspectionFactor ?? null,
          valid_until: e.validUntil ?? null,
          updated_by: userIdOf(context),
        })),
        context.now,
      );
      await this.audit.record(trx, context, {
        action: 'trusted_trader.upserted',
        entityType: 'trusted_trader',
        entityId: entries[0]?.partyId ?? '',
        summary: {
          origin,
          count: entries.length,
          entries: entries.slice(0, 20).map((e) => ({ partyId: e.partyId, status: e.status, tier: e.tier })),
        },
      });
    }, trx);
    return entries.length;
  }

  /** A CSV file with the TRUSTED_TRADER_COLUMNS header; all rows are checked before any is written. */
  async importTrustedTradersCsv(context: RequestContext, text: string): Promise<number> {
    let records: Record<string, string>[];
    try {
      records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw validationError([{ path: 'file', message: error instanceof Error ? error.message : 'not CSV' }]);
    }
    if (records.length === 0) throw validationError([{ path: 'file', message: 'the file has no rows' }]);
    const header = Object.keys(records[0]!);
    const missing = ['party_id', 'status', 'authorisation_type', 'tier', 'source'].filter(
      (c) => !header.includes(c),
    );
    const unknown = header.filter((c) => !(TRUSTED_TRADER_COLUMNS as readonly string[]).includes(c));
    if (missing.length > 0 || unknown.length > 0) {
      throw validationError([
        ...missing.map((c) => ({ path: 'header', message: `missing column ${c}` })),
        ...unknown.map((c) => ({ path: 'header', message: `unknown column ${c}` })),
      ]);
    }
    const errors: FieldError[] = [];
    const entries: (TrustedTraderBody & { partyId: string })[] = [];
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const line = index + 2;
      const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
      const factor = blank(record.inspection_factor);
      const parsed = trustedTraderBodySchema.safeParse({
        status: record.status,
        authorisationType: record.authorisation_type,
        tier: record.tier,
        source: record.source,
        partner: blank(record.partner) ?? null,
        legalName: blank(record.legal_name) ?? null,
        inspectionFactor: factor === undefined ? null : Number(factor),
        validUntil: blank(record.valid_until) ?? null,
      });
      const partyId = (record.party_id ?? '').trim();
      if (partyId === '' || partyId.length > 64)
        errors.push({ path: `rows.${line}.party_id`, message: 'required, at most 64 characters' });
      else if (seen.has(partyId))
        errors.push({ path: `rows.${line}.party_id`, message: `${partyId} appears twice` });
      seen.add(partyId);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors.push({
            path: `rows.${line}.${snakeCase(String(issue.path[0] ?? ''))}`,
            message: issue.message,
          });
      } else entries.push({ ...parsed.data, partyId });
    });
    if (errors.length > 0)
      throw validationError(errors.slice(0, 200), 'The file has errors; nothing was imported.');
    return this.upsertTrustedTraders(context, entries, 'csv');
  }

  async deleteTrustedTrader(context: RequestContext, partyId: string): Promise<void> {
    await this.change(async (trx) => {
      const existing = await this.repository.findTrustedTrader(trx, partyId);
      if (!existing || !(await this.repository.deleteTrustedTrader(trx, partyId)))
        throw notFound('Trusted trader');
      await this.audit.record(trx, context, {
        action: 'trusted_trader.deleted',
        entityType: 'trusted_trader',
        entityId: partyId,
        summary: { before: { status: existing.status, tier: existing.tier, source: existing.source } },
      });
    });
  }
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function sinceDays(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function ownerOf(profile: RiskProfileRow): Rule['owner'] {
  return profile.owner_kind === 'agency'
    ? { kind: 'agency', agency: profile.agency ?? '' }
    : { kind: 'customs' };
}
