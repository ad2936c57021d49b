// Issuers and their signing keys. Slug, DID, API key hash and public key are unique keys.
import type { StatusPurpose } from '../../core/statusPurpose.js';

export interface IssuerRecord {
  slug: string;
  did: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  /** The status entries its new credentials carry: revocation always, suspension if turned on. */
  statusPurposes: StatusPurpose[];
  apiKeyHash: string;
  createdAt: string;
  /**
   * 'registrar': a qualifications body with its own key and DID like an issuer's, which proposes
   * framework mappings and signs endorsements but never awards. Absent: an issuer.
   */
  role?: 'registrar';
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
  /** What the issuer's credentials issued from now on carry. The last write wins. */
  setIssuerStatusPurposes(slug: string, statusPurposes: StatusPurpose[]): Promise<void>;
  insertIssuerKey(key: IssuerKeyRecord): Promise<void>;
  /** Oldest first; the last one signs. */
  listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]>;
}
