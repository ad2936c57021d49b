import QRCode from 'qrcode';

// The QR holds the credential page's URL, not the credential: short enough for any phone camera,
// and the page behind it verifies live. Error correction M survives small smudges and scratches.
const ERROR_CORRECTION = 'M';
const QUIET_ZONE_MODULES = 4;
export const QR_PNG_WIDTH = 512;

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE_MODULES,
  });
}

export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE_MODULES,
    width: QR_PNG_WIDTH,
  });
}

/** The QR symbol as a grid of modules, for drawing it into a badge image. */
export interface QrMatrix {
  size: number;
  isDark(row: number, column: number): boolean;
}

export function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: ERROR_CORRECTION });
  return { size: modules.size, isDark: (row, column) => Boolean(modules.get(row, column)) };
}
