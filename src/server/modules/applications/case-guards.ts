import { conflict, forbidden } from '../../platform/errors';
import {
  transitionApplication,
  type ApplicationAction,
  type ApplicationState,
} from '../../../vocabulary/application-lifecycle';
import type { ApplicationRow } from './applications.repository';

/**
 * The lifecycle's guards on a case, pure: a use case checks them first, after access and before any other work, so a
 * wrong state answers 409 whatever else is wrong with the request.
 */

/** Whether `side` may take `action` in the case's state now (403 for the wrong side, 409 for the wrong state). */
export function precheck(
  application: ApplicationRow,
  action: ApplicationAction,
  side: 'operator' | 'customs',
): void {
  const result = transitionApplication(application.status as ApplicationState, action, side);
  if (result.ok) return;
  if (result.reason === 'not_allowed_for_actor')
    throw forbidden('You cannot take this action on the application.');
  throw conflict(`An application that is ${application.status} cannot be given the action ${action}.`, {
    reason: 'wrong_state',
    status: application.status,
    action,
  });
}

/** Work that is not a lifecycle action (`what`, e.g. "Recording a finding") is done only in some states. */
export function assertState(
  application: ApplicationRow,
  states: readonly ApplicationState[],
  what: string,
): void {
  if (!states.includes(application.status as ApplicationState)) {
    throw conflict(`${what} is not possible while the application is ${application.status}.`, {
      reason: 'wrong_state',
      status: application.status,
    });
  }
}
