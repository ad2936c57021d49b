// The endorsement index in MongoDB: one document per EndorsementCredential, keyed by credentialId.
import type {
  EndorsementRecord,
  EndorsementStore,
  EndorsementSubjectRef,
} from '../ports/endorsementStore.js';
import { insertOrDuplicate, retryTransient as retry } from './errors.js';
import type { EndorsementDoc, Models } from './models.js';

export function toEndorsement(doc: EndorsementDoc): EndorsementRecord {
  return {
    credentialId: doc.credentialId,
    endorserSlug: doc.endorserSlug,
    subjectKind: doc.subjectKind,
    subjectKey: doc.subjectKey,
    createdAt: doc.createdAt,
  } satisfies { [K in keyof Required<EndorsementRecord>]: EndorsementRecord[K] };
}

export class MongoEndorsementStore implements EndorsementStore {
  constructor(private readonly models: Models) {}

  async insertEndorsement(endorsement: EndorsementRecord): Promise<void> {
    await insertOrDuplicate('endorsements', () => this.models.endorsements.create(endorsement));
  }

  async listEndorsements(about?: readonly EndorsementSubjectRef[]): Promise<EndorsementRecord[]> {
    if (about !== undefined && about.length === 0) return [];
    const filter = about
      ? { $or: about.map((subject) => ({ subjectKind: subject.kind, subjectKey: subject.key })) }
      : {};
    // _id breaks ties between endorsements made in one instant, in the order they were written.
    const docs = await retry(() =>
      this.models.endorsements.find(filter).sort({ createdAt: 1, _id: 1 }).lean<EndorsementDoc[]>(),
    );
    return docs.map(toEndorsement);
  }
}
