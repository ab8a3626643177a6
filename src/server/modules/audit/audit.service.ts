import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/database';
import type { Database } from '../../platform/database-schema';
import { forbidden } from '../../platform/errors';
import { hasRole, type RequestContext } from '../../platform/request-context';
import {
  AuditChainVerifier,
  GENESIS_HASH,
  computeAuditHash,
  redactSecrets,
  type AuditEventContent,
  type ChainVerification,
  type ChainedAuditEvent,
} from './audit-chain';
import { AuditRepository } from './audit.repository';

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

export class AuditService {
  private readonly repository = new AuditRepository();

  constructor(private readonly db: Db) {}

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

  /** Admins read everything; an operator's users read the trail of their own operator's records. */
  async listEvents(context: RequestContext, query: AuditQuery): Promise<ChainedAuditEvent[]> {
    const principal = context.principal;
    let operatorId: string | undefined;
    if (!hasRole(principal, 'admin')) {
      if (principal?.kind !== 'user' || !principal.operatorId) throw forbidden();
      operatorId = principal.operatorId;
    }
    return this.repository.list(this.db, {
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      operatorId,
      from: query.from,
      to: query.to,
      beforeSeq: query.cursor,
      limit: query.limit,
    });
  }

  /** The trail of one record, for its case page; the caller has already been authorised for the record. */
  async listForEntity(entityType: string, entityId: string): Promise<ChainedAuditEvent[]> {
    return this.repository.list(this.db, { entityType, entityId, limit: 500 });
  }

  async verifyChain(): Promise<ChainVerification> {
    const verifier = new AuditChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const page = await this.repository.listPageInOrder(this.db, afterSeq, VERIFY_PAGE);
      for (const event of page) if (!verifier.add(event)) return verifier.result();
      if (page.length < VERIFY_PAGE) return verifier.result();
      afterSeq = page[page.length - 1]!.seq;
    }
  }
}
