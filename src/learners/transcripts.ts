import type { CatalogService } from '../catalog/catalogService.js';
import { keysOf } from '../catalog/rule.js';
import { toDateTimeStamp, type Clock } from '../core/clock.js';
import { isUuid, uuidOfCredentialId } from '../core/ids.js';
import type { JsonObject } from '../core/json.js';
import { ConflictError, NotFoundError } from '../core/problems.js';
import { baseUrlOf } from '../core/publicUrl.js';
import { achievementOf, firstSubjectOf } from '../credentials/fields.js';
import { subjectIdentityFor } from '../credentials/openBadgeCredential.js';
import type { Recipient } from '../credentials/recipientIdentity.js';
import { credentialJson } from '../credentials/subjectOf.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { IssuingService } from '../issuing/issuingService.js';
import { CLR_V2_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import type { ActingAs } from '../core/actingAs.js';
import type { HeldCredential, LearnerHoldings } from '../stacking/learnerHoldings.js';
import type { CredentialRecord } from '../store/port.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { LearnerKeys } from './learnerKeys.js';

/** The platform issuer that signs transcripts: created at start like any issuer, with its own key. */
export const TRANSCRIPT_ISSUER_SLUG = 'transcripts';

export type AssociationType = 'isPartOf' | 'precedes';

/** A CLR 2.0 Association between two achievements of the transcript. */
export interface Association {
  type: 'Association';
  associationType: AssociationType;
  sourceId: string;
  targetId: string;
}

export interface IssuedTranscript {
  uuid: string;
  /** The signed ClrCredential. */
  verifiableCredential: JsonObject;
  /** Its page for people (/t/<uuid>). */
  url: string;
}

export interface PublishedTranscript {
  uuid: string;
  record: CredentialRecord;
  transcript: JsonObject;
  /** UUIDs of the carried credentials this service stores, so they have a page here. */
  storedHere: Set<string>;
}

const ENVELOPED_JWT_PREFIX = 'data:application/vc+jwt,';

/** A credential as a transcript carries it: DI as signed; a JWT enveloped (VC 2.0 §4.13). */
function asCarried(record: CredentialRecord): JsonObject {
  if (record.format === 'di') return JSON.parse(record.document) as JsonObject;
  return {
    '@context': VC_V2_CONTEXT,
    id: `${ENVELOPED_JWT_PREFIX}${record.document}`,
    type: 'EnvelopedVerifiableCredential',
  };
}

/** What a transcript carries in verifiableCredential, as verifiers take it (JSON or the JWS). */
export function carriedPayload(carried: JsonObject): JsonObject | string {
  const id = carried.id;
  return carried.type === 'EnvelopedVerifiableCredential' &&
    typeof id === 'string' &&
    id.startsWith(ENVELOPED_JWT_PREFIX)
    ? id.slice(ENVELOPED_JWT_PREFIX.length)
    : carried;
}

/** The credentials a transcript carries, as it carries them. */
export function carriedCredentials(transcript: JsonObject): JsonObject[] {
  const held = firstSubjectOf(transcript).verifiableCredential;
  return ([] as unknown[])
    .concat(held ?? [])
    .filter((item): item is JsonObject => typeof item === 'object' && item !== null);
}

const isClrCredential = (document: JsonObject): boolean =>
  Array.isArray(document.type) && document.type.includes('ClrCredential');

/**
 * CLR 2.0 transcripts: one signed ClrCredential of a learner's valid credentials as issued, their
 * achievements, and how those achievements stack (isPartOf) and follow each other (precedes).
 * Stored like any credential the service issues (status entry, page), but with no learner key, so
 * it never counts in stacking and never ends up inside a later transcript.
 */
export class Transcripts {
  constructor(
    private readonly holdings: Pick<LearnerHoldings, 'heldBy'>,
    private readonly catalog: Pick<CatalogService, 'list'>,
    private readonly issuers: IssuerService,
    private readonly issuing: Pick<IssuingService, 'issuePrepared' | 'findIfPresent'>,
    private readonly learnerKeys: LearnerKeys,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
  ) {}

  /** Creates the platform issuer on the first start; later starts find it. */
  async ensureIssuer(): Promise<void> {
    try {
      await this.issuers.create({
        slug: TRANSCRIPT_ISSUER_SLUG,
        name: `Learner transcripts, ${this.publicUrl.host}`,
        url: baseUrlOf(this.publicUrl),
        description:
          'Signs CLR 2.0 transcripts of the credentials this service holds for a learner.',
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  pageUrl(uuid: string): string {
    return `${baseUrlOf(this.publicUrl)}/t/${uuid}`;
  }

  /**
   * The admin gets every valid credential; an issuer only those it issued (marked `partial`), of a
   * learner it has issued to, the same 404 otherwise as for progress.
   */
  async issue(recipient: Recipient, actingAs: ActingAs): Promise<IssuedTranscript> {
    const learnerKey = this.learnerKeys.forRecipient(recipient);
    const slug = 'actingFor' in actingAs ? actingAs.actingFor : undefined;
    const held = (await this.holdings.heldBy(learnerKey)).filter(
      ({ record }) =>
        slug === undefined || (record.origin === 'issued' && record.issuerSlug === slug),
    );
    const valid = held.filter(({ state }) => state === 'active');
    if (valid.length === 0) {
      throw new NotFoundError(
        slug === undefined
          ? 'no valid credential of this learner'
          : 'no valid credential this issuer has issued to this learner',
      );
    }
    const issuer = await this.issuers.get(TRANSCRIPT_ISSUER_SLUG);
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const validFrom = toDateTimeStamp(this.clock());
    const credential: JsonObject = {
      '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
      id,
      type: ['VerifiableCredential', 'ClrCredential'],
      name: 'Learner transcript',
      description:
        slug === undefined
          ? `Every valid credential this service held for the learner on ${validFrom}.`
          : `The valid credentials issuer "${slug}" had issued to the learner on ${validFrom}.`,
      partial: slug !== undefined,
      issuer: this.issuers.profile(issuer) as unknown as JsonObject,
      validFrom,
      credentialSubject: {
        type: ['ClrSubject'],
        ...(subjectIdentityFor(recipient) as unknown as JsonObject),
        verifiableCredential: valid.map(({ record }) => asCarried(record)),
        achievement: achievementsOf(valid),
        association: await this.#associations(valid),
      },
    };
    const issued = await this.issuing.issuePrepared({ issuer, credential, format: 'di' });
    return {
      uuid: issued.uuid,
      verifiableCredential: issued.verifiableCredential as JsonObject,
      url: this.pageUrl(issued.uuid),
    };
  }

  /** A stored transcript; any other credential (or none) is a 404 here. */
  async published(uuid: string): Promise<PublishedTranscript> {
    const record = isUuid(uuid) ? await this.issuing.findIfPresent(uuid) : undefined;
    const transcript = record && record.format === 'di' ? credentialJson(record) : undefined;
    if (!record || !transcript || !isClrCredential(transcript)) {
      throw new NotFoundError(`no transcript with id urn:uuid:${uuid}`);
    }
    const storedHere = new Set<string>();
    for (const carried of carriedCredentials(transcript)) {
      const presented = presentCredential(carriedPayload(carried));
      const id = presented.format === 'unreadable' ? undefined : presented.credential.id;
      const carriedUuid = typeof id === 'string' ? uuidOfCredentialId(id) : undefined;
      if (carriedUuid && (await this.issuing.findIfPresent(carriedUuid))) {
        storedHere.add(carriedUuid);
      }
    }
    return { uuid: record.id, record, transcript, storedHere };
  }

  /**
   * isPartOf from each constituent's achievement to its tier's, from the tiers' stored
   * constituents; precedes from a catalog prerequisite to what needs it. Both ends are in the
   * transcript, so every association can be followed within it.
   */
  async #associations(valid: HeldCredential[]): Promise<Association[]> {
    const achievementIdOf = new Map<string, string>();
    for (const { record } of valid) {
      const id = achievementOf(credentialJson(record)).id;
      if (typeof id === 'string') achievementIdOf.set(record.id, id);
    }
    const found = new Map<string, Association>();
    const add = (associationType: AssociationType, source?: string, target?: string): void => {
      if (source === undefined || target === undefined || source === target) return;
      found.set(`${associationType} ${source} ${target}`, {
        type: 'Association',
        associationType,
        sourceId: source,
        targetId: target,
      });
    };
    for (const { record } of valid) {
      for (const constituent of record.constituentIds) {
        add('isPartOf', achievementIdOf.get(constituent), achievementIdOf.get(record.id));
      }
    }
    const prerequisitesOf = new Map(
      (await this.catalog.list()).flatMap((a) =>
        a.prerequisites === undefined ? [] : [[a.key, keysOf(a.prerequisites)] as const],
      ),
    );
    for (const { record } of valid) {
      const needed = record.achievementKey && prerequisitesOf.get(record.achievementKey);
      if (!needed) continue;
      for (const earlier of valid) {
        if (earlier.record.achievementKey && needed.includes(earlier.record.achievementKey)) {
          add('precedes', achievementIdOf.get(earlier.record.id), achievementIdOf.get(record.id));
        }
      }
    }
    return [...found.values()];
  }
}

/** The achievements of the credentials, each once (by id). */
function achievementsOf(valid: HeldCredential[]): JsonObject[] {
  const byId = new Map<string, JsonObject>();
  for (const { record } of valid) {
    const achievement = achievementOf(credentialJson(record));
    const id = typeof achievement.id === 'string' ? achievement.id : undefined;
    if (id !== undefined && !byId.has(id)) byId.set(id, achievement);
  }
  return [...byId.values()];
}
