import nodemailer from 'nodemailer';
import type { Config } from '../../platform/config';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** SMTP when configured; without it, mail stays in the outbox table for an admin to read. */
export function createMailer(config: Config): Mailer | undefined {
  if (!config.smtp) return undefined;
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password ?? '' } } : {}),
  });
  return {
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
  };
}
