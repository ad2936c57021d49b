import { readCredentialFile } from '../baking/credentialFile.js';
import type { CredentialPayload } from '../baking/credentialPayload.js';
import { ValidationError } from '../core/problems.js';
import { parseMultipartForm } from './multipartForm.js';
import type { RawBody } from './route.js';

/** The raw media types POST /credentials/verify takes besides JSON. */
export const CREDENTIAL_UPLOAD_TYPES = ['image/png', 'image/svg+xml', 'multipart/form-data'];

const mediaTypeOf = (contentType: string): string =>
  contentType.split(';')[0]?.trim().toLowerCase() ?? '';

/** The credential in a raw upload: a baked PNG or SVG, or the `file` field of a form. */
export async function credentialFromUpload(body: RawBody): Promise<CredentialPayload> {
  const mediaType = mediaTypeOf(body.contentType);
  if (mediaType === 'image/png') return readCredentialFile(body.bytes, 'png');
  if (mediaType === 'image/svg+xml') return readCredentialFile(body.bytes, 'svg');
  const form = await parseMultipartForm(body);
  const file = form.files.find((candidate) => candidate.field === 'file');
  if (!file) throw new ValidationError([{ field: 'file', message: 'is required' }]);
  return readCredentialFile(file.bytes, 'unknown');
}
