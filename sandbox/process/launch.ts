// The one place where the lab starts processes. Every terminal shell and every graded run goes
// through `launch()`, so the jail only has to change how a command is wrapped (a Confinement),
// never the callers.
import { spawn as spawnPipes, type ChildProcess } from 'node:child_process';
import * as pty from 'node-pty';

export type SandboxMode = 'sandboxed' | 'unsandboxed';

/** What to run, before any confinement is applied. */
export interface CommandSpec {
  argv: [string, ...string[]];
  cwd: string;
  env: Record<string, string>;
}

/** How a command is confined: the unsandboxed mode runs it as is; the jail wraps it. */
export interface Confinement {
  readonly mode: SandboxMode;
  wrap(command: CommandSpec): CommandSpec;
}

export const noConfinement: Confinement = {
  mode: 'unsandboxed',
  wrap: (command) => command,
};

export type LaunchSpec =
  | (CommandSpec & { kind: 'pty'; cols: number; rows: number })
  | (CommandSpec & { kind: 'pipes' });

export function launch(confinement: Confinement, spec: LaunchSpec & { kind: 'pty' }): pty.IPty;
export function launch(confinement: Confinement, spec: LaunchSpec & { kind: 'pipes' }): ChildProcess;
export function launch(confinement: Confinement, spec: LaunchSpec): pty.IPty | ChildProcess {
  const { argv, cwd, env } = confinement.wrap(spec);
  const [file, ...args] = argv;
  if (spec.kind === 'pty') {
    // encoding: null → Buffers: raw bytes go to the browser untouched, xterm decodes UTF-8 itself.
    return pty.spawn(file, args, { name: 'xterm-256color', cols: spec.cols, rows: spec.rows, cwd, env, encoding: null });
  }
  // Graded runs use pipes: node-pty can drop output written just before exit.
  return spawnPipes(file, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
}
