// A real SMTP server on loopback (smtp-server) that keeps every message it accepted, parsed by
// mailparser, and can refuse the first few with a temporary error to make the sender retry.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { SMTPServer } from 'smtp-server';

// jsqr is CommonJS whose types declare an ES default export; NodeNext sees it one level down.
const jsQR = jsQRModule.default;

export interface SmtpReceiver {
  /** smtp://user:password@127.0.0.1:port, for SMTP_URL. */
  url: string;
  /** Every message accepted, in the order they arrived. */
  messages: ParsedMail[];
  /** Messages refused with a temporary error so far. */
  refused: number;
  /** The accepted messages addressed to this address. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export const SMTP_USER = 'badges';
export const SMTP_PASSWORD = 'smtp-password-for-tests';

export async function startSmtpReceiver(
  options: { refuseFirst?: number } = {},
): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const receiver = { refused: 0 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, AUTH allowed without TLS for the test.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('invalid user or password'));
      }
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (receiver.refused < (options.refuseFirst ?? 0)) {
          receiver.refused += 1;
          const error = new Error('mailbox busy, try again later') as Error & {
            responseCode: number;
          };
          error.responseCode = 451;
          callback(error);
          return;
        }
        // keepCidLinks: the HTML keeps its cid: references, as a mail client receives them.
        simpleParser(Buffer.concat(chunks), { keepCidLinks: true }).then(
          (parsed) => {
            messages.push(parsed);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    messages,
    get refused() {
      return receiver.refused;
    },
    to: (address) =>
      messages.filter((message) =>
        [message.to ?? []].flat().some((to) => to.value.some((entry) => entry.address === address)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the message's inline QR image (the one its HTML shows by cid) decodes to. */
export function decodeInlineQr(message: ParsedMail): string | undefined {
  const image = message.attachments.find(
    (attachment) =>
      attachment.contentType === 'image/png' &&
      attachment.cid !== undefined &&
      typeof message.html === 'string' &&
      message.html.includes(`cid:${attachment.cid}`),
  );
  if (!image) return undefined;
  const png = PNG.sync.read(image.content);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Polls until `check` holds, failing after the deadline; what `check` saw is returned. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  deadlineMs = 10_000,
): Promise<T> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (performance.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
