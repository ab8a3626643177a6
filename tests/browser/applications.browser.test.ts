import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, browserSkipReason, hasChromium, launchBrowser, screenshot } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let server: ServerProcess;
let browser: Browser;

/** A minimal, valid PDF: the server checks the content (magic bytes), not the name. */
function minimalPdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

const operator = {
  legalName: 'Zhetysu Logistics LLP',
  taxpayerId: `2406${Date.now().toString().slice(-8)}`,
  address: '17 Tole Bi Street, Almaty 050000',
  name: 'Aliya Karimova',
  email: `aliya.${Date.now()}@zhetysu-logistics.test`,
  password: 'Zhetysu-logistics-2026',
};

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user-name').waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor();
}

async function markNotApplicable(card: Locator, explanation: string): Promise<void> {
  await card.getByTestId('answer-mode').getByText('Not applicable', { exact: true }).click();
  const field = card.getByTestId('answer-explanation');
  await field.fill(explanation);
  await field.blur();
}

/** Answers one question through the UI by its type; the first file question gets the PDF, one text question N/A. */
async function answerQuestion(page: Page, card: Locator, state: { uploaded: boolean; markedNa: boolean }) {
  const type = await card.getAttribute('data-question-type');
  const value = card.getByTestId('answer-value');
  switch (type) {
    case 'yes_no':
      await value.getByLabel('No', { exact: true }).check();
      return;
    case 'choice': {
      const radios = value.getByRole('radio');
      if ((await radios.count()) > 0) await radios.first().check();
      else await markNotApplicable(card, 'Not relevant to our business.');
      return;
    }
    case 'multi_choice':
      await value.getByRole('checkbox').first().check();
      return;
    case 'text':
      if (!state.markedNa) {
        state.markedNa = true;
        await markNotApplicable(card, 'We lodge every declaration ourselves; no third party is involved.');
        return;
      }
      await value.getByRole('textbox').fill('Handled by our customs manager under a written procedure.');
      await value.getByRole('textbox').blur();
      return;
    case 'number':
      await value.getByRole('textbox').fill('5');
      await value.getByRole('textbox').blur();
      return;
    case 'money':
      await value.getByRole('textbox').fill('250000');
      await value.getByRole('textbox').blur();
      return;
    case 'date':
      await value.locator('input[type="date"]').fill('2016-04-12');
      await value.locator('input[type="date"]').blur();
      return;
    case 'file':
      if (!state.uploaded) {
        state.uploaded = true;
        const chooser = page.waitForEvent('filechooser');
        await value.getByTestId('upload-evidence').click();
        await (
          await chooser
        ).setFiles({ name: 'organisation-chart.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
        await value.getByTestId('attached-files').getByText('organisation-chart.pdf').waitFor();
        return;
      }
      await markNotApplicable(card, 'Described in the documents already attached to this application.');
      return;
    default:
      // Tables and anything else: an explained non-answer is allowed on every question.
      await markNotApplicable(card, 'Not applicable to a company of our size.');
  }
}

describe.skipIf(!hasChromium)(`AEO applications in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('registers an SME, applies, submits; a validator accepts; the operator sees it accepted', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });

    // 1. Registration (public).
    await page.goto(`${server.url}/login`);
    await page.getByTestId('link-register').click();
    const form = page.getByTestId('register-form');
    await form.waitFor();
    await form.getByLabel('Legal name').fill(operator.legalName);
    await form.getByLabel('Taxpayer identification number').fill(operator.taxpayerId);
    await form.getByLabel('Country of registration').fill('Kazakhstan');
    await page.getByRole('option', { name: /Kazakhstan/ }).click();
    await form.getByLabel('Registered address').fill(operator.address);
    await form.getByLabel('Importer').check();
    await form.getByLabel('Exporter').check();
    await form.getByLabel('Number of employees').fill('18');
    await form.getByLabel(/Annual turnover/).fill('450000');
    await form.getByLabel('Your full name').fill(operator.name);
    await form.getByLabel('Email').fill(operator.email);
    await form.getByLabel(/^Password/).fill(operator.password);
    await screenshot(page, 'applications-01-register');
    await form.getByTestId('register-submit').click();
    await page.getByTestId('register-result').waitFor();
    expect(await page.getByTestId('register-sme').getAttribute('data-sme')).toBe('true');
    await screenshot(page, 'applications-02-registered');
    // The account is created from the link e-mailed to the address (read here from the admin's outbox).
    const admin = await apiSession(browser, server, 'admin@demo.openaeo.test');
    const outbox = (await (await admin.context.request.get(`${server.url}/api/v1/admin/outbox`)).json()) as {
      items: { to: string; body: string }[];
    };
    await admin.context.close();
    const link = /https?:\/\/\S+\/register\/confirm\/[\w-]+/.exec(
      outbox.items.find((mail) => mail.to === operator.email)?.body ?? '',
    )?.[0];
    expect(link).toBeTruthy();
    await page.goto(`${server.url}${new URL(link ?? '').pathname}`);
    await page.getByTestId('confirm-registration-submit').click();
    await page.getByTestId('confirm-registration-result').waitFor();
    await signIn(page, operator.email, operator.password);

    // 2. Readiness check (public page, also reachable when signed in).
    await page.goto(`${server.url}/readiness`);
    const readiness = page.getByTestId('readiness-form');
    await readiness.waitFor();
    const items = readiness.locator('[data-testid^="readiness-item-"]');
    const itemCount = await items.count();
    expect(itemCount).toBeGreaterThan(0);
    for (let index = 0; index < itemCount; index += 1) {
      // Most in place, a few not, so the result shows what to prepare.
      await items
        .nth(index)
        .getByLabel(index % 4 === 3 ? 'No' : 'Yes', { exact: true })
        .check();
    }
    await page.getByTestId('readiness-submit').click();
    await page.getByTestId('readiness-result').waitFor();
    expect(await page.getByTestId('readiness-result-criterion').count()).toBeGreaterThan(0);
    await screenshot(page, 'applications-03-readiness');

    // 3. Start an application from the dashboard.
    await page.goto(server.url);
    await page.getByTestId('nav-applications').click();
    await page.getByTestId('start-application').click();
    await page.getByTestId('start-application-form').waitFor();
    await screenshot(page, 'applications-04-start');
    await page.getByTestId('start-application-confirm').click();
    await page.getByTestId('section-panel').waitFor();
    const applicationId = /\/applications\/([^/]+)\/questionnaire/.exec(page.url())?.[1];
    expect(applicationId).toBeTruthy();

    // 4. The questionnaire, section by section.
    const state = { uploaded: false, markedNa: false };
    const sectionLinks = page.locator('[data-testid^="section-nav-"]');
    const sectionCount = await sectionLinks.count();
    expect(sectionCount).toBeGreaterThan(3);
    for (let section = 0; section < sectionCount; section += 1) {
      await sectionLinks.nth(section).click();
      const sectionId = (await sectionLinks.nth(section).getAttribute('data-testid'))?.replace(
        'section-nav-',
        '',
      );
      const panel = page.locator(`[data-testid="section-panel"][data-section="${sectionId}"]`);
      await panel.waitFor();
      // Count again after each answer: answers show and hide follow-up questions.
      for (let index = 0; index < (await panel.locator('[data-question-type]').count()); index += 1) {
        const card = panel.locator('[data-question-type]').nth(index);
        if ((await card.getAttribute('data-answered')) === 'true') continue;
        await answerQuestion(page, card, state);
      }
      if (section === 0) await screenshot(page, 'applications-05-questionnaire-section');
    }
    expect(state.uploaded).toBe(true);
    expect(state.markedNa).toBe(true);
    await expect
      .poll(() => page.getByTestId('save-indicator').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('saved');
    await expect.poll(() => page.getByTestId('overall-progress').getAttribute('data-percent')).toBe('100');

    // The scope tab: the head office.
    await page.getByTestId('tab-scope').click();
    const siteForm = page.getByTestId('site-form');
    await siteForm.getByLabel('Name').fill('Head office');
    await siteForm.getByLabel('Address').fill(operator.address);
    await siteForm.getByRole('button', { name: 'Add site' }).click();
    await page.getByTestId('site-row').first().waitFor();

    await page.getByTestId('tab-review').click();
    await page.getByTestId('completeness-summary').waitFor();
    await screenshot(page, 'applications-06-review');

    // 5. Submit.
    await page.getByTestId('submit-application').click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Submit' });
    await confirm.waitFor();
    await confirm.click();
    // Either the case page opens, or the refusal is shown: say which, rather than time out blind.
    const outcome = await Promise.race([
      page
        .getByTestId('case-page')
        .waitFor({ timeout: 90_000 })
        .then(() => 'submitted'),
      page
        .getByTestId('submit-error')
        .waitFor({ timeout: 90_000 })
        .then(() => 'refused'),
    ]);
    if (outcome === 'refused') {
      throw new Error(`submission refused: ${await page.getByTestId('submit-error').textContent()}`);
    }
    await expect
      .poll(() => page.getByTestId('application-status').first().getAttribute('data-status'))
      .toBe('submitted');
    const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    const reference = /AEO-\S+/.exec(title)?.[0];
    expect(reference).toBeTruthy();
    await screenshot(page, 'applications-07-submitted');
    await signOut(page);

    // 6. The validator of the Almaty office accepts it from the intake queue.
    await signIn(page, 'validator@demo.openaeo.test', server.password);
    await page.getByTestId('nav-intake').click();
    const row = page.locator(`[data-testid="intake-row"][data-reference="${reference}"]`);
    await row.waitFor();
    await screenshot(page, 'applications-08-intake-queue');
    await row.getByTestId('intake-open').click();
    await page.getByTestId('acceptance-card').waitFor();
    await page.getByTestId('answers').waitFor();
    await screenshot(page, 'applications-09-case-customs');
    await page.getByTestId('decide-accept').click();
    await page.getByTestId('acceptance-confirm').click();
    await expect
      .poll(() => page.getByTestId('application-status').first().getAttribute('data-status'))
      .toBe('accepted');
    await screenshot(page, 'applications-10-accepted-customs');
    await signOut(page);

    // 7. The operator signs in again and sees the application accepted.
    await signIn(page, operator.email, operator.password);
    await page.getByTestId('nav-applications').click();
    const mine = page.locator(`[data-testid="application-row"][data-reference="${reference}"]`);
    await mine.waitFor();
    await expect.poll(() => mine.getByTestId('application-status').textContent()).toBe('Accepted');
    await screenshot(page, 'applications-11-operator-accepted');
    await page.close();
  }, 300_000);
});
