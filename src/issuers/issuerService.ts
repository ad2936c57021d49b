import {
  DEFAULT_STATUS_PURPOSES,
  inPurposeOrder,
  type StatusPurpose,
} from '../core/statusPurpose.js';
import type { Clock } from '../core/clock.js';
import { baseUrlOf } from '../core/publicUrl.js';
import { ConflictError, NotFoundError, ProblemError } from '../core/problems.js';
import { generateApiKey, hashApiKey } from '../keys/apiKey.js';
import {
  buildDidDocument,
  didKeyFor,
  didWebForIssuer,
  usesDidWeb,
  verificationMethodId,
} from '../keys/did.js';
import { generateEd25519Key, loadKeyPair, type Ed25519KeyPair } from '../keys/issuerKey.js';
import type { KeyEncryption } from '../keys/keyEncryption.js';
import { imageObject, type ProfileDocument } from '../credentials/openBadgeCredential.js';
import {
  DuplicateKeyError,
  type IssuerKeyRecord,
  type IssuerRecord,
  type IssuerStore,
} from '../store/port.js';

export interface IssuerCreateInput {
  slug: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: string;
  statusPurposes?: StatusPurpose[];
}

export interface RegistrarCreateInput {
  slug: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
}

export interface CreatedIssuer {
  issuer: IssuerRecord;
  apiKey: string;
  profile: ProfileDocument;
}

/** Where the service serves an issuer's image: its upload, or its generated badge art. */
export function issuerImageUrl(publicUrl: URL, slug: string): string {
  return `${baseUrlOf(publicUrl)}/issuers/${slug}/image.png`;
}

/** The issuer as an OB 3.0 Profile; its image is the URL it was given, else the one served here. */
export function profileOf(issuer: IssuerRecord, publicUrl: URL): ProfileDocument {
  const profile: ProfileDocument = { id: issuer.did, type: ['Profile'], name: issuer.name };
  if (issuer.url) profile.url = issuer.url;
  if (issuer.email) profile.email = issuer.email;
  if (issuer.description) profile.description = issuer.description;
  profile.image = imageObject(issuer.image ?? issuerImageUrl(publicUrl, issuer.slug));
  return profile;
}

export class IssuerService {
  /** Decrypted signing keys by issuer, kept while the issuer's newest key stays the same. */
  readonly #signingKeys = new Map<
    string,
    { publicKeyMultibase: string; keyPair: Ed25519KeyPair }
  >();

  constructor(
    private readonly store: IssuerStore,
    private readonly keyEncryption: KeyEncryption,
    private readonly publicUrl: URL,
    private readonly clock: Clock,
  ) {}

  async #newKey(issuerSlug: string): Promise<IssuerKeyRecord> {
    const key = await generateEd25519Key();
    return {
      issuerSlug,
      publicKeyMultibase: key.publicKeyMultibase,
      sealedSecretKey: this.keyEncryption.encrypt(key.secretKeyMultibase),
      createdAt: this.clock().toISOString(),
    };
  }

  /**
   * A registrar: an issuer record with role 'registrar', so it gets its own key, DID, API key and
   * Profile the same way (and signingKey works for it), but getAwarding refuses it.
   */
  createRegistrar(input: RegistrarCreateInput): Promise<CreatedIssuer> {
    return this.create(input, 'registrar');
  }

  async create(
    input: IssuerCreateInput,
    role: IssuerRecord['role'] = undefined,
  ): Promise<CreatedIssuer> {
    const firstKey = await this.#newKey(input.slug);
    const did = usesDidWeb(this.publicUrl)
      ? didWebForIssuer(this.publicUrl, input.slug)
      : didKeyFor(firstKey.publicKeyMultibase);
    const apiKey = generateApiKey();
    const issuer: IssuerRecord = {
      ...input,
      statusPurposes: inPurposeOrder(input.statusPurposes ?? DEFAULT_STATUS_PURPOSES),
      did,
      apiKeyHash: hashApiKey(apiKey),
      createdAt: firstKey.createdAt,
      ...(role ? { role } : {}),
    };
    try {
      await this.store.insertIssuer(issuer, firstKey);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        // Issuers and registrars share one slug space: both are named by /issuers/{slug}/did.json.
        throw new ConflictError(
          `an issuer or registrar with slug "${input.slug}" already exists`,
          'issuer-exists',
        );
      }
      throw error;
    }
    return { issuer, apiKey, profile: this.profile(issuer) };
  }

  /** The issuer as an OB 3.0 Profile, as its credentials name it. */
  profile(issuer: IssuerRecord): ProfileDocument {
    return profileOf(issuer, this.publicUrl);
  }

  imageUrl(slug: string): string {
    return issuerImageUrl(this.publicUrl, slug);
  }

  async get(slug: string): Promise<IssuerRecord> {
    const issuer = await this.store.findIssuer(slug);
    if (!issuer) throw new NotFoundError(`no issuer with slug "${slug}"`);
    return issuer;
  }

  /** A registrar by slug; an issuer's slug is not one (404). */
  async getRegistrar(slug: string): Promise<IssuerRecord> {
    const record = await this.store.findIssuer(slug);
    if (record?.role !== 'registrar') throw new NotFoundError(`no registrar with slug "${slug}"`);
    return record;
  }

  /** The issuer, for a path that awards credentials in its name: never a registrar. */
  async getAwarding(slug: string): Promise<IssuerRecord> {
    const issuer = await this.get(slug);
    if (issuer.role === 'registrar') {
      throw new ProblemError(
        'registrar-cannot-award',
        `"${slug}" is a registrar: registrars map and endorse achievements, they do not award them`,
      );
    }
    return issuer;
  }

  /** The issuer an API key belongs to, if any (keys are stored hashed only). */
  findByApiKey(apiKey: string): Promise<IssuerRecord | undefined> {
    return this.store.findIssuerByApiKeyHash(hashApiKey(apiKey));
  }

  /** A new API key for an existing issuer (e.g. one a catalog created); shown once, stored hashed. */
  async replaceApiKey(slug: string): Promise<string> {
    await this.get(slug);
    const apiKey = generateApiKey();
    await this.store.replaceIssuerApiKeyHash(slug, hashApiKey(apiKey));
    return apiKey;
  }

  /**
   * Turns suspension on or off for what the issuer issues from now on; credentials already issued
   * keep the entries they were signed with (and can be suspended only if they carry one).
   */
  async setStatusPurposes(slug: string, purposes: StatusPurpose[]): Promise<StatusPurpose[]> {
    await this.get(slug);
    const statusPurposes = inPurposeOrder(purposes);
    await this.store.setIssuerStatusPurposes(slug, statusPurposes);
    return statusPurposes;
  }

  async didDocument(slug: string): Promise<Record<string, unknown>> {
    const issuer = await this.get(slug);
    if (!issuer.did.startsWith('did:web:')) {
      throw new NotFoundError(
        `issuer "${slug}" uses ${issuer.did}, which resolves without a document here`,
      );
    }
    return buildDidDocument(issuer.did, await this.store.listIssuerKeys(slug));
  }

  /** The new key signs from now on; older keys stay in the DID document. */
  async rotateKey(
    slug: string,
  ): Promise<{ verificationMethod: string; didDocument: Record<string, unknown> }> {
    const issuer = await this.get(slug);
    if (!issuer.did.startsWith('did:web:')) {
      throw new ConflictError(
        `issuer "${slug}" is identified by did:key, which is its key: it cannot rotate (set an https PUBLIC_URL for did:web issuers)`,
        'rotation-unsupported',
      );
    }
    const key = await this.#newKey(slug);
    await this.store.insertIssuerKey(key);
    return {
      verificationMethod: verificationMethodId(issuer.did, key.publicKeyMultibase),
      didDocument: await this.didDocument(slug),
    };
  }

  /** The issuer's newest key, decrypted, ready to sign. */
  async signingKey(issuer: IssuerRecord): Promise<Ed25519KeyPair> {
    const keys = await this.store.listIssuerKeys(issuer.slug);
    const newest = keys.at(-1);
    if (!newest) throw new Error(`issuer ${issuer.slug} has no key`);
    const cached = this.#signingKeys.get(issuer.slug);
    if (cached?.publicKeyMultibase === newest.publicKeyMultibase) return cached.keyPair;
    const keyPair = await loadKeyPair({
      id: verificationMethodId(issuer.did, newest.publicKeyMultibase),
      controller: issuer.did,
      publicKeyMultibase: newest.publicKeyMultibase,
      secretKeyMultibase: this.keyEncryption.decrypt(newest.sealedSecretKey),
    });
    this.#signingKeys.set(issuer.slug, { publicKeyMultibase: newest.publicKeyMultibase, keyPair });
    return keyPair;
  }
}
