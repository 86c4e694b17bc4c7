// One per session: a process that owns the session's user and network namespaces and builds the
// lab network in them. Every terminal and graded run joins its namespaces with nsenter.
import { spawn, type ChildProcess } from 'node:child_process';

export class HolderError extends Error {}

export interface HolderOptions {
  /** Prefix that runs the holder as the session's host uid (setpriv …), empty when not root. */
  asUser: string[];
  /** Shell lines run first (joining cgroups). */
  preamble: string;
  networkSetup: string;
  timeoutMs?: number;
}

export class NamespaceHolder {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid!;
  }

  static start({ asUser, preamble, networkSetup, timeoutMs = 5000 }: HolderOptions): Promise<NamespaceHolder> {
    const inner = [...asUser, 'unshare', '--user', '--map-root-user', '--net', '/bin/sh', networkSetup].map((a) => `'${a}'`).join(' ');
    const child = spawn('/bin/sh', ['-c', `${preamble} exec ${inner}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      let stderr = '';
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new HolderError(`the session's network could not be created: ${why}`));
      };
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      child.stderr!.on('data', (d) => (stderr += d));
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) {
          clearTimeout(timer);
          resolve(new NamespaceHolder(child));
        }
      });
      child.once('exit', (code) => fail(`setup exited with ${code}: ${stderr.trim()}`));
      child.once('error', (err) => fail(err.message));
    });
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.kill('SIGKILL');
  }
}
