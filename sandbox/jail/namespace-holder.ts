// One per session: a process that owns the session's user, network, pid and mount namespaces,
// builds the lab network in them and then stays as the session's init (pid 1). Every terminal and
// graded run joins those namespaces with nsenter, so a session is one machine. Killing the holder
// ends the whole pid namespace: no process of the session can outlive it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAlive } from '../process/process-tree.js';
import { CAP_LINE } from './network-setup.js';

export class HolderError extends Error {}

export interface HolderOptions {
  /** Prefix that runs the holder as the session's host uid (setpriv …), empty when not root. */
  asUser: string[];
  /** Shell lines run first (joining cgroups). */
  preamble: string;
  networkSetup: string;
  timeoutMs?: number;
}

/** What the setup script reported about its optional pieces (e.g. silent-host → ok / why not). */
export type HolderReport = Map<string, { ok: boolean; detail?: string }>;

export class NamespaceHolder {
  private constructor(
    private readonly child: ChildProcess,
    /** Host pid of the session's init (pid 1 inside): the process whose namespaces everything joins. */
    readonly initPid: number,
    readonly report: HolderReport,
  ) {}

  /** The unshare process (host pid namespace); killing it kills the session's init and so every process. */
  get pid(): number {
    return this.child.pid!;
  }

  static start({ asUser, preamble, networkSetup, timeoutMs = 5000 }: HolderOptions): Promise<NamespaceHolder> {
    // setpriv --pdeathsig: the holder dies with the lab, even on SIGKILL; unshare --kill-child then
    // takes the session's init (and with it the pid namespace) along.
    const inner = [
      'setpriv',
      '--pdeathsig',
      'KILL',
      ...asUser.slice(1),
      'unshare',
      '--user',
      '--map-root-user',
      '--net',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount',
      '--propagation',
      'private',
      '/bin/sh',
      networkSetup,
    ];
    const line = inner.map((a) => `'${a}'`).join(' ');
    // A clean environment: the learner can read pid 1's cmdline, and nothing of the lab's own env may reach the session.
    const child = spawn('/bin/sh', ['-c', `${preamble} exec ${line}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    return new Promise((resolve, reject) => {
      let stderr = '';
      let stdout = '';
      const report: HolderReport = new Map();
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new HolderError(`the session's network could not be created: ${why}`));
      };
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      child.stderr!.on('data', (d) => (stderr += d));
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const lines = stdout.split('\n');
        stdout = lines.pop() ?? '';
        for (const text of lines) {
          const cap = CAP_LINE.exec(text);
          if (cap) report.set(cap[1], { ok: cap[2] === 'ok', detail: cap[3] });
          if (text !== 'ready') continue;
          clearTimeout(timer);
          const initPid = childOf(child.pid!);
          if (!initPid) return fail('the session init did not start');
          child.removeAllListeners('exit');
          child.once('exit', () => {});
          resolve(new NamespaceHolder(child, initPid, report));
        }
      });
      child.once('exit', (code) => fail(`setup exited with ${code}: ${stderr.trim()}`));
      child.once('error', (err) => fail(err.message));
    });
  }

  /**
   * Kills the holder, and with it the session's init; resolves once init has ended, which the
   * kernel allows only after every other process of the pid namespace has gone.
   */
  async stop(timeoutMs = 3000): Promise<void> {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGKILL');
    const deadline = Date.now() + timeoutMs;
    while (isAlive(this.initPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
}

/** The one child of `pid` (unshare --fork's child is the session's pid 1). */
function childOf(pid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}
