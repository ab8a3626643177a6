import { ADMINS, allow } from '../../platform/access-control';
import { routesFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  auditEventPageResponseSchema,
  auditVerificationResponseSchema,
  checkpointSchema,
  listAuditEventsQuerySchema,
} from './audit.schemas';

export function registerAuditRoutes(app: ZodApp, services: Services): void {
  const route = routesFor(app, 'audit');

  route.get(
    '/api/v1/audit/events',
    {
      access: allow({ roles: ['admin', 'operator'] }),
      summary:
        'Audit events (admins: all; operator users: their own records, as their case timeline shows them)',
      querystring: listAuditEventsQuerySchema,
      response: { 200: auditEventPageResponseSchema },
    },
    async (request) => {
      const query = request.query;
      return services.audit.listEvents(request.context, {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to) : undefined,
      });
    },
  );

  route.get(
    '/api/v1/audit/verify',
    {
      access: ADMINS,
      summary: 'Recompute the audit hash chain and check it against its signed checkpoints',
      description:
        'Checks every checkpoint in the database (signature, transparency log, checkpoint file) and that the chain ' +
        "has an event at each checkpoint's size whose hash is the checkpoint's head, so a truncated tail or a " +
        're-hashed rewrite is found. `check` names what failed.',
      response: { 200: auditVerificationResponseSchema },
    },
    async () => services.auditAnchor.verify(),
  );

  route.post(
    '/api/v1/audit/checkpoints',
    {
      access: ADMINS,
      summary: 'Sign a checkpoint of the audit chain now (the scheduler signs one at least daily)',
      description:
        "The chain's size and head hash, signed with the trust key, stored, appended to the transparency log and " +
        'to the checkpoint file (AUDIT_CHECKPOINT_FILE).',
      response: { 201: checkpointSchema },
    },
    async (request) => services.auditAnchor.createCheckpoint(request.context),
  );
}
