// The UI dictionary: placeholders are filled, and a missing one shows itself instead of "undefined".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LANG, dictionaries, formatDate, formatNumber, t, translator } from '../../src/i18n/ui.js';
import { localePath, splitLocalePath } from '../../schema/langs.js';

test('t() fills placeholders from the dictionary of the page language', () => {
  assert.equal(DEFAULT_LANG, 'en');
  assert.equal(t('course.position', { n: 4, total: 12 }), 'Lesson 4 of 12');
  assert.equal(t('checks.moreHint', { shown: 1, total: 3 }), 'Show another hint (1 of 3)');
  assert.equal(t('site.search'), 'Search');
});

test('t() in another language, and bound to one as an Astro page uses it', () => {
  assert.equal(t('course.position', { n: 4, total: 12 }, 'ja'), '全 12 レッスン中 4 番目');
  assert.equal(translator('ja')('site.search'), '検索');
  assert.equal(translator('en')('site.search'), 'Search');
});

test('each page has one path per language: English at the root, Japanese under /ja/', () => {
  assert.equal(localePath('en', '/lessons/04-timeouts/'), '/lessons/04-timeouts/');
  assert.equal(localePath('ja', '/lessons/04-timeouts/'), '/ja/lessons/04-timeouts/');
  assert.deepEqual(splitLocalePath('/ja/lessons/04-timeouts/'), { lang: 'ja', path: '/lessons/04-timeouts/' });
  assert.deepEqual(splitLocalePath('/ja/'), { lang: 'ja', path: '/' });
  assert.deepEqual(splitLocalePath('/ja'), { lang: 'ja', path: '/' });
  assert.deepEqual(splitLocalePath('/lessons/x/'), { lang: 'en', path: '/lessons/x/' });
  assert.deepEqual(splitLocalePath('/japan/'), { lang: 'en', path: '/japan/' }, 'a prefix only when it is a whole segment');
  assert.deepEqual(splitLocalePath('/en/x/'), { lang: 'en', path: '/en/x/' }, 'English has no prefix of its own');
});

test('a placeholder nobody filled stays visible, so the mistake is seen and fixed', () => {
  assert.equal(t('course.position', { n: 4 }), 'Lesson 4 of {total}');
});

test('every language has every key, with the same {placeholders} as English, and no empty text', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const english = dictionaries.en;
  for (const [lang, dictionary] of Object.entries(dictionaries)) {
    assert.deepEqual(Object.keys(dictionary).sort(), Object.keys(english).sort(), `${lang}: the same keys as English`);
    for (const key of Object.keys(english) as Array<keyof typeof english>) {
      assert.ok(dictionary[key].trim(), `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(dictionary[key]), placeholders(english[key]), `${lang} ${key}: placeholders`);
    }
  }
  assert.ok(dictionaries.ja, 'the Japanese dictionary is there');
});

test('Japanese text uses the glossary: its words for the lab, never a second word for the same idea', () => {
  const all = Object.values(dictionaries.ja).join('\n');
  // docs/glossary-ja.md: サーバー with the long-vowel mark, エディター, チェック results as 合格/不合格.
  assert.doesNotMatch(all, /サーバ(?!ー)/);
  assert.doesNotMatch(all, /エディタ(?!ー)/);
  assert.doesNotMatch(all, /成功しました|失敗しました/);
  assert.match(dictionaries.ja['checks.passed'], /合格/);
});

test('dates and numbers follow the page language, not the browser default', () => {
  const day = Date.UTC(2026, 11, 7, 12);
  assert.equal(formatDate(day, 'en'), 'Dec 7, 2026');
  assert.equal(formatDate(day, 'ja'), '2026年12月7日');
  assert.equal(formatNumber(1234.56, 1, 'en'), '1,234.6');
  assert.equal(formatNumber(3.25, 1, 'ja'), '3.3');
  assert.equal(formatDate(day), formatDate(day, 'en'), 'outside a page: English');
});
