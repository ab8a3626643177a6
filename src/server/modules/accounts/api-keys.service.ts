import { randomBytes } from 'node:crypto';
import { areEqualSecrets, generateToken, sha256Hex } from '../../platform/crypto';
import type { Db } from '../../platform/database';
import { AppError, notFound, validationError } from '../../platform/errors';
import {
  API_SCOPES,
  type ApiKeyPrincipal,
  type ApiScope,
  type RequestContext,
} from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import { AccountsRepository } from './accounts.repository';
import { presentApiKey, type ApiKeyDto } from './accounts.presenters';

const KEY_PATTERN = /^oaeo_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;
const TOUCH_AFTER_MS = 60_000;
/**
 * A key is looked up in the database at most this often per process: a single window sends thousands of
 * requests a second. Revocation takes effect at once in the process that revoked, within this time elsewhere.
 */
const LOOKUP_CACHE_MS = 5_000;

type KeyRow = NonNullable<Awaited<ReturnType<AccountsRepository['findApiKeyByPrefix']>>>;

/** Machine clients (single window, partner customs): keys are shown once, stored hashed, revocable. */
export class ApiKeysService {
  private readonly repository = new AccountsRepository();
  private readonly lookups = new Map<string, { row: KeyRow | undefined; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  listScopes(): { id: ApiScope; description: string }[] {
    return Object.entries(API_SCOPES).map(([id, description]) => ({ id: id as ApiScope, description }));
  }

  async list(): Promise<ApiKeyDto[]> {
    return (await this.repository.listApiKeys(this.db)).map(presentApiKey);
  }

  async issue(
    context: RequestContext,
    input: { name: string; scopes: ApiScope[]; expiresAt?: Date | undefined },
  ): Promise<{ apiKey: ApiKeyDto; secret: string }> {
    if (input.expiresAt && input.expiresAt <= context.now) {
      throw validationError([{ path: 'expiresAt', message: 'The expiry must be in the future.' }]);
    }
    const prefix = randomBytes(6).toString('hex');
    const secret = `oaeo_${prefix}_${generateToken()}`;
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.repository.insertApiKey(trx, {
        name: input.name,
        prefix,
        secret_hash: sha256Hex(secret),
        scopes: [...new Set(input.scopes)],
        created_by: context.principal?.kind === 'user' ? context.principal.userId : null,
        expires_at: input.expiresAt ?? null,
      });
      await this.audit.record(trx, context, {
        action: 'api_key.issued',
        entityType: 'api_key',
        entityId: created.id,
        summary: { name: created.name, prefix, scopes: created.scopes, expiresAt: created.expires_at },
      });
      return created;
    });
    return { apiKey: presentApiKey({ ...row, created_by_email: principalEmail(context) }), secret };
  }

  async revoke(context: RequestContext, id: string): Promise<ApiKeyDto> {
    const dto = await this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.findApiKeyById(trx, id);
      if (!existing) throw notFound('API key');
      if (existing.revoked_at) throw new AppError('conflict', 'The API key is already revoked.');
      const revoked = await this.repository.updateApiKey(trx, id, {
        revoked_at: context.now,
        revoked_by: context.principal?.kind === 'user' ? context.principal.userId : null,
      });
      await this.audit.record(trx, context, {
        action: 'api_key.revoked',
        entityType: 'api_key',
        entityId: id,
        summary: { name: existing.name, prefix: existing.prefix },
      });
      return presentApiKey(revoked);
    });
    this.lookups.clear();
    return dto;
  }

  async authenticate(key: string, now: Date): Promise<ApiKeyPrincipal | undefined> {
    const match = KEY_PATTERN.exec(key);
    if (!match?.[1]) return undefined;
    const cached = this.lookups.get(match[1]);
    let row: KeyRow | undefined;
    if (cached && Date.now() - cached.at < LOOKUP_CACHE_MS) row = cached.row;
    else {
      row = await this.repository.findApiKeyByPrefix(this.db, match[1]);
      if (this.lookups.size > 1000) this.lookups.clear();
      this.lookups.set(match[1], { row, at: Date.now() });
    }
    if (!row || !areEqualSecrets(row.secret_hash, sha256Hex(key))) return undefined;
    if (row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
      await this.repository.updateApiKey(this.db, row.id, { last_used_at: now });
      row.last_used_at = now;
    }
    return { kind: 'api_key', apiKeyId: row.id, name: row.name, scopes: row.scopes };
  }
}

function principalEmail(context: RequestContext): string | null {
  return context.principal?.kind === 'user' ? context.principal.email : null;
}
