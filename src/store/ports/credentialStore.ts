// Credentials issued here or imported to count in stacking. The id is the unique key.
import type { CredentialFormat } from '../../core/credentialState.js';
import type { StatusPosition } from './statusStore.js';

export interface CredentialRecord {
  /** The UUID part of the credential's urn:uuid id (or a UUID we gave an imported credential). */
  id: string;
  /** issued here, or imported from another issuer to count in stacking. */
  origin: 'issued' | 'imported';
  issuerDid: string;
  /** Set for credentials issued here. */
  issuerSlug?: string;
  format: CredentialFormat;
  /** The signed credential exactly as issued: JSON text for DI, the compact JWS for JWT. */
  document: string;
  /**
   * For a Data Integrity credential issued here: the same credential as a vc+jwt, signed with the
   * same key at the same time, which the credential QR carries. Absent for older credentials.
   */
  vcJwt?: string;
  /** The catalog achievement this credential stands for, when there is one. */
  achievementKey?: string;
  /** Keyed hash of the learner (see learners/learnerKeys.ts), when the recipient is known. */
  learnerKey?: string;
  validFrom: string;
  validUntil?: string;
  status?: StatusPosition;
  /** For a tier: the credentials it was built from. */
  constituentIds: string[];
  /** For a renewal: the credential it renews. */
  renewalOf?: string;
  /** For a renewal: why, as the issuer gave it. */
  renewalReason?: string;
  /**
   * For an import by an issuer's key: the one issuer whose tiers it counts toward (an issuer may
   * vouch for another's credential only in its own programme). Absent for an admin's import.
   */
  importedFor?: string;
  /**
   * An award's programme tags for partner metrics (the skill map): kept beside the credential,
   * never signed into it.
   */
  cohort?: string;
  region?: string;
  createdAt: string;
}

/**
 * What tier rules and standings read of a credential: its record without the signed documents
 * and constituents, so many learners' credentials are read at once without parsing them.
 */
export type CredentialFacts = Pick<
  CredentialRecord,
  | 'id'
  | 'origin'
  | 'achievementKey'
  | 'learnerKey'
  | 'validFrom'
  | 'validUntil'
  | 'importedFor'
  | 'createdAt'
>;

/**
 * An imported credential set aside here (its issuer withdrew it, or it should never have counted):
 * from then on it stands as revoked for stacking. Once per credential, claimed by insert.
 */
export interface ImportDisregardRecord {
  credentialId: string;
  reason: string;
  actor: string;
  at: string;
}

/** What the console searches an issuer's own credentials by; every field given must match. */
export interface IssuerCredentialFilter {
  issuerSlug: string;
  learnerKey?: string;
  achievementKey?: string;
  /** Only these credentials (a batch's), by id. */
  ids?: readonly string[];
  /** createdAt at or after this instant (ISO 8601, UTC). */
  createdFrom?: string;
  /** createdAt before this instant. */
  createdBefore?: string;
  /** Only those after this one in the order (createdAt, then id, both descending): the next page. */
  after?: { createdAt: string; id: string };
  limit: number;
}

export interface CredentialStore {
  /** Throws DuplicateKeyError when the id exists. */
  insertCredential(credential: CredentialRecord): Promise<void>;
  findCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentialsOfLearner(learnerKey: string): Promise<CredentialRecord[]>;
  /**
   * The facts of every credential these learners hold, by learner key, then as
   * listCredentialsOfLearner orders them: one read, however many learners are asked about.
   */
  listCredentialFactsOfLearners(learnerKeys: readonly string[]): Promise<CredentialFacts[]>;
  /** Tier credentials that name this credential as a constituent. */
  listTiersNaming(constituentId: string): Promise<CredentialRecord[]>;
  /** The newest credentials issued here by this issuer, newest first, at most `limit`. */
  listCredentialsOfIssuer(issuerSlug: string, limit: number): Promise<CredentialRecord[]>;
  /** Credentials issued here by one issuer matching the filter, newest first (ties by id, descending). */
  searchCredentialsOfIssuer(filter: IssuerCredentialFilter): Promise<CredentialRecord[]>;
  /**
   * Imported credentials in id order, those after `afterId` first, at most `limit`: a sweep pages
   * through them all, however many there are.
   */
  listImportedCredentials(afterId: string | undefined, limit: number): Promise<CredentialRecord[]>;
  /** False when the import was already disregarded (the first reason stands). */
  disregardImport(disregard: ImportDisregardRecord): Promise<boolean>;
  /** The disregards among these credentials: one read, however many are asked about. */
  findImportDisregards(credentialIds: readonly string[]): Promise<ImportDisregardRecord[]>;
}
