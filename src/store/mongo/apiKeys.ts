// Scoped API keys in MongoDB.
import type { ApiKeyRecord, ApiKeyStore } from '../ports/apiKeyStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { ApiKeyDoc, Models } from './models.js';

export function toApiKey(doc: ApiKeyDoc): ApiKeyRecord {
  return {
    id: doc.id,
    issuerSlug: doc.issuerSlug,
    name: doc.name,
    keyHash: doc.keyHash,
    lastFour: doc.lastFour,
    scopes: [...doc.scopes],
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt,
  } satisfies { [K in keyof Required<ApiKeyRecord>]: ApiKeyRecord[K] };
}

export class MongoApiKeyStore implements ApiKeyStore {
  constructor(private readonly models: Models) {}

  async insertApiKey(key: ApiKeyRecord): Promise<void> {
    await insertOrDuplicate('api_keys', () => this.models.apiKeys.create(key));
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const doc = await retry(() => this.models.apiKeys.findOne({ keyHash }).lean<ApiKeyDoc>());
    return doc ? toApiKey(doc) : undefined;
  }

  async listApiKeys(issuerSlug: string): Promise<ApiKeyRecord[]> {
    // _id breaks ties between keys made in one instant, in the order they were written.
    const docs = await retry(() =>
      this.models.apiKeys.find({ issuerSlug }).sort({ createdAt: 1, _id: 1 }).lean<ApiKeyDoc[]>(),
    );
    return docs.map(toApiKey);
  }

  async revokeApiKey(issuerSlug: string, id: string, revokedAt: string): Promise<boolean> {
    // A conditional $set can safely run twice: the first revocation's time stays.
    await retry(() =>
      this.models.apiKeys.updateOne(
        { issuerSlug, id, revokedAt: { $exists: false } },
        { $set: { revokedAt } },
      ),
    );
    const doc = await retry(() => this.models.apiKeys.findOne({ issuerSlug, id }).lean());
    return doc !== null;
  }
}
