import { UnprocessableError } from '../core/problems.js';
import type { JsonObject } from '../core/json.js';

/** A signed credential as it travels: JSON with an embedded proof, or a VC-JOSE compact JWS. */
export type CredentialPayload = JsonObject | string;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function unreadableCredential(detail: string): UnprocessableError {
  return new UnprocessableError('credential-unreadable', detail);
}

/** What a baked image carries: compact JSON for an embedded proof, the JWS itself for VC-JOSE. */
export function payloadText(payload: CredentialPayload): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/** Reads credential text from an image, a file or a form; `source` names it in the problem. */
export function parsePayloadText(text: string, source: string): CredentialPayload {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw unreadableCredential(`${source} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw unreadableCredential(`${source} is not a JSON object`);
    }
    return parsed as JsonObject;
  }
  if (COMPACT_JWS.test(trimmed)) return trimmed;
  if (trimmed === '') throw unreadableCredential(`${source} is empty`);
  throw unreadableCredential(`${source} holds neither a JSON credential nor a compact JWS (JWT)`);
}
