import { systemContext } from '../platform/request-context';
import type { Services } from '../services';

/**
 * Certificates for every authorisation the validation demo granted, and consent to the public register for their
 * holders, so the whole chain (PDF, QR, verification, register, log) can be tried right after the first start.
 * Idempotent: a second run issues nothing and leaves consent as it is.
 */
export async function seedDemoTrust(services: Services, now: Date): Promise<{ issued: number }> {
  let issued = 0;
  for (;;) {
    const count = await services.trust.issuePendingCertificates(now, 100);
    issued += count;
    if (count < 100) break;
  }
  await services.trust.publishDemoHolders(systemContext(now, 'demo-seed'));
  await services.trust.refreshStatusListsIfDue(now);
  return { issued };
}
