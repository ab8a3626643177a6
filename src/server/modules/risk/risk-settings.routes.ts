import { z } from 'zod';
import { RISK_ANALYSTS, allow } from '../../platform/access-control';
import { noContentResponse, readIfMatch, requireIfMatch, routesFor, type ZodApp } from '../../platform/http';
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

/** Answers a rule with its version as the ETag, which the next change sends back as If-Match. */
function withVersionTag<Rule extends { version: number }>(
  reply: { header(name: string, value: string): unknown },
  rule: Rule,
): Rule {
  reply.header('etag', `"${rule.version}"`);
  return rule;
}

export function registerRiskSettingsRoutes(app: ZodApp, services: Services): void {
  const settings = services.riskSettings;
  const ruleRoute = routesFor(app, 'risk rules');
  const budgetRoute = routesFor(app, 'risk budgets');
  const traderRoute = routesFor(app, 'trusted traders');

  ruleRoute.get(
    '/api/v1/risk/profiles',
    {
      access: RULE_EDITORS,
      summary: 'Profiles with their rules and hit statistics (an agency sees its own)',
      response: { 200: riskProfileListSchema },
    },
    async ({ context }) => ({ items: await settings.listProfiles(context) }),
  );

  ruleRoute.post(
    '/api/v1/risk/profiles',
    {
      access: RULE_EDITORS,
      summary: 'Create a profile (owned by customs, or by the agency of its author)',
      body: profileBodySchema,
      response: { 201: riskProfileSchema },
    },
    async ({ context, body }) => settings.createProfile(context, body),
  );

  ruleRoute.put(
    '/api/v1/risk/profiles/:profileId',
    {
      access: RULE_EDITORS,
      params: profileParamsSchema,
      body: profileUpdateSchema,
      response: { 200: riskProfileSchema },
    },
    async ({ context, params, body }) => settings.updateProfile(context, params.profileId, body),
  );

  ruleRoute.post(
    '/api/v1/risk/profiles/:profileId/rules',
    {
      access: RULE_EDITORS,
      summary: 'Add a rule (the engine’s rule format; its owner is the profile’s)',
      params: profileParamsSchema,
      body: ruleBodySchema,
      response: { 201: storedRuleSchema },
    },
    async ({ context, params, body }, reply) =>
      withVersionTag(reply, await settings.createRule(context, params.profileId, body)),
  );

  ruleRoute.get(
    '/api/v1/risk/rules/:id',
    { access: RULE_EDITORS, params: ruleParamsSchema, response: { 200: storedRuleSchema } },
    async ({ context, params }, reply) => withVersionTag(reply, await settings.getRule(context, params.id)),
  );

  ruleRoute.get(
    '/api/v1/risk/rules/:id/history',
    {
      access: RULE_EDITORS,
      summary: 'The rule’s changes from the audit trail',
      params: ruleParamsSchema,
      response: { 200: ruleHistorySchema },
    },
    async ({ context, params }) => ({ items: await settings.ruleHistory(context, params.id) }),
  );

  ruleRoute.put(
    '/api/v1/risk/rules/:id',
    {
      access: RULE_EDITORS,
      summary: 'Replace a rule; If-Match with the version read is required',
      params: ruleParamsSchema,
      body: ruleBodySchema,
      response: { 200: storedRuleSchema },
    },
    async ({ context, params, body, headers }, reply) =>
      withVersionTag(reply, await settings.updateRule(context, params.id, body, requireIfMatch(headers))),
  );

  ruleRoute.delete(
    '/api/v1/risk/rules/:id',
    {
      access: RULE_EDITORS,
      summary: 'Delete a rule; If-Match required',
      params: ruleParamsSchema,
      response: { 204: noContentResponse },
    },
    async ({ context, params, headers }) => settings.deleteRule(context, params.id, requireIfMatch(headers)),
  );

  budgetRoute.get(
    '/api/v1/risk/budgets',
    {
      access: RISK_ANALYSTS,
      summary: 'Selection policies (channel budgets) per office; `*` is the default',
      response: { 200: budgetListSchema },
    },
    async () => settings.listPolicies(),
  );

  budgetRoute.put(
    '/api/v1/risk/budgets/:office',
    {
      access: RISK_ANALYSTS,
      summary: 'Create an office’s budget, or replace it with If-Match = the version read',
      params: officeParamsSchema,
      body: policyBodySchema,
      response: { 200: savedBudgetSchema },
    },
    async ({ context, params, body, headers }) =>
      settings.savePolicy(context, params.office, body, readIfMatch(headers)),
  );

  budgetRoute.delete(
    '/api/v1/risk/budgets/:office',
    { access: RISK_ANALYSTS, params: officeParamsSchema, response: { 204: noContentResponse } },
    async ({ context, params }) => settings.deletePolicy(context, params.office),
  );

  traderRoute.get(
    '/api/v1/risk/trusted-traders',
    {
      access: TRADER_READERS,
      summary: 'The trusted-trader list the engine reads for AEO facilitation',
      querystring: z.object({
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: { 200: trustedTraderListSchema },
    },
    async ({ query }) => ({
      items: await settings.listTrustedTraders({ search: query.q, limit: query.limit }),
    }),
  );

  traderRoute.get(
    '/api/v1/risk/trusted-traders/:partyId',
    { access: TRADER_READERS, params: partyParamsSchema, response: { 200: trustedTraderSchema } },
    async ({ params }) => settings.getTrustedTrader(params.partyId),
  );

  traderRoute.put(
    '/api/v1/risk/trusted-traders/:partyId',
    {
      access: RISK_ANALYSTS,
      params: partyParamsSchema,
      body: trustedTraderBodySchema,
      response: { 200: trustedTraderSchema },
    },
    async ({ context, params, body }) => {
      await settings.upsertTrustedTraders(context, [{ ...body, partyId: params.partyId }], 'api');
      return settings.getTrustedTrader(params.partyId);
    },
  );

  traderRoute.delete(
    '/api/v1/risk/trusted-traders/:partyId',
    { access: RISK_ANALYSTS, params: partyParamsSchema, response: { 204: noContentResponse } },
    async ({ context, params }) => settings.deleteTrustedTrader(context, params.partyId),
  );

  void app.register(async (scope) => {
    // CSV bodies only here: every other route accepts JSON alone.
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    routesFor(scope as ZodApp, 'trusted traders').post(
      '/api/v1/risk/trusted-traders/import',
      {
        access: RISK_ANALYSTS,
        summary:
          'Import a CSV (header: party_id,status,authorisation_type,tier,source[,partner,legal_name,' +
          'inspection_factor,valid_until]); every row is checked before any is written',
        body: z.string().min(1).max(20_000_000),
        response: { 200: trustedTraderImportSchema },
      },
      async ({ context, body }) => ({ imported: await settings.importTrustedTradersCsv(context, body) }),
    );
  });
}
