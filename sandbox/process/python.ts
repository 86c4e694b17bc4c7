// Finds the real Python interpreter. `python3` on PATH may be a pyenv shim (a bash script that
// is slow and breaks inside a jail), so we ask the interpreter for its own executable path.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PythonInfo {
  /** Absolute path of the real interpreter binary. */
  executable: string;
  /** e.g. "3.11.2" */
  version: string;
  /** sys.prefix: the tree the interpreter needs (the jail binds it read-only). */
  prefix: string;
}

export class PythonMissingError extends Error {
  constructor(tried: string[]) {
    super(
      `Python 3 was not found (tried ${tried.join(', ')}). Install it (Debian/Ubuntu: apt-get install python3) ` +
        'or set SOCKET_LAB_PYTHON to the interpreter path, then restart the lab.',
    );
  }
}

const PROBE = 'import sys; print(sys.executable); print(sys.prefix); print(".".join(map(str, sys.version_info[:3])))';

/** Where to look, in order: SOCKET_LAB_PYTHON, then the system interpreter (under /usr, which every jail already mounts), then PATH. */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.SOCKET_LAB_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
}

export function resolvePython(env: NodeJS.ProcessEnv = process.env, candidates = pythonCandidates(env)): PythonInfo {
  for (const candidate of candidates) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      const out = execFileSync(candidate, ['-I', '-c', PROBE], { encoding: 'utf8', timeout: 10_000 }).trim().split('\n');
      const [executable, prefix, version] = out;
      if (!executable || !version?.startsWith('3.')) continue;
      return { executable: realpathSync(executable), prefix, version };
    } catch {
      // try the next candidate
    }
  }
  throw new PythonMissingError(candidates);
}

/** The folder that holds the interpreter, to put first on a shell's PATH. */
export function pythonBinDir(info: PythonInfo): string {
  return dirname(info.executable);
}
