// The search page: queries the Pagefind index built with the site (no server, no CDN).
import { t } from '../i18n/ui';

/** Built after the site, so the bundler must not try to resolve it: a URL, not a module path. */
const INDEX_URL = '/pagefind/pagefind.js';
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  debouncedSearch(query: string): Promise<{ results: PagefindResult[] } | null>;
}

const input = document.querySelector<HTMLInputElement>('[data-role="search-input"]')!;
const status = document.querySelector<HTMLElement>('[data-role="search-status"]')!;
const list = document.querySelector<HTMLElement>('[data-role="search-results"]')!;
let pagefind: Promise<Pagefind> | undefined;

/** Pagefind's excerpt marks hits with <mark>; keep only that, as text nodes and <mark> elements. */
function excerptNodes(excerpt: string): Node[] {
  return excerpt.split(/(<mark>.*?<\/mark>)/).map((part) => {
    const hit = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = (hit ? hit[1] : part).replace(/<[^>]*>/g, '');
    return hit ? Object.assign(document.createElement('mark'), { textContent: text }) : document.createTextNode(text);
  });
}

async function search(query: string): Promise<void> {
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  try {
    pagefind ??= import(/* @vite-ignore */ INDEX_URL) as Promise<Pagefind>;
    const found = await (await pagefind).debouncedSearch(query);
    if (!found) return; // a newer keystroke superseded this search
    const pages = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    list.replaceChildren(
      ...pages.map((page) => {
        const item = document.createElement('li');
        const link = Object.assign(document.createElement('a'), {
          href: page.url.replace(/\.html$/, '/').replace(/\/index\/$/, '/'),
          textContent: page.meta.title ?? page.url,
        });
        const excerpt = document.createElement('p');
        excerpt.append(...excerptNodes(page.excerpt));
        item.append(link, excerpt);
        return item;
      }),
    );
    status.textContent = pages.length
      ? found.results.length === 1
        ? t('search.foundOne')
        : t('search.found', { count: found.results.length })
      : t('search.none', { query });
  } catch {
    status.textContent = t('search.unavailable');
  }
}

input.addEventListener('input', () => void search(input.value));
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  void search(initial);
}
