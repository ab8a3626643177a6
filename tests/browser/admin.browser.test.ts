import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, hasChromium, launchBrowser, screenshot } from '../support/browser';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let server: ServerProcess;
let browser: Browser;

describe.skipIf(!hasChromium)(`admin in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the demo admin, creates a user and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, 'foundation-01-login');
    await page.getByLabel('Email').fill('admin@demo.openaeo.test');
    await page.getByLabel('Password', { exact: true }).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user-name').waitFor();
    await screenshot(page, 'foundation-02-home');

    await page.getByTestId('nav-admin-users').click();
    await page.getByTestId('create-user-button').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('Email').fill('new.analyst@demo.openaeo.test');
    await form.getByLabel('Full name').fill('Madina Seitkali');
    await form.getByLabel('Initial password').fill('Analyst-password-2026');
    await form.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: 'Risk analyst' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('combobox', { name: 'Customs office' }).click();
    await page.getByRole('option', { name: /Almaty customs office/ }).click();
    await screenshot(page, 'foundation-03-create-user');
    await form.getByTestId('user-form-submit').click();
    await expect.poll(() => page.getByText('new.analyst@demo.openaeo.test').count()).toBeGreaterThan(0);
    await screenshot(page, 'foundation-04-users');

    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-form').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await page.close();
  }, 120_000);
});
