import {
  parsePayloadText,
  unreadableCredential,
  type CredentialPayload,
} from './credentialPayload.js';
import { extractFromPng, isPng } from './pngBaking.js';
import { extractFromSvg } from './svgBaking.js';

/** What the sender said the bytes are; `unknown` lets the content decide (a form's file field). */
export type DeclaredKind = 'png' | 'svg' | 'unknown';

function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadableCredential('the file is neither a PNG image nor UTF-8 text');
  }
}

/** A credential from a file: a baked PNG or SVG, a JSON credential or a JWT. */
export function readCredentialFile(bytes: Uint8Array, declared: DeclaredKind): CredentialPayload {
  if (declared === 'png' || (declared === 'unknown' && isPng(bytes))) {
    return parsePayloadText(extractFromPng(bytes), 'the PNG’s openbadgecredential chunk');
  }
  const text = utf8Text(bytes);
  if (
    declared === 'svg' ||
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  ) {
    return parsePayloadText(extractFromSvg(text), 'the SVG’s openbadges:credential element');
  }
  return parsePayloadText(text, 'the file');
}
