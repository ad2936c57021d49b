// An issuer's named, scoped API keys. The key's hash and (issuer, name) are unique keys claimed
// by insert; the key itself is never stored.
import type { Scope } from '../../core/scopes.js';

export interface ApiKeyRecord {
  /** A UUID, how the issuer names the key when it lists or revokes it. */
  id: string;
  issuerSlug: string;
  name: string;
  /** SHA-256 of the key (see keys/apiKey.ts). */
  keyHash: string;
  /** The key's last four characters, so its issuer can tell keys apart (absent on older keys). */
  lastFour?: string;
  scopes: Scope[];
  /** After this instant the key is refused. */
  expiresAt?: string;
  createdAt: string;
  /** Set once the issuer revoked it; a revoked key is refused. */
  revokedAt?: string;
}

export interface ApiKeyStore {
  /** Throws DuplicateKeyError when the issuer has a key of this name (or the hash is taken). */
  insertApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** The issuer's keys, oldest first, revoked ones too. */
  listApiKeys(issuerSlug: string): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (the first revocation's time stays); false when the issuer has no such key. */
  revokeApiKey(issuerSlug: string, id: string, revokedAt: string): Promise<boolean>;
}
