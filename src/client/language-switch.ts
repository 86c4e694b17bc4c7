// The header's language link: following it remembers the choice in this browser, so the next
// visit (any page) opens in that language; BaseLayout's inline script reads it before first paint.
import { writeSetting } from './browser-settings';
import { isLang } from '../../schema/langs';

export const LANGUAGE_SETTING = 'lang';

export function initLanguageSwitch(link: HTMLAnchorElement): void {
  link.addEventListener('click', () => {
    const lang = link.dataset.lang;
    if (isLang(lang)) writeSetting(LANGUAGE_SETTING, lang);
  });
}
