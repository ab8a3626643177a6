import { generateToken, sha256Hex } from '../../platform/crypto';
import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Db, type Trx } from '../../platform/database';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors';
import { hasRole, type OperatorRight, type RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../accounts/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import {
  presentChangeNotification,
  presentDelegation,
  presentOffice,
  presentOperator,
} from './organisations.presenters';
import './organisations-notification-templates';
import { OrganisationsRepository, type OfficeRow, type OperatorRow } from './organisations.repository';

const INVITATION_DAYS = 7;
const REGISTRATION_CONFIRM_HOURS = 48;

/** Which operator's record a caller may act on, and for whom it acts (a representative under delegation). */
export interface OperatorAccess {
  operatorId: string;
  /** Set when the caller acts for this operator under a delegation: audit events record both. */
  onBehalfOfOperatorId: string | null;
}

export interface OfficeInput {
  code: string;
  name: string;
  kind: 'headquarters' | 'local';
  parentId?: string | null | undefined;
  regions: string[];
}

export interface OperatorInput {
  legalName: string;
  taxpayerId: string;
  country: string;
  address: string;
  roles: string[];
  employees?: number | null | undefined;
  annualTurnover?: number | null | undefined;
}

export type RegistrationInput = OperatorInput & {
  user: { name: string; email: string; password: string; language?: 'en' | 'ru' | undefined };
};

export interface RegistrationRequested {
  /** Where the confirmation link was sent (as typed). */
  email: string;
  expiresAt: string;
}

/** Legal names compared as people type them: case, spacing, quotes and punctuation do not count. */
export function isSameLegalName(registered: string, typed: string): boolean {
  const normalise = (name: string) =>
    name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  const expected = normalise(registered);
  return expected.length > 0 && expected === normalise(typed);
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function missingRight(right: OperatorRight): string {
  return `You do not have the right to ${right === 'manage_users' ? 'manage users' : right} for this operator.`;
}

function hasOperatorRight(rights: readonly string[], right: OperatorRight): boolean {
  return right === 'view' ? rights.length > 0 : rights.includes(right);
}

export class OrganisationsService {
  private readonly repository = new OrganisationsRepository();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    /** Links in e-mails point at this installation. */
    private readonly publicUrl: string,
  ) {}

  /**
   * Object-level check for every operator record. A caller who may not even see the operator gets 404 — exactly
   * as for a record that does not exist — so nothing leaks; one who may see it but lacks the right gets 403.
   * Visible to: the operator's own users, representatives holding a grant in force, and customs.
   */
  async authorizeOperator(
    context: RequestContext,
    operatorId: string,
    right: OperatorRight,
  ): Promise<OperatorAccess> {
    const principal = context.principal;
    if (principal?.kind !== 'user') throw notFound('Operator');
    // Customs who work with companies; a risk analyst's work (rules, budgets, models) needs no company file.
    if (hasRole(principal, 'validator', 'aeo_manager', 'admin')) {
      if (!(await this.repository.findOperator(this.db, operatorId))) throw notFound('Operator');
      if (right !== 'view') throw forbidden('Customs users cannot act for an operator.');
      return { operatorId, onBehalfOfOperatorId: null };
    }
    if (!principal.operatorId) throw notFound('Operator');
    if (principal.operatorId === operatorId) {
      if (!hasOperatorRight(principal.operatorRights, right)) throw forbidden(missingRight(right));
      return { operatorId, onBehalfOfOperatorId: null };
    }
    const grants = await this.repository.activeDelegations(
      this.db,
      operatorId,
      principal.operatorId,
      today(context.now),
    );
    if (grants.length === 0) throw notFound('Operator');
    // A representative needs the right twice: granted by the principal, and held within its own firm.
    const isGranted =
      right !== 'manage_users' && grants.some((grant) => hasOperatorRight(grant.rights, right));
    if (!isGranted || !hasOperatorRight(principal.operatorRights, right))
      throw forbidden(missingRight(right));
    return { operatorId, onBehalfOfOperatorId: operatorId };
  }

  async listOffices() {
    return (await this.repository.listOffices(this.db)).map(presentOffice);
  }

  async findOfficeById(id: string, executor?: Trx): Promise<OfficeRow | undefined> {
    return this.repository.findOffice(executor ?? this.db, id);
  }

  async findOfficeByCode(code: string): Promise<OfficeRow | undefined> {
    return this.repository.findOfficeByCode(this.db, code);
  }

  async createOffice(context: RequestContext, input: OfficeInput) {
    try {
      return await this.db.transaction().execute(async (trx) => {
        await this.checkParent(trx, input.parentId ?? null, undefined);
        const row = await this.repository.insertOffice(trx, {
          code: input.code.trim(),
          name: input.name.trim(),
          kind: input.kind,
          parent_id: input.parentId ?? null,
          regions: input.regions,
        });
        await this.audit.record(trx, context, {
          action: 'office.created',
          entityType: 'office',
          entityId: row.id,
          summary: presentOffice(row),
        });
        return presentOffice(row);
      });
    } catch (error) {
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION)
        throw conflict('An office with this code exists.');
      throw error;
    }
  }

  async updateOffice(context: RequestContext, id: string, input: Partial<OfficeInput>) {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const existing = await this.repository.findOffice(trx, id);
        if (!existing) throw notFound('Office');
        if (input.parentId !== undefined) await this.checkParent(trx, input.parentId, id);
        const row = await this.repository.updateOffice(trx, id, {
          ...(input.code !== undefined ? { code: input.code.trim() } : {}),
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
          ...(input.regions !== undefined ? { regions: input.regions } : {}),
        });
        await this.audit.record(trx, context, {
          action: 'office.updated',
          entityType: 'office',
          entityId: id,
          summary: { before: presentOffice(existing), after: presentOffice(row) },
        });
        return presentOffice(row);
      });
    } catch (error) {
      if (databaseErrorCode(error) === PG_UNIQUE_VIOLATION)
        throw conflict('An office with this code exists.');
      throw error;
    }
  }

  private async checkParent(trx: Trx, parentId: string | null, selfId: string | undefined): Promise<void> {
    if (!parentId) return;
    if (parentId === selfId || !(await this.repository.findOffice(trx, parentId))) {
      throw validationError([{ path: 'parentId', message: 'The parent office does not exist.' }]);
    }
  }

  async createOperator(trx: Trx, context: RequestContext, input: OperatorInput): Promise<OperatorRow> {
    const columns = operatorColumns(input);
    await this.checkTaxpayerIdFree(trx, columns.country, columns.taxpayer_id);
    const row = await this.repository.insertOperator(trx, columns);
    await this.audit.record(trx, context, {
      action: 'operator.registered',
      entityType: 'operator',
      entityId: row.id,
      operatorId: row.id,
      summary: presentOperator(row),
    });
    return row;
  }

  async getOperator(context: RequestContext, id: string) {
    await this.authorizeOperator(context, id, 'view');
    const row = await this.repository.findOperator(this.db, id);
    if (!row) throw notFound('Operator');
    return presentOperator(row);
  }

  async getOperatorRow(id: string, executor?: Trx): Promise<OperatorRow> {
    const row = await this.repository.findOperator(executor ?? this.db, id);
    if (!row) throw notFound('Operator');
    return row;
  }

  /**
   * Jurisdiction: the local office whose regions appear in the operator's address takes the case; otherwise
   * headquarters does.
   */
  async routeToOffice(address: string): Promise<string | null> {
    const offices = await this.repository.listOffices(this.db);
    const lower = address.toLowerCase();
    const local = offices.find(
      (office) =>
        office.kind === 'local' && office.regions.some((region) => lower.includes(region.toLowerCase())),
    );
    return (local ?? offices.find((office) => office.kind === 'headquarters'))?.id ?? null;
  }

  /** AEO managers of an office (headquarters' when none), for deadlines that need someone to act. */
  async officeManagers(trx: Trx, officeId: string | null): Promise<string[]> {
    const local = officeId ? await this.users.recipients({ role: 'aeo_manager', officeId }, trx) : [];
    const managers = local.length > 0 ? local : await this.users.recipients({ role: 'aeo_manager' }, trx);
    return managers.map((user) => user.id);
  }

  /** The active officers of a partner agency (its consultations' recipients). */
  async agencyOfficerIds(trx: Trx, agency: string): Promise<string[]> {
    return (await this.users.recipients({ role: 'agency_officer', agency }, trx)).map((user) => user.id);
  }

  /** Partner agencies that can be consulted: those with an active agency officer. */
  listAgencies(): Promise<Array<{ agency: string; officers: number }>> {
    return this.users.listActiveAgencies();
  }

  async activeValidatorIds(): Promise<string[]> {
    return (await this.users.listActiveValidators()).map((user) => user.id);
  }

  async operatorUserIds(trx: Trx, operatorId: string): Promise<string[]> {
    const users = await this.users.listOperatorUsers(operatorId, trx);
    return users.filter((user) => !user.disabled).map((user) => user.id);
  }

  /**
   * Public self-registration, first step. The answer is the same whether or not the e-mail already has an account,
   * so it never tells who is registered: a new address is sent a link to confirm (nothing is created before), an
   * address with an account is told that someone tried to register with it.
   */
  async requestRegistration(
    context: RequestContext,
    input: RegistrationInput,
  ): Promise<RegistrationRequested> {
    const country = input.country.toUpperCase();
    const email = input.user.email.trim();
    // Checks that do not depend on the e-mail come first; the password is hashed on both paths alike.
    await this.checkTaxpayerIdFree(this.db, country, input.taxpayerId.trim());
    const passwordHash = await this.users.hashNewPassword(input.user.password, email, 'user.password');
    const existing = await this.users.findByEmail(email);
    const token = generateToken();
    const expiresAt = new Date(context.now.getTime() + REGISTRATION_CONFIRM_HOURS * 3_600_000);
    const params = {
      legalName: input.legalName.trim(),
      expiresDate: expiresAt.toISOString().slice(0, 10),
    };
    await this.db.transaction().execute(async (trx) => {
      if (existing) {
        await this.notifications.sendEmail(trx, context.now, {
          to: existing.email,
          language: existing.language,
          event: 'operator.registration_attempted',
          params: { ...params, link: `${this.publicUrl}/login` },
        });
        await this.audit.record(trx, context, {
          action: 'operator.registration_refused',
          entityType: 'user',
          entityId: existing.id,
          summary: { reason: 'email_registered', legalName: params.legalName, country },
        });
        return;
      }
      const row = await this.repository.insertRegistration(trx, {
        token_hash: sha256Hex(token),
        ...operatorColumns(input),
        email,
        user_name: input.user.name.trim(),
        language: input.user.language ?? 'en',
        password_hash: passwordHash,
        created_at: context.now,
        expires_at: expiresAt,
      });
      await this.notifications.sendEmail(trx, context.now, {
        to: email,
        language: input.user.language ?? 'en',
        event: 'operator.registration_confirm',
        params: { ...params, link: `${this.publicUrl}/register/confirm/${token}` },
      });
      await this.audit.record(trx, context, {
        action: 'operator.registration_requested',
        entityType: 'operator_registration',
        entityId: row.id,
        summary: { legalName: row.legal_name, taxpayerId: row.taxpayer_id, country, email },
      });
    });
    return { email, expiresAt: expiresAt.toISOString() };
  }

  /** Second step: the link from the e-mail creates the operator and its first user (account manager). */
  async confirmRegistration(context: RequestContext, token: string) {
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.findRegistrationByTokenHashForUpdate(trx, sha256Hex(token));
      if (!row || (!row.confirmed_at && row.expires_at <= context.now)) throw notFound('Registration');
      if (row.confirmed_at || !row.password_hash) {
        throw conflict('This registration is already confirmed: sign in with your e-mail and password.', {
          reason: 'already_confirmed',
        });
      }
      const operator = await this.createOperator(trx, context, {
        legalName: row.legal_name,
        taxpayerId: row.taxpayer_id,
        country: row.country,
        address: row.address,
        roles: row.roles,
        employees: row.employees,
        annualTurnover: row.annual_turnover === null ? null : Number(row.annual_turnover),
      });
      const user = await this.users.create(
        context,
        {
          email: row.email,
          name: row.user_name,
          passwordHash: row.password_hash,
          roles: ['operator'],
          operatorId: operator.id,
          language: row.language === 'ru' ? 'ru' : 'en',
        },
        trx,
      );
      await this.repository.markRegistrationConfirmed(trx, row.id, operator.id, context.now);
      await this.audit.record(trx, context, {
        action: 'operator.registration_confirmed',
        entityType: 'operator_registration',
        entityId: row.id,
        operatorId: operator.id,
        summary: { userId: user.id },
      });
      return { operator: presentOperator(operator), user };
    });
  }

  private async checkTaxpayerIdFree(db: Db | Trx, country: string, taxpayerId: string): Promise<void> {
    if (await this.repository.findOperatorByTaxpayerId(db, country, taxpayerId)) {
      throw conflict('An operator with this taxpayer id is already registered for this country.', {
        field: 'taxpayerId',
      });
    }
  }

  async findOperatorByTaxpayerId(country: string, taxpayerId: string): Promise<OperatorRow | undefined> {
    return this.repository.findOperatorByTaxpayerId(this.db, country.toUpperCase(), taxpayerId);
  }

  /** For /me: the operator the user belongs to and those it may act for. */
  async describeMembership(operatorId: string | null, now: Date) {
    if (!operatorId) return { operator: null, actingFor: [] };
    const [operator, principals] = await Promise.all([
      this.repository.findOperator(this.db, operatorId),
      this.repository.listPrincipalsOf(this.db, operatorId, today(now)),
    ]);
    return {
      operator: operator
        ? {
            id: operator.id,
            legalName: operator.legal_name,
            taxpayerId: operator.taxpayer_id,
            country: operator.country,
          }
        : null,
      actingFor: principals.map((row) => ({
        operatorId: row.principal_operator_id,
        legalName: row.legal_name,
        rights: row.rights as OperatorRight[],
        validUntil: row.valid_until,
      })),
    };
  }

  async listOperatorUsers(context: RequestContext, operatorId: string) {
    await this.authorizeOperator(context, operatorId, 'view');
    const users = await this.users.listOperatorUsers(operatorId);
    return users.map((user) => ({ user, rights: user.operatorRights }));
  }

  async setOperatorUserRights(
    context: RequestContext,
    operatorId: string,
    userId: string,
    input: { rights?: OperatorRight[] | undefined; disabled?: boolean | undefined },
  ) {
    const access = await this.authorizeOperator(context, operatorId, 'manage_users');
    return this.users.setOperatorRights(context, operatorId, userId, input, access.onBehalfOfOperatorId);
  }

  async invite(
    context: RequestContext,
    operatorId: string,
    input: { email: string; name: string; rights: OperatorRight[]; language?: 'en' | 'ru' | undefined },
  ) {
    await this.authorizeOperator(context, operatorId, 'manage_users');
    if (await this.users.findByEmail(input.email)) throw conflict('A user with this e-mail already exists.');
    const operator = await this.repository.findOperator(this.db, operatorId);
    if (!operator) throw notFound('Operator');
    const token = generateToken();
    const expiresAt = new Date(context.now.getTime() + INVITATION_DAYS * 86_400_000);
    const inviterId = context.principal?.kind === 'user' ? context.principal.userId : '';
    const inviterName = context.principal?.kind === 'user' ? context.principal.name : '';
    const invitation = await this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertInvitation(trx, {
        token_hash: sha256Hex(token),
        operator_id: operatorId,
        email: input.email.trim(),
        name: input.name.trim(),
        rights: [...new Set(input.rights)],
        invited_by: inviterId,
        expires_at: expiresAt,
      });
      await this.notifications.sendEmail(trx, context.now, {
        to: row.email,
        language: input.language ?? (context.principal?.kind === 'user' ? context.principal.language : 'en'),
        event: 'operator.invitation',
        params: {
          operatorName: operator.legal_name,
          inviterName,
          expiresDate: expiresAt.toISOString().slice(0, 10),
          link: `${this.publicUrl}/invitations/${token}`,
        },
      });
      await this.audit.record(trx, context, {
        action: 'operator_user.invited',
        entityType: 'invitation',
        entityId: row.id,
        operatorId,
        summary: { email: row.email, rights: row.rights, expiresAt },
      });
      return row;
    });
    return {
      invitation: { id: invitation.id, email: invitation.email, expiresAt: expiresAt.toISOString() },
      token,
    };
  }

  async acceptInvitation(context: RequestContext, token: string, input: { name: string; password: string }) {
    const invitation = await this.repository.findInvitationByTokenHash(this.db, sha256Hex(token));
    if (!invitation || invitation.accepted_at || invitation.expires_at <= context.now)
      throw notFound('Invitation');
    return this.db.transaction().execute(async (trx) => {
      const user = await this.users.create(
        context,
        {
          email: invitation.email,
          name: input.name,
          password: input.password,
          roles: ['operator'],
          operatorId: invitation.operator_id,
          operatorRights: invitation.rights as OperatorRight[],
        },
        trx,
      );
      if (!(await this.repository.markInvitationAccepted(trx, invitation.id, user.id, context.now))) {
        throw new AppError('conflict', 'The invitation has already been used.');
      }
      await this.audit.record(trx, context, {
        action: 'operator_user.invitation_accepted',
        entityType: 'invitation',
        entityId: invitation.id,
        operatorId: invitation.operator_id,
        summary: { userId: user.id },
      });
      return user;
    });
  }

  async listDelegations(context: RequestContext, operatorId: string) {
    await this.authorizeOperator(context, operatorId, 'view');
    const rows = await this.repository.listDelegations(this.db, operatorId);
    return {
      granted: rows.filter((row) => row.principal_operator_id === operatorId).map(presentDelegation),
      received: rows.filter((row) => row.delegate_operator_id === operatorId).map(presentDelegation),
    };
  }

  /** Only the principal's own account managers grant; a representative cannot pass its grant on. */
  async grantDelegation(
    context: RequestContext,
    operatorId: string,
    input: {
      delegateTaxpayerId: string;
      delegateLegalName: string;
      delegateCountry: string;
      rights: ('view' | 'prepare' | 'submit')[];
      validFrom: string;
      validUntil: string;
    },
  ) {
    await this.authorizeOperator(context, operatorId, 'manage_users');
    if (input.validUntil < input.validFrom) {
      throw validationError([
        { path: 'validUntil', message: 'The end date must not be before the start date.' },
      ]);
    }
    const delegate = await this.repository.findOperatorByTaxpayerId(
      this.db,
      input.delegateCountry.toUpperCase(),
      input.delegateTaxpayerId.trim(),
    );
    // An unknown taxpayer id and a known one under another name answer alike: the caller learns nothing it did
    // not type, and a mistyped id cannot hand rights to the wrong company.
    if (!delegate || !isSameLegalName(delegate.legal_name, input.delegateLegalName)) {
      const message = 'No registered operator has this taxpayer id and legal name.';
      throw validationError([
        { path: 'delegateTaxpayerId', message },
        { path: 'delegateLegalName', message },
      ]);
    }
    if (delegate.id === operatorId) {
      throw validationError([
        { path: 'delegateTaxpayerId', message: 'An operator cannot delegate to itself.' },
      ]);
    }
    const principal = await this.repository.findOperator(this.db, operatorId);
    if (!principal) throw notFound('Operator');
    const userId = context.principal?.kind === 'user' ? context.principal.userId : '';
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertDelegation(trx, {
        principal_operator_id: operatorId,
        delegate_operator_id: delegate.id,
        rights: [...new Set(input.rights)],
        valid_from: input.validFrom,
        valid_until: input.validUntil,
        created_by: userId,
      });
      const names = { principalName: principal.legal_name, delegateName: delegate.legal_name };
      await this.notifyBothSides(trx, context.now, 'delegation.granted', [operatorId, delegate.id], {
        ...names,
        rights: row.rights.join(', '),
        validFrom: row.valid_from,
        validUntil: row.valid_until,
      });
      await this.audit.record(trx, context, {
        action: 'delegation.granted',
        entityType: 'delegation',
        entityId: row.id,
        operatorId,
        summary: {
          delegateOperatorId: delegate.id,
          rights: row.rights,
          validFrom: row.valid_from,
          validUntil: row.valid_until,
        },
      });
      return presentDelegation({
        ...row,
        principal_name: principal.legal_name,
        delegate_name: delegate.legal_name,
      });
    });
  }

  /** Either side may end a delegation: the principal withdraws it, or the representative gives it up. */
  async revokeDelegation(context: RequestContext, delegationId: string) {
    const existing = await this.repository.findDelegation(this.db, delegationId);
    if (!existing) throw notFound('Delegation');
    const principal = context.principal;
    const isParty =
      principal?.kind === 'user' &&
      principal.operatorRights.includes('manage_users') &&
      (principal.operatorId === existing.principal_operator_id ||
        principal.operatorId === existing.delegate_operator_id);
    if (!isParty) throw notFound('Delegation');
    if (existing.revoked_at) throw conflict('The delegation is already revoked.');
    const [principalOperator, delegateOperator] = await Promise.all([
      this.repository.findOperator(this.db, existing.principal_operator_id),
      this.repository.findOperator(this.db, existing.delegate_operator_id),
    ]);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.revokeDelegation(trx, delegationId, principal.userId, context.now);
      const names = {
        principalName: principalOperator?.legal_name ?? '',
        delegateName: delegateOperator?.legal_name ?? '',
      };
      await this.notifyBothSides(
        trx,
        context.now,
        'delegation.revoked',
        [existing.principal_operator_id, existing.delegate_operator_id],
        names,
      );
      await this.audit.record(trx, context, {
        action: 'delegation.revoked',
        entityType: 'delegation',
        entityId: delegationId,
        operatorId: existing.principal_operator_id,
        summary: { delegateOperatorId: existing.delegate_operator_id },
      });
      return presentDelegation({
        ...row,
        principal_name: names.principalName,
        delegate_name: names.delegateName,
      });
    });
  }

  private async notifyBothSides(
    trx: Trx,
    now: Date,
    event: string,
    operatorIds: string[],
    params: Record<string, string>,
  ): Promise<void> {
    const managers: string[] = [];
    for (const operatorId of operatorIds) {
      const users = await this.users.listOperatorUsers(operatorId, trx);
      managers.push(
        ...users.filter((user) => user.operatorRights.includes('manage_users')).map((user) => user.id),
      );
    }
    await this.notifications.notify(trx, now, {
      recipients: { userIds: managers },
      event,
      params,
      link: '/organisation',
    });
  }

  /** An operator tells customs of a change that may affect its status (ownership, premises, activities…). */
  async submitChangeNotification(
    context: RequestContext,
    operatorId: string,
    input: { kind: string; description: string; effectiveDate: string },
  ) {
    const access = await this.authorizeOperator(context, operatorId, 'submit');
    const operator = await this.repository.findOperator(this.db, operatorId);
    if (!operator) throw notFound('Operator');
    const userId = context.principal?.kind === 'user' ? context.principal.userId : '';
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.insertChangeNotification(trx, {
        operator_id: operatorId,
        kind: input.kind,
        description: input.description.trim(),
        effective_date: input.effectiveDate,
        submitted_by: userId,
        submitted_at: context.now,
      });
      await this.notifications.notify(trx, context.now, {
        recipients: { role: 'aeo_manager' },
        event: 'change_notification.submitted',
        params: {
          operatorName: operator.legal_name,
          kind: row.kind,
          effectiveDate: row.effective_date,
          description: row.description,
        },
        link: '/change-notifications',
        entityType: 'change_notification',
        entityId: row.id,
      });
      await this.audit.record(trx, context, {
        action: 'change_notification.submitted',
        entityType: 'change_notification',
        entityId: row.id,
        operatorId,
        onBehalfOfOperatorId: access.onBehalfOfOperatorId,
        summary: { kind: row.kind, effectiveDate: row.effective_date },
      });
      return presentChangeNotification(row);
    });
  }

  async listChangeNotifications(context: RequestContext, operatorId: string | undefined) {
    if (operatorId) await this.authorizeOperator(context, operatorId, 'view');
    return (await this.repository.listChangeNotifications(this.db, operatorId)).map(
      presentChangeNotification,
    );
  }
}

/** The operator's columns from what a registration or an admin typed: trimmed, country upper-case, roles once. */
function operatorColumns(input: OperatorInput) {
  return {
    legal_name: input.legalName.trim(),
    taxpayer_id: input.taxpayerId.trim(),
    country: input.country.toUpperCase(),
    address: input.address.trim(),
    roles: [...new Set(input.roles)],
    employees: input.employees ?? null,
    annual_turnover:
      input.annualTurnover === undefined || input.annualTurnover === null
        ? null
        : String(input.annualTurnover),
  };
}
