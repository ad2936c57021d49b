// A learner's message built from the credential it is about: the achievement and issuer as the
// credential names them (already in its language), the public link, and the page's QR code
// inline as a PNG the HTML part shows through its cid. Its words are the issuer's template for
// the kind and language when there is one, else the service's own.
import type { Language } from '../catalog/catalogTypes.js';
import { achievementOf, displayNameOf, issuerNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { CredentialRecord, LearnerMailKind } from '../store/port.js';
import { mailText } from './mailTexts.js';
import {
  defaultTemplate,
  renderTemplate,
  type MailTemplateText,
  type MessageValues,
} from './templateText.js';

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
  kind: LearnerMailKind;
  /** The outbox id: the Message-ID's local part, so every attempt carries the same one. */
  id: string;
  record: CredentialRecord;
  url: string;
  /** The claim page, private to the learner: in the text only, never in the QR code. */
  claim?: WalletClaimLink;
  language: Language;
  to: string;
  /** The issuer's own text for the kind and language; without one, the service's. */
  template?: MailTemplateText;
}

/** A message's words and its HTML, the QR code referenced by cid (attached by composeMail). */
export interface MailParts {
  subject: string;
  text: string;
  html: string;
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

/** The subject, text and HTML of a learner message of this kind, from the template and values. */
export function learnerMailParts(
  kind: LearnerMailKind,
  language: Language,
  template: MailTemplateText | undefined,
  values: MessageValues,
): MailParts {
  const { subject, body } = renderTemplate(
    kind,
    language,
    template ?? defaultTemplate(kind, language),
    values,
  );
  const footer = mailText(language, 'footer', { issuerName: values.issuerName });
  const alt = escapeHtml(mailText(language, 'qr.alt', {}));
  const url = values.credentialUrl;
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(subject)}</title></head><body>`,
    htmlParagraphs(body, values.claim ? [url, values.claim.url] : [url]),
    `<p><a href="${escapeHtml(url)}"><img src="cid:${QR_CID}" alt="${alt}" width="200" height="200"></a></p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: `${body}\n\n--\n${footer}\n`, html };
}

export async function composeMail(
  content: MailContent,
  renderQrPng: RenderQrPng,
  host: string,
): Promise<OutgoingMail> {
  const { kind, record, url, claim, language } = content;
  const credential = credentialJson(record);
  const parts = learnerMailParts(kind, language, content.template, {
    achievementName: displayNameOf(credential) ?? String(achievementOf(credential).id ?? ''),
    issuerName: issuerNameOf(credential) ?? record.issuerSlug ?? record.issuerDid,
    credentialUrl: url,
    ...(record.validUntil ? { validUntil: record.validUntil } : {}),
    ...(claim ? { claim } : {}),
  });
  return {
    messageId: `<${content.id.replace(':', '.')}@${host}>`,
    to: content.to,
    ...parts,
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
