// Credentials in MongoDB: one document each, its status position flattened (see models.ts).
import type {
  CredentialFacts,
  CredentialRecord,
  CredentialStore,
  ImportDisregardRecord,
  IssuerCredentialFilter,
} from '../ports/credentialStore.js';
import { insertIfAbsent, insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';
import {
  CREDENTIAL_FACT_FIELDS,
  credentialToDoc,
  toCredential,
  toCredentialFacts,
  toImportDisregard,
} from './records.js';

export class MongoCredentialStore implements CredentialStore {
  constructor(private readonly models: Models) {}

  async insertCredential(credential: CredentialRecord): Promise<void> {
    await insertOrDuplicate('credentials', () =>
      this.models.credentials.create(credentialToDoc(credential)),
    );
  }

  async listImportedCredentials(
    afterId: string | undefined,
    limit: number,
  ): Promise<CredentialRecord[]> {
    const docs = await retry(() =>
      this.models.credentials
        .find({ origin: 'imported', ...(afterId === undefined ? {} : { id: { $gt: afterId } }) })
        .sort({ id: 1 })
        .limit(limit)
        .lean(),
    );
    return docs.map(toCredential);
  }

  async disregardImport(disregard: ImportDisregardRecord): Promise<boolean> {
    return insertIfAbsent(() => this.models.importDisregards.create(disregard));
  }

  async findImportDisregards(credentialIds: readonly string[]): Promise<ImportDisregardRecord[]> {
    if (credentialIds.length === 0) return [];
    const docs = await retry(() =>
      this.models.importDisregards.find({ credentialId: { $in: [...credentialIds] } }).lean(),
    );
    return docs.map(toImportDisregard);
  }

  async findCredential(id: string): Promise<CredentialRecord | undefined> {
    const doc = await retry(() => this.models.credentials.findOne({ id }).lean());
    return doc ? toCredential(doc) : undefined;
  }

  async listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]> {
    const docs = await retry(() =>
      this.models.credentials.find({ learnerKey }).sort({ createdAt: 1, id: 1 }).lean(),
    );
    return docs.map(toCredential);
  }

  async listCredentialFactsOfLearners(learnerKeys: readonly string[]): Promise<CredentialFacts[]> {
    if (learnerKeys.length === 0) return [];
    const docs = await retry(() =>
      this.models.credentials
        .find({ learnerKey: { $in: [...learnerKeys] } }, CREDENTIAL_FACT_FIELDS)
        .sort({ learnerKey: 1, createdAt: 1, id: 1 })
        .lean(),
    );
    return docs.map(toCredentialFacts);
  }

  async listTiersNaming(constituentId: string): Promise<CredentialRecord[]> {
    const docs = await retry(() =>
      this.models.credentials
        .find({ constituentIds: constituentId })
        .sort({ createdAt: 1, id: 1 })
        .lean(),
    );
    return docs.map(toCredential);
  }

  async listCredentialsOfIssuer(issuerSlug: string, limit: number): Promise<CredentialRecord[]> {
    // _id breaks ties between credentials made in one instant: the later write comes first.
    const docs = await retry(() =>
      this.models.credentials
        .find({ issuerSlug, origin: 'issued' })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean(),
    );
    return docs.map(toCredential);
  }

  async searchCredentialsOfIssuer(filter: IssuerCredentialFilter): Promise<CredentialRecord[]> {
    const createdAt = {
      ...(filter.createdFrom !== undefined ? { $gte: filter.createdFrom } : {}),
      ...(filter.createdBefore !== undefined ? { $lt: filter.createdBefore } : {}),
    };
    const query = {
      issuerSlug: filter.issuerSlug,
      origin: 'issued',
      ...(filter.learnerKey !== undefined ? { learnerKey: filter.learnerKey } : {}),
      ...(filter.achievementKey !== undefined ? { achievementKey: filter.achievementKey } : {}),
      ...(filter.ids !== undefined ? { id: { $in: [...filter.ids] } } : {}),
      ...(Object.keys(createdAt).length > 0 ? { createdAt } : {}),
      ...(filter.after !== undefined
        ? {
            $or: [
              { createdAt: { $lt: filter.after.createdAt } },
              { createdAt: filter.after.createdAt, id: { $lt: filter.after.id } },
            ],
          }
        : {}),
    };
    const docs = await retry(() =>
      this.models.credentials
        .find(query)
        .sort({ createdAt: -1, id: -1 })
        .limit(filter.limit)
        .lean(),
    );
    return docs.map(toCredential);
  }
}
