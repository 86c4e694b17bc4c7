// The sandboxed mode: each session gets its own user + network namespace (a holder), a lab
// network, a tmpfs workspace owned by a host uid of its own, cgroups where possible, and every
// process it runs goes through nsenter + bwrap + seccomp + prlimit.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import type { CommandSpec, Confinement, ConfinementProvider, SessionNetwork } from '../process/launch.js';
import type { PythonInfo } from '../process/python.js';
import { shellJoin, shellQuote } from '../process/shell-quote.js';
import { bwrapArgs, SECCOMP_FD, WORKSPACE_INSIDE } from './bwrap-args.js';
import { detectCgroups, SessionCgroup, type CgroupSupport } from './cgroups.js';
import { writeJailFiles, type JailFiles } from './jail-files.js';
import { DEFAULT_JAIL_LIMITS, type JailLimits } from './limits.js';
import { NamespaceHolder } from './namespace-holder.js';
import { UidPool } from './uid-pool.js';

export interface JailOptions {
  /** Root-only folder for the lab's jail files. */
  stateDir: string;
  python: PythonInfo;
  limits?: Partial<JailLimits>;
  log?: { warn(message: string): void };
}

let providerCount = 0;

export class JailProvider implements ConfinementProvider {
  readonly mode = 'sandboxed' as const;
  readonly limits: JailLimits;
  readonly cgroups: CgroupSupport | { unavailable: string };
  private readonly files: JailFiles;
  private readonly uids = new UidPool();
  private readonly isRoot = process.getuid?.() === 0;
  private readonly extraReadOnly: string[];

  constructor(private readonly options: JailOptions) {
    this.limits = { ...DEFAULT_JAIL_LIMITS, ...options.limits };
    mkdirSync(options.stateDir, { recursive: true });
    chmodSync(options.stateDir, 0o711); // session uids read the setup script and /etc files from here
    this.files = writeJailFiles(options.stateDir);
    // One cgroup parent per provider (not per process): closing one lab must not pull the
    // parent out from under another lab in the same process (tests, the bench).
    this.cgroups = this.isRoot ? detectCgroups(`socket-lab-${process.pid}-${++providerCount}`) : { unavailable: 'the lab is not running as root' };
    if ('unavailable' in this.cgroups) options.log?.warn(`no per-session memory limit: ${this.cgroups.unavailable}`);
    // The interpreter's own tree, when it is not under /usr (e.g. a pyenv build).
    this.extraReadOnly = options.python.prefix.startsWith('/usr') ? [] : [options.python.prefix];
  }

  get memoryLimited(): boolean {
    return !('unavailable' in this.cgroups);
  }

  async create({ id, workspace }: { id: string; workspace: string }): Promise<Confinement> {
    const uid = this.isRoot ? this.uids.take() : process.getuid!();
    const cgroup = 'unavailable' in this.cgroups ? undefined : new SessionCgroup(this.cgroups, `s-${id}`, this.limits);
    const joinCgroups = (cgroup?.procsFiles ?? []).map((f) => `echo $$ > ${shellQuote(f)};`).join(' ');
    const asUser = this.isRoot ? ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all'] : [];
    let holder: NamespaceHolder | undefined;
    let mounted = false;
    const cleanup = async () => {
      holder?.stop();
      await cgroup?.destroy();
      if (mounted) execFileSync('umount', ['-l', workspace]);
      if (this.isRoot) this.uids.give(uid);
    };
    try {
      if (this.isRoot) {
        // A tmpfs of its own caps the workspace size (RLIMIT_FSIZE only caps single files).
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${this.limits.workspaceBytes},mode=0700,uid=${uid},gid=${uid}`, 'tmpfs', workspace]);
        mounted = true;
      }
      holder = await NamespaceHolder.start({ asUser, preamble: joinCgroups, networkSetup: this.files.networkSetup });
    } catch (err) {
      await cleanup();
      throw err;
    }
    const holderPid = holder.pid;
    return {
      mode: 'sandboxed',
      workspaceInside: WORKSPACE_INSIDE,
      fileOwner: this.isRoot ? { uid, gid: uid } : undefined,
      wrap: (command: CommandSpec): CommandSpec => {
        const jailed = [
          ...asUser,
          'nsenter', '-t', String(holderPid), '-U', '-n', '--preserve-credentials',
          ...bwrapArgs({ workspace, files: this.files, limits: this.limits, extraReadOnly: this.extraReadOnly, env: command.env, argv: command.argv }),
        ];
        // sh joins the cgroups, opens the seccomp filter for bwrap on fd 9, then becomes the jail.
        const script = `${joinCgroups} exec ${shellJoin(jailed)} ${SECCOMP_FD}< ${shellQuote(this.files.seccomp)}`;
        return { argv: ['/bin/sh', '-c', script], cwd: workspace, env: { PATH: '/usr/bin:/bin' } };
      },
      infrastructurePids: () => [holderPid],
      network: sessionNetwork(holderPid, joinCgroups),
      dispose: cleanup,
    };
  }

  /** Removes the lab's jail files and cgroup parents (at lab exit). */
  close(): void {
    if (!('unavailable' in this.cgroups)) {
      for (const parent of this.cgroups.parents) {
        try {
          rmdirSync(parent); // cgroup folders are removed with rmdir, never by deleting their files
        } catch {
          // a session cgroup is still draining; harmless
        }
      }
    }
    rmSync(this.options.stateDir, { recursive: true, force: true });
  }
}


/**
 * The lab's own way into a session's network: nsenter into the holder's user and network
 * namespaces (as root there, which is the session's uid on the host), never into the learner's
 * bwrap jail. Services drop every capability first; admin commands keep them, over this
 * namespace only. Both join the session's cgroups, so their memory counts against the session.
 */
function sessionNetwork(holderPid: number, joinCgroups: string): SessionNetwork {
  const enter = ['nsenter', '-t', String(holderPid), '-U', '-n'];
  const viaShell = (argv: string[], command: CommandSpec): CommandSpec => ({
    argv: ['/bin/sh', '-c', `${joinCgroups} exec ${shellJoin(argv)}`],
    cwd: command.cwd,
    env: command.env,
  });
  return {
    procNetDir: `/proc/${holderPid}/net`,
    service: (command) => viaShell([...enter, 'setpriv', '--bounding-set=-all', '--inh-caps=-all', '--no-new-privs', '--', ...command.argv], command),
    admin: (command) => viaShell([...enter, ...command.argv], command),
  };
}
