/**
 * A JSON-LD document split into its shape and its string values. The shape is everything that
 * can change how JSON-LD reads the document: every key in order, array lengths, every
 * `@context` and every type (they choose term definitions), every keyword value (`@language`,
 * `@direction`…) and every number, boolean and null (their RDF form depends on the value). The
 * string values are what is left: the slots a quad template may fill.
 */
export interface DocumentShape {
  key: string;
  values: string[];
}

/** Keys whose whole value is shape: contexts, types and keywords other than @id and @value. */
function isShapeKey(key: string, shapeKeys: ReadonlySet<string>): boolean {
  if (key.startsWith('@')) return key !== '@id' && key !== '@value';
  return shapeKeys.has(key);
}

function walk(
  value: unknown,
  parentKey: string | undefined,
  shapeKeys: ReadonlySet<string>,
  values: string[],
): string {
  if (parentKey !== undefined && isShapeKey(parentKey, shapeKeys)) return JSON.stringify(value);
  if (typeof value === 'string') {
    values.push(value);
    return '$';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => walk(item, parentKey, shapeKeys, values)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      parts.push(`${JSON.stringify(key)}:${walk(item, key, shapeKeys, values)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function shapeOf(document: unknown, shapeKeys: ReadonlySet<string>): DocumentShape {
  const values: string[] = [];
  return { key: walk(document, undefined, shapeKeys, values), values };
}

/** The document again, its string values replaced in walk order by `replace(index, value)`. */
export function withValues(
  document: unknown,
  shapeKeys: ReadonlySet<string>,
  replace: (index: number, value: string) => string,
): unknown {
  let next = 0;
  const rebuild = (value: unknown, parentKey: string | undefined): unknown => {
    if (parentKey !== undefined && isShapeKey(parentKey, shapeKeys)) return value;
    if (typeof value === 'string') {
      const index = next++;
      return replace(index, value);
    }
    if (Array.isArray(value)) return value.map((item) => rebuild(item, parentKey));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, rebuild(item, key)]),
      );
    }
    return value;
  };
  return rebuild(document, undefined);
}
