// The start-up self-test: before the lab says "sandbox: ON" it makes one real session the way a
// learner's is made (holder as a session uid, lab network, bwrap, seccomp, limits) and uses it: a
// Python socket round trip on 65432 inside the jail, one connect to every lab host, an nftables
// table and a tbf qdisc in the session's namespace, the fault agent and a scripted peer. Each piece
// that works becomes a capability; each that fails is switched off with what it printed.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { labTempDir } from './lab-instance.js';
import { join } from 'node:path';
import { CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../schema/capabilities.js';
import { LAB_HOSTS, UNKNOWN_HOST_EXAMPLE } from '../../schema/lab-network.js';
import { FaultAgent } from '../faults/agent-handle.js';
import { runAdmin } from '../faults/kernel-faults.js';
import { PeerProcess } from '../peers/peer-process.js';
import { launch, type Confinement, type ConfinementProvider } from '../process/launch.js';
import { NFTABLES } from '../setup/system-packages.js';
import { CapabilityReport } from './capability-report.js';

/** Every lab host with what a connect must raise there ("Class" or "Class:ERRNO"; the unknown name: gaierror). */
function expectedOutcomes(): Array<{ host: string; expect: string }> {
  const hosts = LAB_HOSTS.filter((h) => h.exception).map((h) => ({ host: h.name, expect: h.errno ? `${h.exception}:${h.errno}` : h.exception }));
  return [...hosts, { host: UNKNOWN_HOST_EXAMPLE, expect: 'gaierror' }];
}

/** The probe prints "Class:ERRNO"; a host that names no errno only needs the class. */
const matches = (seen: string | undefined, expect: string) => seen === expect || (!expect.includes(':') && seen?.split(':')[0] === expect);

/** Runs inside the jail: echo round trip on 65432, then one connect per lab host. */
const PROBE_PY = `
import errno, json, socket, sys, threading
server = socket.create_server(("127.0.0.1", 65432))
def answer():
    conn, _ = server.accept()
    with conn:
        conn.sendall(conn.recv(64).upper())
threading.Thread(target=answer, daemon=True).start()
with socket.create_connection(("localhost", 65432), timeout=3) as s:
    s.sendall(b"ping")
    print(json.dumps({"echo": s.recv(64).decode()}), flush=True)
for host in sys.argv[1:]:
    try:
        socket.create_connection((host, 80), timeout=0.6).close()
        seen = "connected"
    except socket.gaierror:
        seen = "gaierror"
    except OSError as e:
        seen = type(e).__name__ + ":" + errno.errorcode.get(e.errno or 0, "")
    print(json.dumps({"host": host, "seen": seen}), flush=True)
`;

function runProbe(confinement: Confinement, hosts: string[]): Promise<{ lines: Array<Record<string, string>>; stderr: string; code: number | null }> {
  const child = launch(confinement, {
    kind: 'pipes',
    argv: ['python3', '-I', '-c', PROBE_PY, ...hosts],
    cwd: confinement.workspaceInside,
    env: { PATH: '/usr/bin:/bin' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, string>];
          } catch {
            return [];
          }
        });
      resolve({ lines, stderr: stderr.trim(), code });
    });
  });
}

const lastLine = (text: string) => text.trim().split('\n').pop()?.slice(0, 300) ?? '';

async function probe<T>(what: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  try {
    return { ok: true, value: await what() };
  } catch (err) {
    return { ok: false, reason: lastLine((err as Error).message) };
  }
}

export interface SelfTestInput {
  provider: ConfinementProvider;
  python: string;
  /** Facts the provider knows without a session (cgroups, root). */
  static: CapabilityStatus[];
}

/** Runs the self-test. Throws only when no session can be made at all (then the jail is off). */
export async function selfTest({ provider, python, static: known }: SelfTestInput): Promise<CapabilityReport> {
  const report = new CapabilityReport(known);
  const root = labTempDir('selftest');
  chmodSync(root, 0o711);
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { mode: 0o777 });
  let confinement: Confinement | undefined;
  try {
    confinement = await provider.create({ id: 'self-test', workspace });
    if (confinement.mode === 'sandboxed') report.set({ id: 'sandbox', ok: true });
    for (const [id, piece] of confinement.setupReport ?? []) {
      if (CAPABILITY_IDS.includes(id as CapabilityId)) report.set({ id: id as CapabilityId, ok: piece.ok, reason: piece.detail });
    }
    const expected = expectedOutcomes();
    const network = confinement.network;
    const [run, nft, tbf, agent, peer] = await Promise.all([
      confinement.mode === 'sandboxed'
        ? runProbe(
            confinement,
            expected.map((e) => e.host),
          )
        : undefined,
      probe(() => runAdmin(network, 'nft add table inet socketlab_probe && nft delete table inet socketlab_probe')),
      probe(() => runAdmin(network, 'tc qdisc add dev lo root tbf rate 1mbit burst 6000 latency 100ms && tc qdisc del dev lo root')),
      probe(async () => (await FaultAgent.start(network, { anyPortIfBusy: confinement!.mode === 'unsandboxed' })).stop()),
      probe(async () => (await PeerProcess.start(network, python, { behaviour: 'echo', port: 65431, count: 0, delay: 0 })).stop()),
    ]);
    if (run) {
      const echo = run.lines.find((l) => 'echo' in l)?.echo;
      if (echo !== 'PING') throw new Error(`a Python socket round trip in the jail failed: ${lastLine(run.stderr) || `exit ${run.code}`}`);
      const wrong = expected.filter(({ host, expect }) => host !== 'silent.lab' && !matches(run.lines.find((l) => l.host === host)?.seen, expect));
      report.set(
        wrong.length
          ? {
              id: 'lab-hosts',
              ok: false,
              reason: wrong
                .map(({ host, expect }) => `${host}: expected ${expect}, saw ${run.lines.find((l) => l.host === host)?.seen ?? 'nothing'}`)
                .join('; '),
            }
          : { id: 'lab-hosts', ok: true },
      );
      const silent = run.lines.find((l) => l.host === 'silent.lab')?.seen;
      if (report.get('silent-host')?.ok && !matches(silent, 'TimeoutError'))
        report.set({ id: 'silent-host', ok: false, reason: `a connect to silent.lab ended in ${silent}, not a timeout` });
    }
    report.set(
      nft.ok
        ? { id: 'nftables', ok: true }
        : { id: 'nftables', ok: false, reason: nft.reason, fix: `apt-get install -y ${NFTABLES.name} (and a kernel with nf_tables)` },
    );
    report.set(
      tbf.ok
        ? { id: 'traffic-shaping', ok: true }
        : { id: 'traffic-shaping', ok: false, reason: tbf.reason, fix: 'apt-get install -y iproute2 (and a kernel with sch_tbf)' },
    );
    report.set(agent.ok ? { id: 'fault-agent', ok: true } : { id: 'fault-agent', ok: false, reason: agent.reason });
    report.set(peer.ok ? { id: 'scripted-peers', ok: true } : { id: 'scripted-peers', ok: false, reason: peer.reason });
    return report;
  } finally {
    await confinement?.dispose().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
}
