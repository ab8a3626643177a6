import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, hasChromium, launchBrowser, screenshot } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let server: ServerProcess;
let browser: Browser;

const suffix = Date.now().toString(36);
const profileId = `tobacco-${suffix}`;
const ruleId = `cigarettes-red-${suffix}`;
const declarationId = `KZ-${suffix}-0001`;

/** A declaration of cigarettes (HS 2402 20): the rule the analyst adds sends it to the red channel. */
const cigarettes = {
  id: declarationId,
  date: new Date().toISOString().slice(0, 10),
  office: 'KHO',
  transportMode: 'road',
  importer: { scheme: 'tin', id: '990340012345', country: 'KZ', name: 'Khorgos Trade Hub LLP' },
  seller: { scheme: 'other', id: 'CN-GZ-77812', country: 'CN', name: 'Guangzhou Leaf Export Co.' },
  items: [
    {
      hsCode: '240220',
      description: 'Cigarettes containing tobacco',
      originCountry: 'CN',
      customsValue: 18_500,
      currency: 'USD',
      netMassKg: 420,
      dutyRate: 15,
    },
  ],
};

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user-name').waitFor();
}

/** What a single window would send, posted with the analyst's own session (cookie + CSRF token). */
async function submitDeclaration(page: Page, body: unknown) {
  const me = await page.request.get(`${server.url}/api/v1/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.post(`${server.url}/api/v1/declarations`, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { channel: string; strategy: string; ruleHits: { ruleId: string }[] };
}

describe.skipIf(!hasChromium)(`risk management in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an analyst adds a rule; a declaration that hits it shows the rule as its reason; an inspection result is entered', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    await signIn(page, 'analyst@demo.openaeo.test', server.password);
    await page.getByTestId('nav-risk-rules').waitFor();
    await screenshot(page, 'risk-01-home');

    // A profile for tobacco, then the rule: HS 2402 (cigarettes, cigars) goes to physical inspection.
    await page.getByTestId('nav-risk-rules').click();
    await page.getByTestId('profile-create').click();
    const profileForm = page.getByTestId('profile-form');
    await profileForm.getByTestId('profile-id').fill(profileId);
    await profileForm.getByTestId('profile-name').fill('Tobacco excise controls');
    await profileForm.getByTestId('profile-description-en').fill('Excise goods at risk of smuggling.');
    await profileForm.getByTestId('profile-description-ru').fill('Подакцизные товары с риском контрабанды.');
    await profileForm.getByTestId('profile-submit').click();
    const profileCard = page.locator(`[data-testid="profile-card"][data-profile-id="${profileId}"]`);
    await profileCard.waitFor();

    await profileCard.getByTestId('rule-add').click();
    const ruleForm = page.getByTestId('rule-form');
    await ruleForm.getByTestId('rule-id').fill(ruleId);
    await ruleForm.getByTestId('rule-name').fill('Cigarettes to the red channel');
    await ruleForm.getByTestId('rule-description-en').fill('Cigarettes and cigars are inspected physically.');
    await ruleForm.getByTestId('rule-description-ru').fill('Сигареты и сигары досматриваются физически.');
    // A first try without a prefix: the server names the field, and the form shows it next to the input.
    await ruleForm.getByTestId('rule-minimum-channel').click();
    await page.getByRole('option', { name: 'Red', exact: true }).click();
    await ruleForm.getByTestId('rule-submit').click();
    await ruleForm.getByText('Too small: expected array to have >=1 items').waitFor();
    await screenshot(page, 'risk-02-rule-field-error');
    await ruleForm.getByTestId('rule-hs-prefixes').fill('2402');
    await screenshot(page, 'risk-03-rule-form');
    await ruleForm.getByTestId('rule-submit').click();
    await ruleForm.waitFor({ state: 'detached' });
    const ruleRow = profileCard.locator(`[data-testid="rule-row"][data-rule-id="${ruleId}"]`);
    await ruleRow.waitFor();
    expect(await ruleRow.textContent()).toContain('HS code starts with 2402');
    await screenshot(page, 'risk-04-rules');

    // The single window sends a declaration of cigarettes.
    const decision = await submitDeclaration(page, cigarettes);
    expect(decision).toMatchObject({ channel: 'red', strategy: 'rule' });
    expect(decision.ruleHits.map((hit) => hit.ruleId)).toContain(ruleId);

    // The decision log lists it in red; the rule's hit statistics count it.
    await page.getByTestId('nav-risk-declarations').click();
    await page.getByTestId('filter-rule').fill(ruleId);
    await page.getByTestId('filter-apply').click();
    // The unfiltered page stays on screen until the filtered one arrives: wait for the filter to take effect.
    await expect.poll(() => page.getByTestId('decision-log-row').count()).toBe(1);
    const logRow = page.locator(`[data-testid="decision-log-row"][data-declaration-id="${declarationId}"]`);
    await logRow.waitFor();
    expect(await logRow.getByTestId('channel-badge').getAttribute('data-channel')).toBe('red');
    await screenshot(page, 'risk-05-decision-log');

    // The declaration's page gives the rule as the reason, in words.
    await logRow.getByRole('link', { name: declarationId }).click();
    await page.getByTestId('declaration-page').waitFor();
    expect(await page.getByTestId('channel-badge').first().getAttribute('data-channel')).toBe('red');
    const hit = page.locator(`[data-testid="rule-hit"][data-rule-id="${ruleId}"]`);
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Cigarettes to the red channel');
    expect(await hit.textContent()).toContain('HS code 240220 falls under 2402');
    const reasons = await page.getByTestId('decision-reason').allTextContents();
    expect(reasons.join('\n')).toContain(ruleId);
    expect(await page.getByTestId('declaration-items').textContent()).toContain('240220');
    await screenshot(page, 'risk-06-declaration');

    // The inspection result: found, with duty recovered.
    const form = page.getByTestId('inspection-form');
    await form.getByLabel('Yes, an irregularity was found').check();
    await form.getByTestId('inspection-officer').fill('Arman Seitkali');
    await form.getByTestId('inspection-duty').fill('2775');
    await form
      .getByTestId('inspection-notes')
      .fill('Undeclared second layer of 40 cartons behind the declared goods.');
    await screenshot(page, 'risk-07-inspection-form');
    await form.getByTestId('inspection-submit').click();
    const result = page.getByTestId('inspection-result');
    await result.waitFor();
    expect(await result.getByTestId('inspection-result-found').textContent()).toBe('Found');
    expect(await result.getByTestId('inspection-result-notes').textContent()).toContain('40 cartons');
    await screenshot(page, 'risk-08-inspection-recorded');

    // Back in the log, the declaration shows as inspected.
    await page.getByRole('link', { name: 'Decision log' }).first().click();
    // The log shows its cached page first and refetches it (the inspection invalidated it): wait for the new row.
    await logRow.getByText('Found', { exact: true }).waitFor();

    // The same page in Russian: reasons in plain Russian words.
    await page.goto(`${server.url}/risk/declarations/${declarationId}`);
    await page.getByTestId('declaration-page').waitFor();
    await page.getByTestId('language-switcher').selectOption('ru');
    await page.getByText('Почему выбран этот канал').waitFor();
    expect((await page.getByTestId('decision-reason').allTextContents()).join('\n')).toContain(
      'Сработало правило',
    );
    await screenshot(page, 'risk-09-declaration-ru');
    await page.close();
  });
});
