// The lab's chat clients for the capstone's checks: chat_probe.py (one of the lesson's files) connects,
// optionally says lines, and prints "got: <line>" for every whole line it receives.
import type { CheckLab, RunningProgram } from '../../sandbox/checks/check-api.js';

export const PORT = 65432;
export const PROXY_PORT = 65433;

/** A listening probe: connects, says nothing, reports every line for `seconds`. */
export async function listener(lab: CheckLab, seconds = 6, port = PORT): Promise<RunningProgram> {
  const probe = lab.start('chat_probe.py', { args: ['--port', String(port), '--for', String(seconds)], timeoutMs: (seconds + 2) * 1000 });
  lab.expect(await probe.waitForOutput(/^connected$/m, 2000), {
    expected: { en: 'a chat client to connect to your server', ja: 'チャットのクライアントがサーバーに接続すること' },
    actual: probe.stdout.trim()
      ? { en: probe.stdout.trim(), ja: `クライアントの表示: ${probe.stdout.trim()}` }
      : { en: 'it did not connect', ja: '接続できませんでした' },
  });
  return probe;
}

/** The lines a probe received. */
export const got = (probe: RunningProgram) => [...probe.stdout.matchAll(/^got: (.*)$/gm)].map((m) => m[1]);
/** "<who> received …", in both languages. */
export const received = (who: string, probe: RunningProgram) => {
  const lines = got(probe)
    .map((l) => `"${l}"`)
    .join(', ');
  return lines
    ? { en: `${who} received ${lines}`, ja: `${who} が受け取ったもの: ${lines}` }
    : { en: `${who} received no lines at all`, ja: `${who} は 1 行も受け取りませんでした` };
};
