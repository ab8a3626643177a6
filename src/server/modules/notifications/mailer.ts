import nodemailer from 'nodemailer';
import type { Config } from '../../platform/config';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** A refusal the mail server says is final (SMTP 5xx to a recipient or the message): retrying cannot help. */
export class PermanentMailError extends Error {}

/** SMTP when configured; without it, mail stays in the outbox table for an admin to read. */
export function createMailer(config: Config): Mailer | undefined {
  if (!config.smtp) return undefined;
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    // Nodemailer waits up to 10 minutes on a silent socket; a hung server must not hold the scheduler's tick.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password ?? '' } } : {}),
  });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: config.mailFrom, ...message });
      } catch (error) {
        const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
        // Final only when the server refuses this message or recipient; a 5xx to the greeting, STARTTLS or AUTH is the
        // server's configuration (a wrong password) and must not fail every queued e-mail at its first attempt.
        const isAboutMessage =
          command === 'DATA' || (typeof command === 'string' && command.startsWith('RCPT'));
        if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && isAboutMessage) {
          throw new PermanentMailError(error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    },
  };
}
