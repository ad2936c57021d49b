// An issuer's own profile image: uploaded by the issuer (or the admin), checked by its content,
// stored as PNG, served at the one URL its profiles name, before and after the upload alike.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { ConflictError, PayloadTooLargeError } from '../core/problems.js';
import type { ImageObject } from '../credentials/openBadgeCredential.js';
import type { ImageStore, IssuerImageRecord, IssuerRecord } from '../store/port.js';
import { storablePng, type UploadableImageType } from './imageContent.js';
import type { IssuerService } from './issuerService.js';

export interface ImageUpload {
  /** The Content-Type the upload came with; the bytes must be what it says. */
  contentType: string;
  bytes: Buffer;
}

export interface StoredIssuerImage {
  slug: string;
  /** The image the issuer's profiles name: its URL now serves this upload. */
  image: ImageObject;
  mediaType: IssuerImageRecord['mediaType'];
  uploadedAs: UploadableImageType;
  width: number;
  height: number;
  bytes: number;
  digest: string;
}

/** What the issuer's image URL serves: its upload, or nothing (the caller draws the default). */
export interface IssuerImageSource {
  issuer: IssuerRecord;
  upload?: IssuerImageRecord;
}

export class IssuerImages {
  constructor(
    private readonly store: ImageStore,
    private readonly issuers: IssuerService,
    /** ISSUER_IMAGE_MAX_BYTES: the largest upload taken. */
    private readonly maxBytes: number,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks everything before the one write, so a refused upload leaves the stored image (or
   * its absence) as it was.
   */
  async upload(slug: string, upload: ImageUpload): Promise<StoredIssuerImage> {
    const issuer = await this.issuers.get(slug);
    if (issuer.image !== undefined) {
      // Its profiles name that URL, so an upload here would never be shown.
      throw new ConflictError(
        `issuer "${slug}" names its image by URL (${issuer.image}); its profiles show that one`,
        'issuer-image-external',
      );
    }
    if (upload.bytes.length > this.maxBytes) {
      throw new PayloadTooLargeError(
        `the image is ${upload.bytes.length} bytes; at most ${this.maxBytes} are taken (ISSUER_IMAGE_MAX_BYTES)`,
      );
    }
    const png = await storablePng(upload.contentType, upload.bytes);
    const record: IssuerImageRecord = {
      issuerSlug: slug,
      mediaType: 'image/png',
      bytes: png.bytes,
      digest: createHash('sha256').update(png.bytes).digest('hex'),
      updatedAt: this.clock().toISOString(),
    };
    await this.store.putIssuerImage(record);
    return {
      slug,
      image: { id: this.issuers.imageUrl(slug), type: 'Image' },
      mediaType: record.mediaType,
      uploadedAs: png.uploadedAs,
      width: png.width,
      height: png.height,
      bytes: png.bytes.length,
      digest: record.digest,
    };
  }

  /** The issuer (404 when there is none) and its uploaded image, if it has one. */
  async source(slug: string): Promise<IssuerImageSource> {
    const issuer = await this.issuers.get(slug);
    const upload = await this.store.findIssuerImage(slug);
    return upload ? { issuer, upload } : { issuer };
  }
}
