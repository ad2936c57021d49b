// Issuers and their keys in MongoDB.
import type { StatusPurpose } from '../../core/statusPurpose.js';
import { DuplicateKeyError } from '../ports/duplicateKeyError.js';
import type { IssuerKeyRecord, IssuerRecord, IssuerStore } from '../ports/issuerStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';
import { toIssuer, toIssuerKey } from './records.js';

export class MongoIssuerStore implements IssuerStore {
  constructor(private readonly models: Models) {}

  async insertIssuer(issuer: IssuerRecord, firstKey: IssuerKeyRecord): Promise<void> {
    // The issuer first: a taken slug, DID or API key then stops before anything is written.
    await insertOrDuplicate('issuers', () => this.models.issuers.create(issuer));
    try {
      await insertOrDuplicate('issuers', () => this.models.issuerKeys.create(firstKey));
    } catch (error) {
      // Undo the issuer. A key whose insert has an unknown outcome goes too; a duplicate is not ours.
      if (!(error instanceof DuplicateKeyError)) {
        const { publicKeyMultibase } = firstKey;
        await retry(() => this.models.issuerKeys.deleteOne({ publicKeyMultibase }));
      }
      await retry(() => this.models.issuers.deleteOne({ slug: issuer.slug }));
      throw error;
    }
  }

  async findIssuer(slug: string): Promise<IssuerRecord | undefined> {
    const doc = await retry(() => this.models.issuers.findOne({ slug }).lean());
    return doc ? toIssuer(doc) : undefined;
  }

  async findIssuerByApiKeyHash(apiKeyHash: string): Promise<IssuerRecord | undefined> {
    const doc = await retry(() => this.models.issuers.findOne({ apiKeyHash }).lean());
    return doc ? toIssuer(doc) : undefined;
  }

  async replaceIssuerApiKeyHash(slug: string, apiKeyHash: string): Promise<void> {
    await retry(() => this.models.issuers.updateOne({ slug }, { $set: { apiKeyHash } }));
  }

  async setIssuerStatusPurposes(slug: string, statusPurposes: StatusPurpose[]): Promise<void> {
    await retry(() => this.models.issuers.updateOne({ slug }, { $set: { statusPurposes } }));
  }

  async insertIssuerKey(key: IssuerKeyRecord): Promise<void> {
    await insertOrDuplicate('issuer_keys', () => this.models.issuerKeys.create(key));
  }

  async listIssuerKeys(issuerSlug: string): Promise<IssuerKeyRecord[]> {
    // _id breaks ties between keys made in the same millisecond: the driver's ObjectIds ascend.
    const docs = await retry(() =>
      this.models.issuerKeys.find({ issuerSlug }).sort({ createdAt: 1, _id: 1 }).lean(),
    );
    return docs.map(toIssuerKey);
  }
}
