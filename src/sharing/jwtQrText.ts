import { base64url } from 'jose';

// The text a credential QR holds: a compact JWS, its header and payload JSON compressed, as
// base45 after this prefix (the EU Digital COVID Certificate's HC1: layout, for a vc+jwt). The
// JWS comes back byte for byte, so its signature is checked over exactly what was signed.
export const JWT_QR_PREFIX = 'VCJWT1:';

const SEPARATOR = 0x0a;

/** header JSON, newline, payload JSON, newline, signature bytes: deflated well, split exactly. */
export function packJwt(jws: string): Uint8Array {
  const segments = jws.split('.');
  if (segments.length !== 3) throw new Error('not a compact JWS');
  const [header, payload, signature] = segments.map((segment) => base64url.decode(segment)) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  if (header.includes(SEPARATOR) || payload.includes(SEPARATOR))
    throw new Error('the JWS header or payload holds a raw newline');
  const packed = new Uint8Array(header.length + payload.length + signature.length + 2);
  packed.set(header, 0);
  packed[header.length] = SEPARATOR;
  packed.set(payload, header.length + 1);
  packed[header.length + payload.length + 1] = SEPARATOR;
  packed.set(signature, header.length + payload.length + 2);
  return packed;
}

export function unpackJwt(packed: Uint8Array): string {
  const first = packed.indexOf(SEPARATOR);
  const second = first < 0 ? -1 : packed.indexOf(SEPARATOR, first + 1);
  if (second < 0) throw new Error('not a packed JWS');
  return [
    packed.subarray(0, first),
    packed.subarray(first + 1, second),
    packed.subarray(second + 1),
  ]
    .map((segment) => base64url.encode(segment))
    .join('.');
}
