import { createHash } from 'node:crypto';
import { explainDeclaration, type Declaration, type InspectionLabel } from '../../../risk-engine/index';
import type { Decision } from '../../../risk-engine/policy/index';
import type { Db } from '../../platform/database';
import { AppError, conflict, notFound, validationError } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import { cursorOf, type DeclarationsRepository, type NewDeclarationRow } from './declarations.repository';
import {
  presentDeclarationDetail,
  presentDeclarationListItem,
  presentDecision,
  presentInspection,
} from './declarations.presenters';
import type {
  DeclarationDetailDto,
  DeclarationListQuery,
  DeclarationPageDto,
  DecisionDto,
  ExplanationDto,
  InspectionDto,
  InspectionResultInput,
} from './declarations.schemas';
import {
  idempotencyKeyReused,
  toWrittenDecision,
  type DecisionWriter,
  type StoredDeclaration,
} from './decision-writer';
import type { RiskDecider } from './risk-decider';
import type { RiskModelsService } from './risk-models.service';

export type DeclarationSource = 'api' | 'csv' | 'stream' | 'demo';

export interface IngestOptions {
  source: DeclarationSource;
  idempotencyKey?: string | undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Who submitted, as idempotency keys are scoped and as the row records it. */
export function principalLabel(context: RequestContext): string {
  const principal = context.principal;
  if (principal?.kind === 'api_key') return `key:${principal.apiKeyId}`;
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  return context.requestId === 'stream' ? 'stream' : 'system';
}

/** The agency a partner-agency user belongs to; undefined for customs users and API keys. */
export function agencyOf(context: RequestContext): string | undefined {
  const principal = context.principal;
  if (principal?.kind !== 'user' || !hasRole(principal, 'agency_officer')) return undefined;
  if (hasRole(principal, 'risk_analyst', 'admin')) return undefined;
  return principal.agency ?? '\u0000';
}

/**
 * Which declarations a caller may read: an agency officer those notified to its agency; an API key without
 * `declarations:read` (a single window holding only `declarations:write`) those it submitted itself, so it can
 * read its own decisions back but not the decision log. Customs users and `declarations:read` keys read all.
 */
export interface ReadScope {
  agency?: string;
  submittedBy?: string;
}

export function readScopeOf(context: RequestContext): ReadScope {
  const principal = context.principal;
  if (principal?.kind === 'api_key' && !principal.scopes.includes('declarations:read'))
    return { submittedBy: principalLabel(context) };
  const agency = agencyOf(context);
  return agency === undefined ? {} : { agency };
}

/**
 * Declarations in, decisions out: validation has happened at the edge (route schema, stream parser, CSV reader);
 * this scores, decides, stores through the group-commit writer and answers the stored decision.
 */
export class DeclarationsService {
  constructor(
    private readonly db: Db,
    private readonly repository: DeclarationsRepository,
    private readonly decider: RiskDecider,
    private readonly writer: DecisionWriter,
    private readonly models: RiskModelsService,
    private readonly audit: AuditService,
  ) {}

  async ingest(
    context: RequestContext,
    declarations: readonly Declaration[],
    options: IngestOptions,
  ): Promise<DecisionDto[]> {
    const seen = new Map<string, number>();
    const duplicates = declarations.flatMap((d, index) => {
      const first = seen.get(d.id);
      seen.set(d.id, first ?? index);
      return first === undefined
        ? []
        : [{ path: `declarations.${index}.id`, message: `repeats the id of declarations.${first}` }];
    });
    if (duplicates.length > 0) throw validationError(duplicates, 'A batch must not repeat a declaration id.');

    const principal = principalLabel(context);
    // The schemas emit keys in a fixed order, so the JSON text is canonical and its hash compares contents.
    const payloads = declarations.map((d) => JSON.stringify(d));
    const hashes = payloads.map(sha256);
    let idempotency: { key: string; bodyHash: string } | undefined;
    if (options.idempotencyKey !== undefined) {
      const bodyHash = sha256(hashes.join('\n'));
      // A fast answer for a plain retry; concurrent uses of the key are settled by the writer's claim.
      const previous = await this.repository.findIdempotencyKey(this.db, principal, options.idempotencyKey);
      if (previous) {
        if (previous.body_hash !== bodyHash) throw idempotencyKeyReused();
        return this.replay(previous.declaration_ids);
      }
      idempotency = { key: options.idempotencyKey, bodyHash };
    }

    const { decisions, scores, model } = await this.decider.decide(declarations);
    const rows: NewDeclarationRow[] = declarations.map((d, i) => {
      const decision = decisions[i]!;
      return {
        id: d.id,
        office: d.office,
        declared_on: d.date,
        importer_id: d.importer.id,
        payload: payloads[i]!,
        body_hash: hashes[i]!,
        source: options.source,
        submitted_by: principal,
        received_at: context.now,
        channel: decision.channel,
        strategy: decision.strategy,
        score: decision.score,
        fraud_score: scores.fraud[i] ?? 0,
        critical_score: scores.critical[i] ?? 0,
        policy_id: decision.policyId,
        model_version_id: model?.id ?? null,
        decision: JSON.stringify(decision),
        rule_ids: [...new Set(decision.ruleHits.map((hit) => hit.ruleId))],
        agencies: decision.agenciesToNotify,
      };
    });
    const outcome = await this.writer.write({
      context,
      principal,
      rows,
      decisions,
      modelNumber: model?.number ?? null,
      ...(idempotency ? { idempotency } : {}),
    });
    return outcome.rows.map(presentDecision);
  }

  private async replay(ids: string[]): Promise<DecisionDto[]> {
    const rows = new Map((await this.repository.findByIds(this.db, ids)).map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [presentDecision(toWrittenDecision(row, true))] : [];
    });
  }

  /** A stored declaration within `scope`; outside it, the same 404 as a missing one. */
  private async readable(id: string, scope: ReadScope): Promise<StoredDeclaration> {
    const row = await this.repository.findOne(this.db, id);
    if (!row) throw notFound('Declaration');
    if (scope.agency !== undefined && !(row.decision as Decision).agenciesToNotify.includes(scope.agency))
      throw notFound('Declaration');
    if (scope.submittedBy !== undefined && row.submitted_by !== scope.submittedBy)
      throw notFound('Declaration');
    return row;
  }

  async list(context: RequestContext, query: DeclarationListQuery): Promise<DeclarationPageDto> {
    const rows = await this.repository.list(this.db, query, readScopeOf(context));
    const last = rows.at(-1);
    return {
      items: rows.map(presentDeclarationListItem),
      nextCursor: last && rows.length === query.limit ? cursorOf(last) : null,
    };
  }

  /** A declaration with its decision, the model's reasons in plain words (both languages) and any inspection. */
  async get(context: RequestContext, id: string): Promise<DeclarationDetailDto> {
    const row = await this.readable(id, readScopeOf(context));
    let explanation: ExplanationDto = null;
    if (row.model_version_id !== null) {
      const model = await this.models.loadModel(row.model_version_id);
      if (model) {
        const declaration = row.payload as Declaration;
        const explain = (head: 'fraud' | 'critical') => ({
          en: explainDeclaration(model, declaration, { head, language: 'en', top: 5 }),
          ru: explainDeclaration(model, declaration, { head, language: 'ru', top: 5 }),
        });
        explanation = { fraud: explain('fraud'), critical: explain('critical') };
      }
    }
    return presentDeclarationDetail(row, explanation, await this.inspectionOf(id));
  }

  private async inspectionOf(id: string): Promise<InspectionDto | null> {
    const inspection = await this.repository.findInspection(this.db, id);
    return inspection ? presentInspection(inspection.result, inspection.findings) : null;
  }

  /**
   * An operator's compliance history as the risk service holds it (for the validation of its AEO application):
   * declarations over the last `months` months, how many were controlled and inspected, what was found, and the
   * latest findings. The caller has authorised access to the operator.
   */
  async complianceHistory(taxpayerId: string, now: Date, months = 36) {
    const since = new Date(now);
    since.setUTCMonth(since.getUTCMonth() - months);
    const { row, findings } = await this.repository.summariseImporter(
      this.db,
      taxpayerId,
      since.toISOString().slice(0, 10),
    );
    const inspected = Number(row.inspected);
    return {
      since: since.toISOString().slice(0, 10),
      declarations: Number(row.declarations),
      controlled: Number(row.controlled),
      inspected,
      found: Number(row.found),
      critical: Number(row.critical),
      findingRate: inspected === 0 ? null : Number(row.found) / inspected,
      dutyRecovered: row.duty_recovered === null ? 0 : Number(row.duty_recovered),
      firstDeclaration: row.first === null ? null : String(row.first),
      lastDeclaration: row.last === null ? null : String(row.last),
      latestFindings: findings.map((f) => ({
        declarationId: f.id,
        date: f.declared_on,
        office: f.office,
        critical: f.critical,
        dutyRecovered: f.duty_recovered === null ? null : Number(f.duty_recovered),
        notes: f.notes,
      })),
    };
  }

  /**
   * Inspection results of stored declarations in bulk (historical data imported with its outcomes, so the first
   * model can be trained); ids not stored are skipped and results already recorded are kept. One audit event.
   */
  async importInspectionResults(
    context: RequestContext,
    entries: { declarationId: string; label: InspectionLabel }[],
  ): Promise<number> {
    if (entries.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const stored = new Set(
        (
          await this.repository.findByIds(
            trx,
            entries.map((e) => e.declarationId),
          )
        ).map((row) => row.id),
      );
      const inserted = await this.repository.insertInspections(
        trx,
        entries
          .filter((e) => stored.has(e.declarationId))
          .map((e) => ({
            declaration_id: e.declarationId,
            fraud: e.label.fraud,
            critical: e.label.critical,
            duty_recovered: e.label.dutyRecovered ?? null,
            notes: 'imported',
            officer: null,
            agency: null,
            recorded_by: null,
            recorded_by_key: null,
            recorded_at: context.now,
          })),
      );
      if (inserted > 0) {
        await this.audit.record(trx, context, {
          action: 'inspection.imported',
          entityType: 'declaration',
          entityId: entries[0]!.declarationId,
          summary: { count: inserted, positives: entries.filter((e) => e.label.fraud).length },
        });
      }
      return inserted;
    });
  }

  /**
   * Records (or, with the version read, corrects) the inspection result: the label the next model learns from.
   * A joint inspection is one event with each agency's findings.
   */
  async recordInspection(
    context: RequestContext,
    id: string,
    input: InspectionResultInput,
    expectedVersion: number | undefined,
  ): Promise<InspectionDto> {
    // Recording needs `inspections:write`, not the right to read the log: an inspection system reports results
    // for declarations it did not submit. Agency officers stay within their agency.
    const agency = agencyOf(context);
    const row = await this.readable(id, agency === undefined ? {} : { agency });
    const findings = (input.findings ?? []).map((f) => ({
      declaration_id: id,
      agency: f.agency,
      found: f.found,
      critical: f.critical,
      officer: f.officer,
      notes: f.notes ?? null,
    }));
    if (findings.length === 0 && input.agency !== undefined) {
      findings.push({
        declaration_id: id,
        agency: input.agency,
        found: input.found ?? false,
        critical: input.critical ?? false,
        officer: input.officer ?? '',
        notes: input.notes ?? null,
      });
    }
    if (agency !== undefined && findings.some((f) => f.agency !== agency)) {
      throw validationError([{ path: 'findings', message: `you can record findings of ${agency} only` }]);
    }
    const found = input.findings?.length ? input.findings.some((f) => f.found) : (input.found ?? false);
    const critical = input.findings?.length
      ? input.findings.some((f) => f.found && f.critical) || input.critical === true
      : (input.critical ?? false);
    if (critical && !found)
      throw validationError([{ path: 'critical', message: 'critical needs a finding' }]);
    const principal = context.principal;
    await this.db.transaction().execute(async (trx) => {
      const isSaved = await this.repository.saveInspection(
        trx,
        {
          declaration_id: id,
          fraud: found,
          critical,
          duty_recovered: input.dutyRecovered ?? null,
          notes: input.notes ?? null,
          officer: input.officer ?? null,
          agency: input.agency ?? null,
          recorded_by: principal?.kind === 'user' ? principal.userId : null,
          recorded_by_key: principal?.kind === 'api_key' ? principal.apiKeyId : null,
          recorded_at: context.now,
        },
        findings,
        expectedVersion,
      );
      if (!isSaved) {
        throw expectedVersion === undefined
          ? conflict('An inspection result is already recorded; send its version (If-Match) to correct it.')
          : new AppError('precondition_failed', 'The inspection result changed since you read it.');
      }
      await this.audit.record(trx, context, {
        action: expectedVersion === undefined ? 'inspection.recorded' : 'inspection.corrected',
        entityType: 'declaration',
        entityId: id,
        summary: {
          found,
          critical,
          dutyRecovered: input.dutyRecovered ?? null,
          agencies: findings.map((f) => f.agency),
          channel: row.channel,
        },
      });
    });
    const recorded = await this.inspectionOf(id);
    // Only a concurrent deletion could remove it, and nothing deletes inspection results.
    if (!recorded) throw new Error(`inspection result of ${id} vanished after it was saved`);
    return recorded;
  }
}
