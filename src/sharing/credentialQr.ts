import { deflateRawSync } from 'node:zlib';
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';
import { UnprocessableError } from '../core/problems.js';
import { base45Encode } from './base45.js';
import { JWT_QR_PREFIX, packJwt } from './jwtQrText.js';

// A credential QR carries the whole signed credential, so it is dense. What a phone reads from an
// A6 card (a code about 85 mm wide) and from a screen is set by the module size: version 25 has
// 117 modules (0.7 mm each at 85 mm), version 40 has 177 (0.45 mm, still read by current phone
// cameras held steady). Error correction M (15 %) is used while the code stays within version 25;
// a larger credential gets L (7 %) so that it stays as small as it can, up to version 40.
const PREFERRED = { errorCorrectionLevel: 'M', maxVersion: 25 } as const;
const LARGEST = { errorCorrectionLevel: 'L', maxVersion: 40 } as const;
// jsQR, the decoder the /verify page scans with, reads no version 23 code at L (measured over
// versions 21 to 40 at L and M, random alphanumeric text): such a code is drawn one version up.
const UNREADABLE_BY_JSQR: Partial<Record<QRCodeErrorCorrectionLevel, readonly number[]>> = {
  L: [23],
};
const QUIET_ZONE_MODULES = 4;
/** Pixels per module in the PNG: a version 40 code is 1480 px, enough for print at A6. */
const PNG_SCALE = 8;

export interface CredentialQr {
  text: string;
  version: number;
  errorCorrectionLevel: QRCodeErrorCorrectionLevel;
}

/** The QR text of a vc+jwt: its prefix, then its packed and deflated bytes as base45. */
export function credentialQrText(jws: string): string {
  return JWT_QR_PREFIX + base45Encode(deflateRawSync(packJwt(jws), { level: 9 }));
}

function versionFor(text: string, level: QRCodeErrorCorrectionLevel): number | undefined {
  let version: number;
  try {
    version = QRCode.create(text, { errorCorrectionLevel: level }).version;
  } catch {
    return undefined;
  }
  return UNREADABLE_BY_JSQR[level]?.includes(version) ? version + 1 : version;
}

/** The code a vc+jwt is drawn as, or a problem saying it does not fit and what to use instead. */
export function credentialQr(jws: string, urlQr: string): CredentialQr {
  const text = credentialQrText(jws);
  for (const { errorCorrectionLevel, maxVersion } of [PREFERRED, LARGEST]) {
    const version = versionFor(text, errorCorrectionLevel);
    if (version !== undefined && version <= maxVersion)
      return { text, version, errorCorrectionLevel };
  }
  throw new UnprocessableError(
    'credential-qr-too-large',
    `the signed credential is ${jws.length} characters as a vc+jwt (${text.length} in the QR), more than a QR code of version ${LARGEST.maxVersion} holds; the QR code with its link, ${urlQr}, works for it`,
    { qrUrl: urlQr },
  );
}

export function credentialQrSvg(qr: CredentialQr): Promise<string> {
  return QRCode.toString(qr.text, {
    type: 'svg',
    errorCorrectionLevel: qr.errorCorrectionLevel,
    version: qr.version,
    margin: QUIET_ZONE_MODULES,
  });
}

export function credentialQrPng(qr: CredentialQr): Promise<Buffer> {
  return QRCode.toBuffer(qr.text, {
    type: 'png',
    errorCorrectionLevel: qr.errorCorrectionLevel,
    version: qr.version,
    margin: QUIET_ZONE_MODULES,
    scale: PNG_SCALE,
  });
}
