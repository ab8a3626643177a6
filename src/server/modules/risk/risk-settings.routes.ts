import { z } from 'zod';
import { RISK_ANALYSTS, allow } from '../../platform/access-control';
import {
  noContentResponse,
  readIfMatch,
  requireIfMatch,
  routeOptionsFor,
  type ZodApp,
} from '../../platform/http';
import type { Services } from '../../services';
import {
  budgetListSchema,
  officeParamsSchema,
  partyParamsSchema,
  policyBodySchema,
  profileBodySchema,
  profileParamsSchema,
  profileUpdateSchema,
  riskProfileListSchema,
  riskProfileSchema,
  ruleBodySchema,
  ruleHistorySchema,
  ruleParamsSchema,
  savedBudgetSchema,
  storedRuleSchema,
  trustedTraderBodySchema,
  trustedTraderImportSchema,
  trustedTraderListSchema,
  trustedTraderSchema,
} from './risk-settings.schemas';
import { DECLARATION_READER_ROLES, RISK_RULE_EDITOR_ROLES } from '../../../vocabulary/roles';

const RULE_EDITORS = allow({ roles: RISK_RULE_EDITOR_ROLES });
const TRADER_READERS = allow({ roles: DECLARATION_READER_ROLES, scopes: ['register:read'] });

const ruleRoute = routeOptionsFor('risk rules');
const budgetRoute = routeOptionsFor('risk budgets');
const traderRoute = routeOptionsFor('trusted traders');

export function registerRiskSettingsRoutes(app: ZodApp, services: Services): void {
  const settings = services.riskSettings;

  app.get(
    '/api/v1/risk/profiles',
    ruleRoute(RULE_EDITORS, {
      summary: 'Profiles with their rules and hit statistics (an agency sees its own)',
      response: { 200: riskProfileListSchema },
    }),
    async (request) => ({ items: await settings.listProfiles(request.context) }),
  );

  app.post(
    '/api/v1/risk/profiles',
    ruleRoute(RULE_EDITORS, {
      summary: 'Create a profile (owned by customs, or by the agency of its author)',
      body: profileBodySchema,
      response: { 201: riskProfileSchema },
    }),
    async (request, reply) =>
      reply.code(201).send(await settings.createProfile(request.context, request.body)),
  );

  app.put(
    '/api/v1/risk/profiles/:profileId',
    ruleRoute(RULE_EDITORS, {
      params: profileParamsSchema,
      body: profileUpdateSchema,
      response: { 200: riskProfileSchema },
    }),
    async (request) => settings.updateProfile(request.context, request.params.profileId, request.body),
  );

  app.post(
    '/api/v1/risk/profiles/:profileId/rules',
    ruleRoute(RULE_EDITORS, {
      summary: 'Add a rule (the engine’s rule format; its owner is the profile’s)',
      params: profileParamsSchema,
      body: ruleBodySchema,
      response: { 201: storedRuleSchema },
    }),
    async (request, reply) => {
      const rule = await settings.createRule(request.context, request.params.profileId, request.body);
      return reply.code(201).header('etag', `"${rule.version}"`).send(rule);
    },
  );

  app.get(
    '/api/v1/risk/rules/:id',
    ruleRoute(RULE_EDITORS, { params: ruleParamsSchema, response: { 200: storedRuleSchema } }),
    async (request, reply) => {
      const rule = await settings.getRule(request.context, request.params.id);
      return reply.header('etag', `"${rule.version}"`).send(rule);
    },
  );

  app.get(
    '/api/v1/risk/rules/:id/history',
    ruleRoute(RULE_EDITORS, {
      summary: 'The rule’s changes from the audit trail',
      params: ruleParamsSchema,
      response: { 200: ruleHistorySchema },
    }),
    async (request) => ({ items: await settings.ruleHistory(request.context, request.params.id) }),
  );

  app.put(
    '/api/v1/risk/rules/:id',
    ruleRoute(RULE_EDITORS, {
      summary: 'Replace a rule; If-Match with the version read is required',
      params: ruleParamsSchema,
      body: ruleBodySchema,
      response: { 200: storedRuleSchema },
    }),
    async (request, reply) => {
      const rule = await settings.updateRule(
        request.context,
        request.params.id,
        request.body,
        requireIfMatch(request.headers),
      );
      return reply.header('etag', `"${rule.version}"`).send(rule);
    },
  );

  app.delete(
    '/api/v1/risk/rules/:id',
    ruleRoute(RULE_EDITORS, {
      summary: 'Delete a rule; If-Match required',
      params: ruleParamsSchema,
      response: { 204: noContentResponse },
    }),
    async (request, reply) => {
      await settings.deleteRule(request.context, request.params.id, requireIfMatch(request.headers));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/risk/budgets',
    budgetRoute(RISK_ANALYSTS, {
      summary: 'Selection policies (channel budgets) per office; `*` is the default',
      response: { 200: budgetListSchema },
    }),
    async () => settings.listPolicies(),
  );

  app.put(
    '/api/v1/risk/budgets/:office',
    budgetRoute(RISK_ANALYSTS, {
      summary: 'Create an office’s budget, or replace it with If-Match = the version read',
      params: officeParamsSchema,
      body: policyBodySchema,
      response: { 200: savedBudgetSchema },
    }),
    async (request) =>
      settings.savePolicy(request.context, request.params.office, request.body, readIfMatch(request.headers)),
  );

  app.delete(
    '/api/v1/risk/budgets/:office',
    budgetRoute(RISK_ANALYSTS, { params: officeParamsSchema, response: { 204: noContentResponse } }),
    async (request, reply) => {
      await settings.deletePolicy(request.context, request.params.office);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/risk/trusted-traders',
    traderRoute(TRADER_READERS, {
      summary: 'The trusted-trader list the engine reads for AEO facilitation',
      querystring: z.object({
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: { 200: trustedTraderListSchema },
    }),
    async (request) => ({
      items: await settings.listTrustedTraders({ search: request.query.q, limit: request.query.limit }),
    }),
  );

  app.get(
    '/api/v1/risk/trusted-traders/:partyId',
    traderRoute(TRADER_READERS, {
      params: partyParamsSchema,
      response: { 200: trustedTraderSchema },
    }),
    async (request) => settings.getTrustedTrader(request.params.partyId),
  );

  app.put(
    '/api/v1/risk/trusted-traders/:partyId',
    traderRoute(RISK_ANALYSTS, {
      params: partyParamsSchema,
      body: trustedTraderBodySchema,
      response: { 200: trustedTraderSchema },
    }),
    async (request) => {
      await settings.upsertTrustedTraders(
        request.context,
        [{ ...request.body, partyId: request.params.partyId }],
        'api',
      );
      return settings.getTrustedTrader(request.params.partyId);
    },
  );

  app.delete(
    '/api/v1/risk/trusted-traders/:partyId',
    traderRoute(RISK_ANALYSTS, { params: partyParamsSchema, response: { 204: noContentResponse } }),
    async (request, reply) => {
      await settings.deleteTrustedTrader(request.context, request.params.partyId);
      return reply.code(204).send();
    },
  );

  void app.register(async (scope) => {
    // CSV bodies only here: every other route accepts JSON alone.
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    (scope as ZodApp).post(
      '/api/v1/risk/trusted-traders/import',
      traderRoute(RISK_ANALYSTS, {
        summary:
          'Import a CSV (header: party_id,status,authorisation_type,tier,source[,partner,legal_name,' +
          'inspection_factor,valid_until]); every row is checked before any is written',
        body: z.string().min(1).max(20_000_000),
        response: { 200: trustedTraderImportSchema },
      }),
      async (request) => ({
        imported: await settings.importTrustedTradersCsv(request.context, request.body),
      }),
    );
  });
}
