import type { Language } from '../../i18n/languages.js';
import type { ConsoleMessages, ConsoleTranslate } from './consoleKeys.js';
import { consoleEn } from './en.js';
import { consoleJa } from './ja.js';
import { consoleZhTW } from './zh-TW.js';

export type { ConsoleKey, ConsoleMessages, ConsoleTranslate } from './consoleKeys.js';

const MESSAGES: Record<Language, ConsoleMessages> = {
  en: consoleEn,
  'zh-TW': consoleZhTW,
  ja: consoleJa,
};

export function consoleTranslate(language: Language): ConsoleTranslate {
  const messages = MESSAGES[language];
  return (key, values = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
      name in values ? String(values[name]) : placeholder,
    );
}
