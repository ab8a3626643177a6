import { PG_UNIQUE_VIOLATION, databaseErrorCode, type Db, type Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { OperatorRight, RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../accounts/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { DelegationsService } from './delegations.service';
import {
  assertTaxpayerIdFree,
  authorizeOperatorAccess,
  operatorColumns,
  type OperatorAccess,
  type OperatorInput,
} from './operator-rules';
import { today } from '../../../programme-core';
import {
  presentChangeNotification,
  presentMembership,
  presentOffice,
  presentOperator,
} from './organisations.presenters';
import type { MembershipDto } from './organisations.schemas';
import { OrganisationsRepository, type OfficeRow, type OperatorRow } from './organisations.repository';
import { RegistrationsService } from './registrations.service';

export type { OperatorAccess, OperatorInput } from './operator-rules';
export type { RegistrationInput, RegistrationRequested } from './registrations.service';

export interface OfficeInput {
  code: string;
  name: string;
  kind: 'headquarters' | 'local';
  parentId?: string | null | undefined;
  regions: string[];
}

export class OrganisationsService {
  private readonly repository = new OrganisationsRepository();
  private readonly registrations: RegistrationsService;
  private readonly delegations: DelegationsService;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    /** Links in e-mails point at this installation. */
    publicUrl: string,
  ) {
    this.registrations = new RegistrationsService(db, audit, users, notifications, publicUrl, this);
    this.delegations = new DelegationsService(db, audit, users, notifications, this);
  }

  /**
   * Object-level check for every operator record. A caller who may not even see the operator gets 404 — exactly
   * as for a record that does not exist — so nothing leaks; one who may see it but lacks the right gets 403.
   * Visible to: the operator's own users, representatives holding a grant in force, and customs.
   */
  authorizeOperator(
    context: RequestContext,
    operatorId: string,
    right: OperatorRight,
  ): Promise<OperatorAccess> {
    return authorizeOperatorAccess(this.db, this.repository, context, operatorId, right);
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
    await assertTaxpayerIdFree(this.repository, trx, columns.country, columns.taxpayer_id);
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

  requestRegistration(...args: Parameters<RegistrationsService['requestRegistration']>) {
    return this.registrations.requestRegistration(...args);
  }

  confirmRegistration(...args: Parameters<RegistrationsService['confirmRegistration']>) {
    return this.registrations.confirmRegistration(...args);
  }

  invite(...args: Parameters<RegistrationsService['invite']>) {
    return this.registrations.invite(...args);
  }

  acceptInvitation(...args: Parameters<RegistrationsService['acceptInvitation']>) {
    return this.registrations.acceptInvitation(...args);
  }

  listDelegations(...args: Parameters<DelegationsService['listDelegations']>) {
    return this.delegations.listDelegations(...args);
  }

  grantDelegation(...args: Parameters<DelegationsService['grantDelegation']>) {
    return this.delegations.grantDelegation(...args);
  }

  revokeDelegation(...args: Parameters<DelegationsService['revokeDelegation']>) {
    return this.delegations.revokeDelegation(...args);
  }

  async findOperatorByTaxpayerId(country: string, taxpayerId: string): Promise<OperatorRow | undefined> {
    return this.repository.findOperatorByTaxpayerId(this.db, country.toUpperCase(), taxpayerId);
  }

  /** For /me: the operator the user belongs to and those it may act for. */
  async describeMembership(operatorId: string | null, now: Date): Promise<MembershipDto> {
    if (!operatorId) return { operator: null, actingFor: [] };
    const [operator, principals] = await Promise.all([
      this.repository.findOperator(this.db, operatorId),
      this.repository.listPrincipalsOf(this.db, operatorId, today(now)),
    ]);
    return presentMembership(operator, principals);
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
