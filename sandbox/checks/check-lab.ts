// The CheckLab a check's `run(lab)` gets: the check API over one check run's sandbox. It keeps
// track of everything it started so the runner can end it all between checks.
import type { ChildProcess } from 'node:child_process';
import { startHelper } from '../process/launch.js';
import { fileURLToPath } from 'node:url';
import type { KernelFault, PeerSpec, TcpSocket } from '../../schema/break-it.js';
import { FaultAgent } from '../faults/agent-handle.js';
import { applyKernelFaults } from '../faults/kernel-faults.js';
import { readTcpTable } from '../faults/tcp-table.js';
import { PeerProcess } from '../peers/peer-process.js';
import { killInsideOut, killProcessTree } from '../process/process-tree.js';
import { CheckFailure, type CheckLab, type ClientOptions, type ClientReport, type Failure, type Words } from './check-api.js';
import { RunningProgram, tracebackComplete, tracebackTail, type ProgramEnvironment, type ProgramOptions, type ProgramResult } from './program.js';

/**
 * How long a learner's server may take to listen. A crash ends the wait at once; only a slow start uses
 * it all, and on a loaded host Python's start-up alone can take seconds.
 */
const SERVER_READY_MS = 5000;

const PROBE = fileURLToPath(new URL('./probe.py', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What to do about a server that crashed on start. */
function startHint(file: string, uncaught: string): Words {
  if (uncaught.includes('Address already in use')) {
    return {
      en: `Connections of a server that stopped a moment ago still hold the port (TIME_WAIT): set SO_REUSEADDR on the listening socket before bind().`,
      ja: `少し前に止まったサーバーの接続が、まだポートを押さえています(TIME_WAIT)。bind() の前に、待ち受け用のソケットに SO_REUSEADDR を設定してください。`,
    };
  }
  return { en: `Run it yourself (python3 ${file}) to see the whole traceback.`, ja: `自分で実行して(python3 ${file})、トレースバック全体を見てください。` };
}

export class CheckLabImpl implements CheckLab {
  private readonly programs: RunningProgram[] = [];
  private readonly peers: PeerProcess[] = [];
  private readonly holders: ChildProcess[] = [];
  private agent: Promise<FaultAgent> | undefined;
  private kernel: KernelFault[] = [];

  constructor(private readonly env: ProgramEnvironment) {}

  run(file: string, options: ProgramOptions = {}): Promise<ProgramResult> {
    return this.start(file, options).result;
  }

  start(file: string, options: ProgramOptions = {}): RunningProgram {
    const program = new RunningProgram(this.env, file, options);
    this.programs.push(program);
    return program;
  }

  async startServer(file: string, port: number, options: ProgramOptions & { readyTimeoutMs?: number } = {}): Promise<RunningProgram> {
    const server = this.start(file, { timeoutMs: 60_000, ...options });
    const readyMs = options.readyTimeoutMs ?? SERVER_READY_MS;
    if (await this.waitForListener(port, readyMs, server)) return server;
    const ended = server.running ? undefined : await server.result;
    throw new CheckFailure({
      expected: { en: `${file} to listen on port ${port}`, ja: `${file} がポート ${port} で待ち受けること` },
      actual: ended
        ? ended.said
        : {
            en: `nothing listened on port ${port} after ${readyMs / 1000} s`,
            ja: `${readyMs / 1000} 秒たっても、ポート ${port} で何も待ち受けていませんでした`,
          },
      hint: ended?.uncaught ? startHint(file, ended.uncaught) : undefined,
    });
  }

  waitForListener(port: number, timeoutMs = SERVER_READY_MS, program?: RunningProgram): Promise<boolean> {
    return this.waitForSocket((s) => s.state === 'LISTEN' && s.local.endsWith(`:${port}`), timeoutMs, program);
  }

  waitForTcpState(state: string, port: number, timeoutMs = 3000): Promise<boolean> {
    return this.waitForSocket((s) => s.state === state && (s.local.endsWith(`:${port}`) || s.remote.endsWith(`:${port}`)), timeoutMs);
  }

  private async waitForSocket(wanted: (socket: TcpSocket) => boolean, timeoutMs: number, program?: RunningProgram): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const { procNetDir } = this.env.confinement.network;
    while (Date.now() < deadline && (!program || program.running)) {
      if ((await readTcpTable(procNetDir)).some(wanted)) return true;
      await sleep(25);
    }
    return false;
  }

  async client(port: number, options: ClientOptions = {}): Promise<ClientReport> {
    const args = [String(port), '--host', options.host ?? '127.0.0.1', '--timeout', String((options.timeoutMs ?? 3000) / 1000)];
    if (options.message !== undefined) args.push('--message', options.message);
    if (options.bytes !== undefined) args.push('--hex', Buffer.from(options.bytes).toString('hex'));
    if (options.send !== undefined) args.push('--send', String(options.send));
    if (options.chunk !== undefined) args.push('--chunk', String(options.chunk), '--chunk-delay', String((options.chunkDelayMs ?? 200) / 1000));
    if (options.reset) args.push('--reset');
    if (options.expect !== undefined) args.push('--expect', String(options.expect));
    if (options.halfClose) args.push('--half-close');
    if (options.stayMs !== undefined) args.push('--stay', String(options.stayMs / 1000));
    const child = this.probe(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.timeoutMs ?? 3000) * 3 + 2000 + (options.stayMs ?? 0));
    await new Promise((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    try {
      return JSON.parse(stdout) as ClientReport;
    } catch {
      throw new Error(`the lab's client failed: ${stderr.trim() || 'no report'}`);
    }
  }

  async holdConnection(port: number, holdMs = 30_000): Promise<{ close(): void }> {
    const child = this.probe([String(port), '--hold', String(holdMs / 1000)]);
    this.holders.push(child);
    const close = () => void killInsideOut(child.pid!);
    const connected = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (d) => String(d).includes('"connected"') && resolve(true));
      child.once('close', () => resolve(false));
    });
    if (!connected) {
      throw new CheckFailure({
        expected: { en: `a connection to port ${port}`, ja: `ポート ${port} への接続` },
        actual: { en: 'the connect failed', ja: '接続に失敗しました' },
      });
    }
    return { close };
  }

  /** The lab's own client (probe.py), in the sandbox's network, with no privilege. */
  private probe(args: string[]) {
    const command = this.env.confinement.network.service({ argv: [this.env.python, PROBE, ...args], cwd: '/', env: { PATH: '/usr/bin:/bin' } });
    return startHelper(command);
  }

  async peer(spec: Pick<PeerSpec, 'behaviour' | 'port'> & Partial<PeerSpec>): Promise<PeerProcess> {
    const peer = await PeerProcess.start(this.env.confinement.network, this.env.python, { count: 3, delay: 500, ...spec });
    this.peers.push(peer);
    return peer;
  }

  faultAgent(): Promise<FaultAgent> {
    this.agent ??= FaultAgent.start(this.env.confinement.network, { anyPortIfBusy: this.env.confinement.mode === 'unsandboxed' });
    return this.agent;
  }

  async kernelFaults(faults: KernelFault[]): Promise<void> {
    await applyKernelFaults(this.env.confinement.network, faults, this.kernel);
    this.kernel = faults;
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return (await this.env.confinement.files.read(path)).toString('utf8');
    } catch {
      return undefined;
    }
  }

  expect(condition: unknown, failure: Failure): void {
    if (!condition) throw new CheckFailure(failure);
  }

  sleep(ms: number): Promise<void> {
    return sleep(ms);
  }

  /** The end of the last traceback one of this check's programs printed, with its file name. */
  async lastTraceback(): Promise<string | undefined> {
    // A program that has exited may still be delivering its last output (the traceback): let its pipes drain.
    // One that is still running may be printing it as it dies: wait until its last traceback has its error line.
    const deadline = Date.now() + 1000;
    const ended = this.programs.filter((p) => !p.running).map((p) => p.result);
    await Promise.race([Promise.all(ended), sleep(1000)]);
    while (Date.now() < deadline && this.programs.some((p) => p.running && tracebackTail(p.stderr) && !tracebackComplete(p.stderr))) await sleep(25);
    for (const program of [...this.programs].reverse()) {
      const tail = tracebackTail(program.stderr);
      if (tail) return `${program.file}:\n${tail}`;
    }
    return undefined;
  }

  /** Ends everything this check started: programs, peers, the agent, kernel faults. */
  async cleanUp(): Promise<void> {
    await Promise.all(this.programs.map((p) => p.kill()));
    // Whatever a program left behind under another parent (a double-forked daemon) still carries the run's marker.
    await killProcessTree([], this.env.marker.join('='), 0);
    await Promise.all(this.peers.map((p) => p.stop()));
    await Promise.all(this.holders.map((holder) => killInsideOut(holder.pid!)));
    const agent = await this.agent?.catch(() => undefined);
    await agent?.stop();
    if (this.kernel.length) await this.kernelFaults([]).catch(() => {});
  }
}
