// Credentials in MongoDB: one document each, its status position flattened (see models.ts).
import type { CredentialRecord, CredentialStore } from '../ports/credentialStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { Models } from './models.js';
import { credentialToDoc, toCredential } from './records.js';

export class MongoCredentialStore implements CredentialStore {
  constructor(private readonly models: Models) {}

  async insertCredential(credential: CredentialRecord): Promise<void> {
    await insertOrDuplicate('credentials', () =>
      this.models.credentials.create(credentialToDoc(credential)),
    );
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
}
