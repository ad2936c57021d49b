import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnprocessableError } from '../core/problems.js';
import type { CredentialPayload } from './credentialPayload.js';
import { imageUnreadable } from './pngBaking.js';
import { escapeXml } from './xmlText.js';

// Open Badges 3.0 SVG baking (§5.3.2): an <openbadges:credential> element right after <svg>,
// holding a JWS in its `verify` attribute or the credential's JSON in CDATA.

export const OPEN_BADGES_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

/** The element to place right after the opening <svg> tag (which declares xmlns:openbadges). */
export function credentialElement(payload: CredentialPayload): string {
  if (typeof payload === 'string') {
    return `<openbadges:credential verify="${escapeXml(payload)}"></openbadges:credential>`;
  }
  // "]]>" inside the JSON would close the section early: split it across two sections.
  const json = JSON.stringify(payload).replaceAll(']]>', ']]]]><![CDATA[>');
  return `<openbadges:credential><![CDATA[${json}]]></openbadges:credential>`;
}

/** preserveOrder output: each node is { [name]: children, ':@'?: attributes } or a text node. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

const nodesOf = (value: unknown): XmlNode[] =>
  Array.isArray(value)
    ? value.filter((node): node is XmlNode => typeof node === 'object' && node !== null)
    : [];

function attributesOf(node: XmlNode): Record<string, unknown> {
  const attributes = node[':@'];
  return typeof attributes === 'object' && attributes !== null
    ? (attributes as Record<string, unknown>)
    : {};
}

const nameOf = (node: XmlNode): string | undefined => Object.keys(node).find((key) => key !== ':@');

/** Namespace bindings in scope at an element, after its own xmlns declarations. */
function scopeOf(node: XmlNode, parent: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(parent);
  for (const [name, value] of Object.entries(attributesOf(node))) {
    if (typeof value !== 'string') continue;
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), value);
  }
  return scope;
}

/** The first element named credential in the Open Badges namespace, whatever its prefix. */
function findCredentialElement(roots: XmlNode[]): XmlNode | undefined {
  const pending = roots.map((node) => ({ node, parentScope: new Map<string, string>() })).reverse();
  while (pending.length > 0) {
    const { node, parentScope } = pending.pop() as (typeof pending)[number];
    const name = nameOf(node);
    if (name === undefined || name.startsWith('#') || name.startsWith('?')) continue;
    const scope = scopeOf(node, parentScope);
    const [prefix, local] = name.includes(':') ? name.split(':', 2) : ['', name];
    if (local === 'credential' && scope.get(prefix ?? '') === OPEN_BADGES_NAMESPACE) return node;
    const children = nodesOf(node[name]);
    for (let index = children.length - 1; index >= 0; index -= 1) {
      pending.push({ node: children[index] as XmlNode, parentScope: scope });
    }
  }
  return undefined;
}

function textOf(children: XmlNode[]): string {
  return children
    .map((child) => {
      if (typeof child['#text'] === 'string') return child['#text'];
      if ('#cdata' in child) return textOf(nodesOf(child['#cdata']));
      return '';
    })
    .join('');
}

/** The credential text of the first openbadges:credential element (its verify attribute or body). */
export function extractFromSvg(svg: string): string {
  let nodes: XmlNode[];
  try {
    const validation = XMLValidator.validate(svg);
    if (validation !== true) {
      throw imageUnreadable(
        `the SVG is not well-formed XML: ${validation.err.msg} (line ${validation.err.line})`,
      );
    }
    nodes = nodesOf(parser.parse(svg));
  } catch (error) {
    if (error instanceof UnprocessableError) throw error;
    throw imageUnreadable(`the SVG cannot be parsed: ${(error as Error).message}`);
  }
  const element = findCredentialElement(nodes);
  if (!element) {
    throw new UnprocessableError(
      'credential-not-baked',
      `the SVG carries no openbadges:credential element (namespace ${OPEN_BADGES_NAMESPACE})`,
    );
  }
  const verify = attributesOf(element).verify;
  if (typeof verify === 'string' && verify.trim() !== '') return verify.trim();
  return textOf(nodesOf(element[nameOf(element) ?? ''])).trim();
}
