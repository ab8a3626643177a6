import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  browserSkipReason,
  expectStatus,
  hasChromium,
  launchBrowser,
  pickOption,
  post,
  screenshot,
  signedInPage,
} from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const VALIDATOR = 'validator@demo.openaeo.test';
const SENIOR = 'senior@demo.openaeo.test';
const MANAGER = 'manager@demo.openaeo.test';
const LOGISTICS = 'logistics@demo.openaeo.test';
const KUMYS = 'kumys@demo.openaeo.test';
const ADMIN = 'admin@demo.openaeo.test';

let server: ServerProcess;
let browser: Browser;

describe.skipIf(!hasChromium)(`validation and decision in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a validator reviews an SME case, a senior officer signs off, a manager grants, the operator reads the letter', async () => {
    // Setup through the API: Altyn Logistics' submitted application is accepted by the validator and assigned to them.
    const operator = await apiSession(browser, server, LOGISTICS);
    const mine = (await (await operator.context.request.get(`${server.url}/api/v1/applications`)).json()) as {
      items: { id: string; reference: string; status: string }[];
    };
    const application = mine.items.find((item) => item.status === 'submitted');
    expect(application, JSON.stringify(mine.items)).toBeTruthy();
    const id = application!.id;
    const validatorApi = await apiSession(browser, server, VALIDATOR);
    await post(server, validatorApi.context.request, validatorApi.me, `/applications/${id}/acceptance`, {
      outcome: 'accepted',
    });
    const managerApi = await apiSession(browser, server, MANAGER);
    await post(server, managerApi.context.request, managerApi.me, `/applications/${id}/assignment`, {
      validatorId: validatorApi.me.user.id,
    });
    await Promise.all([operator.context.close(), validatorApi.context.close(), managerApi.context.close()]);

    // 1. The validator finds the case in their workspace.
    const validator = await signedInPage(browser, server, VALIDATOR);
    let page = validator.page;
    await page.getByTestId('nav-validation').click();
    const row = page.locator(
      `[data-testid="validation-case-row"][data-reference="${application!.reference}"]`,
    );
    await row.waitFor();
    await screenshot(page, 'validation-01-workspace');
    await row.getByRole('link').click();
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('validation-clock').waitFor();

    // 2. Desk review: one finding with a shared note, then the rest satisfactory.
    await page.getByTestId('start-review').click();
    await expectStatus(page, 'desk_review');
    const first = page.getByTestId('review-item').first();
    await first.getByTestId('finding-select').click();
    await page.getByRole('listbox').getByRole('option', { name: 'Satisfactory', exact: true }).click();
    await first.getByTestId('finding-visibility').getByText('Shared with the company').click();
    await first.getByTestId('finding-note').fill('Customs records seen and consistent with the answer.');
    await first.getByTestId('finding-save').click();
    await expect.poll(() => first.getByText('Satisfactory', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByTestId('mark-remaining-satisfactory').click();
    await page.getByTestId('mark-remaining-satisfactory').waitFor({ state: 'detached' });
    await page.getByTestId('criteria-summary').waitFor();
    await screenshot(page, 'validation-02-desk-review');

    // 3. Risk map: one catalogue risk, shown on the heat map.
    await page.getByTestId('tab-risks').click();
    await page.getByTestId('risk-add-form').waitFor();
    await page.getByTestId('risk-catalogue-select').click();
    await page.getByRole('listbox').getByRole('option').first().click();
    await pickOption(page, 'risk-likelihood', '4');
    await pickOption(page, 'risk-impact', '3');
    await page.getByTestId('risk-controls').fill('Access control at the warehouse gate.');
    await page.getByTestId('risk-add').click();
    await page.getByTestId('risk-entry').first().waitFor();
    await expect.poll(() => page.getByTestId('heat-map').getAttribute('data-entries')).toBe('1');
    await expect.poll(() => page.locator('[data-testid="heat-cell"]:not([data-count="0"])').count()).toBe(1);
    await screenshot(page, 'validation-03-risk-map');

    // 4. On-site checklist generated from the risk map and the desk review, one observation recorded.
    await page.getByTestId('tab-onsite').click();
    await page.getByTestId('checklist-generate').click();
    const item = page.getByTestId('checklist-item').first();
    await item.waitFor();
    await item.getByTestId('checklist-result').getByText('OK', { exact: true }).click();
    await item.getByTestId('checklist-observation').fill('Gate log checked for the last month.');
    await item.getByTestId('checklist-save').click();
    await expect
      .poll(() => page.getByTestId('checklist-item').first().getAttribute('data-result'))
      .toBe('ok');
    await screenshot(page, 'validation-04-checklist');

    // 5. The report, recommending the grant, then sent for sign-off.
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-generate').click();
    await page.getByTestId('report-content').waitFor();
    await expectStatus(page, 'report_issued');
    await screenshot(page, 'validation-05-report');
    await page.getByTestId('sign-off-request').click();
    await expectStatus(page, 'awaiting_sign_off');
    await validator.context.close();

    // 6. The senior officer signs the report off.
    const senior = await signedInPage(browser, server, SENIOR);
    page = senior.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await page.getByTestId('sign-off-approve').click();
    await expectStatus(page, 'ready_for_decision');
    await screenshot(page, 'validation-06-signed-off');
    await senior.context.close();

    // 7. The AEO manager grants the status with the proposed tier.
    const manager = await signedInPage(browser, server, MANAGER);
    page = manager.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await page.getByTestId('grant-card').waitFor();
    await screenshot(page, 'validation-07-grant');
    await page.getByTestId('grant-confirm').click();
    await expectStatus(page, 'granted');
    await page.locator('[data-testid="decision"][data-outcome="granted"]').waitFor();
    await screenshot(page, 'validation-08-granted');
    await manager.context.close();

    // 8. The operator sees the decision and downloads its letter.
    const applicant = await signedInPage(browser, server, LOGISTICS);
    page = applicant.page;
    await page.goto(`${server.url}/applications/${id}`);
    await page.locator('[data-testid="operator-decision"][data-outcome="granted"]').waitFor();
    const letter = page.getByTestId('document-download').first();
    await letter.waitFor();
    const href = await letter.getAttribute('href');
    expect(href).toBeTruthy();
    const download = await page.request.get(`${server.url}${href!}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/pdf');
    await screenshot(page, 'validation-09-operator-decision');
    await applicant.context.close();
  }, 300_000);

  it('rejection after hearing the company, an appeal, four eyes refusing the decider, reversal by headquarters', async () => {
    const operator = await apiSession(browser, server, KUMYS);
    const mine = (await (await operator.context.request.get(`${server.url}/api/v1/applications`)).json()) as {
      items: { id: string; reference: string; status: string }[];
    };
    await operator.context.close();
    const application = mine.items.find((item) => item.status === 'ready_for_decision');
    expect(application, JSON.stringify(mine.items)).toBeTruthy();
    const id = application!.id;

    // 1. The manager notifies the intended rejection (right to be heard).
    const manager = await signedInPage(browser, server, MANAGER);
    let page = manager.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await page
      .getByTestId('notice-reasons')
      .fill('The security plan for the Almaty warehouse is not in place.');
    await page.getByTestId('notice-issue').click();
    await expectStatus(page, 'right_to_be_heard');
    await page.getByTestId('notice').waitFor();
    await screenshot(page, 'validation-10-notice');

    // 2. The company replies to the notice on its case page.
    const kumys = await signedInPage(browser, server, KUMYS);
    page = kumys.page;
    await page.goto(`${server.url}/applications/${id}`);
    await page.getByTestId('operator-notice').waitFor();
    await page
      .getByTestId('notice-reply')
      .fill('The plan was adopted last week; we attach it to our appeal if needed.');
    await page.getByTestId('notice-reply-send').click();
    await expect
      .poll(() => page.getByTestId('application-status').first().getAttribute('data-status'))
      .toBe('notice_answered');
    await screenshot(page, 'validation-11-notice-answered');

    // 3. The manager rejects, stating grounds and the rules relied on.
    page = manager.page;
    await page.reload();
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await page
      .getByTestId('reject-grounds')
      .fill('Security requirements (SAFE condition) not met at the time of the decision.');
    await page.getByTestId('reject-rules').fill('Programme rules, security and safety criterion');
    await page.getByTestId('reject-confirm').click();
    await expectStatus(page, 'rejected');
    await page.locator('[data-testid="decision"][data-outcome="rejected"]').waitFor();
    await screenshot(page, 'validation-12-rejected');

    // 4. The company appeals within the deadline.
    page = kumys.page;
    await page.reload();
    await page.locator('[data-testid="operator-decision"][data-outcome="rejected"]').waitFor();
    await page.getByTestId('appeal-grounds').fill('The security plan was in place before the decision');
    await page
      .getByTestId('appeal-body')
      .fill('The plan was adopted and the gate controls were installed; see our reply to the notice.');
    await page.getByTestId('appeal-lodge').click();
    await expect
      .poll(() => page.getByTestId('application-status').first().getAttribute('data-status'))
      .toBe('under_appeal');
    await screenshot(page, 'validation-13-appealed');
    await kumys.context.close();

    // 5. The manager who decided may not review the appeal (four eyes): the workspace offers no review to them (the
    // API refuses it too, see decision.routes.test.ts).
    page = manager.page;
    await page.reload();
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await page.locator('[data-testid="appeal"][data-status="lodged"]').waitFor();
    expect(await page.getByTestId('appeal-outcome').count()).toBe(0);
    await screenshot(page, 'validation-14-four-eyes');
    await manager.context.close();

    // 6. Headquarters (the administrator) reverses the rejection: the status is granted.
    const admin = await signedInPage(browser, server, ADMIN);
    page = admin.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-decision').click();
    await pickOption(page, 'appeal-outcome', 'Reverse: grant the status');
    await page
      .getByTestId('appeal-note')
      .fill('The plan existed before the decision; the rejection is reversed.');
    await page.getByTestId('appeal-review-confirm').click();
    await expectStatus(page, 'granted');
    await screenshot(page, 'validation-15-reversed');
    await admin.context.close();
  }, 300_000);
});
