// The sandboxed mode: each session gets its own user + network namespace (a holder), a lab
// network, a tmpfs workspace owned by a host uid of its own, cgroups where possible, and every
// process it runs goes through nsenter + bwrap + seccomp + prlimit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { launch, type CommandSpec, type Confinement, type ConfinementProvider, type SessionNetwork } from '../process/launch.js';
import { hostWorkspaceFiles, validated } from '../sessions/workspace.js';
import { jailedWorkspaceFiles } from './jailed-files.js';
import type { PythonInfo } from '../process/python.js';
import { shellJoin, shellQuote } from '../process/shell-quote.js';
import { bwrapArgs, SECCOMP_FD, WORKSPACE_INSIDE } from './bwrap-args.js';
import { detectCgroups, SessionCgroup, type CgroupSupport } from './cgroups.js';
import { writeJailFiles, type JailFiles } from './jail-files.js';
import { DEFAULT_JAIL_LIMITS, type JailLimits } from './limits.js';
import { NamespaceHolder } from './namespace-holder.js';
import { UidPool } from './uid-pool.js';
import { CapabilityReport } from '../host/capability-report.js';
import { labCgroupName } from '../host/lab-instance.js';
import type { CapabilityStatus } from '../../schema/capabilities.js';

/** Host tools (mount, umount) run without blocking the event loop: every session's terminals share it. */
const run = promisify(execFile);

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
  private readonly isRoot = process.getuid?.() === 0;
  private readonly uids = this.isRoot ? new UidPool() : undefined;
  private readonly extraReadOnly: string[];
  /** Until the self-test has run, only what is known without a session. */
  capabilities: CapabilityReport;

  constructor(private readonly options: JailOptions) {
    this.limits = { ...DEFAULT_JAIL_LIMITS, ...options.limits };
    mkdirSync(options.stateDir, { recursive: true });
    chmodSync(options.stateDir, 0o711); // session uids read the setup script and /etc files from here
    this.files = writeJailFiles(options.stateDir, options.python.executable, this.limits);
    // One cgroup parent per provider (not per process): closing one lab must not pull the
    // parent out from under another lab in the same process (tests, the bench).
    this.cgroups = this.isRoot ? detectCgroups(labCgroupName(++providerCount)) : { unavailable: 'the lab is not running as root' };
    if ('unavailable' in this.cgroups) options.log?.warn(`no per-session memory limit: ${this.cgroups.unavailable}`);
    // The interpreter's own tree, when it is not under /usr (e.g. a pyenv build).
    this.extraReadOnly = options.python.prefix.startsWith('/usr') ? [] : [options.python.prefix];
    this.capabilities = new CapabilityReport(this.staticCapabilities());
  }

  /** Capabilities known without making a session: uids and cgroups. */
  staticCapabilities(): CapabilityStatus[] {
    const asRoot = 'run the lab as root (sudo npm start)';
    const cg = this.cgroups;
    const off = 'unavailable' in cg ? cg.unavailable : undefined;
    const cgroupFix = this.isRoot ? 'mount the cgroup controllers (memory, pids, cpu) or enable cgroup v2 delegation' : asRoot;
    return [
      this.isRoot
        ? { id: 'session-uids', ok: true }
        : { id: 'session-uids', ok: false, reason: "the lab is not running as root: every session runs as the lab's own user", fix: asRoot },
      off ? { id: 'memory-limit', ok: false, reason: off, fix: cgroupFix } : { id: 'memory-limit', ok: true },
      off ? { id: 'process-limit', ok: false, reason: off, fix: cgroupFix } : { id: 'process-limit', ok: true },
      off || !('unavailable' in cg || cg.cpu)
        ? { id: 'cpu-share', ok: false, reason: off ?? (cg as CgroupSupport).cpuUnavailable ?? 'no cpu controller', fix: cgroupFix }
        : { id: 'cpu-share', ok: true },
    ];
  }

  get memoryLimited(): boolean {
    return !('unavailable' in this.cgroups);
  }

  async create({ id, workspace }: { id: string; workspace: string }): Promise<Confinement> {
    const uid = this.uids ? this.uids.take() : process.getuid!();
    const cgroup = 'unavailable' in this.cgroups ? undefined : new SessionCgroup(this.cgroups, `s-${id}`, this.limits);
    const joinCgroups = (cgroup?.procsFiles ?? []).map((f) => `echo $$ > ${shellQuote(f)};`).join(' ');
    const asUser = this.isRoot ? ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all'] : [];
    let holder: NamespaceHolder | undefined;
    let mounted = false;
    const cleanup = async () => {
      await holder?.stop();
      await cgroup?.destroy();
      if (mounted) await run('umount', ['-l', workspace]);
      this.uids?.give(uid);
    };
    try {
      if (this.isRoot) {
        // A tmpfs of its own caps the workspace size (RLIMIT_FSIZE only caps single files).
        await run('mount', ['-t', 'tmpfs', '-o', `size=${this.limits.workspaceBytes},mode=0700,uid=${uid},gid=${uid}`, 'tmpfs', workspace]);
        mounted = true;
      }
      holder = await NamespaceHolder.start({ asUser, preamble: joinCgroups, networkSetup: this.files.networkSetup });
    } catch (err) {
      await cleanup();
      throw err;
    }
    // Everything joins the namespaces of the session's init (pid 1 inside), not the unshare process.
    const holderPid = holder.initPid;
    const confinement: Confinement = {
      mode: 'sandboxed',
      workspaceInside: WORKSPACE_INSIDE,
      // Nothing of the learner's has run yet, so the lab may write the starter files itself, owned by the session's uid.
      seed: async (files) => void (await hostWorkspaceFiles(workspace, this.isRoot ? { uid, gid: uid } : undefined).write(files)),
      files: validated(jailedWorkspaceFiles((command) => launch(confinement, { kind: 'pipes', ...command }), this.options.python.executable, WORKSPACE_INSIDE)),
      wrap: (command: CommandSpec): CommandSpec => {
        const jailed = [
          ...asUser,
          'nsenter',
          '-t',
          String(holderPid),
          '-U',
          '-n',
          '-p',
          '-m',
          '--preserve-credentials',
          ...bwrapArgs({
            workspace,
            files: this.files,
            limits: this.limits,
            extraReadOnly: this.extraReadOnly,
            env: command.env,
            argv: command.argv,
            ownProcesses: command.ownProcesses,
          }),
        ];
        // sh joins the cgroups, opens the seccomp filter for bwrap on fd 9, then becomes the jail.
        const script = `${joinCgroups} exec ${shellJoin(jailed)} ${SECCOMP_FD}< ${shellQuote(this.files.seccomp)}`;
        return { argv: ['/bin/sh', '-c', script], cwd: workspace, env: { PATH: '/usr/bin:/bin' } };
      },
      infrastructurePids: () => [holder!.pid, holderPid],
      setupReport: holder.report,
      network: sessionNetwork(holderPid, joinCgroups, this.isRoot),
      dispose: cleanup,
    };
    return confinement;
  }

  /** Removes the lab's jail files and cgroup parents (at lab exit). */
  close(): void {
    if (!('unavailable' in this.cgroups)) {
      const { parents, cpu } = this.cgroups;
      for (const parent of [...parents, ...(typeof cpu === 'string' ? [cpu] : [])]) {
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
function sessionNetwork(holderPid: number, joinCgroups: string, isRoot: boolean): SessionNetwork {
  // As root, nsenter becomes the namespace's root (the session uid); otherwise the lab's uid already
  // is that root, and nsenter must keep it (it may not call setgroups in a user namespace it did not map).
  const enter = ['nsenter', '-t', String(holderPid), '-U', '-n', ...(isRoot ? [] : ['--preserve-credentials'])];
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
