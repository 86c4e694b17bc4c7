// The lab server's handle on one scripted peer (peer.py) running in a session's network. Peers
// run with admin rights over that network only (a raw socket counts refused connects), outside
// the learner's jail, so the learner cannot kill or change them.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { PeerSpec } from '../../schema/break-it.js';
import { startHelper, type SessionNetwork } from '../process/launch.js';
import { killInsideOut } from '../process/process-tree.js';

const PEER_SCRIPT = fileURLToPath(new URL('./peer.py', import.meta.url));
/** How long sync() waits for the peer's answer before reading what has arrived. */
const SYNC_TIMEOUT_MS = 2000;

/** One line of peer.py's output; `at` is in milliseconds like every other lab time. */
export interface PeerEvent {
  at: number;
  event: 'refusing' | 'listening' | 'attempt' | 'accept' | 'recv' | 'send' | 'reset' | 'close' | 'note' | 'error';
  peer?: string;
  bytes?: number;
  left?: number;
  by?: string;
  error?: string;
  message?: string;
}

export class PeerError extends Error {}

export class PeerProcess extends EventEmitter<{ event: [PeerEvent]; synced: []; exit: [] }> {
  /** Everything the peer reported, in order (checks read this). */
  readonly events: PeerEvent[] = [];

  /** Sync requests sent and answers received so far (see sync()); answers come in request order. */
  private syncsAsked = 0;
  private synced = 0;

  /**
   * When each connection attempt reached the peer (refused or accepted), in ms since the epoch,
   * counting every refused attempt made before this call however late the peer process runs.
   */
  async connectionTimes(): Promise<number[]> {
    await this.sync();
    return this.events.filter((e) => e.event === 'attempt' || e.event === 'accept').map((e) => e.at);
  }

  /**
   * Resolves once the peer has reported every connection attempt that reached it before now: it
   * knocks on a port of its own and answers when its packet watcher sees the knock, which comes after
   * every earlier packet. A client that was refused and exited has had its attempts counted then.
   */
  sync(timeoutMs = SYNC_TIMEOUT_MS): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const target = ++this.syncsAsked; // its own answer: a second sync() at the same moment waits for its knock too
    this.child.stdin!.write('sync\n');
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.off('synced', check);
        resolve();
      };
      const check = () => this.synced >= target && done();
      // A fault that drops every packet would swallow the knock too: then read what has arrived.
      const timer = setTimeout(done, timeoutMs);
      this.on('synced', check);
      check();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private constructor(private readonly child: ChildProcess) {
    super();
  }

  /** Starts the peer and resolves once it listens (or holds its port), with a clear error otherwise. */
  static start(network: SessionNetwork, python: string, spec: PeerSpec, timeoutMs = 5000): Promise<PeerProcess> {
    const argv: [string, ...string[]] = [
      python,
      '-u',
      PEER_SCRIPT,
      spec.behaviour,
      String(spec.port),
      '--count',
      String(spec.count),
      '--delay',
      String(spec.delay),
    ];
    const base = { argv, cwd: '/', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' } };
    const command = 'unavailable' in network.admin ? base : network.admin(base);
    const child = startHelper(command, 'pipe');
    child.stdin.on('error', () => {}); // the peer died; its exit handler reports it
    const peer = new PeerProcess(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    return new Promise((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        if (started) return;
        child.kill('SIGKILL');
        reject(new PeerError(`the ${spec.behaviour} peer on port ${spec.port} could not start: ${why}`));
      };
      child.once('exit', (code) => {
        fail(`it exited with ${code} ${stderr.trim().split('\n').pop() ?? ''}`);
        peer.emit('exit');
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let raw: { t: number } & Omit<PeerEvent, 'at'>;
        try {
          raw = JSON.parse(line);
        } catch {
          return;
        }
        // An answer to sync(), not something that happened on the network.
        if ((raw.event as string) === 'synced') {
          peer.synced++;
          return void peer.emit('synced');
        }
        const { t, ...rest } = raw;
        const event: PeerEvent = { at: Math.round(t * 1000), ...rest };
        if (event.event === 'error') return fail(event.message ?? 'unknown error');
        peer.events.push(event);
        peer.emit('event', event);
        // refuse-first has started once it holds its port and refuses, before it listens.
        if (!started && (event.event === 'listening' || event.event === 'refusing')) {
          started = true;
          clearTimeout(timer);
          resolve(peer);
        }
      });
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      void killInsideOut(this.child.pid!);
    });
  }
}
