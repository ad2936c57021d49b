// The one door to storage. Every invariant racing requests could break is a unique key that
// an insert claims; adapters never check-then-write and never keep counters.

export interface IssuerRecord {
  slug: string;
  did: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  apiKeyHash: string;
  createdAt: string;
}

export interface IssuerKeyRecord {
  issuerSlug: string;
  publicKeyMultibase: string;
  /** The secret key, encrypted at rest (see keys/keyEncryption.ts). */
  sealedSecretKey: string;
  createdAt: string;
}

export type CredentialFormat = 'di' | 'jwt';

export interface CredentialRecord {
  /** The UUID part of the credential's urn:uuid id. */
  id: string;
  issuerSlug: string;
  format: CredentialFormat;
  /** The signed credential exactly as issued: JSON text for DI, the compact JWS for JWT. */
  document: string;
  createdAt: string;
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  /** JSON of the first response; undefined while the first request is still running. */
  response?: string;
  createdAt: string;
}

export type ClaimResult<T> = { claimed: true } | { claimed: false; existing: T };

/** Thrown by adapters when an insert hits a unique key. */
export class DuplicateKeyError extends Error {
  constructor(readonly collection: string) {
    super(`duplicate key in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface Store {
  /** Inserts the issuer together with its first key, or neither. */
  insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void>;
  findIssuer(slug: string): Promise<IssuerRecord | undefined>;
  findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined>;
  insertIssuerKey(key: IssuerKeyRecord): Promise<void>;
  /** Oldest first; the last one signs. */
  listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]>;

  insertCredential(credential: CredentialRecord): Promise<void>;
  findCredential(id: string): Promise<CredentialRecord | undefined>;

  /** Stores `value` under `name` unless a value is already there; returns the stored value. */
  claimSetting(name: string, value: string): Promise<string>;

  claimIdempotencyKey(claim: IdempotencyClaim): Promise<ClaimResult<IdempotencyRecord>>;
  completeIdempotencyKey(scope: string, key: string, response: string): Promise<void>;
  /** Frees a claim whose request failed, so the failure leaves nothing behind. */
  releaseIdempotencyKey(scope: string, key: string): Promise<void>;

  close(): Promise<void>;
}
