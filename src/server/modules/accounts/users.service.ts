import { generateSecret, generateURI } from 'otplib';
import { requireUserId } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import {
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  databaseErrorCode,
  type Db,
  type Trx,
} from '../../platform/database';
import { AppError, conflict, notFound, validationError, type FieldError } from '../../platform/errors';
import {
  CUSTOMS_ROLES,
  OPERATOR_RIGHTS,
  type OperatorRight,
  type RequestContext,
  type Role,
} from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import { AccountsRepository, type UserRow } from './accounts.repository';
import { presentUser, presentValidator, type UserDto, type ValidatorDto } from './accounts.presenters';
import { hashPassword, verifyPassword } from './password-hasher';
import { checkPassword } from './password-policy';
import { isSecondFactorRequired, verifyTotp } from './sessions.service';

export type CreateUserInput = CreateUserFields &
  (
    | { password: string }
    /** Already vetted and hashed by `hashNewPassword` (a confirmed self-registration). */
    | { passwordHash: string }
  );

interface CreateUserFields {
  email: string;
  name: string;
  roles: Role[];
  officeId?: string | null | undefined;
  operatorId?: string | null | undefined;
  operatorRights?: OperatorRight[] | undefined;
  language?: 'en' | 'ru' | undefined;
  agency?: string | null | undefined;
}

export interface UpdateUserInput {
  name?: string | undefined;
  roles?: Role[] | undefined;
  officeId?: string | null | undefined;
  operatorId?: string | null | undefined;
  agency?: string | null | undefined;
  disabled?: boolean | undefined;
}

/** A user's shape must match its side: operator users belong to one operator, customs users to an office. */
function checkUserShape(
  roles: readonly Role[],
  officeId: string | null,
  operatorId: string | null,
  agency: string | null = null,
): FieldError[] {
  const errors: FieldError[] = [];
  const isAgencyOfficer = roles.includes('agency_officer');
  if (isAgencyOfficer && !agency)
    errors.push({ path: 'agency', message: 'A partner-agency officer needs the agency’s code.' });
  if (!isAgencyOfficer && agency)
    errors.push({ path: 'agency', message: 'Only partner-agency officers belong to an agency.' });
  const isOperator = roles.includes('operator');
  if (isOperator && roles.length > 1) {
    errors.push({ path: 'roles', message: 'An operator user cannot also hold a customs role.' });
  }
  if (isOperator && !operatorId)
    errors.push({ path: 'operatorId', message: 'An operator user needs an operator.' });
  if (!isOperator && operatorId) {
    errors.push({ path: 'operatorId', message: 'Only operator users belong to an operator.' });
  }
  const needsOffice = roles.some((role) => role !== 'admin' && CUSTOMS_ROLES.includes(role));
  if (needsOffice && !officeId)
    errors.push({ path: 'officeId', message: 'Customs officers belong to an office.' });
  if (isOperator && officeId)
    errors.push({ path: 'officeId', message: 'Operator users do not belong to an office.' });
  return errors;
}

export class UsersService {
  private readonly repository = new AccountsRepository();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly audit: AuditService,
  ) {}

  async list(filter: { query?: string; role?: string; limit: number; offset: number }) {
    const { items, total } = await this.repository.listUsers(this.db, filter);
    return { items: items.map(presentUser), total };
  }

  async get(id: string): Promise<UserDto> {
    const row = await this.repository.findUserById(this.db, id);
    if (!row) throw notFound('User');
    return presentUser(row);
  }

  async getRow(id: string): Promise<UserRow | undefined> {
    return this.repository.findUserById(this.db, id);
  }

  async findByEmail(email: string): Promise<UserDto | undefined> {
    const row = await this.repository.findUserByEmail(this.db, email);
    return row ? presentUser(row) : undefined;
  }

  /** Checks a new password against the policy and hashes it; `path` names the field in the 400. */
  async hashNewPassword(password: string, email: string, path = 'password'): Promise<string> {
    const problem = checkPassword(password, { email });
    if (problem) throw validationError([{ path, message: problem }]);
    return hashPassword(password);
  }

  /** Creates a user; used by admins, by operator registration and by accepted invitations. */
  async create(context: RequestContext, input: CreateUserInput, trx?: Trx) {
    const officeId = input.officeId ?? null;
    const operatorId = input.operatorId ?? null;
    const agency = input.agency ?? null;
    const errors = checkUserShape(input.roles, officeId, operatorId, agency);
    const passwordProblem =
      'password' in input ? checkPassword(input.password, { email: input.email }) : undefined;
    if (passwordProblem) errors.push({ path: 'password', message: passwordProblem });
    if (errors.length > 0) throw validationError(errors);
    const passwordHash = 'password' in input ? await hashPassword(input.password) : input.passwordHash;
    const run = async (tx: Trx) => {
      const row = await this.repository.insertUser(tx, {
        email: input.email.trim(),
        name: input.name.trim(),
        password_hash: passwordHash,
        roles: [...new Set(input.roles)],
        language: input.language ?? 'en',
        office_id: officeId,
        operator_id: operatorId,
        agency,
        operator_rights: input.roles.includes('operator')
          ? (input.operatorRights ?? [...OPERATOR_RIGHTS])
          : [],
      });
      await this.audit.record(tx, context, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        operatorId: row.operator_id,
        summary: {
          email: row.email,
          roles: row.roles,
          officeId,
          operatorId,
          agency,
          operatorRights: row.operator_rights,
        },
      });
      return presentUser(row);
    };
    try {
      return trx ? await run(trx) : await this.db.transaction().execute(run);
    } catch (error) {
      throw mapUserWriteError(error);
    }
  }

  async update(context: RequestContext, id: string, input: UpdateUserInput): Promise<UserDto> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const existing = await this.repository.findUserById(trx, id);
        if (!existing) throw notFound('User');
        const roles = input.roles ?? (existing.roles as Role[]);
        const officeId = input.officeId === undefined ? existing.office_id : input.officeId;
        const operatorId = input.operatorId === undefined ? existing.operator_id : input.operatorId;
        const agency = input.agency === undefined ? existing.agency : input.agency;
        const errors = checkUserShape(roles, officeId, operatorId, agency);
        if (errors.length > 0) throw validationError(errors);
        const isSelf = isCaller(context, id);
        if (isSelf && (input.disabled || (input.roles && !input.roles.includes('admin')))) {
          throw conflict('You cannot disable your own account or remove your own admin role.');
        }
        const disabledAt = disabledAtAfter(existing.disabled_at, input.disabled, context.now);
        const updated = await this.repository.updateUser(trx, id, {
          name: input.name?.trim() ?? existing.name,
          roles,
          office_id: officeId,
          operator_id: operatorId,
          agency,
          disabled_at: disabledAt,
        });
        // Disabling ends every session at once; a role change takes effect on the next request anyway.
        const endedSessions =
          disabledAt && !existing.disabled_at ? await this.repository.deleteSessionsOfUser(trx, id) : 0;
        await this.audit.record(trx, context, {
          action: disabledAt && !existing.disabled_at ? 'user.disabled' : 'user.updated',
          entityType: 'user',
          entityId: id,
          operatorId: updated.operator_id,
          summary: {
            before: summarise(existing),
            after: summarise(updated),
            ...(endedSessions ? { endedSessions } : {}),
          },
        });
        return presentUser(updated);
      });
    } catch (error) {
      throw mapUserWriteError(error);
    }
  }

  async updateProfile(
    context: RequestContext,
    input: { name?: string | undefined; language?: 'en' | 'ru' | undefined },
  ) {
    const userId = requireUserId(context);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.findUserById(trx, userId);
      if (!existing) throw notFound('User');
      const updated = await this.repository.updateUser(trx, userId, {
        name: input.name?.trim() ?? existing.name,
        language: input.language ?? existing.language,
      });
      await this.audit.record(trx, context, {
        action: 'user.profile_updated',
        entityType: 'user',
        entityId: userId,
        operatorId: updated.operator_id,
        summary: {
          before: { name: existing.name, language: existing.language },
          after: { name: updated.name, language: updated.language },
        },
      });
      return presentUser(updated);
    });
  }

  async changePassword(context: RequestContext, input: { currentPassword: string; newPassword: string }) {
    const userId = requireUserId(context);
    const existing = await this.repository.findUserById(this.db, userId);
    if (!existing?.password_hash) throw notFound('User');
    if (!(await verifyPassword(input.currentPassword, existing.password_hash))) {
      throw validationError([{ path: 'currentPassword', message: 'The current password is not correct.' }]);
    }
    const problem = checkPassword(input.newPassword, { email: existing.email });
    if (problem) throw validationError([{ path: 'newPassword', message: problem }]);
    const passwordHash = await hashPassword(input.newPassword);
    const sessionId = context.principal?.kind === 'user' ? context.principal.sessionId : undefined;
    await this.db.transaction().execute(async (trx) => {
      await this.repository.updateUser(trx, userId, {
        password_hash: passwordHash,
        password_changed_at: context.now,
      });
      const endedSessions = await this.repository.deleteSessionsOfUser(trx, userId, sessionId);
      await this.audit.record(trx, context, {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: userId,
        operatorId: existing.operator_id,
        summary: { endedOtherSessions: endedSessions },
      });
    });
  }

  /** Starts second-factor enrolment: a new secret, confirmed with a code before it is enforced. */
  async startTotpEnrolment(context: RequestContext): Promise<{ secret: string; otpauthUri: string }> {
    const userId = requireUserId(context);
    const existing = await this.repository.findUserById(this.db, userId);
    if (!existing) throw notFound('User');
    if (existing.totp_enabled_at) throw conflict('Two-factor authentication is already enabled.');
    const secret = generateSecret();
    await this.repository.updateUser(this.db, userId, { totp_secret: secret });
    return { secret, otpauthUri: generateURI({ issuer: 'OpenAEO', label: existing.email, secret }) };
  }

  async confirmTotp(context: RequestContext, otp: string): Promise<UserDto> {
    const userId = requireUserId(context);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.findUserById(trx, userId);
      if (!existing) throw notFound('User');
      if (existing.totp_enabled_at) throw conflict('Two-factor authentication is already enabled.');
      if (!existing.totp_secret) throw conflict('Start the set-up first.');
      assertOtpCorrect(existing.totp_secret, otp, context.now);
      const updated = await this.repository.updateUser(trx, userId, { totp_enabled_at: context.now });
      await this.repository.clearSecondFactorPending(trx, userId);
      return this.recordSecondFactorChange(trx, context, updated, 'user.totp_enabled');
    });
  }

  async disableTotp(context: RequestContext, otp: string): Promise<UserDto> {
    const userId = requireUserId(context);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.findUserById(trx, userId);
      if (!existing?.totp_enabled_at || !existing.totp_secret)
        throw conflict('Two-factor authentication is not enabled.');
      if (isSecondFactorRequired(this.config, existing.roles)) {
        throw new AppError('forbidden', 'Your role must keep two-factor authentication.');
      }
      assertOtpCorrect(existing.totp_secret, otp, context.now);
      const updated = await this.repository.updateUser(trx, userId, {
        totp_enabled_at: null,
        totp_secret: null,
      });
      return this.recordSecondFactorChange(trx, context, updated, 'user.totp_disabled');
    });
  }

  private async recordSecondFactorChange(
    trx: Trx,
    context: RequestContext,
    user: UserRow,
    action: 'user.totp_enabled' | 'user.totp_disabled',
  ): Promise<UserDto> {
    await this.audit.record(trx, context, {
      action,
      entityType: 'user',
      entityId: user.id,
      operatorId: user.operator_id,
    });
    return presentUser(user);
  }

  /** Operator account managers set what a colleague may do (view, prepare, submit, manage users). */
  async setOperatorRights(
    context: RequestContext,
    operatorId: string,
    userId: string,
    input: { rights?: OperatorRight[] | undefined; disabled?: boolean | undefined },
    onBehalfOfOperatorId: string | null,
  ): Promise<UserDto> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.findUserById(trx, userId);
      if (!existing || existing.operator_id !== operatorId) throw notFound('User');
      const isSelf = isCaller(context, userId);
      if (isSelf && (input.disabled || (input.rights && !input.rights.includes('manage_users')))) {
        throw conflict('You cannot disable yourself or remove your own right to manage users.');
      }
      const disabledAt = disabledAtAfter(existing.disabled_at, input.disabled, context.now);
      const updated = await this.repository.updateUser(trx, userId, {
        operator_rights: input.rights ? [...new Set(input.rights)] : existing.operator_rights,
        disabled_at: disabledAt,
      });
      if (disabledAt && !existing.disabled_at) await this.repository.deleteSessionsOfUser(trx, userId);
      await this.audit.record(trx, context, {
        action: 'operator_user.updated',
        entityType: 'user',
        entityId: userId,
        operatorId,
        onBehalfOfOperatorId,
        summary: {
          before: { rights: existing.operator_rights, disabled: existing.disabled_at !== null },
          after: { rights: updated.operator_rights, disabled: updated.disabled_at !== null },
        },
      });
      return presentUser(updated);
    });
  }

  /** `trx` when called inside a transaction: PGlite has one connection, so a second one would wait forever. */
  listOperatorUsers(operatorId: string, trx?: Trx) {
    return this.repository
      .listUsers(trx ?? this.db, { operatorId, limit: 500, offset: 0 })
      .then(({ items }) => items.map(presentUser));
  }

  async listActiveValidators(): Promise<ValidatorDto[]> {
    const rows = await this.repository.listActiveUsersWithRole(this.db, 'validator');
    return rows.map(presentValidator);
  }

  /** Recipients for notifications: users by id, or every active user holding a role (in an office, an agency). */
  async recipients(
    query: { userIds?: string[]; role?: string; officeId?: string | null; agency?: string | null },
    trx?: Trx,
  ): Promise<UserRow[]> {
    if (query.userIds) return this.repository.listUsersByIds(trx ?? this.db, query.userIds);
    if (query.role)
      return this.repository.listActiveUsersWithRole(
        trx ?? this.db,
        query.role,
        query.officeId,
        query.agency,
      );
    return [];
  }

  /** Partner agencies that have an active agency officer, with how many. */
  listActiveAgencies(): Promise<Array<{ agency: string; officers: number }>> {
    return this.repository.listActiveAgencies(this.db);
  }
}

function summarise(row: UserRow) {
  return {
    name: row.name,
    roles: row.roles,
    officeId: row.office_id,
    operatorId: row.operator_id,
    agency: row.agency,
    disabled: row.disabled_at !== null,
  };
}

/** A second-factor change is confirmed with a code from the authenticator the user holds. */
function assertOtpCorrect(secret: string, otp: string, now: Date): void {
  if (!verifyTotp(secret, otp, now))
    throw validationError([{ path: 'otp', message: 'The code is not correct.' }]);
}

/** Whether the signed-in caller is this user: nobody may lock themselves out. */
function isCaller(context: RequestContext, userId: string): boolean {
  return context.principal?.kind === 'user' && context.principal.userId === userId;
}

/** An unchanged flag keeps the account as it is; disabling it again keeps the moment it was first disabled. */
function disabledAtAfter(disabledAt: Date | null, isDisabled: boolean | undefined, now: Date): Date | null {
  if (isDisabled === undefined) return disabledAt;
  return isDisabled ? (disabledAt ?? now) : null;
}

function mapUserWriteError(error: unknown): unknown {
  const code = databaseErrorCode(error);
  if (code === PG_UNIQUE_VIOLATION)
    return conflict('A user with this e-mail already exists.', { field: 'email' });
  if (code === PG_FOREIGN_KEY_VIOLATION) {
    return validationError([{ path: 'officeId', message: 'The office or operator does not exist.' }]);
  }
  return error;
}
