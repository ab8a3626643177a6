import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, hasChromium, launchBrowser, screenshot, signedInPage } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let server: ServerProcess;
let browser: Browser;

async function signIn(email: string): Promise<Page> {
  return (await signedInPage(browser, server, email, { viewport: { width: 1366, height: 900 } })).page;
}

describe.skipIf(!hasChromium)(`audit trail in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows an applicant its activity log without customs-internal events or officers, and an admin the anchored chain', async () => {
    // Kumys Foods: a case examined by the validator and signed off by a senior officer (the demo seed).
    const operator = await signIn('kumys@demo.openaeo.test');
    await operator.getByTestId('nav-operator-audit').click();
    const table = operator.getByRole('table', { name: 'Audit events' });
    await expect
      .poll(() => table.getByText('application.submit', { exact: true }).count())
      .toBeGreaterThan(0);
    const text = await table.innerText();
    expect(text).toContain('Customs');
    expect(text).not.toContain('validation.finding_recorded');
    expect(text).not.toMatch(/(validator|senior|manager)@demo\.openaeo\.test/);
    await screenshot(operator, 'audit-01-operator-activity-log');
    await operator.close();

    // The server signed a checkpoint at its first scheduler tick; verification checks the chain against it.
    const admin = await signIn('admin@demo.openaeo.test');
    await admin.getByTestId('nav-admin-audit').click();
    await admin.getByTestId('verify-audit-chain').click();
    await admin.getByText('The chain is intact').waitFor({ timeout: 30_000 });
    await admin.getByText(/Checked against the signed checkpoint of \d+ events/).waitFor();
    await screenshot(admin, 'audit-02-admin-verified');
    await admin.close();
  }, 180_000);
});
