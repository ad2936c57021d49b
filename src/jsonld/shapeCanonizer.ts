import { randomUUID } from 'node:crypto';
import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { setBounded } from '../core/boundedMap.js';
import { bundledContexts } from './contexts.js';
import { termsOf } from './contextTerms.js';
import { shapeOf, withValues, type DocumentShape } from './documentShape.js';
import {
  Sentinels,
  fill,
  scanSlots,
  templateOf,
  type QuadTemplate,
  type RdfQuad,
} from './quadTemplate.js';

/** A Data Integrity cryptosuite's canonize: a JSON-LD document to canonical N-Quads. */
export type Canonize = (input: object, options: Record<string, unknown>) => Promise<string>;

export interface CanonizerCounts {
  /** Documents whose N-Quads came from a template. */
  templated: number;
  /** Documents the library canonized (an unseen shape, or one no template holds for). */
  library: number;
  /** Templates kept after their first document's N-Quads equalled the library's. */
  learned: number;
  /** Shapes whose template disagreed with the library or could not be made: library only. */
  refused: number;
}

interface ShapeEntry {
  templates: QuadTemplate[];
  refused: boolean;
  /** Documents of this shape seen: a shape is learnt from its second, so one-offs cost nothing. */
  seen: number;
}

const MAX_SHAPES = 1000;
const MAX_TEMPLATES_PER_SHAPE = 8;
const MAX_PROBES = 4;
/** The only canonize options the fast path understands; anything else goes to the library. */
const UNDERSTOOD_OPTIONS = new Set(['documentLoader', 'base', 'safe', 'skipExpansion']);

const { terms, keywordAliases } = termsOf(bundledContexts.values());
const SHAPE_KEYS: ReadonlySet<string> = new Set([...keywordAliases, 'type']);

const IRI = /^([A-Za-z][A-Za-z0-9+.-]*):[^\s<>"{}|\\^`]*$/;

/**
 * Whether JSON-LD keeps the string as the IRI it is wherever an IRI is read: an absolute IRI
 * whose scheme is no prefix and which is no term of any bundled context (where it would be
 * expanded, with @vocab or as a compact IRI).
 */
export function keepsAsIri(value: string): boolean {
  const scheme = IRI.exec(value)?.[1];
  return scheme !== undefined && !terms.has(scheme) && !terms.has(value);
}

function understood(options: Record<string, unknown>): boolean {
  return (
    Object.keys(options).every((key) => UNDERSTOOD_OPTIONS.has(key)) &&
    options.base === null &&
    options.safe === true &&
    (options.skipExpansion === undefined || options.skipExpansion === false)
  );
}

/** Only bundled contexts, by URL: an inline or unknown context may mean anything. */
function bundledOnly(context: unknown): boolean {
  if (typeof context === 'string') return bundledContexts.has(context);
  return Array.isArray(context) && context.every((entry) => bundledOnly(entry));
}

function contextsOf(document: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(document)) {
    for (const item of document) contextsOf(item, found);
  } else if (typeof document === 'object' && document !== null) {
    for (const [key, value] of Object.entries(document)) {
      if (key === '@context') found.push(value);
      else contextsOf(value, found);
    }
  }
  return found;
}

function fits(template: QuadTemplate, values: readonly string[]): boolean {
  for (const [index, value] of template.frozen) if (values[index] !== value) return false;
  return template.iriSlots.every((index) => keepsAsIri(values[index] as string));
}

/**
 * Canonizes like the library's own `canonize` (jsonld.toRDF, then rdf-canonize), and learns
 * from it. A document's N-Quads depend on its shape, and its string values only land verbatim in
 * the places the shape gives them. So for each shape this makes a template from a probe (the
 * document with every string value replaced by a unique marker, showing where each value
 * lands), fills it with the document's own values and keeps it only if the result equals the
 * library's N-Quads for that same document. Later documents of the shape are filled into the
 * template and canonized by rdf-canonize, skipping JSON-LD expansion. A value that does not land
 * verbatim (a number formatted, a JSON literal, a term expanded by the context) is frozen: the
 * template holds only for documents with that same value.
 */
export function createShapeCanonizer(library: Canonize) {
  const sentinels = new Sentinels(randomUUID().replaceAll('-', ''));
  const shapes = new Map<string, ShapeEntry>();
  const counts: CanonizerCounts = { templated: 0, library: 0, learned: 0, refused: 0 };

  const toRdfOptions = (options: Record<string, unknown>) => ({
    algorithm: 'RDFC-1.0',
    base: null,
    safe: true,
    ...options,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });
  const canonizeOptions = (options: Record<string, unknown>) => ({
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    base: null,
    safe: true,
    ...options,
  });

  async function probe(input: object, shape: DocumentShape, options: Record<string, unknown>) {
    let frozen = new Map<number, string>();
    for (let round = 0; round < MAX_PROBES; round++) {
      const probed = withValues(input, SHAPE_KEYS, (index, value) =>
        frozen.has(index) ? value : sentinels.of(index),
      );
      const dataset = (await jsonld.toRDF(probed, toRdfOptions(options))) as RdfQuad[];
      const scan = scanSlots(dataset, sentinels);
      const next = new Map(frozen);
      shape.values.forEach((value, index) => {
        if (frozen.has(index)) return;
        const landed = scan.asLiteral.has(index) || scan.asIri.has(index);
        const iriKept = !scan.asIri.has(index) || keepsAsIri(value);
        if (!landed || scan.transformed.has(index) || !iriKept) next.set(index, value);
      });
      if (next.size === frozen.size) {
        return templateOf(dataset, sentinels, frozen, [...scan.asIri]);
      }
      frozen = next;
    }
    return undefined;
  }

  function entryFor(key: string): ShapeEntry {
    let entry = shapes.get(key);
    if (!entry) {
      entry = { templates: [], refused: false, seen: 0 };
      setBounded(shapes, key, entry, MAX_SHAPES);
    }
    return entry;
  }

  async function learn(
    input: object,
    shape: DocumentShape,
    options: Record<string, unknown>,
    libraryNquads: string,
  ): Promise<void> {
    const entry = entryFor(shape.key);
    entry.seen++;
    if (entry.seen < 2 || entry.refused || entry.templates.length >= MAX_TEMPLATES_PER_SHAPE)
      return;
    let template: QuadTemplate | undefined;
    try {
      template = await probe(input, shape, options);
    } catch {
      template = undefined;
    }
    const agrees =
      template !== undefined &&
      (await rdfCanonize.canonize(fill(template, shape.values), canonizeOptions(options))) ===
        libraryNquads;
    if (template && agrees) {
      if (!entry.templates.some((known) => fits(known, shape.values))) {
        entry.templates.push(template);
        counts.learned++;
      }
    } else {
      entry.refused = true;
      counts.refused++;
    }
  }

  const canonize: Canonize = async (input, options) => {
    const shape =
      understood(options) && contextsOf(input).every(bundledOnly)
        ? shapeOf(input, SHAPE_KEYS)
        : undefined;
    if (shape) {
      const template = shapes.get(shape.key)?.templates.find((known) => fits(known, shape.values));
      if (template) {
        counts.templated++;
        return rdfCanonize.canonize(fill(template, shape.values), canonizeOptions(options));
      }
    }
    counts.library++;
    const nquads = await library(input, options);
    if (shape) await learn(input, shape, options, nquads);
    return nquads;
  };

  return { canonize, counts: (): CanonizerCounts => ({ ...counts }) };
}
