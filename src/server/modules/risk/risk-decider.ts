import {
  parseModel,
  scoreDeclarations,
  type Declaration,
  type RiskModel,
  type RiskScores,
} from '../../../risk-engine/index';
import {
  createPolicyState,
  decide,
  defineSelectionPolicy,
  primePolicyState,
  type Decision,
  type PolicyState,
  type SelectionPolicy,
  type TrustedTraderStatus,
} from '../../../risk-engine/policy/index';
import { compileRules, ruleSchema, type Rule } from '../../../risk-engine/rules/index';
import type { Db } from '../../platform/database';
import type { ProgrammeDefinition } from '../../../programme-core';
import type { ProgrammeService } from '../programme/programme.service';
import type { DeclarationsRepository } from './declarations.repository';
import type { RiskModelsRepository } from './risk-models.repository';
import type { RiskSettingsRepository, TrustedTraderRow } from './risk-settings.repository';
import type { ScoringPool } from './scoring-pool';

/** Used until an analyst sets budgets: 2 % red, 3 % yellow, the engine's defaults for the rest. */
export const DEFAULT_POLICY = defineSelectionPolicy({
  id: 'default',
  seed: 'openaeo',
  rates: { red: 0.02, yellow: 0.03, blue: 0 },
});

/** Below this many declarations the main thread scores (a round trip to a thread costs more). */
const POOL_THRESHOLD = 64;
/** How often a scorer asks the database whether rules, budgets, trusted traders or the model changed. */
const REVISION_CHECK_MS = 1000;
/** Recent decisions replayed into a fresh calibration, so budgets hold right after a change. */
const PRIMING_ROWS = 2000;

export interface ActiveModel {
  id: string;
  number: number;
  model: RiskModel;
  json: string;
}

interface Snapshot {
  revision: number;
  model: ActiveModel | null;
  state: PolicyState;
}

export interface DecidedBatch {
  decisions: Decision[];
  scores: RiskScores;
  model: ActiveModel | null;
}

/** The inspection factor of a trusted trader: its own, else its type and tier's benefits in the programme. */
export function inspectionFactorOf(
  row: TrustedTraderRow,
  programme: ProgrammeDefinition | undefined,
): number {
  if (row.inspection_factor !== null) return row.inspection_factor;
  const tiers = programme?.authorisationTypes.flatMap((type) =>
    type.tiers.map((tier) => ({ type: type.id, tier })),
  );
  const match = tiers?.find((t) => t.type === row.authorisation_type && t.tier.id === row.tier);
  if (match) return match.tier.benefits.inspectionRateFactor;
  // A partner's status under an MRA: the most favourable factor among tiers the programme grants recognition.
  if (row.source === 'mra') {
    const recognised = (tiers ?? []).filter((t) => t.tier.benefits.mutualRecognition);
    if (recognised.length > 0)
      return Math.min(...recognised.map((t) => t.tier.benefits.inspectionRateFactor));
  }
  return 1;
}

export function trustedStatusOf(
  row: TrustedTraderRow,
  programme: ProgrammeDefinition | undefined,
  today: string,
): TrustedTraderStatus {
  const status: TrustedTraderStatus = {
    status:
      row.valid_until !== null && row.valid_until < today && row.status === 'active' ? 'expired' : row.status,
    type: row.authorisation_type,
    tier: row.tier,
    source: row.source,
    inspectionFactor: inspectionFactorOf(row, programme),
  };
  if (row.partner !== null) status.partner = row.partner;
  return status;
}

/**
 * The risk engine as the server runs it: the active model (on the scoring threads), the compiled rules, the
 * trusted-trader list and one calibration per office policy. It reloads when the revision in the database moves,
 * so every API process and stream consumer follows an analyst's change within a second.
 */
export class RiskDecider {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly settings: RiskSettingsRepository,
    private readonly models: RiskModelsRepository,
    private readonly declarations: DeclarationsRepository,
    private readonly programme: ProgrammeService,
    private readonly pool: ScoringPool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Forces a revision check before the next decision (this process made the change). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  async activeModel(): Promise<ActiveModel | null> {
    return (await this.current()).model;
  }

  private async current(): Promise<Snapshot> {
    const clock = Date.now();
    if (this.snapshot && clock - this.checkedAt < REVISION_CHECK_MS) return this.snapshot;
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const revision = await this.settings.readRevision(this.db);
        this.checkedAt = Date.now();
        if (this.snapshot?.revision !== revision) this.snapshot = await this.load(revision, this.snapshot);
        return this.snapshot;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  private async load(revision: number, previous: Snapshot | undefined): Promise<Snapshot> {
    const [policyRows, ruleRows, profileRows, traderRows, activeRow, programme] = await Promise.all([
      this.settings.listPolicies(this.db),
      this.settings.listRules(this.db),
      this.settings.listProfiles(this.db),
      this.settings.listTrustedTraders(this.db),
      this.models.findActive(this.db),
      this.programme.getActive().catch(() => undefined),
    ]);
    let model: ActiveModel | null = null;
    if (activeRow) {
      if (previous?.model?.id === activeRow.id) model = previous.model;
      else {
        const json = await this.models.readModelJson(this.db, activeRow.id);
        if (json !== undefined)
          model = { id: activeRow.id, number: activeRow.number, model: parseModel(json), json };
      }
    }
    if (model) await this.pool.load(model.id, model.json);

    const policies: SelectionPolicy[] = policyRows.map((row) =>
      defineSelectionPolicy(row.definition as never),
    );
    if (!policies.some((p) => p.office === undefined)) policies.push(DEFAULT_POLICY);
    const profiles = new Map(profileRows.map((p) => [p.id, p]));
    const rules: { profileId: string; rule: Rule }[] = [];
    for (const row of ruleRows) {
      const parsed = ruleSchema.safeParse(row.definition);
      if (parsed.success && profiles.has(row.profile_id))
        rules.push({ profileId: row.profile_id, rule: parsed.data });
    }
    const compiled = compileRules(
      [...profiles.values()].map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        owner:
          p.owner_kind === 'agency'
            ? { kind: 'agency' as const, agency: p.agency ?? '' }
            : { kind: 'customs' as const },
        rules: rules.filter((r) => r.profileId === p.id).map((r) => r.rule),
      })),
    );
    const today = this.now().toISOString().slice(0, 10);
    const traders = new Map(
      traderRows.map((row) => [row.party_id, trustedStatusOf(row, programme?.definition, today)]),
    );
    const state = createPolicyState(policies, { rules: compiled, trustedTraders: (id) => traders.get(id) });

    // Replay recent traffic so thresholds are calibrated at once instead of after a warm-up.
    const recent = (await this.declarations.listRecent(this.db, PRIMING_ROWS)).reverse();
    const recentDeclarations = recent.map((row) => row.payload as Declaration);
    const scores = model
      ? await this.scoreWith(model, recentDeclarations)
      : zeroScores(recentDeclarations.length);
    primePolicyState(
      state,
      recentDeclarations.map((declaration, i) => ({
        declaration,
        fraud: scores.fraud[i] ?? 0,
        critical: scores.critical[i] ?? 0,
        isUnscored: model === null,
      })),
    );
    return { revision, model, state };
  }

  private async scoreWith(model: ActiveModel, declarations: readonly Declaration[]): Promise<RiskScores> {
    if (declarations.length === 0) return zeroScores(0);
    if (declarations.length < POOL_THRESHOLD || this.pool.threads === 0)
      return scoreDeclarations(model.model, declarations);
    return this.pool.score(model.id, declarations);
  }

  /** Scores and decides, in input order. The calibration advances by each declaration. */
  async decide(declarations: readonly Declaration[]): Promise<DecidedBatch> {
    const snapshot = await this.current();
    const scores = snapshot.model
      ? await this.scoreWith(snapshot.model, declarations)
      : zeroScores(declarations.length);
    const decisions = declarations.map((declaration, i) =>
      decide(snapshot.state, {
        declaration,
        fraud: scores.fraud[i] ?? 0,
        critical: scores.critical[i] ?? 0,
        isUnscored: snapshot.model === null,
      }),
    );
    return { decisions, scores, model: snapshot.model };
  }
}

function zeroScores(n: number): RiskScores {
  return { fraud: new Float64Array(n), critical: new Float64Array(n) };
}
