// All live sessions. A session whose last socket closed is kept for a grace period (60 s) so a
// reload or a dropped network can reattach; after that it is disposed.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { labTempDir } from '../host/lab-instance.js';
import { LIMITS } from '../../schema/limits.js';
import { WordedError, type ServerWords } from '../../schema/server-words.js';
import { DEFAULT_LANG, type Lang } from '../../schema/langs.js';
import type { Confinement, ConfinementProvider } from '../process/launch.js';
import type { Lesson, LessonCatalog } from '../lessons/catalog.js';
import { releaseSession, Session, startShell, type SessionDeps } from './session.js';
import { DEFAULT_WARM_SESSIONS, WARM_SHELLS, WarmSessionPool, type WarmSession } from './warm-pool.js';
import type { LabTerminal } from '../terminals/lab-terminal.js';
import type { OutputRateLimit } from '../terminals/output-rate.js';

const DEFAULT_IDLE_MS = 30 * 60_000;
/** How long a warm session's build waits for its shells' first prompts. */
const SHELL_PROMPT_WAIT_MS = 10_000;

/** The lab runs as many sessions as it may: a clear refusal, never a crash or a slow death. */
export class LabFullError extends WordedError {
  constructor(max: number) {
    super('lab-full', { max });
  }
}

export interface RegistryOptions {
  catalog: LessonCatalog;
  sandbox: ConfinementProvider;
  pythonBinDir: string;
  /** The real interpreter, for the lab's own scripted peers. */
  python: string;
  graceMs?: number;
  /** A session nobody has typed into for this long is ended (default 30 min). */
  idleMs?: number;
  outputRate?: OutputRateLimit;
  /** Parent folder of all session workspaces; a fresh one is made per server. */
  root?: string;
  maxSessions?: number;
  log?: { warn(message: string): void };
  /** Sessions kept built ahead of demand (default 2; 0 builds each when asked for). */
  warmSessions?: number;
}

interface Entry {
  session: Session;
  sockets: number;
  expiry?: NodeJS.Timeout;
}

export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  readonly root: string;
  private readonly graceMs: number;
  private readonly idleMs: number;
  private readonly idleSweep: NodeJS.Timeout;
  /** Sessions being torn down right now: endAll() must wait for them before removing the root. */
  private readonly ending = new Set<Promise<void>>();
  /** Sessions being made right now: they count against the cap too, so a burst cannot overshoot it. */
  private starting = 0;
  /** Sessions built ahead of demand, for no lesson yet. */
  readonly warm: WarmSessionPool;

  constructor(private readonly options: RegistryOptions) {
    this.graceMs = options.graceMs ?? LIMITS.sessionGraceMs;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.idleSweep = setInterval(() => this.endIdleSessions(), Math.min(30_000, Math.max(100, this.idleMs / 4)));
    this.idleSweep.unref();
    if (options.root) mkdirSync(options.root, { recursive: true });
    this.root = labTempDir('sessions', options.root);
    // Sandboxed sessions run as other uids and must be able to reach their own workspace inside.
    chmodSync(this.root, 0o711);
    this.warm = new WarmSessionPool({
      size: options.warmSessions ?? DEFAULT_WARM_SESSIONS,
      build: () => this.build(),
      discard: (session) => this.discard(session),
      log: options.log,
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** A session for `lesson`, its workspace seeded with the starter files as a page in `lang` shows them. */
  async create(lesson: Lesson, lang: Lang = DEFAULT_LANG): Promise<Session> {
    const max = this.options.maxSessions ?? LIMITS.maxSessions;
    if (this.entries.size + this.starting >= max) throw new LabFullError(max);
    this.starting++;
    try {
      return await this.start(lesson, lang);
    } finally {
      this.starting--;
    }
  }

  private async start(lesson: Lesson, lang: Lang): Promise<Session> {
    const { id, workspace, confinement, shells } = await this.warm.take();
    const session = new Session(id, lesson, workspace, this.sessionDeps(confinement), shells);
    try {
      await confinement.seed([...this.options.catalog.starterFiles(lesson, lang)].map(([path, content]) => ({ path, content })));
    } catch (err) {
      await session.dispose();
      throw err;
    }
    const entry: Entry = { session, sockets: 0 };
    this.entries.set(id, entry);
    this.scheduleExpiry(entry); // a session nobody connects to does not live forever
    return session;
  }

  private sessionDeps(confinement: Confinement): SessionDeps {
    const { sandbox, pythonBinDir, python, outputRate } = this.options;
    return { confinement, capabilities: sandbox.capabilities, pythonBinDir, python, outputRate };
  }

  /** A session for no lesson yet: its folder, confinement and shells (see WarmSessionPool). */
  private async build(): Promise<WarmSession> {
    const id = randomBytes(16).toString('base64url');
    const workspace = mkdtempSync(join(this.root, 'session-'));
    let confinement: Confinement;
    try {
      confinement = await this.options.sandbox.create({ id, workspace });
    } catch (err) {
      rmSync(workspace, { recursive: true, force: true });
      throw err;
    }
    const shells: LabTerminal[] = [];
    try {
      while (shells.length < WARM_SHELLS) shells.push(startShell(this.sessionDeps(confinement), id, 80, 24));
    } catch {
      // a shell that cannot start says why when the browser opens its terminal (Session.openTerminal)
    }
    // Ready means both prompts shown; a shell that is slower still is handed out and finishes starting on screen.
    await Promise.all(shells.map((shell) => shell.prompted(SHELL_PROMPT_WAIT_MS)));
    return { id, workspace, confinement, shells };
  }

  private async discard({ id, workspace, confinement, shells }: WarmSession): Promise<void> {
    for (const shell of shells) shell.dispose();
    await releaseSession(
      id,
      shells.map((s) => s.pid),
      confinement,
      workspace,
    );
  }

  get(id: string): Session | undefined {
    return this.entries.get(id)?.session;
  }

  /** A socket started using the session: it will not expire while any socket is attached. */
  retain(session: Session): void {
    const entry = this.entries.get(session.id);
    if (!entry) return;
    entry.sockets++;
    clearTimeout(entry.expiry);
    entry.expiry = undefined;
  }

  release(session: Session): void {
    const entry = this.entries.get(session.id);
    if (!entry) return;
    entry.sockets = Math.max(0, entry.sockets - 1);
    if (entry.sockets === 0) this.scheduleExpiry(entry);
  }

  async end(id: string, reason?: ServerWords): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    clearTimeout(entry.expiry);
    this.entries.delete(id);
    const done = entry.session.dispose(reason);
    this.ending.add(done);
    try {
      await done;
    } finally {
      this.ending.delete(done);
    }
  }

  /** Wall-clock idle limit: sessions left open in a forgotten tab do not run forever. */
  private endIdleSessions(): void {
    const now = Date.now();
    for (const { session } of this.entries.values()) {
      if (now - session.lastActivity > this.idleMs) {
        const minutes = Math.max(1, Math.round(this.idleMs / 60_000));
        void this.end(session.id, { id: 'session-idle', params: { minutes } });
      }
    }
  }

  async endAll(): Promise<void> {
    clearInterval(this.idleSweep);
    await Promise.all([...this.entries.keys()].map((id) => this.end(id, { id: 'lab-stopped' })));
    await Promise.allSettled([...this.ending]);
    await this.warm.close();
    rmSync(this.root, { recursive: true, force: true });
  }

  private scheduleExpiry(entry: Entry): void {
    clearTimeout(entry.expiry);
    entry.expiry = setTimeout(() => void this.end(entry.session.id), this.graceMs);
    entry.expiry.unref();
  }
}
