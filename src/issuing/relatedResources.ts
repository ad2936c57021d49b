import { createHash } from 'node:crypto';
import type { JsonObject } from '../core/json.js';
import type { FieldError } from '../core/problems.js';

/**
 * VC 2.0's integrity of related resources: each relatedResource entry names a resource by id and
 * carries a digest of its bytes (digestSRI, digestMultibase or both). The digests are checked to
 * be well-formed; a resource whose bytes are in its own id (a data: URL) is hashed and compared.
 * Nothing is fetched: any other resource's digest is for the verifier that retrieves it.
 */

interface Algorithm {
  /** node:crypto's name for it. */
  hash: string;
  bytes: number;
}

/** The hash-algo values of Subresource Integrity. */
const SRI_ALGORITHMS: Record<string, Algorithm> = {
  sha256: { hash: 'sha256', bytes: 32 },
  sha384: { hash: 'sha384', bytes: 48 },
  sha512: { hash: 'sha512', bytes: 64 },
};

/** Multihash codes (each a one-byte varint) of the sha2 and sha3 digests Data Integrity names. */
const MULTIHASH_ALGORITHMS: Record<number, Algorithm> = {
  0x12: { hash: 'sha256', bytes: 32 },
  0x13: { hash: 'sha512', bytes: 64 },
  0x14: { hash: 'sha3-512', bytes: 64 },
  0x15: { hash: 'sha3-384', bytes: 48 },
  0x16: { hash: 'sha3-256', bytes: 32 },
  0x20: { hash: 'sha384', bytes: 48 },
};

interface Digest {
  hash: string;
  value: Buffer;
  /** A digest computed the same way, written as this one is (to say what was expected). */
  write(computed: Buffer): string;
}

type Parsed = { digest: Digest } | { error: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE58BTC = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A 64-byte digest with its 2-byte header is at most 91 base58 characters: longer is not one. */
const MAX_BASE58_LENGTH = 100;

/** One SRI hash-expression: `sha384-<base64>`, optionally followed by `?options`. */
function parseSriExpression(expression: string): Parsed {
  const match = /^([A-Za-z0-9]+)-([^?]*)(\?[\x21-\x7e]*)?$/.exec(expression);
  if (!match) return { error: `"${expression}" is not an SRI hash expression (sha384-<base64>)` };
  const [, name = '', base64 = ''] = match;
  const algorithm = SRI_ALGORITHMS[name];
  if (!algorithm) return { error: `"${name}" is not sha256, sha384 or sha512` };
  const value = Buffer.from(base64, 'base64');
  if (!BASE64.test(base64) || value.length !== algorithm.bytes) {
    return { error: `the ${name} digest is not ${algorithm.bytes} bytes in base64` };
  }
  return {
    digest: { ...algorithm, value, write: (computed) => `${name}-${computed.toString('base64')}` },
  };
}

/** SRI metadata is one or more hash expressions separated by ASCII whitespace. */
function parseDigestSri(value: string): Array<Parsed> {
  return value
    .trim()
    .split(/[\t\n\f\r ]+/)
    .map(parseSriExpression);
}

function base58btcDecode(text: string): Buffer | undefined {
  let number = 0n;
  for (const character of text) {
    const digit = BASE58BTC.indexOf(character);
    if (digit < 0) return undefined;
    number = number * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  for (; number > 0n; number >>= 8n) bytes.unshift(Number(number & 0xffn));
  // Each leading '1' is a leading zero byte.
  const zeros = /^1*/.exec(text)?.[0].length ?? 0;
  return Buffer.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

/** A multibase multihash: 'u' base64url-nopad or 'z' base58btc, over <code><length><digest>. */
function parseMultibase(value: string): Parsed {
  const encoded = value.slice(1);
  let bytes: Buffer | undefined;
  if (value.startsWith('u') && BASE64URL.test(encoded)) bytes = Buffer.from(encoded, 'base64url');
  else if (value.startsWith('z') && encoded.length <= MAX_BASE58_LENGTH) {
    bytes = base58btcDecode(encoded);
  }
  if (!bytes) {
    return { error: 'must be a multibase multihash, base64url-nopad ("u…") or base58btc ("z…")' };
  }
  const [code = -1, length = -1] = bytes;
  const algorithm = MULTIHASH_ALGORITHMS[code];
  if (!algorithm) {
    return { error: `multihash code 0x${code.toString(16)} is not a sha2 or sha3 digest` };
  }
  if (length !== algorithm.bytes || bytes.length !== algorithm.bytes + 2) {
    return {
      error: `the ${algorithm.hash} multihash does not hold a ${algorithm.bytes}-byte digest`,
    };
  }
  return {
    digest: {
      ...algorithm,
      value: bytes.subarray(2),
      write: (computed) =>
        `u${Buffer.concat([bytes.subarray(0, 2), computed]).toString('base64url')}`,
    },
  };
}

/** Percent-decodes to bytes (a data: URL's body need not be UTF-8). */
function percentDecode(text: string): Buffer {
  const input = Buffer.from(text, 'utf8');
  const output = Buffer.alloc(input.length);
  let length = 0;
  for (let i = 0; i < input.length; i += 1) {
    const hex = input[i] === 0x25 ? input.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      output[length++] = parseInt(hex, 16);
      i += 2;
    } else {
      output[length++] = input[i] ?? 0;
    }
  }
  return output.subarray(0, length);
}

/** The bytes a data: URL holds (the Fetch standard's data: URL processor), or why there are none. */
export function dataUrlBytes(url: string): { bytes: Buffer } | { error: string } {
  const comma = url.indexOf(',');
  if (comma < 0) return { error: 'the data: URL has no "," before its data' };
  const header = url.slice('data:'.length, comma).replace(/[\t\n\f\r ]+$/, '');
  const body = percentDecode(url.slice(comma + 1));
  if (!/;[ ]*base64$/i.test(header)) return { bytes: body };
  // Forgiving base64: whitespace ignored, padding optional, nothing else outside the alphabet.
  let base64 = body.toString('latin1').replace(/[\t\n\f\r ]/g, '');
  if (base64.length % 4 === 0) base64 = base64.replace(/={1,2}$/, '');
  if (base64.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(base64)) {
    return { error: 'the data: URL says base64 but its data is not base64' };
  }
  return { bytes: Buffer.from(base64, 'base64') };
}

interface DigestField {
  field: string;
  parsed: Parsed;
}

/** Every digest an entry carries, each with the field it sits in. */
function digestFieldsOf(entry: JsonObject, field: string): DigestField[] {
  const fields: DigestField[] = [];
  if (typeof entry.digestSRI === 'string') {
    for (const parsed of parseDigestSri(entry.digestSRI)) {
      fields.push({ field: `${field}.digestSRI`, parsed });
    }
  }
  const multibase = entry.digestMultibase;
  (Array.isArray(multibase) ? multibase : [multibase]).forEach((value, index) => {
    if (typeof value !== 'string') return;
    const at = `${field}.digestMultibase${Array.isArray(multibase) ? `[${index}]` : ''}`;
    fields.push({ field: at, parsed: parseMultibase(value) });
  });
  return fields;
}

/** Field errors of one relatedResource entry: digests that are malformed or do not match. */
function entryErrors(entry: unknown, field: string): FieldError[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [{ field, message: 'must be an object with an id and a digest' }];
  }
  const resource = entry as JsonObject;
  if (typeof resource.id !== 'string') return [{ field: `${field}.id`, message: 'is required' }];
  if (resource.digestSRI === undefined && resource.digestMultibase === undefined) {
    return [{ field, message: 'must carry a digestSRI or a digestMultibase' }];
  }
  const digests = digestFieldsOf(resource, field);
  const errors: FieldError[] = digests.flatMap(({ field: at, parsed }) =>
    'error' in parsed ? [{ field: at, message: parsed.error }] : [],
  );
  if (errors.length > 0 || !/^data:/i.test(resource.id)) return errors;
  const data = dataUrlBytes(resource.id);
  if ('error' in data) return [{ field: `${field}.id`, message: data.error }];
  return digests.flatMap(({ field: at, parsed }) => {
    if (!('digest' in parsed)) return [];
    const { hash, value, write } = parsed.digest;
    const computed = createHash(hash).update(data.bytes).digest();
    return computed.equals(value)
      ? []
      : [
          {
            field: at,
            message: `does not match the ${data.bytes.length} bytes of the data: URL in id (their ${hash} digest is ${write(computed)})`,
          },
        ];
  });
}

/** VC 2.0 relatedResource rules, with field names under `root` (e.g. "credential"). */
export function relatedResourceErrors(credential: JsonObject, root: string): FieldError[] {
  const value = credential.relatedResource;
  if (value === undefined) return [];
  const field = `${root}.relatedResource`;
  if (!Array.isArray(value)) return entryErrors(value, field);
  return value.flatMap((entry, index) => entryErrors(entry, `${field}[${index}]`));
}
