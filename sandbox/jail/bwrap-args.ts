// The bubblewrap command line of one jailed process. Pure: it only builds arguments, so it can
// be read and tested on its own.
import type { JailFiles } from './jail-files.js';
import type { JailLimits } from './limits.js';
import { LEARNER_UID } from './jail-files.js';

export const WORKSPACE_INSIDE = '/lab';
export const SECCOMP_FD = 9;

export interface BwrapInput {
  workspace: string;
  files: JailFiles;
  limits: JailLimits;
  /** Extra read-only trees the interpreter needs (its prefix when outside /usr). */
  extraReadOnly: string[];
  env: Record<string, string>;
  argv: string[];
  /** A pid namespace (and /proc) of its own, inside the session's: for graded runs. */
  ownProcesses?: boolean;
}

/** A root with only /usr, read-only, and the usr-merged links to it (/bin, /sbin, /lib, /lib64). */
export const USR_MERGED_ROOT = [
  '--ro-bind',
  '/usr',
  '/usr',
  '--symlink',
  'usr/bin',
  '/bin',
  '--symlink',
  'usr/sbin',
  '/sbin',
  '--symlink',
  'usr/lib',
  '/lib',
  '--symlink',
  'usr/lib64',
  '/lib64',
];

export function bwrapArgs({ workspace, files, limits, extraReadOnly, env, argv, ownProcesses }: BwrapInput): string[] {
  // The session's /proc (its own pid namespace), or a fresh one for a program with its own; kernel tunables stay read-only.
  const proc = ownProcesses
    ? ['--unshare-pid', '--proc', '/proc']
    : ['--bind', '/proc', '/proc', '--ro-bind', '/proc/sys', '/proc/sys', '--ro-bind-try', '/proc/sysrq-trigger', '/proc/sysrq-trigger'];
  const args = [
    'bwrap',
    // A user namespace of its own, where the learner is uid 1000 with no capabilities and cannot nest another.
    '--unshare-user',
    '--uid',
    String(LEARNER_UID),
    '--gid',
    String(LEARNER_UID),
    '--disable-userns',
    '--cap-drop',
    'ALL',
    // Private IPC and hostname. The network, the processes (pid namespace) and /proc, /tmp and
    // /dev/shm are the session's, joined by nsenter: every terminal is a window on one machine.
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'lab',
    '--die-with-parent',
    ...USR_MERGED_ROOT,
    ...extraReadOnly.flatMap((dir) => ['--ro-bind', dir, dir]),
    ...proc,
    '--dev',
    '/dev',
    '--bind',
    files.mounts.tmp,
    '/tmp',
    '--bind',
    files.mounts.shm,
    '/dev/shm',
    '--remount-ro',
    '/dev', // the device folder itself is no scratch space (it has no size cap)
    // awk, nc, vi … are symlinks through the alternatives system.
    '--ro-bind-try',
    '/etc/alternatives',
    '/etc/alternatives',
    '--bind',
    workspace,
    WORKSPACE_INSIDE,
    ...Object.entries(files.etc).flatMap(([name, path]) => ['--ro-bind', path, `/etc/${name}`]),
    // The sandbox's own root is a tmpfs: make it read-only so the only writable places are the
    // size-capped workspace and /tmp.
    '--remount-ro',
    '/',
    '--chdir',
    WORKSPACE_INSIDE,
    '--clearenv',
    ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
    '--seccomp',
    String(SECCOMP_FD),
    // Limits set inside the new user namespace count this session only. The CPU hard limit is a
    // little above the soft one, so a spin gets SIGXCPU ("CPU time limit exceeded"), not a bare kill.
    'prlimit',
    `--nproc=${limits.nproc}`,
    `--nofile=${limits.nofile}`,
    `--fsize=${limits.fileBytes}`,
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 5}`,
    '--core=0',
    '--',
    ...argv,
  ];
  return args;
}
