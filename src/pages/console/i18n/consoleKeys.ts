import type { consoleEn } from './en.js';

/** The console's keys: en.ts is the reference, every other language translates each one. */
export type ConsoleKey = keyof typeof consoleEn;
export type ConsoleMessages = { readonly [Key in ConsoleKey]: string };

/** Looks a key up and fills its `{name}` placeholders (plain text, escaped on render). */
export type ConsoleTranslate = (
  key: ConsoleKey,
  values?: Record<string, string | number>,
) => string;
