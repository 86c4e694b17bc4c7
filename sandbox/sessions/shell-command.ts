// The interactive shell every terminal runs, and the environment it starts with.
import type { CommandSpec } from '../process/launch.js';

export interface ShellOptions {
  workspace: string;
  sessionId: string;
  pythonBinDir: string;
}

/** Marks every process of a session, so cleanup finds even daemons that escaped with setsid. */
export function sessionMarker(sessionId: string): string {
  return `SOCKET_LAB_SESSION=${sessionId}`;
}

export function shellCommand({ workspace, sessionId, pythonBinDir }: ShellOptions): CommandSpec {
  const [markerName, markerValue] = sessionMarker(sessionId).split('=');
  return {
    // --norc/--noprofile: the learner gets the same shell on every machine, whatever the host's dotfiles say.
    argv: ['/bin/bash', '--norc', '--noprofile', '-i'],
    cwd: workspace,
    env: {
      PATH: `${pythonBinDir}:/usr/local/bin:/usr/bin:/bin`,
      HOME: workspace,
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      PYTHONIOENCODING: 'utf-8',
      PYTHONDONTWRITEBYTECODE: '1',
      PS1: '\\[\\e[1;32m\\]lab\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]$ ',
      [markerName]: markerValue,
    },
  };
}
