import { toDateTimeStamp, type Clock } from '../core/clock.js';
import type { CredentialFormat } from '../core/credentialState.js';
import { uuidOfCredentialId } from '../core/ids.js';
import type { JsonObject } from '../core/json.js';
import { UnprocessableError, ValidationError } from '../core/problems.js';
import type { StatusPurpose } from '../core/statusPurpose.js';
import { issuerIdOf } from '../credentials/fields.js';
import type { IssuerService } from '../issuers/issuerService.js';
import { bundledContexts } from '../jsonld/contexts.js';
import type { IssuerRecord } from '../store/port.js';
import type { IssuedCredential, IssuingService } from './issuingService.js';
import { vc2RuleErrors } from './vc2Rules.js';

/** The VC-API issue options the service takes (schemas/credential-issue.json describes them). */
export interface VcApiIssueOptions {
  format?: CredentialFormat;
  /** The credential's id when credential.id is left out; equal to it when both are sent. */
  credentialId?: string;
  /** The status entries to add; the issuer's configured purposes when left out. */
  credentialStatus?: ReadonlyArray<{
    type: 'BitstringStatusListEntry';
    statusPurpose: StatusPurpose;
  }>;
}

function assertThisIssuer(credential: JsonObject, issuer: IssuerRecord): void {
  const issuerId = issuerIdOf(credential);
  if (issuerId === issuer.did) return;
  const field =
    typeof credential.issuer === 'string' ? 'credential.issuer' : 'credential.issuer.id';
  throw new UnprocessableError(
    'not-this-issuer',
    `${field} is "${issuerId}" but issuer "${issuer.slug}" is ${issuer.did}`,
    { errors: [{ field, message: `must be ${issuer.did}` }] },
  );
}

/** What only the service may add to a credential it signs. */
function assertNothingReserved(credential: JsonObject): void {
  if (credential.credentialStatus !== undefined) {
    throw new UnprocessableError(
      'status-assigned-here',
      'leave credential.credentialStatus out: the service adds the entries on its own status lists (options.credentialStatus chooses their purposes)',
      { errors: [{ field: 'credential.credentialStatus', message: 'must not be set' }] },
    );
  }
  if (credential.proof !== undefined) {
    // A proof brought along would sit in the proof set beside ours, unchecked by us.
    throw new ValidationError([
      { field: 'credential.proof', message: 'must not be set: the service adds the proof' },
    ]);
  }
}

/**
 * The id the credential is signed with. The service finds its credentials by UUID (the public
 * page, GET /credentials/{uuid}, status changes), so the id is a urn:uuid: the caller's, or a new one.
 */
function credentialIdFor(credential: JsonObject, credentialId: string | undefined): string {
  const own = typeof credential.id === 'string' ? credential.id : undefined;
  if (own !== undefined && credentialId !== undefined && own !== credentialId) {
    throw new UnprocessableError(
      'invalid-credential-id',
      `options.credentialId (${credentialId}) and credential.id (${own}) name different credentials`,
      { errors: [{ field: 'options.credentialId', message: 'must equal credential.id' }] },
    );
  }
  const id = own ?? credentialId ?? `urn:uuid:${crypto.randomUUID()}`;
  if (uuidOfCredentialId(id) === undefined) {
    const field = own !== undefined ? 'credential.id' : 'options.credentialId';
    throw new UnprocessableError(
      'invalid-credential-id',
      `${field} must be a urn:uuid: the service finds the credentials it issued by UUID`,
      { errors: [{ field, message: 'must be a urn:uuid' }] },
    );
  }
  return id;
}

function statusPurposesOf(options: VcApiIssueOptions): StatusPurpose[] | undefined {
  if (options.credentialStatus === undefined) return undefined;
  const purposes = options.credentialStatus.map((entry) => entry.statusPurpose);
  if (!purposes.includes('revocation')) {
    // Revocation (and the tier cascade after it) works through that entry, so none goes without.
    throw new ValidationError([
      {
        field: 'options.credentialStatus',
        message:
          'must include the revocation entry: every credential the service issues can be revoked',
      },
    ]);
  }
  return purposes;
}

/**
 * W3C VC-API issue: signs any credential valid under VC Data Model 2.0 (the Open Badges 3.0 and
 * CLR 2.0 rules the request schema adds by type have already held). Everything is checked before
 * issuePrepared allocates a status index, so a refused request writes nothing.
 */
export class VcApiIssue {
  constructor(
    private readonly issuers: Pick<IssuerService, 'getAwarding'>,
    private readonly issuing: Pick<IssuingService, 'issuePrepared'>,
    private readonly clock: Clock,
  ) {}

  async issue(
    slug: string,
    credential: JsonObject,
    options: VcApiIssueOptions = {},
  ): Promise<IssuedCredential> {
    const issuer = await this.issuers.getAwarding(slug);
    const validFrom =
      typeof credential.validFrom === 'string'
        ? credential.validFrom
        : toDateTimeStamp(this.clock());
    const errors = vc2RuleErrors(credential, {
      isBundledContext: (url) => bundledContexts.has(url),
      validFrom,
    });
    if (errors.length > 0) throw new ValidationError(errors);
    assertThisIssuer(credential, issuer);
    assertNothingReserved(credential);
    const id = credentialIdFor(credential, options.credentialId);
    const statusPurposes = statusPurposesOf(options);
    return this.issuing.issuePrepared({
      issuer,
      credential: { ...credential, id, validFrom },
      format: options.format ?? 'di',
      ...(statusPurposes ? { statusPurposes } : {}),
      // The caller built this credential: it is signed as sent, nothing added to its content.
      embedEndorsements: false,
    });
  }
}
