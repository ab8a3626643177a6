import { ADMINS, CASE_STAFF, PUBLIC, SIGNED_IN, allow } from '../../platform/access-control';
import { idParamsSchema, routesFor, type ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import {
  acceptInvitationBodySchema,
  changeNotificationBodySchema,
  changeNotificationListResponseSchema,
  changeNotificationResponseSchema,
  delegationListResponseSchema,
  delegationResponseSchema,
  grantDelegationBodySchema,
  invitationResponseSchema,
  inviteBodySchema,
  officeBodySchema,
  officeListResponseSchema,
  officeResponseSchema,
  operatorParamsSchema,
  operatorResponseSchema,
  operatorUserListResponseSchema,
  operatorUserPatchSchema,
  operatorUserResponseSchema,
  registrationConfirmedSchema,
  tokenParamsSchema,
} from './organisations.schemas';
import { isSme } from '../../../programme-core';

// Office codes are reference data a single window or partner needs too.
const OFFICES_READERS = allow({
  scopes: ['register:read', 'declarations:write', 'declarations:read', 'mra:exchange'],
});

export function registerOrganisationsRoutes(app: ZodApp, services: Services): void {
  const organisations = services.organisations;
  const route = routesFor(app, 'organisations');
  const adminRoute = routesFor(app, 'admin');

  route.get(
    '/api/v1/offices',
    { access: OFFICES_READERS, response: { 200: officeListResponseSchema } },
    async () => ({
      items: await organisations.listOffices(),
    }),
  );

  adminRoute.post(
    '/api/v1/admin/offices',
    { access: ADMINS, body: officeBodySchema, response: { 201: officeResponseSchema } },
    async (request) => ({ office: await organisations.createOffice(request.context, request.body) }),
  );

  adminRoute.patch(
    '/api/v1/admin/offices/:id',
    {
      access: ADMINS,
      params: idParamsSchema,
      body: officeBodySchema.partial(),
      response: { 200: officeResponseSchema },
    },
    async (request) => ({
      office: await organisations.updateOffice(request.context, request.params.id, request.body),
    }),
  );

  route.get(
    '/api/v1/operators/:id',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: operatorResponseSchema } },
    async (request) => ({ operator: await organisations.getOperator(request.context, request.params.id) }),
  );

  route.get(
    '/api/v1/operators/:id/users',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: operatorUserListResponseSchema } },
    async (request) => ({ items: await organisations.listOperatorUsers(request.context, request.params.id) }),
  );

  route.patch(
    '/api/v1/operators/:id/users/:userId',
    {
      access: SIGNED_IN,
      params: operatorParamsSchema,
      body: operatorUserPatchSchema,
      response: { 200: operatorUserResponseSchema },
    },
    async ({ context, params, body }) => ({
      user: await organisations.setOperatorUserRights(context, params.id, params.userId, body),
    }),
  );

  route.post(
    '/api/v1/operators/:id/invitations',
    {
      access: SIGNED_IN,
      summary: 'Invite a colleague (the invitation link is e-mailed)',
      params: idParamsSchema,
      body: inviteBodySchema,
      response: { 201: invitationResponseSchema },
    },
    async (request) => {
      const { invitation } = await organisations.invite(request.context, request.params.id, request.body);
      return { invitation };
    },
  );

  route.post(
    '/api/v1/registrations/:token/confirm',
    {
      access: PUBLIC,
      summary: 'Confirm a self-registration with the e-mailed link: creates the operator and its first user',
      params: tokenParamsSchema,
      response: { 201: registrationConfirmedSchema },
    },
    async (request) => {
      const result = await organisations.confirmRegistration(request.context, request.params.token);
      const programme = await services.programme.getActive();
      const sme = isSme(programme.definition, result.operator);
      return { operator: { ...result.operator, isSme: sme }, user: result.user };
    },
  );

  route.post(
    '/api/v1/invitations/:token/accept',
    {
      access: PUBLIC,
      params: tokenParamsSchema,
      body: acceptInvitationBodySchema,
      response: { 201: operatorUserResponseSchema },
    },
    async ({ context, params, body }) => ({
      user: await organisations.acceptInvitation(context, params.token, body),
    }),
  );

  route.get(
    '/api/v1/operators/:id/delegations',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: delegationListResponseSchema } },
    async (request) => organisations.listDelegations(request.context, request.params.id),
  );

  route.post(
    '/api/v1/operators/:id/delegations',
    {
      access: SIGNED_IN,
      summary: 'Authorise a representative (e.g. a customs broker) to act for the operator',
      params: idParamsSchema,
      body: grantDelegationBodySchema,
      response: { 201: delegationResponseSchema },
    },
    async ({ context, params, body }) => ({
      delegation: await organisations.grantDelegation(context, params.id, body),
    }),
  );

  route.post(
    '/api/v1/delegations/:id/revoke',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: delegationResponseSchema } },
    async (request) => ({
      delegation: await organisations.revokeDelegation(request.context, request.params.id),
    }),
  );

  route.get(
    '/api/v1/operators/:id/change-notifications',
    { access: SIGNED_IN, params: idParamsSchema, response: { 200: changeNotificationListResponseSchema } },
    async (request) => ({
      items: await organisations.listChangeNotifications(request.context, request.params.id),
    }),
  );

  route.post(
    '/api/v1/operators/:id/change-notifications',
    {
      access: SIGNED_IN,
      summary: 'Notify customs of a change affecting the operator (needs the submit right)',
      params: idParamsSchema,
      body: changeNotificationBodySchema,
      response: { 201: changeNotificationResponseSchema },
    },
    async ({ context, params, body }) => ({
      changeNotification: await organisations.submitChangeNotification(context, params.id, body),
    }),
  );

  route.get(
    '/api/v1/change-notifications',
    { access: CASE_STAFF, response: { 200: changeNotificationListResponseSchema } },
    async (request) => ({ items: await organisations.listChangeNotifications(request.context, undefined) }),
  );
}
