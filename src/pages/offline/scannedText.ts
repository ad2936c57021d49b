import { base45Decode } from '../../sharing/base45.js';
import { JWT_QR_PREFIX, unpackJwt } from '../../sharing/jwtQrText.js';

// What a scanned or pasted code is: a credential QR (the signed credential itself, as
// src/sharing/credentialQr.ts writes it), a bare vc+jwt, or a link to a credential's page.

export type Scanned =
  { kind: 'credentialQr' | 'jwt'; jws: string } | { kind: 'url'; url: URL } | { kind: 'unknown' };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The browser's own inflate (raw DEFLATE, as the server's deflateRawSync writes). */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Throws, saying why, when a VCJWT1: code is damaged; anything unrecognised is `unknown`. */
export async function readScanned(text: string): Promise<Scanned> {
  const trimmed = text.trim();
  if (trimmed.startsWith(JWT_QR_PREFIX)) {
    const packed = await inflateRaw(base45Decode(trimmed.slice(JWT_QR_PREFIX.length)));
    return { kind: 'credentialQr', jws: unpackJwt(packed) };
  }
  if (COMPACT_JWS.test(trimmed)) return { kind: 'jwt', jws: trimmed };
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed) };
    } catch {
      return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}
