// The site's languages and where each one's pages live: English at the root (/lessons/…), every
// other language under its own prefix (/ja/lessons/…). The one owner of these facts; astro.config
// reads LANGS for its i18n routing.
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/** The page's path in `lang`: localePath('ja', '/lessons/x/') → '/ja/lessons/x/'. `path` is an English (root) path. */
export function localePath(lang: Lang, path: string): string {
  return lang === DEFAULT_LANG ? path : `/${lang}${path}`;
}

/** The language a path belongs to, and the same page's English path. */
export function splitLocalePath(pathname: string): { lang: Lang; path: string } {
  const first = pathname.split('/')[1];
  if (first !== DEFAULT_LANG && isLang(first)) return { lang: first, path: pathname.slice(first.length + 1) || '/' };
  return { lang: DEFAULT_LANG, path: pathname };
}

/** A page's language from Astro.currentLocale (set by the i18n routing in astro.config). */
export const langOf = (locale: string | undefined): Lang => (isLang(locale) ? locale : DEFAULT_LANG);
