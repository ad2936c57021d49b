import type { Clock } from '../core/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/problems.js';
import { SCOPES, type Scope } from '../core/scopes.js';
import { generateApiKey, hashApiKey } from '../keys/apiKey.js';
import { DuplicateKeyError, type ApiKeyRecord, type ApiKeyStore } from '../store/port.js';
import type { IssuerService } from './issuerService.js';

export interface ScopedKeyInput {
  name: string;
  scopes: Scope[];
  expiresAt?: string;
}

export type ScopedKeyState = 'active' | 'expired' | 'revoked';

/** A key as its issuer sees it: never the secret, nor its hash. */
export interface ScopedKeyView {
  id: string;
  name: string;
  /** The key's last four characters, which tell keys apart without giving one away. */
  lastFour?: string;
  scopes: Scope[];
  expiresAt?: string;
  createdAt: string;
  revokedAt?: string;
  state: ScopedKeyState;
}

/** Who a scoped key acts for, and what it may do. */
export interface ScopedKeyHolder {
  issuerSlug: string;
  scopes: Scope[];
}

export type ScopedKeyLookup =
  { found: true; holder: ScopedKeyHolder } | { found: false; reason?: 'expired' | 'revoked' };

/**
 * An issuer's named keys with scopes (an LMS that only awards, a CRM that only reads progress).
 * The key is shown once and stored as its hash; a name is claimed once per issuer by insert.
 */
export class ApiKeyService {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly issuers: IssuerService,
    private readonly clock: Clock,
  ) {}

  async create(
    slug: string,
    input: ScopedKeyInput,
  ): Promise<{ key: ScopedKeyView; apiKey: string }> {
    await this.issuers.get(slug);
    const now = this.clock();
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= now.getTime()) {
      throw new ValidationError([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const apiKey = generateApiKey();
    const record: ApiKeyRecord = {
      id: crypto.randomUUID(),
      issuerSlug: slug,
      name: input.name,
      keyHash: hashApiKey(apiKey),
      lastFour: apiKey.slice(-4),
      // One order for the same set, whatever order they were asked in.
      scopes: SCOPES.filter((scope) => input.scopes.includes(scope)),
      ...(input.expiresAt !== undefined
        ? { expiresAt: new Date(input.expiresAt).toISOString() }
        : {}),
      createdAt: now.toISOString(),
    };
    try {
      await this.store.insertApiKey(record);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new ConflictError(
          `issuer "${slug}" already has a key named "${input.name}"`,
          'api-key-name-taken',
        );
      }
      throw error;
    }
    return { key: this.#view(record, now), apiKey };
  }

  async list(slug: string): Promise<ScopedKeyView[]> {
    await this.issuers.get(slug);
    const now = this.clock();
    return (await this.store.listApiKeys(slug)).map((record) => this.#view(record, now));
  }

  async revoke(slug: string, id: string): Promise<ScopedKeyView> {
    const at = this.clock();
    if (!(await this.store.revokeApiKey(slug, id, at.toISOString()))) {
      throw new NotFoundError(`issuer "${slug}" has no key with id ${id}`);
    }
    const record = (await this.store.listApiKeys(slug)).find((key) => key.id === id);
    if (!record) throw new NotFoundError(`issuer "${slug}" has no key with id ${id}`);
    return this.#view(record, at);
  }

  /** The holder of a scoped key, or why it no longer counts. */
  async lookup(apiKey: string): Promise<ScopedKeyLookup> {
    const record = await this.store.findApiKeyByHash(hashApiKey(apiKey));
    if (!record) return { found: false };
    const state = this.#state(record, this.clock());
    if (state !== 'active') return { found: false, reason: state };
    return { found: true, holder: { issuerSlug: record.issuerSlug, scopes: record.scopes } };
  }

  #state(record: ApiKeyRecord, now: Date): ScopedKeyState {
    if (record.revokedAt !== undefined) return 'revoked';
    if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime()) {
      return 'expired';
    }
    return 'active';
  }

  #view(record: ApiKeyRecord, now: Date): ScopedKeyView {
    const { keyHash: _hash, issuerSlug: _slug, ...shown } = record;
    return { ...shown, state: this.#state(record, now) };
  }
}
