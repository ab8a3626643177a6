import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
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
const MANAGER = 'manager@demo.openaeo.test';
const LOGISTICS = 'logistics@demo.openaeo.test';
const SPS = 'sps@demo.openaeo.test';

let server: ServerProcess;
let browser: Browser;

/** A one-page PDF, as a company would attach to its reply. */
async function replyPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage([300, 200]).drawText('Warehouse access log, March', { x: 20, y: 100, size: 14, font });
  return Buffer.from(await document.save());
}

/** A tiny valid PNG (8×8, one colour): the server checks the content, the page shows it as a thumbnail. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const size = 8;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill([0x2f, 0x80, 0x5a]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(size).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!hasChromium)(`case work in the browser${browserSkipReason}`, () => {
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('review split, a request for information answered with a file, an SPS consultation, on-site checklist with a photo on a tablet', async () => {
    // Setup through the API: Altyn Logistics' submitted application is accepted and assigned to the validator.
    const operatorApi = await apiSession(browser, server, LOGISTICS);
    const mine = (await (
      await operatorApi.context.request.get(`${server.url}/api/v1/applications`)
    ).json()) as { items: { id: string; reference: string; status: string }[] };
    const application = mine.items.find((item) => item.status === 'submitted');
    expect(application, JSON.stringify(mine.items)).toBeTruthy();
    const { id, reference } = application!;
    const validatorApi = await apiSession(browser, server, VALIDATOR);
    await post(server, validatorApi.context.request, validatorApi.me, `/applications/${id}/acceptance`, {
      outcome: 'accepted',
    });
    const managerApi = await apiSession(browser, server, MANAGER);
    await post(server, managerApi.context.request, managerApi.me, `/applications/${id}/assignment`, {
      validatorId: validatorApi.me.user.id,
    });
    await managerApi.context.close();

    // 1. The validator starts the desk review and assigns a section to themselves on the review split.
    const validator = await signedInPage(browser, server, VALIDATOR);
    let page = validator.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('start-review').click();
    await expectStatus(page, 'desk_review');
    const splitRow = page.getByTestId('review-split-row').first();
    const reviewer = splitRow.getByTestId('review-split-reviewer');
    await pickOption(page, reviewer, /\(you\)$/);
    await page.getByTestId('review-split-save').click();
    await page.getByTestId('review-scope').waitFor();
    await expect.poll(() => reviewer.inputValue()).toMatch(/\(you\)$/);
    expect(await page.getByTestId('review-split-save').isDisabled()).toBe(true);
    // The "my sections" filter shows the questions of the one section assigned to the validator.
    await page.getByTestId('review-scope').getByText('My sections (1)', { exact: true }).click();
    const shownCount = page.getByTestId('review-scope-count');
    await shownCount.waitFor();
    const shown = Number(/\d+/.exec(await shownCount.innerText())?.[0]);
    expect(shown).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(shown);
    await screenshot(page, 'case-work-01-review-split');

    // 2. A request for information on the desk review tab, pointing at one question.
    const requests = page.getByTestId('information-requests');
    const message = 'Please send the access log of the Almaty warehouse for March.';
    await requests.getByTestId('information-request-message').fill(message);
    await requests.getByTestId('information-request-questions').click();
    const question = page.getByRole('listbox').getByRole('option').first();
    const questionTitle = (await question.innerText()).trim();
    await question.click();
    await page.keyboard.press('Escape');
    await requests.getByTestId('information-request-send').click();
    await requests.locator('[data-testid="information-request"][data-status="open"]').waitFor();
    expect(await requests.getByTestId('information-request').innerText()).toContain(questionTitle);
    await requests.getByTestId('information-request-form').waitFor({ state: 'detached' });
    await screenshot(page, 'case-work-02-information-requested');

    // The company replies on its case page, with text and an uploaded PDF.
    const applicant = await signedInPage(browser, server, LOGISTICS);
    const applicantPage = applicant.page;
    await applicantPage.goto(`${server.url}/applications/${id}`);
    const open = applicantPage.locator(
      '[data-testid="operator-information-requests"] [data-testid="information-request"][data-status="open"]',
    );
    await open.waitFor();
    expect(await open.innerText()).toContain(message);
    const replyText = 'The access log for March is attached; every entry is signed by the guard on duty.';
    await open.getByTestId('information-reply-text').fill(replyText);
    const chooser = applicantPage.waitForEvent('filechooser');
    await open.getByTestId('information-reply-upload').click();
    await (
      await chooser
    ).setFiles({ name: 'access-log-march.pdf', mimeType: 'application/pdf', buffer: await replyPdf() });
    await open.getByTestId('information-reply-evidence').waitFor();
    await open.getByText('access-log-march.pdf').waitFor();
    await screenshot(applicantPage, 'case-work-03-reply-drafted');
    await open.getByTestId('information-reply-send').click();
    const answered = applicantPage.locator(
      '[data-testid="operator-information-requests"] [data-testid="information-request"][data-status="answered"]',
    );
    await answered.getByTestId('information-evidence').waitFor();
    await screenshot(applicantPage, 'case-work-04-reply-sent');

    // The validator sees the reply and the file.
    await page.reload();
    await page.getByTestId('validation-page').waitFor();
    const reply = page.locator(
      '[data-testid="information-requests"] [data-testid="information-request"][data-status="answered"]',
    );
    await reply.getByTestId('information-reply').waitFor();
    expect(await reply.getByTestId('information-reply').innerText()).toContain(replyText);
    const evidence = reply.getByTestId('information-evidence');
    expect((await evidence.innerText()).trim()).toBe('access-log-march.pdf');
    const evidenceHref = await evidence.getAttribute('href');
    expect(evidenceHref).toBeTruthy();
    const file = await page.request.get(new URL(evidenceHref!, server.url).toString());
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    await page.getByTestId('information-request-form').waitFor();
    await screenshot(page, 'case-work-05-reply-received');

    // 3. Consultation of the partner agency SPS from the case's Consultation tab.
    await page.getByTestId('tab-consultation').click();
    await page.getByTestId('consultation-tab').waitFor();
    await pickOption(page, 'consultation-agencies', 'SPS');
    await page.keyboard.press('Escape');
    const consultQuestion = 'Any phytosanitary infringements by Altyn Logistics at its declared sites?';
    await page.getByTestId('consultation-question').fill(consultQuestion);
    await page.getByTestId('consultation-send').click();
    const spsRow = page.locator('[data-testid="consultation-row"][data-addressee="SPS"]');
    await expect.poll(() => spsRow.getAttribute('data-outcome')).toBe('pending');
    await screenshot(page, 'case-work-06-consultation-sent');

    // SPS answers from its inbox.
    const sps = await signedInPage(browser, server, SPS);
    const spsPage = sps.page;
    await spsPage.getByTestId('nav-consultations').click();
    const inboxRow = spsPage.locator(`[data-testid="consultation-inbox-row"][data-reference="${reference}"]`);
    await inboxRow.waitFor();
    await screenshot(spsPage, 'case-work-07-sps-inbox');
    await inboxRow.getByTestId('consultation-open').click();
    const detail = spsPage.getByTestId('consultation-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('consultation-question-text').innerText()).toBe(consultQuestion);
    await detail.getByTestId('consultation-reply-kind').getByText('Infringement', { exact: true }).click();
    const infringement = 'Phytosanitary certificate missing on a consignment of seeds, SPS case 2025/114.';
    await detail.getByTestId('consultation-reply-input').fill(infringement);
    await screenshot(spsPage, 'case-work-08-sps-reply');
    await detail.getByTestId('consultation-reply-submit').click();
    await spsPage.locator('[data-testid="consultation-detail"][data-outcome="infringement"]').waitFor();
    await spsPage.getByTestId('consultation-answered').waitFor();
    await screenshot(spsPage, 'case-work-09-sps-answered');
    await sps.context.close();

    // The validator sees the outcome on the tab.
    await page.reload();
    await page.getByTestId('validation-page').waitFor();
    await page.getByTestId('tab-consultation').click();
    await expect.poll(() => spsRow.getAttribute('data-outcome')).toBe('infringement');
    expect(await spsRow.getByTestId('consultation-reply-text').innerText()).toBe(infringement);
    await screenshot(page, 'case-work-10-consultation-outcome');
    await validator.context.close();

    // 4. To on-site through the API: a catalogue risk, a slot proposed and chosen by the company, the visit started.
    const programme = (await (
      await validatorApi.context.request.get(`${server.url}/api/v1/programme`)
    ).json()) as {
      riskCatalogue: { id: string }[];
    };
    expect(programme.riskCatalogue.length).toBeGreaterThan(0);
    await post(server, validatorApi.context.request, validatorApi.me, `/applications/${id}/risks`, {
      catalogueId: programme.riskCatalogue[0]!.id,
      likelihood: 4,
      impact: 3,
      controls: 'Access control at the warehouse gate.',
    });
    const start = new Date(Date.now() + 8 * 86_400_000);
    start.setUTCHours(5, 0, 0, 0);
    const slots = (await post(
      server,
      validatorApi.context.request,
      validatorApi.me,
      `/applications/${id}/visit/slots`,
      {
        slots: [
          { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 4 * 3_600_000).toISOString() },
        ],
      },
    )) as { items: { id: string }[] };
    await post(server, operatorApi.context.request, operatorApi.me, `/applications/${id}/visit/choice`, {
      slotId: slots.items[0]!.id,
    });
    await post(server, validatorApi.context.request, validatorApi.me, `/applications/${id}/visit/start`, {});
    await Promise.all([operatorApi.context.close(), validatorApi.context.close(), applicant.context.close()]);

    // On a tablet: the visit team, the checklist, one observation with a photo.
    const tablet = await signedInPage(browser, server, VALIDATOR, {
      viewport: { width: 768, height: 1024 },
      hasTouch: true,
    });
    page = tablet.page;
    await page.goto(`${server.url}/applications/${id}/validation`);
    await expectStatus(page, 'on_site');
    await page.getByTestId('tab-onsite').click();
    await page.getByTestId('on-site').waitFor();
    await pickOption(page, 'visit-team-select', /\(you\)$/);
    await page.keyboard.press('Escape');
    await page.getByTestId('visit-team-save').click();
    await page.locator(`[data-testid="visit-team-member"][data-user="${validatorApi.me.user.id}"]`).waitFor();
    await screenshot(page, 'case-work-11-visit-team');

    await page.getByTestId('checklist-generate').click();
    const item = page.getByTestId('checklist-item').first();
    await item.waitFor();
    expect(await item.innerText()).toMatch(/^1\. /);
    await item.getByTestId('checklist-result').getByText('Issue', { exact: true }).click();
    await item
      .getByTestId('checklist-observation')
      .fill('The gate log has no entries for two nights in March; the guard roster was shown instead.');
    await item.getByTestId('checklist-save').click();
    await expect.poll(() => item.getAttribute('data-result')).toBe('issue');
    await item.getByTestId('checklist-photo-caption').fill('Gate log, page for 14 March');
    await item
      .getByTestId('checklist-photo-input')
      .setInputFiles({ name: 'gate-log.png', mimeType: 'image/png', buffer: tinyPng() });
    const photos = item.getByTestId('checklist-photos');
    await expect.poll(() => photos.getAttribute('data-count')).toBe('1');
    const thumbnail = item.getByTestId('checklist-photo').first().locator('img');
    await thumbnail.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBe(8);
    expect(await item.getByTestId('checklist-photo').first().innerText()).toContain(
      'Gate log, page for 14 March',
    );
    // Back to the top, so that the fixed header is not drawn across the full-page screenshot.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'case-work-12-checklist-photo');
    await tablet.context.close();
  }, 420_000);
});
