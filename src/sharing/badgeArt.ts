// The badge art served for achievements and issuers that name no image of their own: the same
// medallion as the baked badges, coloured per achievement or issuer, with its name on the face.
// Drawn as SVG, and as PNG from that SVG, since many displayers (LinkedIn among them) show no SVG.
import { renderAsync } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { escapeXml } from '../baking/xmlText.js';
import { MEDALLION } from './badgeColours.js';
import { nameLines, textLines } from './badgeSvg.js';
import { wrapText } from './wrapText.js';

export interface AchievementArt {
  /** Picks the colours, so an achievement keeps its colours whatever its name becomes. */
  key: string;
  name: string;
  kind: 'module' | 'tier';
  /** Shown above the name, e.g. the OB 3.0 achievementType. */
  label?: string;
  issuerName?: string;
}

export interface IssuerArt {
  slug: string;
  name: string;
}

export interface ArtImage {
  body: Buffer;
  /** A strong validator of exactly these bytes. */
  etag: string;
}

/**
 * Unquoted on purpose: resvg, which draws the PNG, skips a quoted family after the first. A sans
 * with CJK first, so Latin and CJK names are set in one face.
 */
const ART_FONT = 'Noto Sans CJK TC, Noto Sans CJK JP, Noto Sans, DejaVu Sans, sans-serif';

/** Dark rims that keep white and gold legible, each with a lighter ring. */
const PALETTES = [
  { rim: MEDALLION.rim, ring: MEDALLION.ring },
  { rim: '#1e3a8a', ring: '#93c5fd' },
  { rim: '#7c2d12', ring: '#fbbf24' },
  { rim: '#581c87', ring: '#d8b4fe' },
  { rim: '#134e4a', ring: '#5eead4' },
  { rim: '#881337', ring: '#fda4af' },
] as const;
/** Tiers are set in gold, whatever their rim. */
const TIER_RING = MEDALLION.ring;

function paletteOf(seed: string): (typeof PALETTES)[number] {
  const index = createHash('sha256').update(seed).digest().readUInt32BE(0) % PALETTES.length;
  return PALETTES[index] ?? PALETTES[0];
}

const etagOf = (bytes: Buffer | string): string =>
  `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;

function medallion(rim: string, ring: string, title: string, face: string[]): string {
  const { size, rimRadius, ringRadius, faceRadius } = MEDALLION;
  const centre = size / 2;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="art-title">`,
    `<title id="art-title">${escapeXml(title)}</title>`,
    `<circle cx="${centre}" cy="${centre}" r="${rimRadius}" fill="${rim}"/>`,
    `<circle cx="${centre}" cy="${centre}" r="${ringRadius}" fill="${ring}"/>`,
    `<circle cx="${centre}" cy="${centre}" r="${faceRadius}" fill="${MEDALLION.face}"/>`,
    `<g font-family="${ART_FONT}" text-anchor="middle">`,
    ...face,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** A five-pointed star centred at (x, y): the mark of a tier. */
function star(x: number, y: number, radius: number, fill: string): string {
  const points = Array.from({ length: 10 }, (_, n) => {
    const r = n % 2 === 0 ? radius : radius * 0.45;
    const angle = -Math.PI / 2 + (n * Math.PI) / 5;
    return `${(x + r * Math.cos(angle)).toFixed(1)},${(y + r * Math.sin(angle)).toFixed(1)}`;
  });
  return `<polygon points="${points.join(' ')}" fill="${fill}"/>`;
}

export function achievementArtSvg(art: AchievementArt): string {
  const palette = paletteOf(`achievement:${art.key}`);
  const ring = art.kind === 'tier' ? TIER_RING : palette.ring;
  const name = nameLines(art.name);
  const issuer = wrapText(art.issuerName ?? '', 380 / 24, 2);
  const label = (art.label ?? (art.kind === 'tier' ? 'Tier' : 'Badge')).toUpperCase();
  return medallion(
    palette.rim,
    ring,
    art.issuerName ? `${art.name} · ${art.issuerName}` : art.name,
    [
      art.kind === 'tier' ? star(300, 112, 26, TIER_RING) : '',
      `<text x="300" y="${art.kind === 'tier' ? 168 : 138}" font-size="22" letter-spacing="4" fill="${palette.rim}">${escapeXml(label)}</text>`,
      textLines(name.lines, 290, name.fontSize, `font-weight="700" fill="${MEDALLION.ink}"`),
      textLines(issuer, 440, 24, `fill="${palette.rim}"`),
    ],
  );
}

/**
 * Up to two letters: of the first two capitalised words ("Code for Communities": CC), else of
 * the first two words; one character of a name in Han, kana or Hangul.
 */
export function initialsOf(name: string): string {
  const words = name.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? [];
  const first = words[0] ?? '';
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first)) {
    return [...first][0] ?? '';
  }
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word));
  return (capitalised.length > 0 ? capitalised : words)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();
}

export function issuerArtSvg(art: IssuerArt): string {
  const palette = paletteOf(`issuer:${art.slug}`);
  const name = wrapText(art.name, 400 / 30, 3);
  return medallion(palette.rim, palette.ring, art.name, [
    `<text x="300" y="290" font-size="150" font-weight="700" fill="${palette.rim}">${escapeXml(initialsOf(art.name))}</text>`,
    textLines(name, 400, 30, `fill="${MEDALLION.ink}"`),
  ]);
}

export function svgArt(svg: string): ArtImage {
  return { body: Buffer.from(svg, 'utf8'), etag: etagOf(svg) };
}

/** Drawn art by its SVG: an achievement's is drawn once, until its name or issuer changes. */
const drawn = new Map<string, Promise<ArtImage>>();
const DRAWN_KEPT = 256;

/**
 * The art as PNG, drawn from its SVG with the machine's fonts, off the event loop. A drawing is
 * kept (a few tens of KiB each, the oldest forgotten first), so only the first request waits.
 */
export function pngArt(svg: string): Promise<ArtImage> {
  const key = createHash('sha256').update(svg).digest('hex');
  const known = drawn.get(key);
  if (known) return known;
  const drawing = renderAsync(svg, {
    fitTo: { mode: 'width', value: MEDALLION.size },
    font: { loadSystemFonts: true },
    logLevel: 'off',
  }).then((rendered) => {
    const body = rendered.asPng();
    return { body, etag: etagOf(body) };
  });
  // A failed drawing is not kept: the next request tries again.
  drawing.catch(() => drawn.delete(key));
  drawn.set(key, drawing);
  for (const oldest of drawn.keys()) {
    if (drawn.size <= DRAWN_KEPT) break;
    drawn.delete(oldest);
  }
  return drawing;
}
