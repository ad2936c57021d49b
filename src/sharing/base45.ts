// Base45 (RFC 9285): bytes as characters of the QR alphanumeric set, which a QR code packs in
// 5.5 bits each, so binary data costs about 3 % more than its size (base64 in byte mode: 33 %).
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45Encode(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    const first = bytes[i] ?? 0;
    if (i + 1 === bytes.length) {
      text += ALPHABET.charAt(first % 45) + ALPHABET.charAt(Math.floor(first / 45));
      break;
    }
    const n = first * 256 + (bytes[i + 1] ?? 0);
    text +=
      ALPHABET.charAt(n % 45) +
      ALPHABET.charAt(Math.floor(n / 45) % 45) +
      ALPHABET.charAt(Math.floor(n / 2025));
  }
  return text;
}

export function base45Decode(text: string): Uint8Array {
  const values = [...text].map((character) => {
    const value = ALPHABET.indexOf(character);
    if (value < 0) throw new Error(`"${character}" is not a base45 character`);
    return value;
  });
  if (values.length % 3 === 1) throw new Error('base45 text cannot be this long');
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i += 3) {
    const [c = 0, d = 0, e] = values.slice(i, i + 3);
    if (e === undefined) {
      const n = c + d * 45;
      if (n > 0xff) throw new Error('base45 text does not decode to bytes');
      bytes.push(n);
    } else {
      const n = c + d * 45 + e * 2025;
      if (n > 0xffff) throw new Error('base45 text does not decode to bytes');
      bytes.push(n >> 8, n & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
