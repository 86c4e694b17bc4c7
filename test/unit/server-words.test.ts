// What the server tells a learner exists in every language, with the same values in each: a
// Japanese page words a server message itself and never falls back to the English sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS } from '../../schema/langs.js';
import { errorMessage, SERVER_WORDS_IDS, serverText, serverWordsSchema, WordedError, wordsOf } from '../../schema/server-words.js';

// One distinct value per parameter any message takes: a phrase that drops or invents one shows up.
const PARAMS = ['detail', 'minutes', 'bytes', 'limit', 'limitKb', 'terminal', 'known', 'max', 'label', 'labels', 'why', 'lesson'];
const values = Object.fromEntries(PARAMS.map((name, i) => [name, `«${name}${i}»`]));
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

for (const id of SERVER_WORDS_IDS) {
  test(`${id}: every language says it, with the same values`, () => {
    const used = (lang: (typeof LANGS)[number]) => PARAMS.filter((name) => serverText({ id, params: values }, lang).includes(values[name]));
    for (const lang of LANGS) assert.deepEqual(used(lang), used('en'), `${lang} uses other values than English`);
    assert.match(serverText({ id, params: values }, 'ja'), JAPANESE);
  });
}

test('a wire error carries the English text and the words to say it in another language', () => {
  const message = errorMessage('too-large', 'message-too-large', { bytes: 70000, limit: 65536 });
  assert.equal(message.message, 'A message of 70000 bytes was refused (limit 65536 bytes).');
  assert.equal(serverText(message.words, 'ja'), '70000 バイトのメッセージは受け付けられませんでした (上限 65536 バイト)。');
  assert.ok(serverWordsSchema.safeParse(message.words).success);
  assert.equal(serverWordsSchema.safeParse({ id: 'no-such-message' }).success, false);
});

test("an error's words: its own, or its message passed on as a detail", () => {
  assert.deepEqual(wordsOf(new WordedError('check-busy'), 'check-failed'), { id: 'check-busy', params: {} });
  assert.deepEqual(wordsOf(new Error('EACCES'), 'check-failed'), { id: 'check-failed', params: { detail: 'EACCES' } });
  assert.equal(serverText(wordsOf(new Error('EACCES'), 'check-failed'), 'ja'), 'チェックを実行できませんでした: EACCES');
});

test("a switch that is off for the lab's own reason is worded whole, the reason included", () => {
  const words = { id: 'fault-off', params: { reason: 'needs-sandbox' } } as const;
  assert.equal(serverText(words, 'en'), "Not available on this lab's host: needs the sandbox (the lab runs in unsandboxed local mode).");
  assert.match(serverText(words, 'ja'), /^このラボのホストでは使えません: サンドボックスが必要です/);
});
