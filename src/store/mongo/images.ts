// Issuers' uploaded images in MongoDB: one document per issuer, the bytes as BSON Binary.
import type { ImageStore, IssuerImageRecord } from '../ports/imageStore.js';
import { retryTransient as retry, upsertByKey } from './errors.js';
import type { Models } from './models.js';
import { toIssuerImage } from './records.js';

export class MongoImageStore implements ImageStore {
  constructor(private readonly models: Models) {}

  async putIssuerImage(image: IssuerImageRecord): Promise<void> {
    // One document replaced by one update: a reader sees the old image or the new one, whole.
    const upsert = () =>
      this.models.issuerImages.updateOne(
        { issuerSlug: image.issuerSlug },
        { $set: image },
        { upsert: true },
      );
    await upsertByKey(upsert);
  }

  async findIssuerImage(issuerSlug: string): Promise<IssuerImageRecord | undefined> {
    const doc = await retry(() => this.models.issuerImages.findOne({ issuerSlug }).lean());
    return doc ? toIssuerImage(doc) : undefined;
  }
}
