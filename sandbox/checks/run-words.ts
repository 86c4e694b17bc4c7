// What the check runner itself says (not a lesson's checks): problems of a run, a check that ran
// out of time, a crash. One phrase book per language, like the lessons' own check texts.
import type { Lang } from '../../schema/langs.js';

interface RunWords {
  runFailed(why: string): string;
  suiteNotLoaded(why: string): string;
  sandboxNotStarted(why: string): string;
  budgetSpent(seconds: number): string;
  notRun(seconds: number): string;
  timeoutExpected(seconds: number): string;
  timeoutActual: string;
  checkBroke(why: string): string;
  crashed(error: string | undefined, where: string): string;
}

export const RUN_WORDS: Record<Lang, RunWords> = {
  en: {
    runFailed: (why) => `The check run failed: ${why}`,
    suiteNotLoaded: (why) => `The checks of this lesson could not load: ${why}`,
    sandboxNotStarted: (why) => `The sandbox for checking could not start: ${why}`,
    budgetSpent: (s) => `The check run used its whole ${s} s budget.`,
    notRun: (s) => `not run: the whole check run may take ${s} s`,
    timeoutExpected: (s) => `the check to finish within ${s} s`,
    timeoutActual: 'it was still waiting on your program (stuck in a call with no timeout?)',
    checkBroke: (why) => `the check itself failed: ${why}`,
    crashed: (error, where) =>
      `Your program crashed${error ? ` with ${error}` : ''} (${where}): the traceback shows where. Fix that first; the other hints assume it runs.`,
  },
  ja: {
    runFailed: (why) => `チェックの実行に失敗しました: ${why}`,
    suiteNotLoaded: (why) => `このレッスンのチェックを読み込めませんでした: ${why}`,
    sandboxNotStarted: (why) => `チェック用のサンドボックスを起動できませんでした: ${why}`,
    budgetSpent: (s) => `チェックの実行が、持ち時間の ${s} 秒をすべて使いました。`,
    notRun: (s) => `実行されませんでした: チェック全体の持ち時間は ${s} 秒です`,
    timeoutExpected: (s) => `チェックが ${s} 秒以内に終わること`,
    timeoutActual: 'まだプログラムを待っていました(タイムアウトのない呼び出しで止まっていませんか?)',
    checkBroke: (why) => `チェック自体が失敗しました: ${why}`,
    crashed: (error, where) =>
      `プログラムが${error ? ` ${error} で` : ''}異常終了しました(${where})。場所はトレースバックでわかります。まずそれを直してください。ほかのヒントは、プログラムが動くことを前提にしています。`,
  },
};
