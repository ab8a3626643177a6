import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH, requireChromium } from './requirements';
import type { ServerProcess } from './server-process';

// Without Chromium the browser suites skip on a developer's machine and fail on CI (see requirements.ts).
const chromiumRequirement = requireChromium();
export const hasChromium = chromiumRequirement.isAvailable;
export const browserSkipReason = chromiumRequirement.skipReason;

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output/screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A signed-in API session (own cookie jar) for the steps that are not the point of the test. */
export interface ApiSession {
  context: BrowserContext;
  me: MeResponse;
}

export interface MeResponse {
  user: { id: string; operatorId: string | null };
  csrfToken: string;
}

export async function apiSession(
  browser: Browser,
  server: ServerProcess,
  email: string,
): Promise<ApiSession> {
  const context = await browser.newContext();
  const login = await context.request.post(`${server.url}/api/v1/session`, {
    data: { email, password: server.password },
  });
  expect(login.status(), await login.text()).toBe(200);
  const me = (await (await context.request.get(`${server.url}/api/v1/me`)).json()) as MeResponse;
  return { context, me };
}

/** POST to the API as that session (with its CSRF token); fails the test on an error status. */
export async function post(
  server: ServerProcess,
  request: APIRequestContext,
  me: MeResponse,
  path: string,
  data: unknown,
): Promise<unknown> {
  const response = await request.post(`${server.url}/api/v1${path}`, {
    data,
    headers: { 'X-CSRF-Token': me.csrfToken },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as unknown;
}

/** A fresh browser context per person, signed in through the login page (desktop viewport unless told). */
export async function signedInPage(
  browser: Browser,
  server: ServerProcess,
  email: string,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Attached, not visible: on a narrow (tablet) viewport the user's name sits in the collapsed navigation.
  await page.getByTestId('current-user-name').waitFor({ state: 'attached' });
  return { page, context };
}

/** Picks an option of a Mantine select, given by its test id (unique on the page) or its locator. */
export async function pickOption(
  page: Page,
  target: string | Locator,
  option: string | RegExp,
): Promise<void> {
  await (typeof target === 'string' ? page.getByTestId(target) : target).click();
  await page.getByRole('listbox').getByRole('option', { name: option }).first().click();
}

/** Waits for the validation page to show the case in that status. */
export async function expectStatus(page: Page, status: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('validation-page').getAttribute('data-status'), { timeout: 15_000 })
    .toBe(status);
}
