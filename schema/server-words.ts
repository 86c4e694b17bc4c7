// What the lab server tells a learner (errors, a session's end, why a switch is off), in every
// language of the site. The server sends a message's id and its values beside the English text
// (for logs, scripts and tests); the page words it in its own language from this same book, so a
// Japanese page never shows an English sentence from the server. Values the server only passes on
// (an OS error, a host's diagnosis) stay as they are, like errno names.
import { z } from 'zod';
import type { Lang } from './langs.js';

type Params = Record<string, string | number>;
type Phrase = (p: Params) => string;

const minutes = (n: string | number) => `${n} minute${Number(n) === 1 ? '' : 's'}`;

const BOOK = {
  'session-ended': { en: () => 'This lab session has ended.', ja: () => 'このラボのセッションは終了しました。' },
  'session-idle': {
    en: (p) => `This lab session ended after ${minutes(p.minutes)} without activity. Press any key to start a fresh one; your edits are kept in the editor.`,
    ja: (p) =>
      `${p.minutes} 分間操作がなかったので、このラボのセッションは終了しました。何かキーを押すと新しいセッションが始まります。編集した内容はエディターに残っています。`,
  },
  'lab-stopped': {
    en: () => 'The lab server stopped. Restart it, then press any key.',
    ja: () => 'ラボのサーバーが停止しました。起動し直してから、何かキーを押してください。',
  },
  'session-unknown': {
    en: () => 'This lab session has ended (it expired or the server restarted).',
    ja: () => 'このラボのセッションは終了しています (期限切れか、サーバーの再起動)。',
  },
  'session-unknown-renewing': {
    en: () => 'This lab session has ended (it expired or the server restarted). Starting a new one.',
    ja: () => 'このラボのセッションは終了しています (期限切れか、サーバーの再起動)。新しいセッションを始めます。',
  },
  'bad-address': { en: (p) => `bad terminal address: ${p.detail}`, ja: (p) => `ターミナルのアドレスが正しくありません: ${p.detail}` },
  'bad-message': { en: (p) => `${p.detail}`, ja: (p) => `ラボのサーバーが受け付けないメッセージです: ${p.detail}` },
  'text-frames-only': {
    en: () => 'the session socket takes JSON text frames only',
    ja: () => 'セッションのソケットは JSON のテキストフレームしか受け付けません',
  },
  'message-too-large': {
    en: (p) => `A message of ${p.bytes} bytes was refused (limit ${p.limit} bytes).`,
    ja: (p) => `${p.bytes} バイトのメッセージは受け付けられませんでした (上限 ${p.limit} バイト)。`,
  },
  'input-too-large': {
    en: (p) => `Input of ${p.bytes} bytes was dropped: paste at most ${p.limitKb} KB at a time.`,
    ja: (p) => `${p.bytes} バイトの入力は捨てられました。一度に貼り付けられるのは ${p.limitKb} KB までです。`,
  },
  'internal-error': {
    en: () => 'The lab server hit an internal error; see its log.',
    ja: () => 'ラボのサーバーで内部エラーが起きました。サーバーのログを見てください。',
  },
  'unknown-terminal': {
    en: (p) => `This lesson has no terminal "${p.terminal}" (it has ${p.known}, and extra shells named shell-1…).`,
    ja: (p) => `このレッスンに "${p.terminal}" というターミナルはありません (あるのは ${p.known} と、shell-1… という名前の追加のシェルです)。`,
  },
  'too-many-terminals': {
    en: (p) => `At most ${p.max} terminals can be open at once; close one first.`,
    ja: (p) => `同時に開けるターミナルは ${p.max} 個までです。先にどれかを閉じてください。`,
  },
  'terminal-failed': { en: (p) => `The terminal could not start: ${p.detail}`, ja: (p) => `ターミナルを起動できませんでした: ${p.detail}` },
  'terminal-not-closable': {
    en: (p) => `The ${p.terminal} terminal belongs to the lesson and cannot be closed.`,
    ja: (p) => `${p.terminal} のターミナルはレッスンのものなので、閉じられません。`,
  },
  'save-failed': { en: (p) => `Could not save: ${p.detail}`, ja: (p) => `保存できませんでした: ${p.detail}` },
  'unknown-run': {
    en: (p) => `This lesson has no run command "${p.label}" (it has ${p.labels}).`,
    ja: (p) => `このレッスンに "${p.label}" という実行コマンドはありません (あるのは ${p.labels})。`,
  },
  'terminal-not-open': {
    en: (p) => `The ${p.terminal} terminal is not running; reopen it and try again.`,
    ja: (p) => `${p.terminal} のターミナルが動いていません。開き直してから、もう一度試してください。`,
  },
  'no-faults': { en: () => 'This lesson has no Break-it faults.', ja: () => 'このレッスンには「壊してみる」の障害がありません。' },
  'fault-failed': { en: (p) => `${p.detail}`, ja: (p) => `障害を切り替えられませんでした: ${p.detail}` },
  'peer-stopped': { en: () => 'the peer stopped', ja: () => '相手 (ピア) のプログラムが止まりました' },
  'fault-needs-sandbox': {
    en: () => 'Needs the sandbox: without it the lab cannot tell your server from other programs on this computer.',
    ja: () => 'サンドボックスが必要です。サンドボックスがないと、ラボはあなたのサーバーをこのコンピューターのほかのプログラムと区別できません。',
  },
  'needs-sandbox': {
    en: () => 'needs the sandbox (the lab runs in unsandboxed local mode)',
    ja: () => 'サンドボックスが必要です (ラボはサンドボックスなしのローカルモードで動いています)',
  },
  'fault-host-lacks': { en: (p) => `Not available on this lab's host: ${p.why}.`, ja: (p) => `このラボのホストでは使えません: ${p.why}。` },
  'fault-off': {
    en: (p) => `Not available on this lab's host: ${reasonText(p.reason, 'en')}.`,
    ja: (p) => `このラボのホストでは使えません: ${reasonText(p.reason, 'ja')}。`,
  },
  'tcp-no-private-network': {
    en: () => 'No private network without the sandbox: this is every loopback socket of the machine.',
    ja: () => 'サンドボックスがないので専用のネットワークはありません。これはこのマシンのループバックのソケットすべてです。',
  },
  'no-checks': { en: () => 'This lesson has no exercise to check.', ja: () => 'このレッスンにはチェックする演習がありません。' },
  'check-busy': {
    en: () => 'A check is already running; its results are on the way.',
    ja: () => 'チェックはすでに実行中です。結果はまもなく届きます。',
  },
  'check-failed': { en: (p) => `The check could not run: ${p.detail}`, ja: (p) => `チェックを実行できませんでした: ${p.detail}` },
  'lab-full': {
    en: (p) =>
      `the lab is full: it runs at most ${p.max} sessions at once. Close lab tabs you no longer use, or ask whoever runs the lab to raise SOCKET_LAB_MAX_SESSIONS.`,
    ja: (p) =>
      `ラボが満員です。同時に動かせるセッションは ${p.max} 個までです。使っていないラボのタブを閉じるか、ラボを動かしている人に SOCKET_LAB_MAX_SESSIONS を増やしてもらってください。`,
  },
  'sandbox-failed': {
    en: (p) => `the sandbox failed (${p.detail}). If it keeps failing, whoever runs the lab can see why with \`npm run doctor\` on its machine.`,
    ja: (p) =>
      `サンドボックスが失敗しました (${p.detail})。失敗が続くなら、ラボを動かしている人がそのマシンで \`npm run doctor\` を実行すると理由がわかります。`,
  },
  'unknown-lesson': { en: (p) => `there is no lesson "${p.lesson}"`, ja: (p) => `"${p.lesson}" というレッスンはありません` },
} satisfies Record<string, Record<Lang, Phrase>>;

export type ServerWordsId = keyof typeof BOOK;

/** A reason given by its id (a message without values), in `lang`. */
function reasonText(id: string | number, lang: Lang): string {
  const phrase = (BOOK as Record<string, Record<Lang, Phrase>>)[String(id)];
  return phrase ? phrase[lang]({}) : String(id);
}
export const SERVER_WORDS_IDS = Object.keys(BOOK) as [ServerWordsId, ...ServerWordsId[]];

/** A message's id and values, as the wire carries them beside the English text. */
export const serverWordsSchema = z.object({
  id: z.enum(SERVER_WORDS_IDS),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ServerWords = z.infer<typeof serverWordsSchema>;

/** The message in `lang`. */
export function serverText(words: ServerWords, lang: Lang): string {
  return BOOK[words.id][lang](words.params ?? {});
}

/** The message's English text and its words, for a wire message: `{ message, words }`. */
export function worded(id: ServerWordsId, params: Params = {}): { text: string; words: ServerWords } {
  const words = { id, params };
  return { text: serverText(words, 'en'), words };
}

/** An error whose message a page words in its own language. */
export class WordedError extends Error {
  readonly words: ServerWords;
  constructor(id: ServerWordsId, params: Params = {}) {
    const { text, words } = worded(id, params);
    super(text);
    this.words = words;
  }
}

/** The words of any error: its own, or else its message passed on as the detail of `fallback`. */
export function wordsOf(err: unknown, fallback: ServerWordsId): ServerWords {
  return err instanceof WordedError ? err.words : { id: fallback, params: { detail: err instanceof Error ? err.message : String(err) } };
}

/** A wire `error` message: its code, its English text and its words. */
export function errorMessage<Code extends string>(code: Code, id: ServerWordsId, params: Params = {}) {
  const { text, words } = worded(id, params);
  return { type: 'error' as const, code, message: text, words };
}

/** The wire `error` message of an error that already has its code and words (SessionError, SessionCheckError). */
export function errorMessageOf<Code extends string>(err: WordedError & { code: Code }) {
  return { type: 'error' as const, code: err.code, message: err.message, words: err.words };
}
