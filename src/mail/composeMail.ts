// A learner's message built from the credential it is about: the achievement and issuer as the
// credential names them (already in its language), the public link, and the page's QR code
// inline as a PNG the HTML part shows through its cid.
import type { Language } from '../catalog/catalogTypes.js';
import { achievementOf, displayNameOf, issuerNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { CredentialRecord, MailKind } from '../store/port.js';
import { mailDate, mailDateTime, mailText } from './mailTexts.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Referenced from the HTML as `cid:<cid>`. */
  cid: string;
}

/** A message ready for a transport, but for the From header the transport's sender sets. */
export interface OutgoingMail {
  /** The Message-ID header, the same for every attempt at one message. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** The learner's private claim page of a wallet offer, and until when it can be claimed. */
export interface WalletClaimLink {
  url: string;
  expiresAt: string;
}

/** The page's QR code as PNG bytes (drawn by the web layer's sharing/qrCode). */
export type RenderQrPng = (url: string) => Promise<Buffer>;

export interface MailContent {
  kind: MailKind;
  /** The outbox id: the Message-ID's local part, so every attempt carries the same one. */
  id: string;
  record: CredentialRecord;
  url: string;
  /** The claim page, private to the learner: in the text only, never in the QR code. */
  claim?: WalletClaimLink;
  language: Language;
  to: string;
}

const QR_CID = 'credential-qr';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Each paragraph of the text as HTML, the links made clickable. */
export function htmlParagraphs(text: string, urls: readonly string[]): string {
  return text
    .split('\n\n')
    .map((paragraph) => {
      let html = escapeHtml(paragraph).replace(/\n/g, '<br>');
      for (const url of urls) {
        const link = escapeHtml(url);
        html = html.replace(link, `<a href="${link}">${link}</a>`);
      }
      return `<p>${html}</p>`;
    })
    .join('\n');
}

export async function composeMail(
  content: MailContent,
  renderQrPng: RenderQrPng,
  host: string,
): Promise<OutgoingMail> {
  const { kind, record, url, claim, language } = content;
  const credential = credentialJson(record);
  const achievementName = displayNameOf(credential) ?? String(achievementOf(credential).id ?? '');
  const values = {
    achievement: achievementName,
    issuer: issuerNameOf(credential) ?? record.issuerSlug ?? record.issuerDid,
    url,
    date: record.validUntil ? mailDate(record.validUntil, language) : '',
  };
  const prefix = kind === 'credential-issued' ? 'issued' : 'reminder';
  const subject = mailText(language, `${prefix}.subject`, values);
  const wallet = claim
    ? mailText(language, 'wallet.body', {
        claimUrl: claim.url,
        expires: mailDateTime(claim.expiresAt, language),
      })
    : undefined;
  const body = [mailText(language, `${prefix}.body`, values), ...(wallet ? [wallet] : [])].join(
    '\n\n',
  );
  const footer = mailText(language, 'footer', values);
  const alt = escapeHtml(mailText(language, 'qr.alt', values));
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(subject)}</title></head><body>`,
    htmlParagraphs(body, claim ? [url, claim.url] : [url]),
    `<p><a href="${escapeHtml(url)}"><img src="cid:${QR_CID}" alt="${alt}" width="200" height="200"></a></p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return {
    messageId: `<${content.id.replace(':', '.')}@${host}>`,
    to: content.to,
    subject,
    text: `${body}\n\n--\n${footer}\n`,
    html,
    attachments: [
      {
        filename: 'qr-code.png',
        content: await renderQrPng(url),
        contentType: 'image/png',
        cid: QR_CID,
      },
    ],
  };
}
