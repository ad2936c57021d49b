import type { JsonObject } from '../core/json.js';
import type { StatusService } from '../status/statusService.js';
import type { CredentialStore, EndorsementStore, EndorsementSubjectRef } from '../store/port.js';

/**
 * The endorsements a credential issued now carries: those about its achievement and its issuer
 * that still hold (not revoked, suspended or expired), as signed. Issuing asks this before it
 * signs; nothing here signs, so issuing does not depend on the endorsement use case.
 */
export class ValidEndorsements {
  constructor(
    private readonly store: Pick<EndorsementStore, 'listEndorsements'> &
      Pick<CredentialStore, 'findCredential'>,
    private readonly status: Pick<StatusService, 'standingsOf'>,
  ) {}

  async validEndorsementsFor(subject: {
    achievementKey?: string;
    issuerSlug: string;
  }): Promise<{ achievement: JsonObject[]; issuer: JsonObject[] }> {
    const about: EndorsementSubjectRef[] = [{ kind: 'issuer', key: subject.issuerSlug }];
    if (subject.achievementKey) about.push({ kind: 'achievement', key: subject.achievementKey });
    const index = await this.store.listEndorsements(about);
    if (index.length === 0) return { achievement: [], issuer: [] };
    const stored = await Promise.all(
      index.map(async (entry) => ({
        entry,
        record: await this.store.findCredential(entry.credentialId),
      })),
    );
    // Only Data Integrity ones: 1EdTech's `endorsement` holds credential objects (JWTs would go
    // in endorsementJwt, and this service signs endorsements as Data Integrity).
    const found = stored.flatMap(({ entry, record }) =>
      record && record.format === 'di' ? [{ entry, record }] : [],
    );
    const standings = await this.status.standingsOf(found.map(({ record }) => record));
    const valid = found.filter(({ record }) => standings.get(record.id) === 'active');
    const documents = (kind: EndorsementSubjectRef['kind']) =>
      valid
        .filter(({ entry }) => entry.subjectKind === kind)
        .map(({ record }) => JSON.parse(record.document) as JsonObject);
    return { achievement: documents('achievement'), issuer: documents('issuer') };
  }
}
