// Images issuers upload for their profiles. One per issuer, replaced whole: the last upload wins.

/** The one media type stored: uploaded SVGs are drawn to PNG before they get here. */
export type StoredImageType = 'image/png';

export interface IssuerImageRecord {
  issuerSlug: string;
  mediaType: StoredImageType;
  bytes: Buffer;
  /** SHA-256 of `bytes`, hex: the image's ETag, so a replaced image is never served as cached. */
  digest: string;
  updatedAt: string;
}

export interface ImageStore {
  /** Stores the issuer's image in one write, replacing the one it had. */
  putIssuerImage(image: IssuerImageRecord): Promise<void>;
  findIssuerImage(issuerSlug: string): Promise<IssuerImageRecord | undefined>;
}
