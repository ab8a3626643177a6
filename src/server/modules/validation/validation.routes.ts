import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';

export function registerValidationRoutes(_app: ZodApp, _services: Services): void {
  // Filled in by the validation work (issue 6).
}
