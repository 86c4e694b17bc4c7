// The lab server's handle on one session's fault agent: starts it in the session's network,
// calls its API over the control channel, relays its events, stops it with the session.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { startHelper, type SessionNetwork } from '../process/launch.js';
import type { AgentOutput } from '../fault-agent/protocol.js';
import type { ProxyEvent } from '../fault-agent/fault-proxy.js';
import type { FaultApiAnswer } from '../fault-agent/http-api.js';
import { killInsideOut } from '../process/process-tree.js';
import { faultAgentScript } from '../fault-agent/bundle.js';

export class AgentError extends Error {}

export class FaultAgent extends EventEmitter<{ event: [ProxyEvent]; exit: [] }> {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: FaultApiAnswer) => void>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    /** Where the learner reaches the API (127.0.0.1:8474, or another port without the sandbox). */
    readonly apiAddress: string,
  ) {
    super();
    child.once('exit', () => {
      this.exited = true;
      for (const resolve of this.waiting.values()) resolve({ status: 503, body: { error: 'the fault agent stopped', status: 503 } });
      this.waiting.clear();
      this.emit('exit');
    });
  }

  static async start(network: SessionNetwork, options: { anyPortIfBusy: boolean; timeoutMs?: number }): Promise<FaultAgent> {
    const argv: [string, ...string[]] = [process.execPath, await faultAgentScript(), ...(options.anyPortIfBusy ? ['--any-port-if-busy'] : [])];
    const env = { PATH: '/usr/bin:/bin', HOME: '/tmp' };
    const command = network.service({ argv, cwd: '/', env });
    const child = startHelper(command, 'pipe');
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    child.stdin!.on('error', () => {}); // the agent died; its exit handler reports it
    return new Promise((resolve, reject) => {
      let agent: FaultAgent | undefined;
      const timer = setTimeout(() => fail(`no answer within ${options.timeoutMs ?? 10_000} ms`), options.timeoutMs ?? 10_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new AgentError(`the fault agent could not start: ${why}`));
      };
      child.once('exit', (code) => agent || fail(`it exited with ${code}: ${stderr.trim()}`));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let output: AgentOutput;
        try {
          output = JSON.parse(line);
        } catch {
          return; // not ours (a stray warning); ignore
        }
        if ('ready' in output && !agent) {
          clearTimeout(timer);
          agent = new FaultAgent(child, output.ready);
          resolve(agent);
        } else if ('reply' in output) agent?.settle(output.reply, output);
        else if ('event' in output) agent?.emit('event', output.event);
      });
    });
  }

  /** One call of the Toxiproxy-shaped API, e.g. call('POST', '/proxies/echo/toxics', {...}). */
  call(method: string, path: string, body?: unknown): Promise<FaultApiAnswer> {
    if (this.exited) return Promise.resolve({ status: 503, body: { error: 'the fault agent stopped', status: 503 } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, method, path, body })}\n`);
    });
  }

  private settle(id: number, answer: FaultApiAnswer): void {
    this.waiting.get(id)?.({ status: answer.status, body: answer.body });
    this.waiting.delete(id);
  }

  get pid(): number {
    return this.child.pid!;
  }

  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      void killInsideOut(this.child.pid!);
    });
  }
}
