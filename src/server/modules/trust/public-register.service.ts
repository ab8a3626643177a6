import type { z } from 'zod';
import type { RequestContext } from '../../platform/request-context';
import type { TrustParts } from './trust-parts';
import { presentRegisterConsent, presentRegisterEntry } from './trust.presenters';
import type { RegisterFilter } from './trust.repository';
import type { RegisterConsentDto, registerSearchResultSchema } from './trust.schemas';

export type RegisterSearchResultDto = z.infer<typeof registerSearchResultSchema>;

/** The public register of AEOs that consented to publication, and that consent. */
export class PublicRegisterService {
  constructor(private readonly parts: Pick<TrustParts, 'db' | 'repository' | 'audit' | 'organisations'>) {}

  async searchRegister(now: Date, filter: RegisterFilter): Promise<RegisterSearchResultDto> {
    const { rows, total, isTotalCapped } = await this.parts.repository.searchRegister(this.parts.db, filter);
    return { total, isTotalCapped, items: rows.map((row) => presentRegisterEntry(row, now)) };
  }

  async getRegisterConsent(context: RequestContext, operatorId: string): Promise<RegisterConsentDto> {
    await this.parts.organisations.authorizeOperator(context, operatorId, 'view');
    return presentRegisterConsent(
      operatorId,
      await this.parts.repository.findConsent(this.parts.db, operatorId),
    );
  }

  /** Publication is the operator's choice: its account managers (or a representative with the right) set it. */
  async setRegisterConsent(
    context: RequestContext,
    operatorId: string,
    isPublished: boolean,
  ): Promise<RegisterConsentDto> {
    const access = await this.parts.organisations.authorizeOperator(context, operatorId, 'manage_users');
    await this.recordRegisterConsent(context, operatorId, isPublished, access.onBehalfOfOperatorId);
    return this.getRegisterConsent(context, operatorId);
  }

  /** Without an access check: for the demo seed and the operator-facing call above. */
  async recordRegisterConsent(
    context: RequestContext,
    operatorId: string,
    isPublished: boolean,
    onBehalfOfOperatorId: string | null = null,
  ): Promise<void> {
    await this.parts.db.transaction().execute(async (trx) => {
      await this.parts.repository.saveConsent(trx, {
        operator_id: operatorId,
        is_published: isPublished,
        updated_by: context.principal?.kind === 'user' ? context.principal.userId : null,
        updated_at: context.now,
      });
      await this.parts.audit.record(trx, context, {
        action: 'register.consent_changed',
        entityType: 'operator',
        entityId: operatorId,
        operatorId,
        onBehalfOfOperatorId,
        summary: { isPublished },
      });
    });
  }

  /** Demo data only: the demo holders agree to publication (a real operator decides for itself). */
  async publishDemoHolders(context: RequestContext): Promise<number> {
    const operatorIds = await this.parts.repository.listCertifiedOperatorsWithoutConsent(this.parts.db);
    for (const operatorId of operatorIds) await this.recordRegisterConsent(context, operatorId, true);
    return operatorIds.length;
  }
}
