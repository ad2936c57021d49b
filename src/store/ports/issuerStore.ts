// Issuers and their signing keys. Slug, DID, API key hash and public key are unique keys.

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

export interface IssuerStore {
  /** Inserts the issuer together with its first key, or neither. */
  insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void>;
  findIssuer(slug: string): Promise<IssuerRecord | undefined>;
  findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined>;
  /** A new API key for the issuer; the old one stops working. The last write wins. */
  replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void>;
  insertIssuerKey(key: IssuerKeyRecord): Promise<void>;
  /** Oldest first; the last one signs. */
  listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]>;
}
