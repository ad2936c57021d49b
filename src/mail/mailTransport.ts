// Where learner e-mail goes: an SMTP server (nodemailer) when SMTP_URL is set, otherwise .eml
// files in DATA_DIR/outbox/, so a fresh `npm start` sends nothing and loses nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutgoingMail } from './composeMail.js';

export interface MailTransport {
  /** Where mail goes, for the start-up log: never the SMTP password. */
  readonly destination: string;
  /** Resolves once the message was handed over; rejects with the server's or the disk's error. */
  send(mail: OutgoingMail): Promise<void>;
}

export const OUTBOX_SUBDIR = 'outbox';

// A server that stops answering must fail the attempt (to be retried), not hold the queue.
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

function smtpTransport(url: URL, from: string): MailTransport {
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  const transporter: Transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  const shown = `${url.protocol}//${user ? `${user}@` : ''}${url.host}`;
  return {
    destination: `SMTP ${shown}`,
    async send(mail) {
      await transporter.sendMail({ ...mail, from });
    },
  };
}

/** File names from outbox ids (`credential-issued:<uuid>`), safe on every file system. */
function fileNameOf(mail: OutgoingMail): string {
  return `${mail.messageId.replace(/^<|@.*$/g, '').replace(/[^\w.-]/g, '-')}.eml`;
}

function fileTransport(dir: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    destination: `files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail({ ...mail, from });
      // Owner-only like the rest of DATA_DIR: the files hold learners' addresses.
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(dir, fileNameOf(mail)), info.message as Buffer, { mode: 0o600 });
    },
  };
}

export interface MailTransportOptions {
  /** smtp:// or smtps:// with optional user:password; unset writes files. */
  smtpUrl: URL | undefined;
  from: string;
}

export function createMailTransport(email: MailTransportOptions, dataDir: string): MailTransport {
  return email.smtpUrl
    ? smtpTransport(email.smtpUrl, email.from)
    : fileTransport(path.join(dataDir, OUTBOX_SUBDIR), email.from);
}
