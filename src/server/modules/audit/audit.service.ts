import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/database';
import type { Database } from '../../platform/database-schema';
import { forbidden } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import {
  AuditChainVerifier,
  GENESIS_HASH,
  type ChainAnchor,
  computeAuditHash,
  redactSecrets,
  type AuditEventContent,
  type ChainVerification,
  type ChainedAuditEvent,
} from './audit-chain';
import { fullAuditView, type AuditEventView, type OperatorAuditView } from './audit.presenters';
import { AuditRepository, type AuditCheckpointRow } from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The operator whose record this is, so its users can read the trail of their own records. */
  operatorId?: string | null;
  /** Set when a representative acted for another operator under a delegation. */
  onBehalfOfOperatorId?: string | null;
  /** Before/after summary; secrets are stripped whatever the caller passes. */
  summary?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: number | undefined;
  limit: number;
}

const VERIFY_PAGE = 5_000;
/** An operator's page skips the events it may not see; past this many reads it returns what it has and a cursor. */
const MAX_OPERATOR_READS = 10;

export interface AuditEventPage {
  items: AuditEventView[];
  /** The `cursor` of the next page (a sequence number), null at the end of the trail. */
  nextCursor: number | null;
}

export class AuditService {
  private readonly repository = new AuditRepository();
  private operatorViewSource: ((operatorId: string) => Promise<OperatorAuditView>) | undefined;

  constructor(private readonly db: Db) {}

  /** Wired once (services.ts): what an operator's users may read of the trail is the applications module's rule. */
  useOperatorView(source: (operatorId: string) => Promise<OperatorAuditView>): void {
    this.operatorViewSource = source;
  }

  /** The form in which the users of `operatorId` (and its representatives) read the trail of its records. */
  async operatorView(operatorId: string): Promise<OperatorAuditView> {
    if (!this.operatorViewSource) throw forbidden();
    return this.operatorViewSource(operatorId);
  }

  /** Appends to the hash chain inside the caller's transaction: the change and its record commit together. */
  async record(trx: Transaction<Database>, context: RequestContext, entry: AuditEntry): Promise<void> {
    const head = await this.repository.lockChainAndReadHead(trx);
    const principal = context.principal;
    const content: AuditEventContent = {
      seq: (head?.seq ?? 0) + 1,
      id: randomUUID(),
      occurredAt: context.now.toISOString(),
      actorUserId: principal?.kind === 'user' ? principal.userId : null,
      actorApiKeyId: principal?.kind === 'api_key' ? principal.apiKeyId : null,
      actorLabel: principal?.kind === 'user' ? principal.email : (principal?.name ?? 'system'),
      onBehalfOfOperatorId: entry.onBehalfOfOperatorId ?? null,
      operatorId: entry.operatorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: redactSecrets(entry.summary ?? {}) as Record<string, unknown>,
      requestId: context.requestId,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    await this.repository.insert(trx, { ...content, prevHash, hash: computeAuditHash(prevHash, content) });
  }

  /**
   * Admins read everything; an operator's users read the trail of their own operator's records in the form the
   * applicant's rule gives (no customs-internal case events, no details of case events, no officers named).
   */
  async listEvents(context: RequestContext, query: AuditQuery): Promise<AuditEventPage> {
    const principal = context.principal;
    const filter = {
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      from: query.from,
      to: query.to,
      limit: query.limit,
    };
    if (hasRole(principal, 'admin')) {
      const events = await this.repository.list(this.db, { ...filter, beforeSeq: query.cursor });
      return {
        items: events.map(fullAuditView),
        nextCursor: events.length === query.limit ? (events.at(-1)?.seq ?? null) : null,
      };
    }
    if (principal?.kind !== 'user' || !principal.operatorId) throw forbidden();
    const operatorId = principal.operatorId;
    const view = await this.operatorView(operatorId);
    const items: AuditEventView[] = [];
    let beforeSeq = query.cursor;
    for (let read = 0; read < MAX_OPERATOR_READS; read += 1) {
      // The actor filter applies to the events as shown, never in the query: filtering hidden officers' acts in SQL
      // would let the page's length and cursor tell whether that officer acted on the operator's records.
      const events = await this.repository.list(this.db, {
        ...filter,
        actorId: undefined,
        operatorId,
        beforeSeq,
      });
      for (const event of events) {
        beforeSeq = event.seq;
        const shown = view(event);
        // An actor the reader may not see cannot be searched for either.
        if (shown && (!query.actorId || shown.actor.id === query.actorId)) items.push(shown);
        if (items.length === query.limit) return { items, nextCursor: event.seq };
      }
      if (events.length < query.limit) return { items, nextCursor: null };
    }
    return { items, nextCursor: beforeSeq ?? null };
  }

  /** The trail of one record, for its case page; the caller has already been authorised for the record. */
  async listForEntity(entityType: string, entityId: string): Promise<ChainedAuditEvent[]> {
    return this.repository.list(this.db, { entityType, entityId, limit: 500 });
  }

  /** Who did which of `actions` on one record, the whole trail (for rules such as four eyes, not for display). */
  listActs(entityType: string, entityId: string, actions: readonly string[]) {
    return this.repository.listActs(this.db, entityType, entityId, actions);
  }

  // ----- checkpoints (signed and anchored by the trust module; see audit-anchor.service.ts) --------------------------

  /** Locks the chain for the rest of `trx` (no event can be appended) and reads its size and head hash. */
  async lockHead(trx: Transaction<Database>): Promise<{ size: number; headHash: string }> {
    const head = await this.repository.lockChainAndReadHead(trx);
    return { size: head?.seq ?? 0, headHash: head?.hash ?? GENESIS_HASH };
  }

  async insertCheckpoint(
    trx: Transaction<Database>,
    row: {
      size: number;
      headHash: string;
      origin: string;
      signedAt: Date;
      kid: string;
      jws: string;
      logLeafIndex: number;
    },
  ): Promise<void> {
    await this.repository.insertCheckpoint(trx, {
      size: row.size,
      head_hash: row.headHash,
      origin: row.origin,
      signed_at: row.signedAt,
      kid: row.kid,
      jws: row.jws,
      log_leaf_index: row.logLeafIndex,
    });
  }

  listCheckpoints(): Promise<AuditCheckpointRow[]> {
    return this.repository.listCheckpoints(this.db);
  }

  latestCheckpoint(executor: Db | Transaction<Database> = this.db): Promise<AuditCheckpointRow | undefined> {
    return this.repository.latestCheckpoint(executor);
  }

  /** Recomputes the chain; each anchor (a signed checkpoint) must match the event at its size, which must exist. */
  async verifyChain(anchors: readonly ChainAnchor[] = []): Promise<ChainVerification> {
    const verifier = new AuditChainVerifier(anchors);
    let afterSeq = 0;
    for (;;) {
      const page = await this.repository.listPageInOrder(this.db, afterSeq, VERIFY_PAGE);
      for (const event of page) if (!verifier.add(event)) return verifier.result();
      if (page.length < VERIFY_PAGE) return verifier.result();
      afterSeq = page[page.length - 1]!.seq;
    }
  }
}
