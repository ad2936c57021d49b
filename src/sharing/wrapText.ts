// Line breaking for SVG text, which has none of its own. Widths are estimates in em: good enough
// to keep a name inside a circle without measuring fonts.

/** Hangul, CJK, kana, full-width forms: about 1em wide, and a line may break around each one. */
const WIDE_RANGES =
  '\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60';
const WIDE = new RegExp(`[${WIDE_RANGES}]`, 'u');
/** Kana and punctuation that may not begin a line (kinsoku): they stay with the character before. */
const NO_LINE_START = 'ー、。，．・：；！？）」』】〕ぁぃぅぇぉっゃゅょァィゥェォッャュョ';
const TOKEN = new RegExp(
  `[${WIDE_RANGES}][${NO_LINE_START}]*|[^\\s${WIDE_RANGES}]+\\s*|\\s+`,
  'gu',
);
const NARROW_WIDTH_EM = 0.56;

const widthOf = (text: string): number =>
  [...text].reduce((sum, character) => sum + (WIDE.test(character) ? 1 : NARROW_WIDTH_EM), 0);

/** The longest start of `text` that fits `maxWidthEm` (at least one character). */
function fittingStart(text: string, maxWidthEm: number): string {
  let start = '';
  for (const character of text) {
    if (start !== '' && widthOf(start + character) > maxWidthEm) break;
    start += character;
  }
  return start;
}

/** Greedy lines of at most `maxWidthEm`; the last allowed line ends with … when text remains. */
export function wrapText(text: string, maxWidthEm: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const flush = (): void => {
    if (line.trim() !== '') lines.push(line.trim());
    line = '';
  };
  for (const token of text.trim().match(TOKEN) ?? []) {
    let rest = token;
    while (widthOf(rest.trimEnd()) > maxWidthEm) {
      // A word longer than a line is cut where it fills the line.
      flush();
      const cut = fittingStart(rest, maxWidthEm);
      lines.push(cut);
      rest = rest.slice(cut.length);
    }
    if (widthOf((line + rest).trimEnd()) > maxWidthEm) flush();
    line += rest;
  }
  flush();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = fittingStart(kept[maxLines - 1] ?? '', maxWidthEm - 1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
