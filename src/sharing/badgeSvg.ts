import { credentialElement, OPEN_BADGES_NAMESPACE } from '../baking/svgBaking.js';
import type { CredentialPayload } from '../baking/credentialPayload.js';
import { escapeXml } from '../baking/xmlText.js';
import { MEDALLION } from './badgeColours.js';
import { wrapText } from './wrapText.js';

export interface BadgeFace {
  achievementName: string;
  issuerName?: string;
  /** Shown under the issuer, e.g. the year of issue. */
  footnote?: string;
  /** Names the image for assistive technology. */
  title: string;
}

const FONT = "system-ui, 'Noto Sans', 'Noto Sans CJK TC', 'Noto Sans CJK JP', sans-serif";
const NAME_WIDTH_PX = 400;

export function textLines(
  lines: string[],
  centreY: number,
  fontSize: number,
  attributes: string,
): string {
  const lineHeight = fontSize * 1.2;
  const firstY = centreY - ((lines.length - 1) * lineHeight) / 2;
  return lines
    .map(
      (line, index) =>
        `<text x="300" y="${(firstY + index * lineHeight).toFixed(1)}" font-size="${fontSize}" ${attributes}>${escapeXml(line)}</text>`,
    )
    .join('');
}

/** The achievement name at the largest size (of three) that fits in at most three lines. */
export function nameLines(name: string): { lines: string[]; fontSize: number } {
  for (const fontSize of [44, 36, 30]) {
    const lines = wrapText(name, NAME_WIDTH_PX / fontSize, 3);
    if (!lines.at(-1)?.endsWith('…') || fontSize === 30) return { lines, fontSize };
  }
  return { lines: [name], fontSize: 30 };
}

/**
 * A medallion with the achievement and issuer on its face, baked per Open Badges 3.0: the
 * credential element comes right after the opening <svg> tag.
 */
export function renderBadgeSvg(face: BadgeFace, payload: CredentialPayload): string {
  const { size, rimRadius, ringRadius, faceRadius } = MEDALLION;
  const name = nameLines(face.achievementName);
  const issuer = wrapText(face.issuerName ?? '', 380 / 24, 2);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OPEN_BADGES_NAMESPACE}" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-labelledby="badge-title">`,
    credentialElement(payload),
    `<title id="badge-title">${escapeXml(face.title)}</title>`,
    `<circle cx="300" cy="300" r="${rimRadius}" fill="${MEDALLION.rim}"/>`,
    `<circle cx="300" cy="300" r="${ringRadius}" fill="${MEDALLION.ring}"/>`,
    `<circle cx="300" cy="300" r="${faceRadius}" fill="${MEDALLION.face}"/>`,
    `<g font-family="${FONT}" text-anchor="middle">`,
    `<text x="300" y="130" font-size="22" letter-spacing="4" fill="${MEDALLION.rim}">OPEN BADGE</text>`,
    textLines(name.lines, 275, name.fontSize, `font-weight="700" fill="${MEDALLION.ink}"`),
    textLines(issuer, 420, 24, `fill="${MEDALLION.rim}"`),
    face.footnote
      ? `<text x="300" y="490" font-size="22" fill="${MEDALLION.rim}">${escapeXml(face.footnote)}</text>`
      : '',
    '</g>',
    '</svg>',
  ].join('\n');
}
