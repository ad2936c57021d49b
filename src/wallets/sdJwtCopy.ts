import { createPrivateKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import type { DisclosureFrame } from '@sd-jwt/types';
import type { Jwk } from '@openid4vc/oauth2';
import type { Clock } from '../core/clock.js';
import type { JsonObject } from '../core/json.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { privateJwkOf, type Ed25519KeyPair } from '../keys/issuerKey.js';
import type { CredentialRecord } from '../store/port.js';
import { vctOf } from './oid4vciMetadata.js';
import type { CopyFormats } from './oid4vciIssuance.js';

// The copy as an SD-JWT VC (dc+sd-jwt), what EU wallets must support: the same credential
// (issuer, achievement, evidence, dates, the learner's e-mail identifier, the copy's id and the
// link to the original), bound to the holder's key by cnf.jwk. The achievement and the issuer
// are always disclosed; the learner's identifier and the evidence only when the holder chooses.

const SELECTIVELY_DISCLOSED = ['identifier', 'evidence'] as const;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

function firstSubject(credential: JsonObject): JsonObject {
  const [first] = ([] as unknown[]).concat(credential.credentialSubject ?? []);
  return isObject(first) ? first : {};
}

/** The claims of the SD-JWT VC, from the stored Data Integrity copy. */
export function sdJwtClaimsOf(
  copy: CredentialRecord,
  publicUrl: URL,
  holderDid: string,
  holderJwk: Jwk,
  issuedAt: Date,
): SdJwtVcPayload {
  const credential = JSON.parse(copy.document) as JsonObject;
  const subject = firstSubject(credential);
  const issuer = isObject(credential.issuer) ? credential.issuer : { id: credential.issuer };
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const { '@context': _context, ...achievementClaims } = achievement;
  return {
    iss: copy.issuerDid,
    iat: Math.floor(issuedAt.getTime() / 1000),
    nbf: seconds(copy.validFrom),
    ...(copy.validUntil ? { exp: seconds(copy.validUntil) } : {}),
    vct: vctOf(publicUrl),
    cnf: { jwk: holderJwk },
    sub: holderDid,
    credential_id: String(credential.id),
    issuer_name: typeof issuer.name === 'string' ? issuer.name : String(issuer.id ?? ''),
    achievement: achievementClaims,
    ...(subject.identifier === undefined ? {} : { identifier: subject.identifier }),
    ...(credential.evidence === undefined ? {} : { evidence: credential.evidence }),
    ...(credential.relatedResource === undefined
      ? {}
      : { related_resource: credential.relatedResource }),
  };
}

const signingKeys = new WeakMap<Ed25519KeyPair, Promise<KeyObject>>();

function nodeKeyOf(keyPair: Ed25519KeyPair): Promise<KeyObject> {
  let key = signingKeys.get(keyPair);
  if (!key) {
    key = privateJwkOf(keyPair).then((jwk) =>
      createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }),
    );
    signingKeys.set(keyPair, key);
  }
  return key;
}

export class SdJwtCopies implements Pick<CopyFormats, 'sdJwt'> {
  constructor(
    private readonly issuers: Pick<IssuerService, 'get' | 'signingKey'>,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
    private readonly statusOf: (copy: CredentialRecord) => Promise<SdJwtVcPayload['status']>,
  ) {}

  async sdJwt(copy: CredentialRecord, holderJwk: Jwk): Promise<string> {
    const issuer = await this.issuers.get(copy.issuerSlug ?? '');
    const keyPair = await this.issuers.signingKey(issuer);
    const key = await nodeKeyOf(keyPair);
    const instance = new SDJwtVcInstance({
      signer: (data) => sign(null, Buffer.from(data), key).toString('base64url'),
      signAlg: 'EdDSA',
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
    });
    const claims = sdJwtClaimsOf(copy, this.publicUrl, subjectIdOf(copy), holderJwk, this.clock());
    const status = await this.statusOf(copy);
    const payload = status ? { ...claims, status } : claims;
    const frame = {
      _sd: SELECTIVELY_DISCLOSED.filter((name) => name in payload),
    } as DisclosureFrame<typeof payload>;
    return instance.issue(payload, frame, { header: { kid: keyPair.id ?? '' } });
  }
}

function subjectIdOf(copy: CredentialRecord): string {
  return String(firstSubject(JSON.parse(copy.document) as JsonObject).id ?? '');
}
