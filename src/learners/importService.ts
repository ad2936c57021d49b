import type { Clock } from '../core/clock.js';
import type { CatalogService } from '../catalog/catalogService.js';
import type { TrustedAchievement } from '../catalog/catalogTypes.js';
import { achievementOf, issuerIdOf } from '../credentials/fields.js';
import { subjectIdentityOf } from '../credentials/subjectOf.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ProblemError,
  UnprocessableError,
} from '../core/problems.js';
import { type IssuedCredential } from '../issuing/issuingService.js';
import { uuidOfCredentialId } from '../core/ids.js';
import {
  identityMatchesEmail,
  type IdentityObject,
  type Recipient,
} from '../credentials/recipientIdentity.js';
import type { JsonObject } from '../core/json.js';
import type { ActingAs } from '../core/actingAs.js';
import type { TierAwards } from '../stacking/tierAwards.js';
import type { StatusView } from '../status/statusService.js';
import { DuplicateKeyError, type CredentialRecord, type CredentialStore } from '../store/port.js';
import { presentCredential } from '../verifying/presentedCredential.js';
import type { Verifier } from '../verifying/verifier.js';
import type { LearnerKeys } from './learnerKeys.js';

export type ImportInput = { verifiableCredential: JsonObject | string } & Recipient;

export interface ImportOutcome {
  record: CredentialRecord;
  stacked: IssuedCredential[];
}

/** Catalog key the trust list maps this achievement to, by its id or an alignment's targetUrl. */
function matchAchievement(
  achievement: JsonObject,
  trusted: TrustedAchievement[],
): string | undefined {
  const id = typeof achievement.id === 'string' ? achievement.id : undefined;
  const alignmentUrls = ([] as unknown[])
    .concat(achievement.alignment ?? [])
    .flatMap((a) =>
      typeof (a as JsonObject)?.targetUrl === 'string' ? [String((a as JsonObject).targetUrl)] : [],
    );
  return trusted.find(
    (entry) =>
      (id !== undefined && entry.achievementIds?.includes(id)) ||
      alignmentUrls.some((url) => entry.alignmentUrls?.includes(url)),
  )?.key;
}

function isAbout(credential: JsonObject, recipient: Recipient): boolean {
  const subject = subjectIdentityOf(credential);
  if (!subject) return false;
  if ('did' in recipient) return 'id' in subject && subject.id === recipient.did;
  if (!('identifier' in subject)) return false;
  return subject.identifier.some(
    (identity: IdentityObject) =>
      identity.identityType === 'emailAddress' &&
      (identity.hashed
        ? identityMatchesEmail(identity, recipient.email)
        : identity.identityHash === recipient.email),
  );
}

/** Credentials from trusted issuers elsewhere count in stacking once they verify. */
export class ImportService {
  constructor(
    private readonly store: Pick<
      CredentialStore,
      'insertCredential' | 'findCredential' | 'disregardImport'
    >,
    private readonly catalog: CatalogService,
    private readonly verifier: Verifier,
    private readonly tierAwards: TierAwards,
    private readonly learnerKeys: LearnerKeys,
    private readonly clock: Clock,
    /** What a revocation sets off (StatusCascade.follow): tiers built on it, then re-evaluation. */
    private readonly cascade: (record: CredentialRecord, view: StatusView) => Promise<void>,
  ) {}

  /**
   * Sets an imported credential aside, once, for the admin or the issuer that imported it: from
   * now on it stands as revoked, and the tiers built on it follow as for a revocation.
   */
  async disregard(uuid: string, reason: string, actingAs: ActingAs): Promise<StatusView> {
    const record = await this.store.findCredential(uuid);
    if (!record || record.origin !== 'imported') {
      throw new NotFoundError(`no imported credential with id urn:uuid:${uuid}`);
    }
    if ('actingFor' in actingAs && record.importedFor !== actingAs.actingFor) {
      throw new ForbiddenError(
        'only the issuer that imported a credential, or the admin, can disregard it',
      );
    }
    const actor = 'actingFor' in actingAs ? actingAs.actingFor : 'admin';
    const view = await this.setAside(record, reason, actor);
    if (!view) {
      throw new ConflictError(
        'the imported credential is already disregarded',
        'already-disregarded',
      );
    }
    return view;
  }

  /**
   * The disregard itself, claimed once by insert: the tiers built on the import follow as for a
   * revocation. Undefined when it was set aside already (the first reason stands, no cascade).
   */
  async setAside(
    record: CredentialRecord,
    reason: string,
    actor: string,
  ): Promise<StatusView | undefined> {
    const at = this.clock().toISOString();
    if (!(await this.store.disregardImport({ credentialId: record.id, reason, actor, at }))) {
      return undefined;
    }
    const view: StatusView = {
      id: `urn:uuid:${record.id}`,
      state: 'revoked',
      lastChange: { action: 'revoke', reason, actor, at },
    };
    await this.cascade(record, view);
    return view;
  }

  /** An issuer's import counts only toward the tiers it awards; the admin's toward every tier. */
  async import(input: ImportInput, actingAs: ActingAs): Promise<ImportOutcome> {
    const report = await this.verifier.verify(input.verifiableCredential);
    if (!report.verified) {
      const failed = report.checks.find((check) => check.outcome === 'failure');
      throw new ProblemError(
        'import-verification-failed',
        `check ${failed?.id} failed: ${failed?.outcome === 'failure' ? (failed.problem.detail ?? failed.problem.title) : ''}`,
        { ...report },
      );
    }
    const credential = presentCredential(input.verifiableCredential).credential;
    const issuerDid = issuerIdOf(credential) ?? '';
    const trusted = this.catalog.trust.trusted.find((entry) => entry.did === issuerDid);
    if (!trusted) {
      throw new UnprocessableError('issuer-not-trusted', `${issuerDid} is not on the trust list`);
    }
    const achievementKey = matchAchievement(achievementOf(credential), trusted.achievements);
    if (!achievementKey) {
      throw new UnprocessableError(
        'achievement-not-recognised',
        `the trust list does not map this achievement of ${trusted.name} to a catalog achievement`,
      );
    }
    const recipient: Recipient = 'did' in input ? { did: input.did } : { email: input.email };
    if (!isAbout(credential, recipient)) {
      throw new UnprocessableError(
        'subject-mismatch',
        'the credential subject does not match the learner given in the request',
      );
    }
    const learnerKey = this.learnerKeys.forRecipient(recipient);
    const record: CredentialRecord = {
      id: uuidOfCredentialId(String(credential.id ?? '')) ?? crypto.randomUUID(),
      origin: 'imported',
      issuerDid,
      format: typeof input.verifiableCredential === 'string' ? 'jwt' : 'di',
      document:
        typeof input.verifiableCredential === 'string'
          ? input.verifiableCredential
          : JSON.stringify(input.verifiableCredential),
      achievementKey,
      learnerKey,
      validFrom: String(credential.validFrom ?? this.clock().toISOString()),
      ...(typeof credential.validUntil === 'string' ? { validUntil: credential.validUntil } : {}),
      constituentIds: [],
      ...('actingFor' in actingAs ? { importedFor: actingAs.actingFor } : {}),
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.store.insertCredential(record);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new ConflictError(
          `credential ${String(credential.id)} is already recorded`,
          'already-imported',
        );
      }
      throw error;
    }
    return {
      record,
      stacked: await this.tierAwards.reevaluate(learnerKey, [achievementKey], { actingAs }),
    };
  }
}
