// Which endorsement credentials are about what: an index beside the credentials aggregate, so a
// credential issued later can find the endorsements of its achievement and issuer in one read.
// The EndorsementCredential itself (document, status position) is a credential record.

export type EndorsementSubjectKind = 'achievement' | 'issuer';

/** What an endorsement is about: a catalog achievement by key, or an issuer by slug. */
export interface EndorsementSubjectRef {
  kind: EndorsementSubjectKind;
  key: string;
}

export interface EndorsementRecord {
  /** The endorsement's credential record id (the UUID of its urn:uuid); the unique key. */
  credentialId: string;
  /** The slug of the issuer (or registrar) that signed it. */
  endorserSlug: string;
  subjectKind: EndorsementSubjectKind;
  /** The achievement key or issuer slug endorsed. */
  subjectKey: string;
  createdAt: string;
}

export interface EndorsementStore {
  /** Throws DuplicateKeyError when the credential id is indexed already. */
  insertEndorsement(endorsement: EndorsementRecord): Promise<void>;
  /**
   * Endorsements about any of the subjects (every endorsement when none are given), oldest
   * first; revoked ones too: whether one still holds is the status list's to say.
   */
  listEndorsements(about?: readonly EndorsementSubjectRef[]): Promise<EndorsementRecord[]>;
}
