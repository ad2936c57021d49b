// Issuers' uploaded images in SQLite: one row per issuer, the bytes as a BLOB.
import type { ImageStore, IssuerImageRecord } from '../ports/imageStore.js';
import type { SqliteDatabase } from './database.js';
import type { Row } from './rows.js';

const INSERT_IMAGE = `INSERT INTO issuer_images (issuer_slug, media_type, bytes, digest, updated_at)
  VALUES (?, ?, ?, ?, ?)`;

const imageValues = (image: IssuerImageRecord) => [
  image.issuerSlug,
  image.mediaType,
  image.bytes,
  image.digest,
  image.updatedAt,
];

export function toIssuerImage(row: Row): IssuerImageRecord {
  const mediaType = String(row.media_type);
  if (mediaType !== 'image/png') throw new Error(`issuer_images holds a ${mediaType}`);
  return {
    issuerSlug: String(row.issuer_slug),
    mediaType,
    bytes: Buffer.from(row.bytes as Uint8Array),
    digest: String(row.digest),
    updatedAt: String(row.updated_at),
  };
}

/** A plain insert, for an import: an issuer that has an image already is the import's 'present'. */
export function insertIssuerImageRow(db: SqliteDatabase, image: IssuerImageRecord): void {
  db.run(INSERT_IMAGE, ...imageValues(image));
}

export class SqliteImageStore implements ImageStore {
  constructor(private readonly db: SqliteDatabase) {}

  async putIssuerImage(image: IssuerImageRecord): Promise<void> {
    // One statement: a replaced image is swapped whole, never half-written.
    this.db.run(
      `${INSERT_IMAGE}
       ON CONFLICT (issuer_slug) DO UPDATE SET media_type = excluded.media_type,
         bytes = excluded.bytes, digest = excluded.digest, updated_at = excluded.updated_at`,
      ...imageValues(image),
    );
  }

  async findIssuerImage(issuerSlug: string): Promise<IssuerImageRecord | undefined> {
    const row = this.db.get('SELECT * FROM issuer_images WHERE issuer_slug = ?', issuerSlug);
    return row ? toIssuerImage(row) : undefined;
  }
}
