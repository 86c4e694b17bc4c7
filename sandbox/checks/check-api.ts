// The API a lesson's checks.ts is written against. A check is a scenario: the lab plays the other
// side (its own client, a scripted peer, the fault proxy, kernel faults), runs the learner's
// program with pipes in a fresh sandbox, and asserts on behaviour — never on errno numbers.
//
//   import { defineChecks } from '../../sandbox/checks/check-api.js';
//   export default defineChecks([{ name: 'Gives up after 2 s', hints: ['…'], async run(lab) { … } }]);
import type { KernelFault, PeerSpec } from '../../schema/break-it.js';
import type { FaultAgent } from '../faults/agent-handle.js';
import type { PeerProcess } from '../peers/peer-process.js';
import type { ProgramOptions, ProgramResult, RunningProgram } from './program.js';
import type { Lang } from '../../schema/langs.js';

export type { ProgramOptions, ProgramResult, RunningProgram };

/**
 * Words a learner reads: a plain string is English only; a translated lesson's checks give every
 * language the lab has ({ en, ja }), and the run picks the learner's page language.
 */
export type Words = string | Readonly<Record<Lang, string>>;

/** `words` in `lang` (English where there is no translation). */
export function say(words: Words, lang: Lang): string {
  return typeof words === 'string' ? words : words[lang];
}

/** Words in every language, e.g. an Actual built from pieces. */
export type AllWords = Readonly<Record<Lang, string>>;
const NO_WORDS: AllWords = { en: '', ja: '' };

/** Pieces joined, each language with its own: joinWords({ en: 'a', ja: 'あ' }, { en: 'b', ja: 'い' }) → { en: 'ab', ja: 'あい' }. */
export function joinWords(...parts: AllWords[]): AllWords {
  return { en: parts.map((p) => p.en).join(''), ja: parts.map((p) => p.ja).join('') };
}

/** "; your server: it …" for a server that has ended (how it ended), nothing for one still running: the end of many an Actual. */
export function serverEndedWords(result: ProgramResult | undefined): AllWords {
  return result ? { en: `; your server: ${result.said.en}`, ja: `。サーバー: ${result.said.ja}` } : NO_WORDS;
}

/** serverEndedWords() of a program that may still be running. */
export async function serverEnded(server: RunningProgram): Promise<AllWords> {
  return serverEndedWords(server.running ? undefined : await server.result);
}

/** A check's id: its English name (TARGETS.md, the statement coverage and the run order use it). */
export const checkId = (check: { name: Words }): string => say(check.name, 'en');

/** What the lab's own client (probe.py) saw. */
export interface ClientReport {
  stage: 'connect' | 'send' | 'recv' | 'done';
  /** Exception class name, e.g. "ConnectionResetError", or null. */
  exception: string | null;
  received: number;
  /** The text received (first 4 KB), when a message was sent. */
  text?: string;
  /** The bytes received (first 4 KB) as hex, when `bytes` were sent. */
  hex?: string;
  eof: boolean;
  elapsed: number;
}

export interface ClientOptions {
  /** Text to send (default: `send` bytes of "x"). */
  message?: string;
  /** Raw bytes to send instead of text (a binary frame). */
  bytes?: Uint8Array;
  /** How many bytes of "x" to send when there is no message (default 100). */
  send?: number;
  /** Send in pieces of this many bytes with `chunkDelayMs` between them (partial reads). */
  chunk?: number;
  chunkDelayMs?: number;
  /** Close with a reset (RST) right after sending, reading nothing. */
  reset?: boolean;
  /** Bytes to wait for (default: as many as were sent). */
  expect?: number;
  host?: string;
  timeoutMs?: number;
  /** Shut down writing after sending, then read to EOF. */
  halfClose?: boolean;
  /** Stay connected this long after the exchange before closing (clients that overlap in time). */
  stayMs?: number;
}

export interface CheckLab {
  /** Runs a learner's file (e.g. "client.py") to the end with pipes. */
  run(file: string, options?: ProgramOptions): Promise<ProgramResult>;
  /** Starts a learner's file in the background (a server); stopped at the end of the check. */
  start(file: string, options?: ProgramOptions): RunningProgram;
  /** Starts a learner's server and waits until it listens on `port`; fails the check (saying how the program ended) if it never does. */
  startServer(file: string, port: number, options?: ProgramOptions & { readyTimeoutMs?: number }): Promise<RunningProgram>;
  /** True once something listens on 127.0.0.1:`port` in the sandbox; with `program`, false as soon as that program ends. */
  waitForListener(port: number, timeoutMs?: number, program?: RunningProgram): Promise<boolean>;
  /** True once a socket in this TCP state (e.g. "SYN_SENT": a connect under way) involves `port` in the sandbox. */
  waitForTcpState(state: string, port: number, timeoutMs?: number): Promise<boolean>;
  /** The lab plays the client. */
  client(port: number, options?: ClientOptions): Promise<ClientReport>;
  /** An idle client: connects and holds the connection without sending, until `close()` or `holdMs`. */
  holdConnection(port: number, holdMs?: number): Promise<{ close(): void }>;
  /** The lab plays a server with a known bad habit; its `events` say what it saw, with times. */
  peer(spec: Pick<PeerSpec, 'behaviour' | 'port'> & Partial<PeerSpec>): Promise<PeerProcess>;
  /** The Toxiproxy-compatible fault agent in the sandbox (proxies and toxics). */
  faultAgent(): Promise<FaultAgent>;
  /** Puts exactly these kernel faults in place (sandbox only). */
  kernelFaults(faults: KernelFault[]): Promise<void>;
  /** A file the program wrote in its workspace (a log), or undefined. */
  readFile(path: string): Promise<string | undefined>;
  /** Fails the check unless `condition` holds. */
  expect(condition: unknown, failure: Failure): void;
  sleep(ms: number): Promise<void>;
}

export interface Failure {
  expected: Words;
  actual: Words;
  /** A hint for this exact failure, shown before the check's general hints. */
  hint?: Words;
}

/** Thrown by `lab.expect`: the runner turns it into a failed result. */
export class CheckFailure extends Error {
  constructor(readonly failure: Failure) {
    super(`expected ${say(failure.expected, 'en')}; got ${say(failure.actual, 'en')}`);
  }
}

export interface CheckDefinition {
  /** What the learner sees; its English words are the check's id. */
  name: Words;
  /**
   * Quotes of the exercise statement's bullets this check asserts (a few words of each, as the
   * reader sees them). `npm test` proves every bullet is quoted by some check.
   */
  covers: string[];
  /** Progressive hints, gentlest first. */
  hints?: Words[];
  /** Default 8 s; the whole run also has a budget. */
  timeoutMs?: number;
  run(lab: CheckLab): Promise<void>;
}

export interface CheckSuite {
  checks: CheckDefinition[];
  /**
   * Quotes of statement bullets no check asserts yet, each a known gap written down (docs/coverage.md
   * lists them). `npm test` keeps this list exact: a bullet that gains a check must leave it.
   */
  notYetChecked: string[];
}

export function defineChecks(checks: CheckDefinition[], options: { notYetChecked?: string[] } = {}): CheckSuite {
  const names = new Set<string>();
  for (const check of checks) {
    if (names.has(checkId(check))) throw new Error(`two checks are named "${checkId(check)}"`);
    names.add(checkId(check));
  }
  return { checks, notYetChecked: options.notYetChecked ?? [] };
}
