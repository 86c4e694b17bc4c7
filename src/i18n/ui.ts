// Every string of the lab's own interface, one dictionary per language (ui-en.ts, ui-ja.ts). Pages and
// browser code read them through t(); adding a language is adding a dictionary with the same keys
// (the type makes a missing key a build error). Lesson texts are content, not UI: they live in lessons/.
import { en, type UiKey } from './ui-en.js';
import { ja } from './ui-ja.js';

export type { UiKey };

export const dictionaries: Record<string, Record<UiKey, string>> = { en, ja };
export const LANG = 'en';

/** The page's language (its <html lang>), when the lab has a dictionary for it; else English. */
export function pageLang(): string {
  const lang = typeof document === 'undefined' ? LANG : document.documentElement.lang || LANG;
  return lang in dictionaries ? lang : LANG;
}

/** The string for `key` in the page's language, with {placeholders} filled in. */
export function t(key: UiKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[pageLang()][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A date as the page's language writes it (7 Dec 2026, 2026/12/07), not as the browser's default locale would. */
export function formatDate(at: number | Date, lang = pageLang()): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(at);
}

/** A number with `digits` decimals, in the page's language's style. */
export function formatNumber(value: number, digits = 0, lang = pageLang()): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
