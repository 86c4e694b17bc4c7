// Every string of the lab's own interface, one dictionary per language (ui-en.ts, ui-ja.ts). Pages and
// browser code read them through t(); adding a language is adding a dictionary with the same keys
// (the type makes a missing key a build error). Lesson texts are content, not UI: they live in lessons/.
import { en, type UiKey } from './ui-en.js';
import { ja } from './ui-ja.js';
import { DEFAULT_LANG, LANGS, isLang, type Lang } from '../../schema/langs.js';
import { serverText, type ServerWords } from '../../schema/server-words.js';

export type { UiKey, Lang };
export { DEFAULT_LANG, LANGS, isLang };

export const dictionaries: Record<Lang, Record<UiKey, string>> = { en, ja };

/** The page's language (its <html lang>), when the lab has a dictionary for it; else English. */
export function pageLang(): Lang {
  const lang = typeof document === 'undefined' ? DEFAULT_LANG : document.documentElement.lang;
  return isLang(lang) ? lang : DEFAULT_LANG;
}

/** The string for `key` in `lang` (in the browser: the page's language), with {placeholders} filled in. */
export function t(key: UiKey, params: Record<string, string | number> = {}, lang: Lang = pageLang()): string {
  const text = dictionaries[lang][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** What the server said, as this page says it: its words in the page's language, else the server's English text. */
export function fromServer(text: string, words?: ServerWords, lang: Lang = pageLang()): string {
  return words ? serverText(words, lang) : text;
}

/** A date as the page's language writes it (7 Dec 2026, 2026年12月7日), not as the browser's default locale would. */
export function formatDate(at: number | Date, lang: Lang = pageLang()): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}

/** A number with `digits` decimals, in the page's language's style. */
export function formatNumber(value: number, digits = 0, lang: Lang = pageLang()): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** t() bound to one language: what an Astro component uses, with its page's language (Astro.currentLocale). */
export const translator =
  (lang: Lang) =>
  (key: UiKey, params: Record<string, string | number> = {}): string =>
    t(key, params, lang);
