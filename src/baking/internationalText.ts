import { inflateSync } from 'node:zlib';

// The data of a PNG iTXt chunk (PNG spec 11.3.4.5): keyword, NUL, compression flag and method,
// language tag, NUL, translated keyword, NUL, then the UTF-8 text. The chunk CRC is the chunk
// library's job; this module only lays out and reads the data.

export interface InternationalText {
  keyword: string;
  text: string;
}

const NUL = 0;

/** An uncompressed iTXt with no language tag, as Open Badges baking requires. */
export function encodeInternationalText({ keyword, text }: InternationalText): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`"${keyword}" is not a PNG keyword`);
  return Buffer.concat([
    Buffer.from(keyword, 'latin1'),
    Buffer.from([NUL, 0, 0, NUL, NUL]),
    Buffer.from(text, 'utf8'),
  ]);
}

/** Reads an iTXt chunk's data; `maxTextBytes` bounds what a compressed text may inflate to. */
export function decodeInternationalText(data: Uint8Array, maxTextBytes: number): InternationalText {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const keywordEnd = bytes.indexOf(NUL);
  if (keywordEnd < 1) throw new Error('the iTXt chunk has no keyword');
  const compressed = bytes[keywordEnd + 1] === 1;
  const languageEnd = bytes.indexOf(NUL, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : bytes.indexOf(NUL, languageEnd + 1);
  if (translatedEnd < 0) throw new Error('the iTXt chunk is truncated');
  const rawText = bytes.subarray(translatedEnd + 1);
  const text = compressed ? inflateSync(rawText, { maxOutputLength: maxTextBytes }) : rawText;
  return { keyword: bytes.toString('latin1', 0, keywordEnd), text: text.toString('utf8') };
}
