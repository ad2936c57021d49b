import busboy from 'busboy';
import { MalformedRequestError, PayloadTooLargeError } from '../core/problems.js';
import type { RawBody } from './route.js';

/** Uploads (a baked badge, a credential file) are small: 2 MB is generous and bounds the work. */
export const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

export interface FormFile {
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Map<string, string>;
  /** Files that were chosen: a form's empty file input sends a part with no name and no bytes. */
  files: FormFile[];
}

const LIMITS = {
  files: 1,
  fields: 10,
  parts: 12,
  fileSize: UPLOAD_LIMIT_BYTES,
  fieldSize: UPLOAD_LIMIT_BYTES,
};

/** Parses a buffered multipart/form-data body (express.raw already bounded its size). */
export function parseMultipartForm(body: RawBody): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': body.contentType }, limits: LIMITS });
    } catch (error) {
      reject(
        new MalformedRequestError(`the multipart body cannot be read: ${(error as Error).message}`),
      );
      return;
    }
    const form: MultipartForm = { fields: new Map(), files: [] };
    const tooLarge = (): void =>
      reject(
        new PayloadTooLargeError(
          `an upload may be at most ${UPLOAD_LIMIT_BYTES} bytes and one file`,
        ),
      );
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) tooLarge();
      form.fields.set(name, value);
    });
    parser.on('file', (field, stream, info) => {
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('limit', tooLarge);
      // A form cut off inside a file part destroys the file stream with the error; unheard, it
      // would be an uncaught exception that ends the process.
      stream.on('error', (error: Error) =>
        reject(new MalformedRequestError(`the multipart body cannot be read: ${error.message}`)),
      );
      stream.on('end', () => {
        const bytes = Buffer.concat(parts);
        if (info.filename || bytes.length > 0) {
          form.files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, bytes });
        }
      });
    });
    parser.on('filesLimit', tooLarge);
    parser.on('fieldsLimit', tooLarge);
    parser.on('partsLimit', tooLarge);
    parser.on('error', (error: Error) =>
      reject(new MalformedRequestError(`the multipart body cannot be read: ${error.message}`)),
    );
    parser.on('close', () => resolve(form));
    parser.end(body.bytes);
  });
}
