import encodeChunks from 'png-chunks-encode';
import extractChunks from 'png-chunks-extract';
import { UnprocessableError } from '../core/problems.js';
import { decodeInternationalText, encodeInternationalText } from './internationalText.js';

// Open Badges 3.0 PNG baking (§5.3.1): one uncompressed iTXt chunk, keyword openbadgecredential,
// whose text is the credential's JSON or its compact JWS.

export const CREDENTIAL_KEYWORD = 'openbadgecredential';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_TEXT_BYTES = 8 * 1024 * 1024;

interface Chunk {
  name: string;
  data: Uint8Array;
}

export function imageUnreadable(detail: string): UnprocessableError {
  return new UnprocessableError('image-unreadable', detail);
}

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * Checks every chunk length against the bytes there are before the chunk library copies them:
 * it allocates whatever length a chunk claims, so a forged one must not reach it.
 */
function assertChunksInBounds(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const name = Buffer.from(bytes.subarray(offset + 4, offset + 8)).toString('latin1');
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw imageUnreadable(`the PNG is cut short: its ${name} chunk claims ${length} bytes`);
    }
    if (name === 'IEND') return;
    offset = end;
  }
  throw imageUnreadable('the PNG ends without an IEND chunk');
}

function chunksOf(bytes: Uint8Array): Chunk[] {
  if (!isPng(bytes)) throw imageUnreadable('the file is not a PNG image (its signature is wrong)');
  assertChunksInBounds(bytes);
  try {
    return extractChunks(bytes);
  } catch (error) {
    throw imageUnreadable(`the PNG is damaged: ${(error as Error).message}`);
  }
}

function isCredentialChunk(chunk: Chunk): boolean {
  if (chunk.name !== 'iTXt') return false;
  const keywordEnd = chunk.data.indexOf(0);
  return (
    keywordEnd > 0 &&
    Buffer.from(chunk.data.subarray(0, keywordEnd)).toString('latin1') === CREDENTIAL_KEYWORD
  );
}

/** The image with the credential text baked in, replacing any credential it carried. */
export function bakePng(image: Uint8Array, credentialText: string): Buffer {
  const [header, ...rest] = chunksOf(image).filter((chunk) => !isCredentialChunk(chunk));
  if (!header) throw imageUnreadable('the PNG has no chunks');
  const credential: Chunk = {
    name: 'iTXt',
    data: encodeInternationalText({ keyword: CREDENTIAL_KEYWORD, text: credentialText }),
  };
  return Buffer.from(encodeChunks([header, credential, ...rest]));
}

/** The text of the first openbadgecredential chunk, as OB 3.0 extraction reads it. */
export function extractFromPng(bytes: Uint8Array): string {
  const chunk = chunksOf(bytes).find(isCredentialChunk);
  if (!chunk) {
    throw new UnprocessableError(
      'credential-not-baked',
      `the PNG carries no ${CREDENTIAL_KEYWORD} iTXt chunk`,
    );
  }
  try {
    return decodeInternationalText(chunk.data, MAX_TEXT_BYTES).text;
  } catch (error) {
    throw imageUnreadable(
      `its ${CREDENTIAL_KEYWORD} chunk cannot be read: ${(error as Error).message}`,
    );
  }
}
