// The page a browser without the lab's token gets: how to open the lab, in the language it asks
// for (a /ja/ address, or Japanese first in Accept-Language), since the site's own pages are closed to it.
import type { IncomingMessage } from 'node:http';
import { DEFAULT_LANG, splitLocalePath, type Lang } from '../../schema/langs.js';

const WORDS: Record<Lang, { title: string; heading: string; why: string; what: string }> = {
  en: {
    title: 'Socket Lab: sign in',
    heading: 'Open the lab with its link',
    why: 'Socket Lab runs programs on this computer, so it only answers browsers that opened the link it printed when it started, which carries a secret token (<code>http://127.0.0.1:4321/?token=…</code>).',
    what: 'Look at the terminal where you ran <code>npm start</code> and open the link shown there.',
  },
  ja: {
    title: 'Socket Lab: サインイン',
    heading: 'ラボはそのリンクから開いてください',
    why: 'Socket Lab はこのコンピューターでプログラムを動かすので、起動したときに表示したリンク (秘密のトークン付き、<code>http://127.0.0.1:4321/?token=…</code>) を開いたブラウザーにしか応答しません。',
    what: '<code>npm start</code> を実行したターミナルを見て、そこに表示されたリンクを開いてください。',
  },
};

/** The language a request asks for: its address's, else the first of Accept-Language the lab has. */
export function requestLang(req: IncomingMessage): Lang {
  const fromPath = splitLocalePath(new URL(req.url ?? '/', 'http://lab').pathname).lang;
  if (fromPath !== DEFAULT_LANG) return fromPath;
  const first = (req.headers['accept-language'] ?? '').split(',')[0].trim().toLowerCase();
  return first.startsWith('ja') ? 'ja' : DEFAULT_LANG;
}

export function signInPage(req: IncomingMessage): string {
  const lang = requestLang(req);
  const w = WORDS[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${w.title}</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>${w.heading}</h1>
<p>${w.why}</p>
<p>${w.what}</p></body></html>`;
}
