/** What a set of JSON-LD contexts defines, gathered from every nested (scoped) context too. */
export interface ContextTerms {
  /** Every term and prefix any of the contexts defines. */
  terms: ReadonlySet<string>;
  /** Terms that alias a keyword other than @id and @value (`type` for @type, …). */
  keywordAliases: ReadonlySet<string>;
}

function aliasedKeyword(definition: unknown): string | undefined {
  if (typeof definition === 'string') return definition.startsWith('@') ? definition : undefined;
  if (typeof definition === 'object' && definition !== null && !Array.isArray(definition)) {
    const id = (definition as Record<string, unknown>)['@id'];
    return typeof id === 'string' && id.startsWith('@') ? id : undefined;
  }
  return undefined;
}

function collect(value: unknown, terms: Set<string>, aliases: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, terms, aliases);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, definition] of Object.entries(value)) {
    if (!key.startsWith('@')) {
      terms.add(key);
      const keyword = aliasedKeyword(definition);
      if (keyword !== undefined && keyword !== '@id' && keyword !== '@value') aliases.add(key);
    }
    collect(definition, terms, aliases);
  }
}

/** Over-approximates on purpose: a key seen anywhere in any of the contexts counts as a term. */
export function termsOf(contexts: Iterable<unknown>): ContextTerms {
  const terms = new Set<string>();
  const keywordAliases = new Set<string>();
  for (const context of contexts) collect(context, terms, keywordAliases);
  return { terms, keywordAliases };
}
