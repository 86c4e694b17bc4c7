// Runs a program in a session's sandbox with pipes (as graded runs do) and returns its output.
import { launch } from '../../sandbox/process/launch.js';
import type { Session } from '../../sandbox/sessions/session.js';

export async function runInSession(
  session: Session,
  argv: [string, ...string[]],
  timeoutMs = 20_000,
): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const { workspaceInside } = session.confinement;
  const child = launch(session.confinement, { kind: 'pipes', argv, cwd: workspaceInside, env: { PATH: '/usr/bin:/bin', HOME: '/tmp' } });
  child.stdin!.end();
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  clearTimeout(timer);
  return { stdout, stderr, status };
}

export interface ProbeResult {
  stage: 'connect' | 'send' | 'recv' | 'bind' | 'done';
  exception: string | null;
  errno?: string | null;
  received: number;
  chunks: number;
  eof: boolean;
  elapsed: number;
  connected_after?: number;
}

/** Runs the fixture's probe.py (test/fixtures/lessons/02-break-it) in the session. */
export async function probe(session: Session, python: string, args: Array<string | number>): Promise<ProbeResult> {
  const { stdout, stderr } = await runInSession(session, [python, 'probe.py', ...args.map(String)]);
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(`probe printed no report: ${stdout} ${stderr}`);
  }
}
