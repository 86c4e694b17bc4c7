// One session's Break-it state: the lesson's faults, which are on, and the machinery behind them
// (the fault agent for proxies and toxics, nftables/tc for kernel faults, scripted peers). Also
// the event log the panel shows. Every switch is idempotent; a failure leaves the fault off and
// says why.
import { EventEmitter } from 'node:events';
import { faultNeeds } from '../../schema/capabilities.js';
import { DEFAULT_LANG } from '../../schema/langs.js';
import { serverText, WordedError, wordsOf, type ServerWords } from '../../schema/server-words.js';
import type { CapabilityReport } from '../host/capability-report.js';
import { kindOf, type BreakIt, type FaultEvent, type FaultStatus, type KernelFault, type LessonFault } from '../../schema/break-it.js';
import type { SessionNetwork } from '../process/launch.js';
import { PeerProcess } from '../peers/peer-process.js';
import { FaultAgent } from './agent-handle.js';
import { watchKernelCounters } from './kernel-counters.js';
import { applyKernelFaults } from './kernel-faults.js';
import { crashListeners } from './server-crash.js';
import { crashEventText, kernelEventText, peerEventText, proxyEventText, switchEventText } from './event-text.js';

const MAX_EVENTS = 200;

export class FaultError extends Error {}

/** A switch this host cannot work (its capability is missing). */
class FaultUnavailableError extends WordedError {
  constructor(words: ServerWords) {
    super(words.id, words.params);
  }
}

export interface SessionFaultsDeps {
  network: SessionNetwork;
  python: string;
  /** Without the sandbox, the agent may not get 8474 (another tab has it). */
  sharedLoopback: boolean;
  /** Runs one of the lesson's run commands in its terminal (restarts a crashed server). */
  runCommand(label: string): Promise<unknown>;
  /** What works on this host: a fault whose capability is missing is shown off, with the reason. */
  capabilities: CapabilityReport;
}

export class SessionFaults extends EventEmitter<{ changed: []; events: [FaultEvent[]] }> {
  readonly log: FaultEvent[] = [];
  private readonly active = new Set<string>();
  private readonly errors = new Map<string, ServerWords>();
  private readonly peers = new Map<string, PeerProcess>();
  private agent: Promise<FaultAgent> | undefined;
  private appliedKernel: KernelFault[] = [];
  private stopCounters: (() => void) | undefined;
  private readonly restartTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Switches run one at a time, in order: two quick clicks never race. */
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private disposed = false;

  constructor(
    readonly breakIt: BreakIt,
    private readonly deps: SessionFaultsDeps,
  ) {
    super();
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  status(): FaultStatus[] {
    return this.breakIt.faults.map((fault) => {
      const unavailable = this.unavailable(fault);
      const error = this.errors.get(fault.id);
      return {
        id: fault.id,
        on: this.active.has(fault.id),
        ...(unavailable ? { unavailable: serverText(unavailable, DEFAULT_LANG), unavailableWords: unavailable } : {}),
        ...(error ? { error: serverText(error, DEFAULT_LANG), errorWords: error } : {}),
      };
    });
  }

  private unavailable(fault: LessonFault): ServerWords | undefined {
    const needs = faultNeeds(fault);
    const why = this.deps.capabilities.missing(needs);
    if (!why) return undefined;
    if ('crash' in fault) return { id: 'fault-needs-sandbox' };
    const own = this.deps.capabilities.missingWords(needs);
    // The lab's own reason is passed by its id, so the page words the whole sentence; a host's diagnosis as it is.
    return own ? { id: 'fault-off', params: { reason: own.id } } : { id: 'fault-host-lacks', params: { why } };
  }

  /** Processes of the running scripted peers (tests check they end with the session). */
  peerPids(): number[] {
    return [...this.peers.values()].flatMap((p) => (p.pid ? [p.pid] : []));
  }

  /**
   * A lesson with proxies needs its agent from the start: the proxies must listen before the
   * learner's programs connect through them. Without proxies nothing needs it (no proxy, no toxic),
   * and an idle tab costs no agent process (~40 MiB RSS each).
   */
  get needsAgent(): boolean {
    return this.breakIt.proxies.length > 0;
  }

  /** Starts the fault agent and the lesson's proxies (once), so the API answers from the terminal too. */
  startAgent(): Promise<FaultAgent> {
    this.agent ??= (async () => {
      const agent = await FaultAgent.start(this.deps.network, { anyPortIfBusy: this.deps.sharedLoopback });
      agent.on('event', (e) => this.record(proxyEventText(e)));
      agent.once('exit', () => {
        this.agent = undefined;
        if (!this.disposed) this.record({ at: Date.now(), source: 'agent', kind: 'error', text: 'the fault agent stopped; it restarts on the next switch' });
      });
      if (this.breakIt.proxies.length) {
        const answer = await agent.call('POST', '/populate', this.breakIt.proxies);
        if (answer.status !== 201) throw new FaultError(`the lesson's proxies could not start: ${apiMessage(answer.body)}`);
      }
      this.record({ at: Date.now(), source: 'agent', kind: 'ready', text: `fault API at http://${agent.apiAddress}` });
      return agent;
    })();
    this.agent.catch(() => (this.agent = undefined));
    return this.agent;
  }

  set(id: string, on: boolean): Promise<void> {
    const fault = this.breakIt.faults.find((f) => f.id === id);
    if (!fault) return Promise.reject(new FaultError(`This lesson has no fault "${id}".`));
    return this.enqueue(async () => {
      if (this.active.has(id) === on && !this.errors.has(id)) return;
      this.errors.delete(id);
      try {
        const why = this.unavailable(fault);
        if (why) throw new FaultUnavailableError(why);
        await this.switchFault(fault, on);
        if (on) this.active.add(id);
        else this.active.delete(id);
        this.record(switchEventText(fault, on));
      } catch (err) {
        if (on) this.active.delete(id);
        this.errors.set(id, wordsOf(err, 'fault-failed'));
        throw err;
      }
    });
  }

  /** Turns every fault off (Clear all). Reports the first failure after trying them all. */
  async clearAll(): Promise<void> {
    const results = await Promise.allSettled([...this.active].map((id) => this.set(id, false)));
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) throw failed.reason;
  }

  private async switchFault(fault: LessonFault, on: boolean): Promise<void> {
    const kinded = kindOf(fault);
    switch (kinded.kind) {
      case 'toxic': {
        const toxic = kinded.spec;
        const agent = await this.startAgent();
        const path = `/proxies/${encodeURIComponent(toxic.proxy)}/toxics`;
        const answer = on
          ? await agent.call('POST', path, {
              name: toxic.name ?? fault.id,
              type: toxic.type,
              stream: toxic.stream,
              toxicity: toxic.toxicity,
              attributes: toxic.attributes,
            })
          : await agent.call('DELETE', `${path}/${encodeURIComponent(toxic.name ?? fault.id)}`);
        // 409 on add / 404 on remove: the learner already did it through the API; the goal is met.
        if (answer.status >= 400 && answer.status !== (on ? 409 : 404)) throw new FaultError(apiMessage(answer.body));
        return;
      }
      case 'proxyDown': {
        const proxyDown = kinded.spec;
        const answer = await (await this.startAgent()).call('POST', `/proxies/${encodeURIComponent(proxyDown)}`, { enabled: !on });
        if (answer.status >= 400) throw new FaultError(apiMessage(answer.body));
        return;
      }
      case 'kernel': {
        const wanted = (f: LessonFault) => (f.id === fault.id ? on : this.active.has(f.id));
        const rules = this.breakIt.faults.flatMap((f) => ('kernel' in f && wanted(f) ? [{ ...f.kernel, id: f.id }] : []));
        await applyKernelFaults(this.deps.network, rules, this.appliedKernel);
        this.appliedKernel = rules;
        this.watchCounters();
        return;
      }
      case 'crash': {
        const crash = kinded.spec;
        if (!on) {
          clearTimeout(this.restartTimers.get(fault.id));
          if (crash.restart) await this.deps.runCommand(crash.restart);
          return;
        }
        const killed = await crashListeners(this.deps.network.procNetDir, crash.port);
        if (!killed.length) throw new FaultError(`Nothing is listening on port ${crash.port}: start your server first.`);
        this.record(crashEventText(fault, killed, crash.port));
        if (crash.restartAfter !== undefined) {
          this.restartTimers.set(
            fault.id,
            setTimeout(() => this.set(fault.id, false).catch(() => {}), crash.restartAfter),
          );
        }
        return;
      }
      case 'peer': {
        const spec = kinded.spec;
        if (!on) {
          await this.peers.get(fault.id)?.stop();
          this.peers.delete(fault.id);
          return;
        }
        const peer = await PeerProcess.start(this.deps.network, this.deps.python, spec);
        for (const e of peer.events) this.record(peerEventText(fault, e));
        peer.on('event', (e) => this.record(peerEventText(fault, e)));
        peer.once('exit', () => {
          if (this.peers.get(fault.id) !== peer) return;
          this.peers.delete(fault.id);
          this.active.delete(fault.id);
          this.errors.set(fault.id, { id: 'peer-stopped' });
          this.emit('changed');
        });
        this.peers.set(fault.id, peer);
        return;
      }
    }
  }

  /** Reports what the nftables rules catch while any is in place. */
  private watchCounters(): void {
    const watching = this.appliedKernel.length > 0;
    if (!watching) {
      this.stopCounters?.();
      this.stopCounters = undefined;
    } else if (!this.stopCounters && !this.disposed) {
      this.stopCounters = watchKernelCounters(this.deps.network, (id, packets) => {
        const fault = this.breakIt.faults.find((f) => f.id === id);
        if (fault && 'kernel' in fault) this.record(kernelEventText(fault, fault.kernel, packets));
      });
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.pending++;
    this.emit('changed');
    const run = this.queue.then(step);
    this.queue = run.catch(() => {});
    return run.finally(() => {
      this.pending--;
      this.emit('changed');
    });
  }

  private record(event: FaultEvent): void {
    this.log.push(event);
    if (this.log.length > MAX_EVENTS) this.log.splice(0, this.log.length - MAX_EVENTS);
    this.emit('events', [event]);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopCounters?.();
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
    this.restartTimers.clear();
    await Promise.all([...this.peers.values()].map((p) => p.stop()));
    this.peers.clear();
    const agent = await this.agent?.catch(() => undefined);
    await agent?.stop();
  }
}

function apiMessage(body: unknown): string {
  return (body as { error?: string } | undefined)?.error ?? 'the fault agent refused the change';
}
