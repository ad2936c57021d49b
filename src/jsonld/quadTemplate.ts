/** RDF terms and quads as jsonld.toRDF produces them and rdf-canonize reads them. */
export interface RdfTerm {
  termType: string;
  value: string;
  datatype?: { termType: string; value: string };
  language?: string;
}

export interface RdfQuad {
  subject: RdfTerm;
  predicate: RdfTerm;
  object: RdfTerm;
  graph: RdfTerm;
}

type Position = 'subject' | 'predicate' | 'object' | 'graph';
const POSITIONS: readonly Position[] = ['subject', 'predicate', 'object', 'graph'];

/** A quad whose terms are either fixed or the string value at a slot of the document. */
type TemplateQuad = Record<Position, RdfTerm | { slot: number; term: RdfTerm }>;

/**
 * The N-Quads of one document shape with the document's string values as slots. `frozen` are
 * the values the template was made for and holds only for; `iriSlots` are values that became
 * IRIs, which a value fills only if JSON-LD keeps it as it is.
 */
export interface QuadTemplate {
  quads: TemplateQuad[];
  frozen: ReadonlyMap<number, string>;
  iriSlots: readonly number[];
}

/** Where each slot's probe value showed up in a probe document's quads. */
export interface SlotScan {
  asLiteral: Set<number>;
  asIri: Set<number>;
  /** Slots that showed up inside another value (a JSON literal, say): never fillable. */
  transformed: Set<number>;
}

export class Sentinels {
  readonly #prefix: string;
  readonly #exact: RegExp;
  readonly #anywhere: RegExp;

  constructor(nonce: string) {
    this.#prefix = `urn:x-shape-slot:${nonce}:`;
    this.#exact = new RegExp(`^${this.#prefix}(\\d+)$`);
    this.#anywhere = new RegExp(`${this.#prefix}(\\d+)`, 'g');
  }

  of(index: number): string {
    return `${this.#prefix}${index}`;
  }

  exactSlot(value: string): number | undefined {
    const match = this.#exact.exec(value);
    return match ? Number(match[1]) : undefined;
  }

  slotsWithin(value: string): number[] {
    if (!value.includes(this.#prefix)) return [];
    return [...value.matchAll(this.#anywhere)].map((match) => Number(match[1]));
  }
}

export function scanSlots(dataset: readonly RdfQuad[], sentinels: Sentinels): SlotScan {
  const scan: SlotScan = { asLiteral: new Set(), asIri: new Set(), transformed: new Set() };
  for (const quad of dataset) {
    for (const position of POSITIONS) {
      const term = quad[position];
      const slot = sentinels.exactSlot(term.value);
      if (slot !== undefined && position !== 'predicate') {
        (term.termType === 'Literal' ? scan.asLiteral : scan.asIri).add(slot);
      } else {
        for (const inside of sentinels.slotsWithin(term.value)) scan.transformed.add(inside);
      }
      for (const extra of [term.datatype?.value, term.language]) {
        if (extra !== undefined)
          for (const inside of sentinels.slotsWithin(extra)) scan.transformed.add(inside);
      }
    }
  }
  return scan;
}

export function templateOf(
  dataset: readonly RdfQuad[],
  sentinels: Sentinels,
  frozen: ReadonlyMap<number, string>,
  iriSlots: readonly number[],
): QuadTemplate {
  const quads = dataset.map((quad) => {
    const templated = {} as TemplateQuad;
    for (const position of POSITIONS) {
      const term = quad[position];
      const slot = position === 'predicate' ? undefined : sentinels.exactSlot(term.value);
      templated[position] = slot === undefined ? term : { slot, term };
    }
    return templated;
  });
  return { quads, frozen, iriSlots };
}

function keyOf(term: RdfTerm): string {
  return `${term.termType}\u0000${term.value}\u0000${term.datatype?.value ?? ''}\u0000${term.language ?? ''}`;
}

/**
 * The template's quads with the document's values in their slots. An RDF dataset is a set: two
 * slots holding the same IRI may make one quad twice, as JSON-LD would have merged the nodes.
 */
export function fill(template: QuadTemplate, values: readonly string[]): RdfQuad[] {
  const seen = new Set<string>();
  const dataset: RdfQuad[] = [];
  for (const templated of template.quads) {
    const quad = {} as RdfQuad;
    for (const position of POSITIONS) {
      const entry = templated[position];
      quad[position] =
        'slot' in entry ? { ...entry.term, value: values[entry.slot] as string } : entry;
    }
    const key = POSITIONS.map((position) => keyOf(quad[position])).join('\u0001');
    if (seen.has(key)) continue;
    seen.add(key);
    dataset.push(quad);
  }
  return dataset;
}
