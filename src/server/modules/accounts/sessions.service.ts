import { generateSync, verifySync } from 'otplib';
import type { Config } from '../../platform/config';
import { generateToken, sha256Hex } from '../../platform/crypto';
import type { Db } from '../../platform/database';
import { AppError } from '../../platform/errors';
import { CUSTOMS_ROLES, type Role, type UserPrincipal } from '../../platform/request-context';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import { presentUserIdentity, type UserIdentityRow } from './accounts.presenters';
import { AccountsRepository, type UserRow } from './accounts.repository';
import { verifyAgainstDummy, verifyPassword } from './password-hasher';

const TOUCH_AFTER_MS = 60_000;
const TOTP_TOLERANCE_SECONDS = 30;

export interface LoginInput {
  email: string;
  password: string;
  otp?: string | undefined;
  userAgent?: string | undefined;
  /** The session the browser still holds, if any: it is ended so a fixed session id never survives a login. */
  previousToken?: string | undefined;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  /** The user as saved by this login (last sign-in time included). */
  user: UserRow;
  principal: UserPrincipal;
}

export function isSecondFactorRequired(config: Config, roles: readonly string[]): boolean {
  return config.isTotpRequired && roles.some((role) => CUSTOMS_ROLES.includes(role as Role));
}

export function verifyTotp(secret: string, otp: string, now: Date): boolean {
  if (!/^\d{6}$/.test(otp)) return false;
  return verifySync({
    secret,
    token: otp,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
  }).valid;
}

/** For tests and the CLI: the code an authenticator app would show at `now`. */
export function generateTotp(secret: string, now: Date): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

export class SessionsService {
  private readonly repository = new AccountsRepository();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly audit: AuditService,
  ) {}

  async login(context: RequestContext, input: LoginInput): Promise<LoginResult> {
    const now = context.now;
    const accountKey = `account:${input.email.trim().toLowerCase()}`;
    const addressKey = `address:${context.ip ?? 'unknown'}`;
    const windowStart = new Date(now.getTime() - this.config.login.windowMinutes * 60_000);
    // The attempt is reserved before the password is checked, so parallel attempts cannot all see a low count.
    const reserved = await this.db.transaction().execute((trx) =>
      this.repository.reserveLoginAttempt(
        trx,
        [
          { key: accountKey, max: this.config.login.maxFailuresPerAccount },
          { key: addressKey, max: this.config.login.maxFailuresPerAddress },
        ],
        windowStart,
        now,
      ),
    );
    if (!reserved) {
      throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', {
        retryAfterSeconds: this.config.login.windowMinutes * 60,
      });
    }

    const user = await this.repository.findUserByEmail(this.db, input.email.trim());
    const isPasswordValid =
      user?.password_hash && !user.disabled_at
        ? await verifyPassword(input.password, user.password_hash)
        : await verifyAgainstDummy(input.password);
    // A refused attempt keeps its reservation: it is the failure that counts.
    const refuse = (): never => {
      throw new AppError('unauthenticated', 'The e-mail or password is not correct.');
    };
    if (!user || !isPasswordValid) return refuse();

    if (user.totp_enabled_at && user.totp_secret) {
      if (!input.otp) {
        await this.repository.releaseLoginAttempts(this.db, reserved);
        throw new AppError('otp_required', 'Enter the one-time code from your authenticator app.');
      }
      if (!verifyTotp(user.totp_secret, input.otp, now)) return refuse();
    }
    const isSecondFactorPending = !user.totp_enabled_at && isSecondFactorRequired(this.config, user.roles);

    const token = generateToken();
    const csrfToken = generateToken();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    const principal = toPrincipal(user, sha256Hex(token), csrfToken, isSecondFactorPending);
    const signedIn = await this.db.transaction().execute(async (trx) => {
      if (input.previousToken) await this.repository.deleteSession(trx, sha256Hex(input.previousToken));
      await this.repository.releaseLoginAttempts(trx, reserved);
      await this.repository.clearLoginFailures(trx, accountKey);
      await this.repository.insertSession(trx, {
        id: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        second_factor_pending: isSecondFactorPending,
        ip: context.ip ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      });
      const updated = await this.repository.updateUser(trx, user.id, { last_login_at: now });
      await this.audit.record(
        trx,
        { ...context, principal },
        {
          action: 'session.signed_in',
          entityType: 'user',
          entityId: user.id,
          operatorId: user.operator_id,
          summary: { secondFactor: user.totp_enabled_at ? 'totp' : 'none' },
        },
      );
      return updated;
    });
    return { token, csrfToken, expiresAt, user: signedIn, principal };
  }

  async logout(context: RequestContext): Promise<void> {
    const principal = context.principal;
    if (principal?.kind !== 'user') return;
    await this.db.transaction().execute(async (trx) => {
      await this.repository.deleteSession(trx, principal.sessionId);
      await this.audit.record(trx, context, {
        action: 'session.signed_out',
        entityType: 'user',
        entityId: principal.userId,
        operatorId: principal.operatorId,
      });
    });
  }

  /** Resolves a session cookie; expired (idle or absolute) sessions and disabled users end here. */
  async authenticate(token: string, now: Date): Promise<UserPrincipal | undefined> {
    const sessionId = sha256Hex(token);
    const row = await this.repository.findSessionWithUser(this.db, sessionId);
    if (!row) return undefined;
    const idleLimit = row.last_seen_at.getTime() + this.config.session.idleMinutes * 60_000;
    if (row.disabled_at || now >= row.expires_at || now.getTime() >= idleLimit) {
      await this.repository.deleteSession(this.db, sessionId);
      return undefined;
    }
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
      await this.repository.touchSession(this.db, sessionId, now);
    }
    return toPrincipal(row, sessionId, row.csrf_token, row.second_factor_pending);
  }
}

function toPrincipal(
  user: UserIdentityRow & Pick<UserRow, 'id'>,
  sessionId: string,
  csrfToken: string,
  isPending: boolean,
): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    ...presentUserIdentity(user),
    sessionId,
    csrfToken,
    isSecondFactorPending: isPending,
  };
}
