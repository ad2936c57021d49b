import { credentialJson } from '../credentials/subjectOf.js';
import type { Clock } from '../core/clock.js';
import { baseUrlOf } from '../core/publicUrl.js';
import { uuidOfCredentialId } from '../core/ids.js';
import {
  NotFoundError,
  UnprocessableError,
  ConflictError,
  ValidationError,
  type FieldError,
} from '../core/problems.js';
import type { IssuerService } from '../issuers/issuerService.js';
import type { JsonObject } from '../core/json.js';
import {
  DuplicateKeyError,
  type CredentialRecord,
  type IssuerRecord,
  type CredentialStore,
} from '../store/port.js';
import type { CredentialFormat } from '../core/credentialState.js';
import type { StatusPurpose } from '../core/statusPurpose.js';
import {
  buildOpenBadgeCredential,
  inlineAchievementDocument,
  subjectIdentityFor,
  type AchievementInput,
  type OpenBadgeCredential,
  type EvidenceInput,
  type ResultInput,
} from '../credentials/openBadgeCredential.js';
import { resultDescriptionProblems, resultProblems } from '../credentials/ob3Parts.js';
import { toDateTimeStamp } from '../core/clock.js';
import {
  ACHIEVEMENT_CREDENTIAL_SCHEMA,
  ob3SchemaFor,
  withOb3CredentialSchema,
} from '../credentials/ob3CredentialSchema.js';
import type { Recipient } from '../credentials/recipientIdentity.js';
import type { DataIntegritySigner } from '../signing/signTask.js';
import { asSigningProblem } from '../signing/signingProblem.js';
import { signJwt } from '../signing/signJwt.js';
import type { StatusService } from '../status/statusService.js';
import type { ServiceEvents } from '../events/serviceEvents.js';

export interface AwardInput {
  achievement: AchievementInput;
  recipient: Recipient;
  evidence?: EvidenceInput[];
  result?: ResultInput[];
  validUntil?: string;
  /** The language the inline achievement is written in: its inLanguage. */
  lang?: string;
  cohort?: string;
  region?: string;
}

/** An award's programme tags (partner metrics), stored beside the credential, never signed. */
export interface AwardTags {
  cohort?: string;
  region?: string;
}

/** Only the tags that are set, so a record carries no empty field. */
export const tagsOf = (input: AwardTags): AwardTags => ({
  ...(input.cohort ? { cohort: input.cohort } : {}),
  ...(input.region ? { region: input.region } : {}),
});

/** An inline award's achievement and results must agree with themselves and with `lang`. */
function inlineAwardProblems(input: AwardInput): FieldError[] {
  const { achievement } = input;
  const descriptions = achievement.resultDescription ?? [];
  const problems = [
    ...resultDescriptionProblems(descriptions, 'achievement.resultDescription'),
    ...resultProblems(input.result ?? [], descriptions),
  ];
  if (
    input.lang !== undefined &&
    achievement.inLanguage !== undefined &&
    achievement.inLanguage !== input.lang
  ) {
    problems.push({
      field: 'achievement.inLanguage',
      message: `must be "${input.lang}", the lang the award asks for (or leave one of them out)`,
    });
  }
  return problems;
}

/** A credential ready to sign, with what the store keeps beside it. */
export interface PreparedIssue {
  issuer: IssuerRecord;
  credential: JsonObject;
  format: CredentialFormat;
  achievementKey?: string;
  learnerKey?: string;
  constituentIds?: string[];
  renewalOf?: string;
  /** Why it renews `renewalOf`, as the issuer gave it. */
  renewalReason?: string;
  tags?: AwardTags;
  /** The status entries to add; the issuer's own choice when left out. */
  statusPurposes?: readonly StatusPurpose[];
  /**
   * false signs the credential as given (VC-API issue); otherwise an OB 3.0 achievement
   * credential gets the endorsements valid now about its achievement and its issuer.
   */
  embedEndorsements?: boolean;
  /** Who asked for it and in which language, for the followers told of it (learner e-mail). */
  recipient?: Recipient;
  language?: string;
  batchId?: string;
}

/** Signed EndorsementCredentials, valid at the time asked, about an achievement and an issuer. */
export interface EndorsementSource {
  validEndorsementsFor(subject: {
    achievementKey?: string;
    issuerSlug: string;
  }): Promise<{ achievement: JsonObject[]; issuer: JsonObject[] }>;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The credential with `endorsement` set where 1EdTech's schema has it: on the Achievement for
 * endorsements of the achievement, on the issuer's Profile for endorsements of the issuer. One
 * carried over from an earlier credential (a renewal) is replaced by what is valid now.
 */
function withEndorsements(
  credential: JsonObject,
  found: { achievement: JsonObject[]; issuer: JsonObject[] },
  catalogAchievement: boolean,
): JsonObject {
  const set = (node: JsonObject, endorsements: JsonObject[]): JsonObject => {
    const { endorsement: _previous, ...rest } = node;
    return endorsements.length > 0 ? { ...rest, endorsement: endorsements } : rest;
  };
  const subject = credential.credentialSubject;
  const achievement = isObject(subject) ? subject.achievement : undefined;
  return {
    ...credential,
    ...(isObject(credential.issuer) ? { issuer: set(credential.issuer, found.issuer) } : {}),
    ...(catalogAchievement && isObject(subject) && isObject(achievement)
      ? { credentialSubject: { ...subject, achievement: set(achievement, found.achievement) } }
      : {}),
  };
}

export interface IssuedCredential {
  uuid: string;
  record: CredentialRecord;
  /** The credential with its proof (DI) or the compact JWS (JWT). */
  verifiableCredential: JsonObject | string;
  url: string;
}

function assertDateOrder(validFrom: string, validUntil: string | undefined): void {
  if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new UnprocessableError(
      'invalid-validity-period',
      `validUntil (${validUntil}) must be later than validFrom (${validFrom})`,
      { errors: [{ field: 'validUntil', message: 'must be later than validFrom' }] },
    );
  }
}

/**
 * The proof as a one-element set. 1EdTech's OB 3.0 schema wants `proof` as an array (the spec's
 * text also allows one object); VC 2.0, our verifier, @digitalbazaar/vc and DCC verifier-core all
 * read a set, so the array is what every one of them accepts.
 */
function asProofSet(signed: JsonObject): JsonObject {
  return signed.proof === undefined || Array.isArray(signed.proof)
    ? signed
    : { ...signed, proof: [signed.proof] };
}

/** Tries of a credential whose index another credential took meanwhile (see issuePrepared). */
const MAX_INDEX_ATTEMPTS = 3;

/** The credential's status index was freed by the claim repair and another credential stored on it. */
class StatusIndexTaken extends Error {
  constructor() {
    super('another credential was stored on the status index claimed for this one');
    this.name = 'StatusIndexTaken';
  }
}

export class IssuingService {
  constructor(
    private readonly store: Pick<CredentialStore, 'findCredential' | 'insertCredential'>,
    private readonly issuers: IssuerService,
    private readonly signDataIntegrity: DataIntegritySigner,
    private readonly status: StatusService,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
    private readonly events: Pick<ServiceEvents, 'publish'>,
    private readonly endorsements?: EndorsementSource,
  ) {}

  credentialUrl(uuid: string): string {
    return `${baseUrlOf(this.publicUrl)}/c/${uuid}`;
  }

  /** Everything an inline award is refused for, checked without writing anything. */
  async checkAward(slug: string, input: AwardInput): Promise<void> {
    const problems = inlineAwardProblems(input);
    if (problems.length > 0) throw new ValidationError(problems);
    await this.issuers.getAwarding(slug);
    assertDateOrder(toDateTimeStamp(this.clock()), input.validUntil);
  }

  async award(
    slug: string,
    input: AwardInput,
    options: { credentialId?: string; format?: CredentialFormat; batchId?: string } = {},
  ): Promise<IssuedCredential> {
    const { issuer, credential } = await this.#inlineCredential(
      slug,
      input,
      options.credentialId ?? crypto.randomUUID(),
    );
    return this.issuePrepared({
      issuer,
      credential,
      format: options.format ?? 'di',
      recipient: input.recipient,
      tags: tagsOf(input),
      ...(input.lang ? { language: input.lang } : {}),
      ...(options.batchId ? { batchId: options.batchId } : {}),
    });
  }

  /**
   * What an inline award would issue, refused as the award is but neither signed nor stored:
   * the console's preview shows it as the learner and an employer will read it.
   */
  async draft(slug: string, input: AwardInput): Promise<OpenBadgeCredential> {
    return (await this.#inlineCredential(slug, input, crypto.randomUUID())).credential;
  }

  async #inlineCredential(slug: string, input: AwardInput, uuid: string) {
    const problems = inlineAwardProblems(input);
    if (problems.length > 0) throw new ValidationError(problems);
    const issuer = await this.issuers.getAwarding(slug);
    const validFrom = toDateTimeStamp(this.clock());
    assertDateOrder(validFrom, input.validUntil);
    const inLanguage = input.achievement.inLanguage ?? input.lang;
    const profile = this.issuers.profile(issuer);
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${uuid}`,
      issuer: profile,
      achievement: inlineAchievementDocument({
        ...input.achievement,
        id: input.achievement.id ?? `urn:uuid:${crypto.randomUUID()}`,
        // An inline achievement has no badge art of its own: displayers show the issuer's image.
        image: input.achievement.image ?? profile.image?.id,
        ...(inLanguage ? { inLanguage } : {}),
      }),
      subject: subjectIdentityFor(input.recipient),
      evidence: input.evidence,
      result: input.result,
      validFrom,
      validUntil: input.validUntil,
    });
    return { issuer, credential };
  }

  /**
   * Allocates the credential's status entries, signs and stores it: either all of it lands or
   * the status index is given back, so a failure leaves storage as it was.
   *
   * A writer slower than the claim repair's age may find its index freed and claimed again: the
   * credentials' unique position key then refuses whichever of the two stores second, and that
   * one claims another index and signs again (its old claim is left alone: it is the other's).
   */
  async issuePrepared(request: PreparedIssue): Promise<IssuedCredential> {
    const credential = await this.#endorsed(request);
    const uuid = uuidOfCredentialId(String(credential.id));
    if (uuid === undefined) throw new Error('credential id must be a urn:uuid');
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#issueAtNewIndex(request, credential, uuid);
      } catch (error) {
        if (!(error instanceof StatusIndexTaken) || attempt === MAX_INDEX_ATTEMPTS) throw error;
      }
    }
  }

  async #issueAtNewIndex(
    request: PreparedIssue,
    credential: JsonObject,
    uuid: string,
  ): Promise<IssuedCredential> {
    const { issuer, format } = request;
    const position = await this.status.allocate(issuer.slug, uuid, this.clock().toISOString());
    let issued: IssuedCredential;
    try {
      const unsigned = {
        ...withOb3CredentialSchema(credential),
        credentialStatus: this.status.entriesFor(
          issuer.slug,
          position,
          request.statusPurposes ?? issuer.statusPurposes,
        ),
      };
      const { verifiableCredential, vcJwt } = await this.#sign(issuer, unsigned, format);
      const record: CredentialRecord = {
        id: uuid,
        origin: 'issued',
        issuerDid: issuer.did,
        issuerSlug: issuer.slug,
        format,
        document:
          typeof verifiableCredential === 'string'
            ? verifiableCredential
            : JSON.stringify(verifiableCredential),
        ...(vcJwt ? { vcJwt } : {}),
        validFrom: String(credential.validFrom),
        ...(typeof credential.validUntil === 'string' ? { validUntil: credential.validUntil } : {}),
        ...(request.achievementKey ? { achievementKey: request.achievementKey } : {}),
        ...(request.learnerKey ? { learnerKey: request.learnerKey } : {}),
        ...(request.renewalOf ? { renewalOf: request.renewalOf } : {}),
        ...(request.renewalReason ? { renewalReason: request.renewalReason } : {}),
        ...tagsOf(request.tags ?? {}),
        status: position,
        constituentIds: request.constituentIds ?? [],
        createdAt: this.clock().toISOString(),
      };
      await this.#insert(record);
      issued = { uuid, verifiableCredential, url: this.credentialUrl(uuid), record };
    } catch (error) {
      if (!(error instanceof StatusIndexTaken)) {
        await this.status.release(issuer.slug, position, uuid);
      }
      throw error;
    }
    await this.tellIssued(issued.record, request);
    return issued;
  }

  /**
   * Tells the followers a credential was issued. A batch row found stored after a crash is told
   * again: the event id is the credential's, so whatever queued it the first time adds nothing.
   */
  async tellIssued(
    record: CredentialRecord,
    told: Pick<PreparedIssue, 'recipient' | 'language' | 'batchId'>,
  ): Promise<void> {
    await this.events.publish({
      type: 'credential.issued',
      id: `credential.issued:${record.id}`,
      issuerSlug: record.issuerSlug ?? '',
      record,
      url: this.credentialUrl(record.id),
      ...(told.recipient ? { recipient: told.recipient } : {}),
      ...(told.language ? { language: told.language } : {}),
      ...(told.batchId ? { batchId: told.batchId } : {}),
    });
  }

  async #endorsed(request: PreparedIssue): Promise<JsonObject> {
    const { credential } = request;
    if (
      !this.endorsements ||
      request.embedEndorsements === false ||
      ob3SchemaFor(credential) !== ACHIEVEMENT_CREDENTIAL_SCHEMA
    ) {
      return credential;
    }
    const found = await this.endorsements.validEndorsementsFor({
      issuerSlug: request.issuer.slug,
      ...(request.achievementKey ? { achievementKey: request.achievementKey } : {}),
    });
    return withEndorsements(credential, found, request.achievementKey !== undefined);
  }

  /**
   * The credential signed as asked. A Data Integrity credential is signed as a vc+jwt too, with
   * the same key, for the credential QR that phones verify offline.
   */
  async #sign(
    issuer: IssuerRecord,
    credential: JsonObject,
    format: CredentialFormat,
  ): Promise<{ verifiableCredential: JsonObject | string; vcJwt?: string }> {
    const keyPair = await this.issuers.signingKey(issuer);
    try {
      if (format === 'jwt') return { verifiableCredential: await signJwt(credential, keyPair) };
      const [signed, vcJwt] = await Promise.all([
        this.signDataIntegrity(credential, keyPair),
        signJwt(credential, keyPair),
      ]);
      return { verifiableCredential: asProofSet(signed), vcJwt };
    } catch (error) {
      throw asSigningProblem(error);
    }
  }

  async #insert(record: CredentialRecord): Promise<void> {
    try {
      await this.store.insertCredential(record);
    } catch (error) {
      // The id or the position was taken; the id is never freed, so it is the position if the
      // id is not stored.
      if (error instanceof DuplicateKeyError && !(await this.store.findCredential(record.id))) {
        throw new StatusIndexTaken();
      }
      if (error instanceof DuplicateKeyError) {
        throw new ConflictError(
          `a credential with id urn:uuid:${record.id} already exists`,
          'credential-exists',
        );
      }
      throw error;
    }
  }

  /**
   * A credential stored here, as issuing it answered, with its followers told (again: the event id
   * is the credential's): what a request that died after storing it is answered with on retry.
   */
  async issuedIfPresent(uuid: string): Promise<IssuedCredential | undefined> {
    const record = await this.findIfPresent(uuid);
    if (!record) return undefined;
    await this.tellIssued(record, {});
    return {
      uuid,
      record,
      verifiableCredential: record.format === 'jwt' ? record.document : credentialJson(record),
      url: this.credentialUrl(uuid),
    };
  }

  async find(uuid: string): Promise<CredentialRecord> {
    const record = await this.findIfPresent(uuid);
    if (!record) throw new NotFoundError(`no credential with id urn:uuid:${uuid}`);
    return record;
  }

  findIfPresent(uuid: string): Promise<CredentialRecord | undefined> {
    return this.store.findCredential(uuid.toLowerCase());
  }
}
