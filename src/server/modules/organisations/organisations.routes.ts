import { ADMINS, CASE_STAFF, PUBLIC, SIGNED_IN, allow } from '../../platform/access-control';
import { idParamsSchema, routeOptionsFor, type ZodApp } from '../../platform/http';
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

const organisationRoute = routeOptionsFor('organisations');
const adminRoute = routeOptionsFor('admin');

export function registerOrganisationsRoutes(app: ZodApp, services: Services): void {
  const organisations = services.organisations;

  app.get(
    '/api/v1/offices',
    organisationRoute(OFFICES_READERS, { response: { 200: officeListResponseSchema } }),
    async () => ({ items: await organisations.listOffices() }),
  );

  app.post(
    '/api/v1/admin/offices',
    adminRoute(ADMINS, { body: officeBodySchema, response: { 201: officeResponseSchema } }),
    async (request, reply) =>
      reply.code(201).send({ office: await organisations.createOffice(request.context, request.body) }),
  );

  app.patch(
    '/api/v1/admin/offices/:id',
    adminRoute(ADMINS, {
      params: idParamsSchema,
      body: officeBodySchema.partial(),
      response: { 200: officeResponseSchema },
    }),
    async (request) => ({
      office: await organisations.updateOffice(request.context, request.params.id, request.body),
    }),
  );

  app.get(
    '/api/v1/operators/:id',
    organisationRoute(SIGNED_IN, { params: idParamsSchema, response: { 200: operatorResponseSchema } }),
    async (request) => ({ operator: await organisations.getOperator(request.context, request.params.id) }),
  );

  app.get(
    '/api/v1/operators/:id/users',
    organisationRoute(SIGNED_IN, {
      params: idParamsSchema,
      response: { 200: operatorUserListResponseSchema },
    }),
    async (request) => ({ items: await organisations.listOperatorUsers(request.context, request.params.id) }),
  );

  app.patch(
    '/api/v1/operators/:id/users/:userId',
    organisationRoute(SIGNED_IN, {
      params: operatorParamsSchema,
      body: operatorUserPatchSchema,
      response: { 200: operatorUserResponseSchema },
    }),
    async (request) => ({
      user: await organisations.setOperatorUserRights(
        request.context,
        request.params.id,
        request.params.userId,
        request.body,
      ),
    }),
  );

  app.post(
    '/api/v1/operators/:id/invitations',
    organisationRoute(SIGNED_IN, {
      summary: 'Invite a colleague (the invitation link is e-mailed)',
      params: idParamsSchema,
      body: inviteBodySchema,
      response: { 201: invitationResponseSchema },
    }),
    async (request, reply) => {
      const { invitation } = await organisations.invite(request.context, request.params.id, request.body);
      return reply.code(201).send({ invitation });
    },
  );

  app.post(
    '/api/v1/registrations/:token/confirm',
    organisationRoute(PUBLIC, {
      summary: 'Confirm a self-registration with the e-mailed link: creates the operator and its first user',
      params: tokenParamsSchema,
      response: { 201: registrationConfirmedSchema },
    }),
    async (request, reply) => {
      const result = await organisations.confirmRegistration(request.context, request.params.token);
      const programme = await services.programme.getActive();
      const sme = isSme(programme.definition, result.operator);
      return reply.code(201).send({ operator: { ...result.operator, isSme: sme }, user: result.user });
    },
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    organisationRoute(PUBLIC, {
      params: tokenParamsSchema,
      body: acceptInvitationBodySchema,
      response: { 201: operatorUserResponseSchema },
    }),
    async (request, reply) =>
      reply.code(201).send({
        user: await organisations.acceptInvitation(request.context, request.params.token, request.body),
      }),
  );

  app.get(
    '/api/v1/operators/:id/delegations',
    organisationRoute(SIGNED_IN, { params: idParamsSchema, response: { 200: delegationListResponseSchema } }),
    async (request) => organisations.listDelegations(request.context, request.params.id),
  );

  app.post(
    '/api/v1/operators/:id/delegations',
    organisationRoute(SIGNED_IN, {
      summary: 'Authorise a representative (e.g. a customs broker) to act for the operator',
      params: idParamsSchema,
      body: grantDelegationBodySchema,
      response: { 201: delegationResponseSchema },
    }),
    async (request, reply) =>
      reply.code(201).send({
        delegation: await organisations.grantDelegation(request.context, request.params.id, request.body),
      }),
  );

  app.post(
    '/api/v1/delegations/:id/revoke',
    organisationRoute(SIGNED_IN, { params: idParamsSchema, response: { 200: delegationResponseSchema } }),
    async (request) => ({
      delegation: await organisations.revokeDelegation(request.context, request.params.id),
    }),
  );

  app.get(
    '/api/v1/operators/:id/change-notifications',
    organisationRoute(SIGNED_IN, {
      params: idParamsSchema,
      response: { 200: changeNotificationListResponseSchema },
    }),
    async (request) => ({
      items: await organisations.listChangeNotifications(request.context, request.params.id),
    }),
  );

  app.post(
    '/api/v1/operators/:id/change-notifications',
    organisationRoute(SIGNED_IN, {
      summary: 'Notify customs of a change affecting the operator (needs the submit right)',
      params: idParamsSchema,
      body: changeNotificationBodySchema,
      response: { 201: changeNotificationResponseSchema },
    }),
    async (request, reply) =>
      reply.code(201).send({
        changeNotification: await organisations.submitChangeNotification(
          request.context,
          request.params.id,
          request.body,
        ),
      }),
  );

  app.get(
    '/api/v1/change-notifications',
    organisationRoute(CASE_STAFF, { response: { 200: changeNotificationListResponseSchema } }),
    async (request) => ({ items: await organisations.listChangeNotifications(request.context, undefined) }),
  );
}
