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

export class PeerProcess extends EventEmitter<{ event: [PeerEvent]; exit: [] }> {
  /** Everything the peer reported, in order (checks read this). */
  readonly events: PeerEvent[] = [];

  /** When each connection attempt reached the peer (refused or accepted), in ms since the epoch. */
  connectionTimes(): number[] {
    return this.events.filter((e) => e.event === 'attempt' || e.event === 'accept').map((e) => e.at);
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
    const child = startHelper(command);
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
