import type { Trx } from '../../platform/database';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { ApplicationRow } from '../applications/applications.service';

/** An act on the case, in its audit trail (the application's, on its operator's record), in the act's transaction. */
export async function recordCaseEvent(
  audit: AuditService,
  trx: Trx,
  context: RequestContext,
  application: ApplicationRow,
  action: string,
  summary: Record<string, unknown>,
  onBehalfOfOperatorId: string | null = null,
): Promise<void> {
  await audit.record(trx, context, {
    action,
    entityType: 'application',
    entityId: application.id,
    operatorId: application.operator_id,
    onBehalfOfOperatorId,
    summary,
  });
}
