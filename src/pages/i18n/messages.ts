import type { en } from './en.js';

/** The keys every language must translate: en.ts is the reference. */
export type MessageKey = keyof typeof en;

/** One language's strings; a missing or unknown key is a type error. */
export type Messages = { readonly [Key in MessageKey]: string };

/** Looks a key up and fills its `{name}` placeholders (the result is plain text, escaped on render). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(messages: Messages): Translate {
  return (key, values = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in values ? String(values[name]) : placeholder,
    );
}

/** For keys built from data (a check id): true when the key set has it. */
export function isMessageKey(messages: Messages, key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}
