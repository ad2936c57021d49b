import type { Standing } from '../core/credentialState.js';
import { isUuid } from '../core/ids.js';
import type { JsonObject } from '../core/json.js';
import { NotFoundError } from '../core/problems.js';
import type { IssuingService } from '../issuing/issuingService.js';
import type { StatusService } from '../status/statusService.js';
import type { CredentialRecord } from '../store/port.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import { displayNameOf, issuerNameOf } from '../credentials/fields.js';
import { credentialJson } from '../credentials/subjectOf.js';

/** A credential as this service stored it (the web layer reads it through this use case). */
export type StoredCredential = CredentialRecord;

/** A stored credential as it is published: its record, what is served, and its claims. */
export interface PublishedCredential {
  uuid: string;
  record: StoredCredential;
  /** What verifiers and baked images take: the JSON (DI) or the compact JWS (JWT). */
  payload: JsonObject | string;
  /** The credential's claims (for a JWT, its decoded payload). */
  credential: JsonObject;
}

/** Where a credential stands in its issuer's status list, with the last change's reason. */
export interface StandingSection {
  state: Standing;
  reason?: string;
  /** ISO date-time of the last change. */
  since?: string;
}

/** A credential a tier was built from, with its own page and standing. */
export interface ConstituentStanding {
  name: string;
  /** Its own public page (/c/<uuid>). */
  url: string;
  issuerName?: string;
  state?: Standing;
}

export interface CredentialStanding {
  status: StandingSection;
  constituents?: ConstituentStanding[];
}

/** Finding a credential, what it serves, and where it and its constituents stand. */
export class CredentialService {
  constructor(
    private readonly issuing: IssuingService,
    private readonly status: StatusService,
  ) {}

  async published(uuid: string): Promise<PublishedCredential> {
    if (!isUuid(uuid)) throw new NotFoundError(`"${uuid}" is not a credential id (a UUID)`);
    const record = await this.issuing.find(uuid);
    const payload =
      record.format === 'jwt' ? record.document : (JSON.parse(record.document) as JsonObject);
    return { uuid: record.id, record, payload, credential: presentCredential(payload).credential };
  }

  /** The credential's standing and, for a tier, each constituent's, for its public page. */
  async standing(record: StoredCredential): Promise<CredentialStanding> {
    const view = await this.status.stateOf(record);
    const constituents: ConstituentStanding[] = [];
    for (const id of record.constituentIds) {
      const constituent = await this.issuing.findIfPresent(id);
      if (!constituent) continue;
      const json = credentialJson(constituent);
      const issuerName = issuerNameOf(json);
      constituents.push({
        name: displayNameOf(json) ?? 'Credential',
        url: this.issuing.credentialUrl(id),
        ...(issuerName ? { issuerName } : {}),
        state: (await this.status.stateOf(constituent)).state,
      });
    }
    return {
      status: {
        state: view.state,
        ...(view.lastChange ? { reason: view.lastChange.reason, since: view.lastChange.at } : {}),
      },
      ...(constituents.length > 0 ? { constituents } : {}),
    };
  }
}
