// What an uploaded issuer image may be, judged by its bytes, not by the Content-Type it came with:
// a PNG that decodes within the size limits, or an SVG of shapes and text only, which is drawn to
// PNG here. Only PNG is ever stored and served, so no script an SVG might still smuggle past the
// checks can run in our origin: the checks name what is refused, the drawing makes it harmless.
import { renderAsync, Resvg } from '@resvg/resvg-js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { UnprocessableError } from '../core/problems.js';

/** Media types an upload may be declared as. */
export const UPLOADABLE_IMAGE_TYPES = ['image/png', 'image/svg+xml'] as const;
export type UploadableImageType = (typeof UPLOADABLE_IMAGE_TYPES)[number];

/** The longest side of a PNG taken as it is: enough for any badge displayer, bounded in memory. */
export const MAX_IMAGE_SIDE = 2048;
/** The longest side an SVG is drawn at. */
export const DRAWN_SVG_SIDE = 512;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface PngImage {
  bytes: Buffer;
  width: number;
  height: number;
}

const unreadable = (detail: string) => new UnprocessableError('image-unreadable', detail);
const unsafe = (detail: string) => new UnprocessableError('image-unsafe', detail);

export const isPng = (bytes: Uint8Array): boolean =>
  bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);

/**
 * A PNG taken as it is. Its IHDR says its size before anything is decompressed, so a small file
 * that would inflate to gigabytes of pixels is refused unread; then it must decode whole (every
 * chunk's CRC, the image data), so what is stored is an image and not only a signature.
 */
export function readPng(bytes: Buffer): PngImage {
  if (!isPng(bytes)) throw unreadable('the body is not a PNG image: its signature is wrong');
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw unreadable('the PNG does not start with an IHDR chunk');
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) throw unreadable('the PNG has no pixels');
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new UnprocessableError(
      'image-dimensions-too-large',
      `the PNG is ${width}×${height} pixels; at most ${MAX_IMAGE_SIDE} on each side are taken`,
    );
  }
  try {
    PNG.sync.read(bytes);
  } catch (error) {
    throw unreadable(`the PNG does not decode: ${(error as Error).message}`);
  }
  return { bytes, width, height };
}

// Elements of SVG that draw shapes, text, paint and effects from inside the document. Anything
// else is refused by name: script, foreignObject, image and feImage (which load other documents),
// animation (which can rewrite attributes, links included, after any check), and the rest.
const DRAWING_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'switch',
  'title',
  'desc',
  'metadata',
  'style',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  ...[
    'Blend',
    'ColorMatrix',
    'ComponentTransfer',
    'Composite',
    'ConvolveMatrix',
    'DiffuseLighting',
    'DisplacementMap',
    'DistantLight',
    'DropShadow',
    'Flood',
    'FuncA',
    'FuncB',
    'FuncG',
    'FuncR',
    'GaussianBlur',
    'Merge',
    'MergeNode',
    'Morphology',
    'Offset',
    'PointLight',
    'SpecularLighting',
    'SpotLight',
    'Tile',
    'Turbulence',
  ].map((primitive) => `fe${primitive}`),
]);

/** Why an element is refused in any namespace, for the ones people (or attackers) reach for. */
const REFUSED_ELEMENTS: Record<string, string> = {
  script: 'scripts are not allowed',
  foreignObject: 'foreign objects (HTML inside SVG) are not allowed',
  image: 'embedded or linked images are not allowed: upload a PNG instead',
  feImage: 'filter images load other documents and are not allowed',
  iframe: 'embedded documents are not allowed',
  embed: 'embedded documents are not allowed',
  object: 'embedded documents are not allowed',
  handler: 'event handlers are not allowed',
  listener: 'event handlers are not allowed',
  set: 'animation is not allowed',
  animate: 'animation is not allowed',
  animateMotion: 'animation is not allowed',
  animateTransform: 'animation is not allowed',
  discard: 'animation is not allowed',
};

/** Namespaces whose elements an SVG viewer would render as something other than SVG. */
const FOREIGN_NAMESPACES = new Set([
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1998/Math/MathML',
]);

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: true,
  // Entities are refused before parsing; none may be expanded.
  processEntities: false,
  ignoreDeclaration: false,
  ignorePiTags: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

const nameOf = (node: XmlNode): string => Object.keys(node).find((key) => key !== ':@') ?? '';

function attributesOf(node: XmlNode): Record<string, string> {
  const attributes = node[':@'];
  if (typeof attributes !== 'object' || attributes === null) return {};
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, String(value)]),
  );
}

/** The text of an element's text and CDATA children. */
function textOf(nodes: readonly XmlNode[]): string {
  return nodes
    .map((node) =>
      '#cdata' in node ? textOf(childrenOf(node, '#cdata')) : String(node['#text'] ?? ''),
    )
    .join('');
}

/**
 * Character references decoded, as a renderer reads the value: `&#104;ttp:` must not slip past
 * a check for "http:". Entities were refused before parsing, so only these five names remain.
 */
function decodeReferences(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  const character = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd');
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, body: string) => {
    if (/^#x/i.test(body)) return character(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return character(Number.parseInt(body.slice(1), 10));
    return named[body] ?? reference;
  });
}

const childrenOf = (node: XmlNode, name: string): XmlNode[] => {
  const children = node[name];
  return Array.isArray(children)
    ? children.filter((child): child is XmlNode => typeof child === 'object' && child !== null)
    : [];
};

const split = (qualified: string): { prefix: string | undefined; local: string } => {
  const colon = qualified.indexOf(':');
  return colon < 0
    ? { prefix: undefined, local: qualified }
    : { prefix: qualified.slice(0, colon), local: qualified.slice(colon + 1) };
};

/** Every url(…) in CSS or a presentation attribute must point inside the document (url(#id)). */
function assertLocalUrls(text: string, where: string): void {
  for (const match of text.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!(match[2] ?? '').trim().startsWith('#')) {
      throw unsafe(`${where} refers to ${match[0]}: external references are not allowed`);
    }
  }
  if (/@import/i.test(text)) throw unsafe(`${where} imports a style sheet: not allowed`);
  if (/javascript\s*:/i.test(text)) throw unsafe(`${where} holds a javascript: URL`);
}

interface Scope {
  namespaces: ReadonlyMap<string | undefined, string>;
}

function checkElement(node: XmlNode, name: string, scope: Scope, path: string): void {
  const attributes = attributesOf(node);
  const namespaces = new Map(scope.namespaces);
  for (const [attribute, value] of Object.entries(attributes)) {
    if (attribute === 'xmlns') namespaces.set(undefined, value);
    else if (attribute.startsWith('xmlns:')) namespaces.set(attribute.slice(6), value);
  }
  const { prefix, local } = split(name);
  const namespace = namespaces.get(prefix);
  const where = `<${name}> (${path})`;
  if (namespace === undefined) throw unreadable(`${where} uses a namespace prefix never declared`);
  const refused = REFUSED_ELEMENTS[local];
  if (refused) throw unsafe(`${where}: ${refused}`);
  if (FOREIGN_NAMESPACES.has(namespace)) {
    throw unsafe(`${where}: foreign objects (HTML or MathML inside SVG) are not allowed`);
  }
  // Elements of other vocabularies (an editor's notes, RDF metadata, a baked credential) draw
  // nothing; SVG's own must be drawing elements.
  if (namespace === SVG_NAMESPACE && !DRAWING_ELEMENTS.has(local)) {
    throw unsafe(`${where}: only shapes, text, paint and effects are allowed`);
  }
  for (const [attribute, raw] of Object.entries(attributes)) {
    const value = decodeReferences(raw);
    const { prefix: attributePrefix, local: attributeLocal } = split(attribute);
    if (attributePrefix === 'xmlns' || attribute === 'xmlns') continue;
    if (/^on/i.test(attributeLocal)) {
      throw unsafe(`${where} has an event handler (${attribute}): not allowed`);
    }
    if (attributeLocal === 'href' && !value.trim().startsWith('#')) {
      throw unsafe(`${where} links to "${value}": external references are not allowed`);
    }
    assertLocalUrls(value, `${where} ${attribute}`);
  }
  const children = childrenOf(node, name);
  if (local === 'style') assertLocalUrls(decodeReferences(textOf(children)), `${where} CSS`);
  for (const child of children) {
    const childName = nameOf(child);
    if (childName === '#text' || childName === '#comment' || childName === '#cdata') continue;
    if (childName.startsWith('?')) throw unsafe(`${where} holds a processing instruction`);
    checkElement(child, childName, { namespaces }, `${path}/${childName}`);
  }
}

/** The SVG's text, checked: well-formed XML with one <svg> root of drawing elements only. */
export function checkSvg(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable('the SVG is not UTF-8 text');
  }
  // Entity declarations can expand a small file without bound or read other files; a plain
  // DOCTYPE naming the SVG 1.1 DTD is harmless (nothing fetches it) and editors still write it.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) {
    throw unsafe('the SVG declares entities (a DOCTYPE internal subset): not allowed');
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw unreadable(`the body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const nodes = (parser.parse(text) as unknown[]).filter(
    (node): node is XmlNode => typeof node === 'object' && node !== null,
  );
  const roots: XmlNode[] = [];
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === '#text' || name === '#comment' || name === '!DOCTYPE') continue;
    if (name === '?xml') continue;
    if (name.startsWith('?')) {
      throw unsafe(`the SVG holds a <${name}> processing instruction (e.g. a linked style sheet)`);
    }
    roots.push(node);
  }
  const [root] = roots;
  if (!root || roots.length !== 1) throw unreadable('the SVG must have exactly one root element');
  const rootName = nameOf(root);
  const rootAttributes = attributesOf(root);
  const { prefix, local } = split(rootName);
  const rootNamespace = rootAttributes[prefix === undefined ? 'xmlns' : `xmlns:${prefix}`];
  if (local !== 'svg' || rootNamespace !== SVG_NAMESPACE) {
    throw unreadable(
      `the root element is <${rootName}>, not an <svg> in the SVG namespace (xmlns="${SVG_NAMESPACE}")`,
    );
  }
  checkElement(root, rootName, { namespaces: new Map([['xml', XML_NAMESPACE]]) }, rootName);
  return text;
}

/**
 * Draws a checked SVG to PNG, its longest side DRAWN_SVG_SIDE pixels. resvg runs no scripts and
 * loads nothing (it resolves no http(s) or file references unless handed them), and the drawing
 * runs off the event loop.
 */
export async function drawSvg(text: string): Promise<PngImage> {
  let size: { width: number; height: number };
  try {
    const parsed = new Resvg(text, { font: { loadSystemFonts: false }, logLevel: 'off' });
    size = { width: parsed.width, height: parsed.height };
  } catch (error) {
    throw unreadable(`the SVG cannot be drawn: ${(error as Error).message}`);
  }
  if (!(size.width > 0 && size.height > 0)) throw unreadable('the SVG has no size to draw');
  const fitTo =
    size.width >= size.height
      ? ({ mode: 'width', value: DRAWN_SVG_SIDE } as const)
      : ({ mode: 'height', value: DRAWN_SVG_SIDE } as const);
  const shorter =
    (Math.min(size.width, size.height) / Math.max(size.width, size.height)) * DRAWN_SVG_SIDE;
  if (shorter < 1) throw unreadable('the SVG is too thin to draw at badge size');
  const rendered = await renderAsync(text, {
    fitTo,
    font: { loadSystemFonts: true },
    logLevel: 'off',
  });
  return { bytes: rendered.asPng(), width: rendered.width, height: rendered.height };
}

const mediaTypeOf = (contentType: string): string =>
  contentType.split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * The PNG to store for an upload, and what it came as. The bytes must be what the Content-Type
 * says: a PNG sent as SVG (or the other way round) is refused rather than guessed at.
 */
export async function storablePng(
  contentType: string,
  bytes: Buffer,
): Promise<PngImage & { uploadedAs: UploadableImageType }> {
  const declared = mediaTypeOf(contentType);
  if (declared === 'image/png') return { ...readPng(bytes), uploadedAs: declared };
  if (declared === 'image/svg+xml') {
    if (isPng(bytes)) throw unreadable('the body is declared image/svg+xml but is a PNG');
    return { ...(await drawSvg(checkSvg(bytes))), uploadedAs: declared };
  }
  throw unreadable(
    `"${declared}" is not an image type taken here: send ${UPLOADABLE_IMAGE_TYPES.join(' or ')}`,
  );
}
