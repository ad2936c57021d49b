// An issuer's own credentials as its staff see them in the console: newest first, each with its
// name, page and where it stands, read in one pass over their latest status events.
import type { Standing } from '../core/credentialState.js';
import { displayNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { StatusService } from '../status/statusService.js';
import { NotFoundError } from '../core/problems.js';
import type { CredentialRecord, CredentialStore } from '../store/port.js';

export interface IssuerCredentialItem {
  id: string;
  name: string;
  achievementKey?: string;
  /** The public page (/c/<uuid>). */
  url: string;
  issuedAt: string;
  validUntil?: string;
  state: Standing;
  /** Whether it was signed with a suspension entry, so it can be suspended. */
  suspendable: boolean;
  /** For a tier the service issued: how many credentials it was built from. */
  constituents: number;
}

export class IssuerCredentials {
  constructor(
    private readonly store: Pick<CredentialStore, 'listCredentialsOfIssuer' | 'findCredential'>,
    private readonly status: Pick<StatusService, 'standingsOf' | 'offersSuspension'>,
    private readonly credentialUrl: (uuid: string) => string,
  ) {}

  async newest(slug: string, limit: number): Promise<IssuerCredentialItem[]> {
    return this.#items(await this.store.listCredentialsOfIssuer(slug, limit));
  }

  /** One credential this issuer issued; another issuer's is not found, as if it did not exist. */
  async one(slug: string, uuid: string): Promise<IssuerCredentialItem> {
    const record = await this.store.findCredential(uuid);
    if (!record || record.origin !== 'issued' || record.issuerSlug !== slug) {
      throw new NotFoundError(`issuer "${slug}" issued no credential ${uuid}`);
    }
    const [item] = await this.#items([record]);
    if (!item) throw new NotFoundError(`issuer "${slug}" issued no credential ${uuid}`);
    return item;
  }

  async #items(records: CredentialRecord[]): Promise<IssuerCredentialItem[]> {
    const standings = await this.status.standingsOf(records);
    return records.map((record) => ({
      id: record.id,
      name: displayNameOf(credentialJson(record)) ?? record.achievementKey ?? record.id,
      ...(record.achievementKey ? { achievementKey: record.achievementKey } : {}),
      url: this.credentialUrl(record.id),
      issuedAt: record.createdAt,
      ...(record.validUntil ? { validUntil: record.validUntil } : {}),
      state: standings.get(record.id) ?? 'active',
      suspendable: this.status.offersSuspension(record),
      constituents: record.constituentIds.length,
    }));
  }
}
