import type { Db, Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../accounts/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { presentDelegation } from './organisations.presenters';
import { OrganisationsRepository } from './organisations.repository';
import type { OrganisationsService } from './organisations.service';

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

/** Representatives (e.g. customs brokers) authorised by an operator to act for it. */
export class DelegationsService {
  private readonly repository = new OrganisationsRepository();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    /** Who may act on an operator. */
    private readonly operators: Pick<OrganisationsService, 'authorizeOperator'>,
  ) {}

  async listDelegations(context: RequestContext, operatorId: string) {
    await this.operators.authorizeOperator(context, operatorId, 'view');
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
    await this.operators.authorizeOperator(context, operatorId, 'manage_users');
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
}
