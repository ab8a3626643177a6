import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../services';
import {
  createTestApp,
  factories,
  signIn,
  TestClient,
  type TestApp,
} from '../../../../tests/support/test-app';
import { signInAs } from '../accounts/accounts.test-support';

/**
 * The outbox's e-mail dispatch against a real SMTP server on a free local port: plain SMTP (no STARTTLS, no AUTH),
 * as a relay inside the customs network would be. The mail is queued by the product's own use cases and sent by
 * what the scheduler runs at each tick, with the test clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAIL_FROM = 'OpenAEO <no-reply@customs.test>';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** How the server answers one address: refuse at RCPT TO or after DATA, this many times (Infinity: always). */
interface Refusal {
  stage: 'rcpt' | 'data';
  times: number;
  code: number;
  message: string;
}

const received: ReceivedMail[] = [];
const refusals = new Map<string, Refusal>();
/** RCPT TO commands seen per address: one per delivery attempt. */
const attemptsSeen = new Map<string, number>();

function smtpError(refusal: Refusal): Error {
  refusal.times -= 1;
  // smtp-server answers with the error's responseCode and message.
  return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
}

function refusalFor(address: string, stage: Refusal['stage']): Refusal | undefined {
  const refusal = refusals.get(address);
  return refusal && refusal.stage === stage && refusal.times > 0 ? refusal : undefined;
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    attemptsSeen.set(address.address, (attemptsSeen.get(address.address) ?? 0) + 1);
    const refusal = refusalFor(address.address, 'rcpt');
    callback(refusal ? smtpError(refusal) : null);
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((recipient) => recipient.address);
      const refusal = to.map((address) => refusalFor(address, 'data')).find(Boolean);
      if (refusal) return callback(smtpError(refusal));
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      received.push({ from, to, raw: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});

let t: TestApp;
/** The services as the server wires them: with the SMTP mailer its config describes. */
let services: Services;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_SECURE: 'false',
    MAIL_FROM,
    PUBLIC_URL: 'https://aeo.customs.test',
  });
  services = t.services;
});

afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** What the server's scheduler runs at each tick, in order (main.ts): due reminders, then the outbox. */
async function tick(): Promise<void> {
  await services.notifications.runDueReminders(t.clock.now());
  await services.notifications.dispatchOutbox(t.clock.now());
}

let counter = 0;
/** Self-registration queues a confirmation e-mail to the address (organisations.service requestRegistration). */
async function register(email: string, legalName = 'Kokshetau Grain LLP'): Promise<void> {
  counter += 1;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/operators',
    payload: {
      legalName,
      taxpayerId: `MD${Date.now()}${counter}`,
      country: 'KZ',
      address: '5 Abay Street, Kokshetau',
      roles: ['exporter'],
      employees: 40,
      annualTurnover: 3_000_000,
      user: { name: 'Owner', email, password: 'Caravan-route-2026!' },
    },
  });
  expect(response.statusCode).toBe(202);
}

function freshAddress(label: string): string {
  counter += 1;
  return `${label}.${Date.now()}${counter}@grain.test`;
}

async function outboxRow(to: string) {
  const rows = (await services.notifications.listOutbox()).filter((row) => row.to === to);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function mailsTo(address: string): ReceivedMail[] {
  return received.filter((mail) => mail.to.includes(address));
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=); adjacent words join without the space between them. */
function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('latin1')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    )
    .replace(/[\u0080-\u00ff]+/g, (bytes) => Buffer.from(bytes, 'latin1').toString('utf8'));
}

/** Quoted-printable to bytes kept in a latin1 string (decoded as UTF-8 by the caller). */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The parts of a single-part text message the tests read. */
function parseMessage(raw: string): { header(name: string): string | undefined; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerLines = raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n');
  const header = (name: string) =>
    headerLines
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  const body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding')?.toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : Buffer.from(encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body, 'latin1');
  return {
    header: (name) => {
      const value = header(name);
      return value === undefined ? undefined : decodeHeader(value);
    },
    text: bytes.toString('utf8').replace(/\r\n/g, '\n').trimEnd(),
  };
}

describe('e-mail dispatch over SMTP', () => {
  it('delivers a queued e-mail to its recipient, with its subject and body, and marks it sent once', async () => {
    const email = freshAddress('owner');
    await register(email);
    expect(mailsTo(email)).toHaveLength(0);
    expect((await outboxRow(email)).status).toBe('queued');

    await tick();

    const [mail] = mailsTo(email);
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual([email]);
    expect(mail!.from).toBe('no-reply@customs.test');
    const message = parseMessage(mail!.raw);
    expect(message.header('To')).toBe(email);
    expect(message.header('From')).toBe(MAIL_FROM);
    expect(message.header('Subject')).toBe('Confirm the registration of Kokshetau Grain LLP in OpenAEO');
    const row = await outboxRow(email);
    expect(message.text).toBe(row.body);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, error: null, nextAttemptAt: null });
    expect(row.sentAt).toBe(t.clock.now().toISOString());

    // The link in the e-mail as received is the one that creates the account.
    const token = /https:\/\/aeo\.customs\.test\/register\/confirm\/([\w-]+)/.exec(message.text)?.[1];
    expect(token).toBeDefined();
    const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/registrations/${token}/confirm` });
    expect(confirmed.statusCode).toBe(201);
    expect((await new TestClient(t.app).login(email)).statusCode).toBe(200);

    t.clock.advance(DAY);
    await tick();
    expect(mailsTo(email)).toHaveLength(1);
  });

  it('sends a notification in its recipient’s language, with the link to the page', async () => {
    const user = await factories.user(t, { roles: ['admin'] });
    await (await signIn(t.app, user.email)).request('PATCH', '/api/v1/me', { body: { language: 'ru' } });
    await t.database.db.transaction().execute((trx) =>
      services.notifications.scheduleReminder(trx, {
        key: `mail-dispatch:${user.id}`,
        title: 'Решение по делу 42',
        entityType: 'case',
        entityId: '42',
        dueAt: new Date(t.clock.now().getTime() + 2 * DAY),
        remindBeforeMs: DAY,
        recipients: [user.id],
        link: '/cases/42',
      }),
    );

    t.clock.advance(DAY + HOUR);
    await tick();

    const [mail] = mailsTo(user.email);
    expect(mail).toBeDefined();
    const message = parseMessage(mail!.raw);
    const row = await outboxRow(user.email);
    expect(message.header('Subject')).toBe(row.subject);
    expect(row.subject).toMatch(/^Напоминание.*Решение по делу 42/);
    expect(message.text).toBe(row.body);
    expect(message.text).toMatch(/\n\nhttps:\/\/aeo\.customs\.test\/cases\/42$/);
    expect(row.status).toBe('sent');
  });

  it('retries a refused e-mail after a back-off that doubles, then delivers it', async () => {
    const email = freshAddress('busy');
    refusals.set(email, { stage: 'rcpt', times: 2, code: 451, message: 'Mailbox busy, try again later' });
    await register(email);
    const start = t.clock.now().getTime();

    await tick();
    expect(attemptsSeen.get(email)).toBe(1);
    let row = await outboxRow(email);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(row.error).toMatch(/451.*Mailbox busy/);
    expect(row.nextAttemptAt).toBe(new Date(start + 5 * MINUTE).toISOString());

    // Not at every tick: the next attempt waits five minutes.
    t.clock.advance(4 * MINUTE);
    await tick();
    expect(attemptsSeen.get(email)).toBe(1);
    t.clock.advance(MINUTE);
    await tick();
    expect(attemptsSeen.get(email)).toBe(2);
    row = await outboxRow(email);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.nextAttemptAt).toBe(new Date(start + 15 * MINUTE).toISOString());

    // The second wait is twice as long.
    t.clock.advance(9 * MINUTE);
    await tick();
    expect(attemptsSeen.get(email)).toBe(2);
    expect(mailsTo(email)).toHaveLength(0);
    t.clock.advance(MINUTE);
    await tick();
    expect(attemptsSeen.get(email)).toBe(3);

    expect(mailsTo(email)).toHaveLength(1);
    row = await outboxRow(email);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, error: null, nextAttemptAt: null });
    expect(row.sentAt).toBe(t.clock.now().toISOString());
  });

  it('gives up after five refused attempts, records the last error for the admin, and tries no more', async () => {
    const email = freshAddress('gone');
    refusals.set(email, {
      stage: 'data',
      times: Infinity,
      code: 451,
      message: 'Queue full, message deferred',
    });
    await register(email);
    const waits = [5, 10, 20, 40].map((minutes) => minutes * MINUTE);

    for (const [index, wait] of waits.entries()) {
      await tick();
      const row = await outboxRow(email);
      expect(row).toMatchObject({ status: 'queued', attempts: index + 1 });
      expect(row.nextAttemptAt).toBe(new Date(t.clock.now().getTime() + wait).toISOString());
      t.clock.advance(wait);
    }
    await tick();
    expect(attemptsSeen.get(email)).toBe(5);
    expect(mailsTo(email)).toHaveLength(0);

    const admin = await signInAs(t, { roles: ['admin'] });
    const outbox = (await admin.request('GET', '/api/v1/admin/outbox')).json<{
      items: { to: string; status: string; attempts: number; sentAt: string | null; error: string | null }[];
    }>();
    const row = outbox.items.find((item) => item.to === email);
    expect(row).toMatchObject({ status: 'failed', attempts: 5, sentAt: null });
    expect(row?.error).toMatch(/451.*Queue full, message deferred/);
    expect((await outboxRow(email)).nextAttemptAt).toBeNull();

    t.clock.advance(7 * DAY);
    await tick();
    await tick();
    expect(attemptsSeen.get(email)).toBe(5);
    expect((await outboxRow(email)).status).toBe('failed');
  });

  it('fails at once, without retrying, when the server refuses the address for good (5xx)', async () => {
    const email = freshAddress('nobody');
    refusals.set(email, { stage: 'rcpt', times: Infinity, code: 550, message: 'No such user here' });
    await register(email);

    await tick();
    const row = await outboxRow(email);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sentAt: null, nextAttemptAt: null });
    expect(row.error).toMatch(/550.*No such user here/);

    t.clock.advance(DAY);
    await tick();
    expect(attemptsSeen.get(email)).toBe(1);
  });

  it('sends each e-mail once when two dispatchers run at the same time (overlapping ticks, two servers)', async () => {
    const addresses = [freshAddress('one'), freshAddress('two'), freshAddress('three')];
    for (const [index, email] of addresses.entries()) await register(email, `Overlap ${index} LLP`);
    const otherServer = createServices(t.database.db, t.config);

    const results = await Promise.all([
      services.notifications.dispatchOutbox(t.clock.now()),
      otherServer.notifications.dispatchOutbox(t.clock.now()),
    ]);

    for (const email of addresses) {
      expect(mailsTo(email)).toHaveLength(1);
      expect(await outboxRow(email)).toMatchObject({ status: 'sent', attempts: 1 });
    }
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBeGreaterThanOrEqual(addresses.length);
  });
});

describe('e-mail dispatch when the mail server refuses the login', () => {
  it('keeps the e-mail queued for a retry: a wrong SMTP password (535) is not a final refusal of the message', async () => {
    const guarded = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(_auth, _session, callback) {
        callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
      },
    });
    await new Promise<void>((resolve) => guarded.listen(0, '127.0.0.1', resolve));
    const { port } = guarded.server.address() as AddressInfo;
    const app = await createTestApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      SMTP_SECURE: 'false',
      SMTP_USER: 'openaeo',
      SMTP_PASSWORD: 'not-the-password',
      MAIL_FROM,
    });
    try {
      const email = freshAddress('login');
      const response = await app.app.inject({
        method: 'POST',
        url: '/api/v1/operators',
        payload: {
          legalName: 'Login Check LLP',
          taxpayerId: `LC${Date.now()}`,
          country: 'KZ',
          address: '1 Test Street, Almaty',
          roles: ['importer'],
          employees: 10,
          annualTurnover: 100_000,
          user: { name: 'Owner', email, password: 'Caravan-route-2026!' },
        },
      });
      expect(response.statusCode).toBe(202);

      expect(await app.services.notifications.dispatchOutbox(app.clock.now())).toEqual({
        sent: 0,
        failed: 1,
      });
      const row = (await app.services.notifications.listOutbox()).find((item) => item.to === email);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row?.error).toMatch(/535/);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => guarded.close(resolve));
    }
  });
});
