import type { CatalogService } from '../catalog/catalogService.js';
import { DEFAULT_LANGUAGE, localized } from '../catalog/catalogTypes.js';
import { toDateTimeStamp, type Clock } from '../core/clock.js';
import type { Standing } from '../core/credentialState.js';
import { uuidOfCredentialId } from '../core/ids.js';
import type { JsonObject } from '../core/json.js';
import { NotFoundError, UnprocessableError } from '../core/problems.js';
import { issuerNameOf, achievementOf } from '../credentials/fields.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { IssuedCredential, IssuingService } from '../issuing/issuingService.js';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../jsonld/contexts.js';
import type { StatusService } from '../status/statusService.js';
import type {
  EndorsementRecord,
  EndorsementStore,
  EndorsementSubjectKind,
  EndorsementSubjectRef,
  IssuerRecord,
} from '../store/port.js';
import type { Verifier } from '../verifying/verifier.js';
import type { VerificationReport } from '../verifying/report.js';

/** What is endorsed, as the request names it. */
export type EndorsementSubjectInput = { achievement: string } | { issuer: string };

export interface EndorsementInput {
  subject: EndorsementSubjectInput;
  comment: string;
  validUntil?: string;
}

export interface EndorsementView {
  id: string;
  endorser: string;
  subject: EndorsementSubjectInput;
  state: Standing;
  url: string;
  createdAt: string;
  credential: JsonObject;
}

/** An endorsement a credential carries, with its own live check, for the credential's page. */
export interface EmbeddedEndorsement {
  about: EndorsementSubjectKind;
  endorserName?: string;
  comment?: string;
  report: VerificationReport;
  /** Where it stands in this service's status lists, when it was issued here. */
  state?: Standing;
  /** Its own page, when it was issued here. */
  url?: string;
}

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const subjectRefOf = (subject: EndorsementSubjectInput): EndorsementSubjectRef =>
  'achievement' in subject
    ? { kind: 'achievement', key: subject.achievement }
    : { kind: 'issuer', key: subject.issuer };

const subjectInputOf = (record: EndorsementRecord): EndorsementSubjectInput =>
  record.subjectKind === 'achievement'
    ? { achievement: record.subjectKey }
    : { issuer: record.subjectKey };

/**
 * Endorsements: an issuer on this instance (or a registrar) signs an OB 3.0 EndorsementCredential
 * about an achievement or another issuer. It is issued, status-listed and stored through issuing
 * like any credential, and indexed by its subject so later credentials embed it while it holds.
 */
export class EndorsementService {
  constructor(
    private readonly store: Pick<EndorsementStore, 'insertEndorsement' | 'listEndorsements'>,
    private readonly issuers: IssuerService,
    private readonly catalog: CatalogService,
    private readonly issuing: Pick<
      IssuingService,
      'issuePrepared' | 'findIfPresent' | 'credentialUrl'
    >,
    private readonly status: Pick<StatusService, 'standingsOf' | 'stateOf'>,
    private readonly verifier: Pick<Verifier, 'verify'>,
    private readonly clock: Clock,
  ) {}

  /**
   * The one place that says who may sign an endorsement and with which key: an issuer on this
   * instance, by its slug. A registrar that is signed for the same way becomes one more case here.
   */
  async endorser(slug: string): Promise<IssuerRecord> {
    return this.issuers.get(slug);
  }

  async endorse(
    endorserSlug: string,
    input: EndorsementInput,
  ): Promise<{ issued: IssuedCredential; record: EndorsementRecord }> {
    const endorser = await this.endorser(endorserSlug);
    const subject = subjectRefOf(input.subject);
    const { id: subjectId, name: subjectName } = await this.#subject(endorser, subject);
    const validFrom = toDateTimeStamp(this.clock());
    if (input.validUntil !== undefined && Date.parse(input.validUntil) <= Date.parse(validFrom)) {
      throw new UnprocessableError('invalid-validity-period', 'validUntil must be later than now', {
        errors: [{ field: 'validUntil', message: 'must be later than now' }],
      });
    }
    const credential: JsonObject = {
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: `urn:uuid:${crypto.randomUUID()}`,
      type: ['VerifiableCredential', 'EndorsementCredential'],
      name: `${endorser.name} endorses ${subjectName}`,
      issuer: { ...this.issuers.profile(endorser) },
      validFrom,
      ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}),
      credentialSubject: {
        id: subjectId,
        type: ['EndorsementSubject'],
        endorsementComment: input.comment,
      },
    };
    const issued = await this.issuing.issuePrepared({
      issuer: endorser,
      credential,
      format: 'di',
      embedEndorsements: false,
    });
    const record: EndorsementRecord = {
      credentialId: issued.uuid,
      endorserSlug: endorser.slug,
      subjectKind: subject.kind,
      subjectKey: subject.key,
      createdAt: this.clock().toISOString(),
    };
    // The id is fresh, so only a failing store can refuse this: the credential is then served
    // and revocable, but not embedded anywhere, which is the safe side.
    await this.store.insertEndorsement(record);
    return { issued, record };
  }

  /** What the endorsement is about, by the id credentials give it; refused when unknown or own. */
  async #subject(
    endorser: IssuerRecord,
    subject: EndorsementSubjectRef,
  ): Promise<{ id: string; name: string }> {
    const self = (detail: string) =>
      new UnprocessableError('self-endorsement', detail, {
        errors: [{ field: `subject.${subject.kind}`, message: detail }],
      });
    if (subject.kind === 'achievement') {
      const achievement = await this.catalog.get(subject.key).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
        throw new UnprocessableError(
          'unknown-achievement',
          `no achievement with key "${subject.key}"`,
          {
            errors: [
              { field: 'subject.achievement', message: 'must be a catalog achievement key' },
            ],
          },
        );
      });
      if (achievement.issuer === endorser.slug) {
        throw self(`"${subject.key}" is ${endorser.slug}'s own achievement`);
      }
      return {
        id: this.catalog.achievementId(achievement.key),
        name: localized(achievement.name, DEFAULT_LANGUAGE),
      };
    }
    if (subject.key === endorser.slug) throw self('an issuer cannot endorse itself');
    const issuer = await this.issuers.get(subject.key).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
      throw new UnprocessableError('unknown-issuer', `no issuer with slug "${subject.key}"`, {
        errors: [{ field: 'subject.issuer', message: 'must be an issuer slug on this service' }],
      });
    });
    return { id: issuer.did, name: issuer.name };
  }

  /** Endorsements about the achievement and/or the issuer named (all of them when neither is). */
  async list(filter: { achievement?: string; issuer?: string }): Promise<EndorsementView[]> {
    const about: EndorsementSubjectRef[] = [];
    if (filter.achievement) about.push({ kind: 'achievement', key: filter.achievement });
    if (filter.issuer) about.push({ kind: 'issuer', key: filter.issuer });
    const index = await this.store.listEndorsements(about.length > 0 ? about : undefined);
    const found = (
      await Promise.all(
        index.map(async (entry) => ({
          entry,
          record: await this.issuing.findIfPresent(entry.credentialId),
        })),
      )
    ).flatMap(({ entry, record }) => (record ? [{ entry, record }] : []));
    const standings = await this.status.standingsOf(found.map(({ record }) => record));
    return found.map(({ entry, record }) => ({
      id: `urn:uuid:${record.id}`,
      endorser: entry.endorserSlug,
      subject: subjectInputOf(entry),
      state: standings.get(record.id) ?? 'active',
      url: this.issuing.credentialUrl(record.id),
      createdAt: entry.createdAt,
      credential: JSON.parse(record.document) as JsonObject,
    }));
  }

  /**
   * Each endorsement the credential carries (on its achievement, on its issuer), checked live on
   * its own: a revoked endorsement says so without making the credential itself fail.
   */
  async embeddedIn(credential: JsonObject): Promise<EmbeddedEndorsement[]> {
    const carried: Array<{ about: EndorsementSubjectKind; endorsement: JsonObject }> = [
      ...asList(achievementOf(credential).endorsement).map((endorsement) => ({
        about: 'achievement' as const,
        endorsement,
      })),
      ...asList(isObject(credential.issuer) ? credential.issuer.endorsement : undefined).map(
        (endorsement) => ({ about: 'issuer' as const, endorsement }),
      ),
    ].flatMap(({ about, endorsement }) => (isObject(endorsement) ? [{ about, endorsement }] : []));
    return Promise.all(
      carried.map(async ({ about, endorsement }) => {
        const report = await this.verifier.verify(endorsement);
        const uuid = uuidOfCredentialId(String(endorsement.id));
        const record = uuid ? await this.issuing.findIfPresent(uuid) : undefined;
        const ours = record !== undefined && record.document === JSON.stringify(endorsement);
        const endorserName = issuerNameOf(endorsement);
        const comment = isObject(endorsement.credentialSubject)
          ? endorsement.credentialSubject.endorsementComment
          : undefined;
        return {
          about,
          ...(endorserName ? { endorserName } : {}),
          ...(typeof comment === 'string' ? { comment } : {}),
          report,
          ...(ours
            ? {
                state: (await this.status.stateOf(record)).state,
                url: this.issuing.credentialUrl(record.id),
              }
            : {}),
        };
      }),
    );
  }
}
