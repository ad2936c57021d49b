import type { JsonObject } from '../core/json.js';

/** The issuer's id, whether the credential names it as a string or as a Profile object. */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as JsonObject).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** The first credential subject, as an object (empty when there is none). */
export function firstSubjectOf(credential: JsonObject): JsonObject {
  const subject = ([] as unknown[]).concat(credential.credentialSubject ?? [])[0];
  return typeof subject === 'object' && subject !== null ? (subject as JsonObject) : {};
}

/** The OB3 achievement the credential is about (empty when there is none). */
export function achievementOf(credential: JsonObject): JsonObject {
  const achievement = firstSubjectOf(credential).achievement;
  return typeof achievement === 'object' && achievement !== null ? (achievement as JsonObject) : {};
}

/** What to call the credential: its achievement's name, else its own name. */
export function displayNameOf(credential: JsonObject): string | undefined {
  const name = achievementOf(credential).name ?? credential.name;
  return typeof name === 'string' ? name : undefined;
}

/** The issuer's name when the credential carries a Profile. */
export function issuerNameOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer !== 'object' || issuer === null) return undefined;
  const name = (issuer as JsonObject).name;
  return typeof name === 'string' ? name : undefined;
}
