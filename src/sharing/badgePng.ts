import { PNG } from 'pngjs';
import { MEDALLION } from './badgeColours.js';
import type { QrMatrix } from './qrCode.js';

// The PNG badge is the medallion with the page's QR code on its face, so a printed or forwarded
// badge still leads to the live check. It is drawn pixel by pixel: no canvas or font is needed.

type Rgba = readonly [number, number, number, number];

const TRANSPARENT: Rgba = [0, 0, 0, 0];

const QUIET_ZONE_MODULES = 4;
/** The largest square that fits the face with a little room to spare. */
const QR_SIDE_BUDGET = Math.floor(MEDALLION.faceRadius * Math.SQRT2) - 10;

function rgba(hex: string): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 255];
}

/** Paints `top` over `bottom` with the given coverage (0..1). */
function over(bottom: Rgba, top: Rgba, coverage: number): Rgba {
  const alpha = coverage * (top[3] / 255);
  const outAlpha = alpha + (bottom[3] / 255) * (1 - alpha);
  if (outAlpha === 0) return TRANSPARENT;
  const channel = (index: 0 | 1 | 2): number =>
    Math.round((top[index] * alpha + bottom[index] * (bottom[3] / 255) * (1 - alpha)) / outAlpha);
  return [channel(0), channel(1), channel(2), Math.round(outAlpha * 255)];
}

/** How much of a pixel at distance `distance` from the centre a disc of `radius` covers. */
const discCoverage = (radius: number, distance: number): number =>
  Math.min(1, Math.max(0, radius - distance + 0.5));

/** The medallion's colour at a distance from the centre: blended only on the circles' edges. */
function medallionColour(distance: number, discs: ReadonlyArray<readonly [number, Rgba]>): Rgba {
  const face = discs[discs.length - 1];
  if (face && distance <= face[0] - 0.5) return face[1];
  let colour: Rgba = TRANSPARENT;
  for (const [radius, fill] of discs) {
    const coverage = discCoverage(radius, distance);
    if (coverage > 0) colour = over(colour, fill, coverage);
  }
  return colour;
}

/** The medallion without the QR, drawn once: every badge starts from a copy of it. */
const medallionPixels = ((): Buffer => {
  const { size } = MEDALLION;
  const discs = [
    [MEDALLION.rimRadius, rgba(MEDALLION.rim)],
    [MEDALLION.ringRadius, rgba(MEDALLION.ring)],
    [MEDALLION.faceRadius, rgba(MEDALLION.face)],
  ] as const;
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.sqrt((x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2);
      pixels.set(medallionColour(distance, discs), (y * size + x) * 4);
    }
  }
  return pixels;
})();

export function renderBadgePng(qr: QrMatrix): Buffer {
  const { size } = MEDALLION;
  // One fixed row filter instead of trying all five per row: a few times faster, a little larger.
  const png = new PNG({ width: size, height: size, filterType: 4 });
  medallionPixels.copy(png.data);
  const modules = qr.size + 2 * QUIET_ZONE_MODULES;
  const scale = Math.max(2, Math.floor(QR_SIDE_BUDGET / modules));
  const origin = Math.floor((size - modules * scale) / 2) + QUIET_ZONE_MODULES * scale;
  const ink = rgba(MEDALLION.ink);
  for (let row = 0; row < qr.size; row += 1) {
    for (let column = 0; column < qr.size; column += 1) {
      if (!qr.isDark(row, column)) continue;
      for (let dy = 0; dy < scale; dy += 1) {
        const y = origin + row * scale + dy;
        for (let dx = 0; dx < scale; dx += 1) {
          png.data.set(ink, (y * size + origin + column * scale + dx) * 4);
        }
      }
    }
  }
  return PNG.sync.write(png);
}
