import { generateToken, sha256Hex } from '../../platform/crypto';
import type { Db } from '../../platform/database';
import { AppError, conflict, notFound } from '../../platform/errors';
import type { OperatorRight, RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { UsersService } from '../accounts/users.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { presentOperator, presentOperatorParticulars } from './organisations.presenters';
import { OrganisationsRepository } from './organisations.repository';
import type { OrganisationsService } from './organisations.service';
import { assertTaxpayerIdFree, operatorColumns, type OperatorInput } from './operator-rules';

const INVITATION_DAYS = 7;
const REGISTRATION_CONFIRM_HOURS = 48;

export type RegistrationInput = OperatorInput & {
  user: { name: string; email: string; password: string; language?: 'en' | 'ru' | undefined };
};

export interface RegistrationRequested {
  /** Where the confirmation link was sent (as typed). */
  email: string;
  expiresAt: string;
}

/** How people join an operator: public self-registration (confirmed by e-mail) and invitations by its managers. */
export class RegistrationsService {
  private readonly repository = new OrganisationsRepository();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    /** Links in e-mails point at this installation. */
    private readonly publicUrl: string,
    /** Who may act on an operator, and the operator's creation with its audit event. */
    private readonly operators: Pick<OrganisationsService, 'authorizeOperator' | 'createOperator'>,
  ) {}

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
    await assertTaxpayerIdFree(this.repository, this.db, country, input.taxpayerId.trim());
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
      const operator = await this.operators.createOperator(trx, context, presentOperatorParticulars(row));
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

  async invite(
    context: RequestContext,
    operatorId: string,
    input: { email: string; name: string; rights: OperatorRight[]; language?: 'en' | 'ru' | undefined },
  ) {
    await this.operators.authorizeOperator(context, operatorId, 'manage_users');
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
}
