// Workspace file I/O for a jailed session, done inside its jail as the learner's own uid by a small
// Python helper (workspace-files.py): the root server never resolves a path the learner controls,
// so no symlink swapped in mid-save can send its write elsewhere (Judge0 CVE-2024-28185 class), and
// a FIFO blocks at most that helper — killed after a few seconds — never the server's thread pool.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../schema/limits.js';
import { WorkspacePathError, type WorkspaceFiles } from '../sessions/workspace.js';
import type { CommandSpec } from '../process/launch.js';

const HELPER = readFileSync(fileURLToPath(new URL('./workspace-files.py', import.meta.url)), 'utf8');
/** A save or read that takes longer than this is stuck (it never should: every open is non-blocking). */
const HELPER_TIMEOUT_MS = 5000;

type Run = (command: CommandSpec) => import('node:child_process').ChildProcess;

export function jailedWorkspaceFiles(run: Run, python: string, workspaceInside: string): WorkspaceFiles {
  const call = (op: 'write' | 'read' | 'reset', request: unknown): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const child = run({
        argv: [python, '-I', '-S', '-c', HELPER, op, String(LIMITS.maxFileBytes)],
        cwd: workspaceInside,
        env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
      child.stdin!.on('error', () => {});
      child.stdin!.end(JSON.stringify(request));
      const timer = setTimeout(() => child.kill('SIGKILL'), HELPER_TIMEOUT_MS);
      child.once('error', (err) => reject(err));
      child.once('close', (code) => {
        clearTimeout(timer);
        let answer: Record<string, unknown> | undefined;
        try {
          answer = JSON.parse(stdout.trim().split('\n').pop() || 'null') as Record<string, unknown>;
        } catch {
          answer = undefined;
        }
        if (code === 0 && answer) return resolve(answer);
        if (code === 2 && typeof answer?.error === 'string') return reject(new WorkspacePathError(answer.error));
        reject(
          new Error(
            code === null
              ? `the file operation did not finish within ${HELPER_TIMEOUT_MS / 1000} s`
              : `the file operation failed: ${stderr.trim().split('\n').pop() ?? `exit ${code}`}`,
          ),
        );
      });
    });
  const encode = (files: Array<{ path: string; content: string | Uint8Array }>) => ({
    files: files.map((f) => ({ path: f.path, b64: Buffer.from(f.content).toString('base64') })),
  });
  return {
    async write(files) {
      return (await call('write', encode(files))).saved as string[];
    },
    async read(path) {
      return Buffer.from((await call('read', { path })).b64 as string, 'base64');
    },
    async reset(files) {
      await call('reset', encode(files));
    },
  };
}
