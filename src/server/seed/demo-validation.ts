import type { Services } from '../services';

/** Demo applications in each stage of validation and decision (filled in by the validation work, issue 6). */
export async function seedDemoValidation(_services: Services, _now: Date): Promise<void> {
  // Filled in by the validation work (issue 6).
}
