// A session: one browser tab's lab state on the server — a workspace folder seeded with the
// lesson's files, and the terminals running in it. Ending a session leaves nothing behind.
import { promises as fs } from 'node:fs';
import { extraShellIdPattern, type ErrorCode, type SavedFile } from '../../schema/wire.js';
import { LIMITS } from '../../schema/limits.js';
import { WordedError, type ServerWords, type ServerWordsId } from '../../schema/server-words.js';
import { launch, type Confinement } from '../process/launch.js';
import { killProcessTree } from '../process/process-tree.js';
import type { Lesson } from '../lessons/catalog.js';
import type { CapabilityReport } from '../host/capability-report.js';
import { LabTerminal, type TypeOutcome } from '../terminals/lab-terminal.js';
import { SessionFaults } from '../faults/session-faults.js';
import type { OutputRateLimit } from '../terminals/output-rate.js';
import { sessionMarker, shellCommand } from './shell-command.js';
import { WorkspacePathError } from './workspace.js';

/** A session's interactive shell, in its confinement and workspace (also started ahead by the warm pool). */
export function startShell(deps: Pick<SessionDeps, 'confinement' | 'pythonBinDir' | 'outputRate'>, sessionId: string, cols: number, rows: number): LabTerminal {
  const command = shellCommand({ workspace: deps.confinement.workspaceInside, sessionId, pythonBinDir: deps.pythonBinDir });
  return new LabTerminal(launch(deps.confinement, { kind: 'pty', ...command, cols, rows }), deps.outputRate);
}

/** An error meant for the learner: a code the browser can act on, and words it shows in its language. */
export class SessionError extends WordedError {
  constructor(
    readonly code: ErrorCode,
    id: ServerWordsId,
    params: Record<string, string | number> = {},
  ) {
    super(id, params);
  }
}

export interface SessionDeps {
  confinement: Confinement;
  capabilities: CapabilityReport;
  pythonBinDir: string;
  python: string;
  outputRate?: OutputRateLimit;
}

export class Session {
  readonly terminals = new Map<string, LabTerminal>();
  /** The Break-it panel's faults, for lessons that declare some. */
  readonly faults: SessionFaults | undefined;
  private disposed = false;
  private readonly endListeners = new Set<(reason?: ServerWords) => void>();
  /** Terminals started before any browser opened them (a warm session's shells): their first open is not a resume. */
  private readonly unopened = new Set<string>();
  /** Last time the learner did something (typed, ran, saved): for the idle timeout. */
  lastActivity = Date.now();

  constructor(
    readonly id: string,
    readonly lesson: Lesson,
    readonly workspace: string,
    private readonly deps: SessionDeps,
    warmShells: LabTerminal[] = [],
  ) {
    const { breakIt } = lesson.meta;
    const { network, mode } = deps.confinement;
    this.faults =
      breakIt &&
      new SessionFaults(breakIt, {
        network,
        python: deps.python,
        sharedLoopback: mode === 'unsandboxed',
        runCommand: (label) => this.run(label, []),
        capabilities: deps.capabilities,
      });
    // Shells a warm session started before its lesson was known become the lesson's terminals, in order.
    for (const { id: terminalId } of lesson.meta.terminals) {
      const shell = warmShells.shift();
      if (!shell || shell.exited) continue;
      this.keep(terminalId, shell);
      this.unopened.add(terminalId);
    }
    for (const spare of warmShells) spare.kill();
  }

  /** How this session's programs are confined (the jail, or none). */
  get confinement(): Confinement {
    return this.deps.confinement;
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** The lesson's terminals plus extra shells (shell-2, shell-3…) the learner opened. */
  isKnownTerminal(id: string): boolean {
    return this.lesson.meta.terminals.some((t) => t.id === id) || extraShellIdPattern.test(id);
  }

  /** Returns the running terminal at the browser's size (resumed: a browser had it open before), or starts a shell for it. */
  openTerminal(id: string, cols: number, rows: number): { terminal: LabTerminal; resumed: boolean } {
    if (!this.isKnownTerminal(id)) {
      const known = this.lesson.meta.terminals.map((t) => t.id).join(', ');
      throw new SessionError('unknown-terminal', 'unknown-terminal', { terminal: id, known });
    }
    const existing = this.terminals.get(id);
    if (existing && !existing.exited) {
      existing.resize(cols, rows);
      return { terminal: existing, resumed: !this.unopened.delete(id) };
    }
    if (this.terminals.size >= LIMITS.maxTerminalsPerSession) {
      throw new SessionError('too-many-terminals', 'too-many-terminals', { max: LIMITS.maxTerminalsPerSession });
    }
    let terminal: LabTerminal;
    try {
      terminal = startShell(this.deps, this.id, cols, rows);
    } catch (err) {
      throw new SessionError('spawn-failed', 'terminal-failed', { detail: (err as Error).message });
    }
    this.keep(id, terminal);
    return { terminal, resumed: false };
  }

  private keep(id: string, terminal: LabTerminal): void {
    this.terminals.set(id, terminal);
    terminal.onExit(() => {
      if (this.terminals.get(id) === terminal) this.terminals.delete(id);
    });
  }

  /** Ends an extra shell the learner closed; the lesson's own terminals stay. */
  closeTerminal(id: string): void {
    if (!extraShellIdPattern.test(id)) throw new SessionError('bad-message', 'terminal-not-closable', { terminal: id });
    this.terminals.get(id)?.kill();
  }

  async saveFiles(files: SavedFile[]): Promise<string[]> {
    try {
      return await this.deps.confinement.files.write(files);
    } catch (err) {
      // The message names paths as the learner sees them (relative to the workspace), never host paths.
      const code = err instanceof WorkspacePathError ? 'bad-path' : 'file-error';
      throw new SessionError(code, 'save-failed', { detail: (err as Error).message });
    }
  }

  /** Saves the editor's files, then types the run command into its terminal, visibly. */
  async run(label: string, files: SavedFile[]): Promise<{ terminal: string } & TypeOutcome> {
    const run = this.lesson.meta.run.find((r) => r.label === label);
    if (!run) {
      const labels = this.lesson.meta.run.map((r) => `"${r.label}"`).join(', ');
      throw new SessionError('unknown-run', 'unknown-run', { label, labels: labels || 'none' });
    }
    const terminal = this.terminals.get(run.terminal);
    if (!terminal || terminal.exited) {
      throw new SessionError('terminal-not-open', 'terminal-not-open', { terminal: run.terminal });
    }
    if (files.length) await this.saveFiles(files);
    return { terminal: run.terminal, ...(await terminal.typeCommand(run.command)) };
  }

  /** Calls `listener` when the session ends; returns a function that unsubscribes. */
  onEnd(listener: (reason?: ServerWords) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Ends every process the session started and removes its folder. */
  async dispose(reason?: ServerWords): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const pids = [...this.terminals.values()].map((t) => t.pid);
    for (const terminal of this.terminals.values()) terminal.dispose(reason);
    for (const listener of this.endListeners) listener(reason);
    this.terminals.clear();
    await this.faults?.dispose();
    await releaseSession(this.id, pids, this.deps.confinement, this.workspace);
  }
}

/** Ends every process of a session (its shells' trees, anything carrying its marker), then its confinement and folder. */
export async function releaseSession(id: string, shellPids: number[], confinement: Confinement, workspace: string): Promise<void> {
  await killProcessTree(shellPids, sessionMarker(id));
  await confinement.dispose();
  await fs.rm(workspace, { recursive: true, force: true });
}
