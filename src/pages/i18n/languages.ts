import Negotiator from 'negotiator';
import { en } from './en.js';
import { ja } from './ja.js';
import { translator, type Messages, type Translate } from './messages.js';
import { zhTW } from './zh-TW.js';

export const LANGUAGES = ['en', 'zh-TW', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

const MESSAGES: Record<Language, Messages> = { en, 'zh-TW': zhTW, ja };

export function messagesOf(language: Language): Messages {
  return MESSAGES[language];
}

export function translate(language: Language): Translate {
  return translator(MESSAGES[language]);
}

/** Maps a BCP 47 tag to a language we have: zh-TW also serves the other Traditional scripts. */
function supported(tag: string): Language | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'ja' || lower.startsWith('ja-')) return 'ja';
  if (
    lower === 'zh' ||
    lower === 'zh-tw' ||
    lower === 'zh-hk' ||
    lower === 'zh-mo' ||
    lower.startsWith('zh-hant')
  ) {
    return 'zh-TW';
  }
  return undefined;
}

/** `?lang=` first, then the browser's Accept-Language in its order of preference, then English. */
export function chooseLanguage(queryLang: unknown, acceptLanguage: string | undefined): Language {
  if (typeof queryLang === 'string') {
    const fromQuery = supported(queryLang);
    if (fromQuery) return fromQuery;
  }
  if (acceptLanguage) {
    const preferred = new Negotiator({
      headers: { 'accept-language': acceptLanguage },
    }).languages();
    for (const tag of preferred) {
      const language = supported(tag);
      if (language) return language;
    }
  }
  return DEFAULT_LANGUAGE;
}
