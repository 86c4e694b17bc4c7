// The one place where the lab starts a session's processes. Every terminal shell and every graded
// run goes through `launch()` with the session's confinement, so the jail only changes how a
// command is wrapped, never the callers; the lab's helpers in the session's network (fault agent,
// peers, probes, nft and tc) go through `startHelper()`. Host tools the lab runs for itself (apt,
// mount, the jail's own setup) are not session processes and are started where they are used.
import { spawn as spawnPipes, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import * as pty from 'node-pty';
import { CapabilityReport } from '../host/capability-report.js';
import { hostWorkspaceFiles, validated, type WorkspaceFile, type WorkspaceFiles } from '../sessions/workspace.js';
import type { SandboxMode } from '../../schema/wire.js';
import type { ServerWords } from '../../schema/server-words.js';

/** What to run, before any confinement is applied. */
export interface CommandSpec {
  argv: [string, ...string[]];
  cwd: string;
  env: Record<string, string>;
  /**
   * A pid namespace of its own inside the session (graded runs): stopping the program then ends
   * everything it forked in one go, fork bombs included. Terminals share the session's instead.
   */
  ownProcesses?: boolean;
}

/** How one session's commands are confined. */
export interface Confinement {
  readonly mode: SandboxMode;
  /** Where the session's workspace appears to the programs it runs (e.g. /lab in the jail). */
  readonly workspaceInside: string;
  /** File I/O in the workspace, done the way this confinement makes safe (inside the jail, as the learner). */
  readonly files: WorkspaceFiles;
  /**
   * Writes a lesson's starter files into the still untouched workspace (no learner key has reached
   * a shell yet), as the lab itself: quicker than `files`, which starts a jailed helper per call.
   */
  seed(files: WorkspaceFile[]): Promise<void>;
  wrap(command: CommandSpec): CommandSpec;
  /** Processes the confinement itself keeps running for the session (the jail's namespace holder). */
  infrastructurePids(): number[];
  /** The session's network as the lab (not the learner) reaches it. */
  readonly network: SessionNetwork;
  /** Ends everything the confinement holds (namespace holder, cgroups). */
  dispose(): Promise<void>;
  /** What the session's setup said of its optional pieces (e.g. silent-host), for the self-test. */
  readonly setupReport?: ReadonlyMap<string, { ok: boolean; detail?: string }>;
}

/** For the fault agent, kernel faults, scripted peers and the TCP table of the Break-it panel. */
export interface SessionNetwork {
  /** A /proc/<pid>/net folder showing the session's network (its tcp and tcp6 tables). */
  procNetDir: string;
  /** Runs a lab service (the fault agent) in the session's network with no privilege at all. */
  service(command: CommandSpec): CommandSpec;
  /** Runs a command that may change the session's network (nft, tc, ip, scripted peers), or says why none can. */
  admin: ((command: CommandSpec) => CommandSpec) | { unavailable: string };
}

/** Why kernel faults are off without the sandbox; shown in the Break-it panel. */
export const KERNEL_FAULTS_NEED_SANDBOX = "needs the sandbox: without a private network namespace these rules would change the whole machine's network";

/** Makes one Confinement per session: the unsandboxed mode or the jail. */
export interface ConfinementProvider {
  readonly mode: SandboxMode;
  create(session: { id: string; workspace: string }): Promise<Confinement>;
  /** What works on this host (measured by the start-up self-test); sessions switch off what does not. */
  capabilities: CapabilityReport;
  /** Releases what the provider holds for the whole lab (called once at exit). */
  close?(): void;
}

/** Why each sandbox-only capability is off in the unsandboxed mode. */
export const NEEDS_SANDBOX: ServerWords = { id: 'needs-sandbox' };

/** Unsandboxed local mode: commands run as they are, as the lab's own user. */
export function unconfinedProvider(capabilities?: CapabilityReport): ConfinementProvider {
  return {
    mode: 'unsandboxed',
    capabilities:
      capabilities ??
      CapabilityReport.allOff(NEEDS_SANDBOX, undefined, [
        { id: 'fault-agent', ok: true },
        { id: 'scripted-peers', ok: true },
      ]),
    create: unconfined,
  };
}

const unconfined: ConfinementProvider['create'] = async ({ workspace }) => ({
  mode: 'unsandboxed',
  workspaceInside: workspace,
  files: validated(hostWorkspaceFiles(workspace)),
  seed: async (files) => void (await hostWorkspaceFiles(workspace).write(files)),
  wrap: (command) => command,
  infrastructurePids: () => [],
  network: { procNetDir: '/proc/self/net', service: (command) => command, admin: { unavailable: KERNEL_FAULTS_NEED_SANDBOX } },
  dispose: async () => {},
});

export const noConfinement: ConfinementProvider = unconfinedProvider();

export type LaunchSpec = (CommandSpec & { kind: 'pty'; cols: number; rows: number }) | (CommandSpec & { kind: 'pipes' });

export function launch(confinement: Confinement, spec: LaunchSpec & { kind: 'pty' }): pty.IPty;
export function launch(confinement: Confinement, spec: LaunchSpec & { kind: 'pipes' }): ChildProcess;
export function launch(confinement: Confinement, spec: LaunchSpec): pty.IPty | ChildProcess {
  const { argv, cwd, env } = confinement.wrap({ argv: spec.argv, cwd: spec.cwd, env: spec.env, ownProcesses: spec.kind === 'pipes' });
  const [file, ...args] = argv;
  if (spec.kind === 'pty') {
    // encoding: null → Buffers: raw bytes go to the browser untouched, xterm decodes UTF-8 itself.
    return pty.spawn(file, args, { name: 'xterm-256color', cols: spec.cols, rows: spec.rows, cwd, env, encoding: null });
  }
  // Graded runs use pipes: node-pty can drop output written just before exit.
  return spawnPipes(file, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * Starts a command that is already wrapped for the session's network (`network.service` or
 * `network.admin`): the lab's own helpers (fault agent, scripted peers, probes, nft and tc).
 * stdin is a pipe only for helpers that take requests on it.
 */
export function startHelper(command: CommandSpec, stdin: 'pipe'): ChildProcessByStdio<Writable, Readable, Readable>;
export function startHelper(command: CommandSpec, stdin?: 'ignore'): ChildProcessByStdio<null, Readable, Readable>;
export function startHelper(command: CommandSpec, stdin: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  const [file, ...args] = command.argv;
  return spawnPipes(file, args, { cwd: command.cwd, env: command.env, stdio: [stdin, 'pipe', 'pipe'] });
}
