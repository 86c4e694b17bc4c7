// What a lab can do on the host it runs on, as named capabilities. Hosts differ (a root-only
// /dev/net/tun, no nftables, no cgroup delegation, not root): a missing piece switches off only
// what needs it, with its reason, and sessions still start. The server measures these at start
// (sandbox/host/self-test.ts); the Break-it panel, the lab-network page and `npm run doctor` show them.
import { z } from 'zod';
import type { Lang } from './langs.js';
import { serverWordsSchema } from './server-words.js';
import type { KernelFault, LessonFault } from './break-it.js';

export const CAPABILITIES = {
  sandbox: 'the jail: user, network, pid and mount namespaces, bubblewrap and seccomp for every session',
  'session-uids': 'a host uid of its own for every session (the lab runs as root)',
  'lab-hosts': "the lab network's named hosts (closed.lab, unreachable.lab, blocked.lab, offline.lab, unknown names)",
  'silent-host': 'silent.lab: a link nobody answers on, for connect timeouts',
  nftables: 'kernel faults that drop, reject, reset, stall or lose packets (nftables inside the session)',
  'traffic-shaping': "the kernel bandwidth fault (tc tbf on the session's loopback)",
  'fault-agent': 'the fault proxy: toxics (latency, slicing, resets …) and "proxy down"',
  'scripted-peers': 'scripted peers: servers with a bad habit, played by the lab',
  'memory-limit': 'a memory limit per session (cgroup)',
  'process-limit': 'a process limit per session (cgroup)',
  'cpu-share': 'a fair CPU share per session, at most one core (cgroup)',
} as const;
export type CapabilityId = keyof typeof CAPABILITIES;
export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as CapabilityId[];

/** The same in Japanese, for the lab-network page's note on what this host lacks. */
const CAPABILITIES_JA: Record<CapabilityId, string> = {
  sandbox: 'ジェイル: セッションごとのユーザー、ネットワーク、PID、マウントの名前空間と bubblewrap、seccomp',
  'session-uids': 'セッションごとに専用のホストの UID (ラボを root で動かしたとき)',
  'lab-hosts': 'ラボのネットワークの名前付きホスト (closed.lab、unreachable.lab、blocked.lab、offline.lab、未知の名前)',
  'silent-host': 'silent.lab: 誰も応答しないリンク (接続のタイムアウト用)',
  nftables: 'パケットを捨てる、拒否する、リセットする、止める、失うカーネルの障害 (セッション内の nftables)',
  'traffic-shaping': 'カーネルの帯域幅の障害 (セッションのループバックでの tc tbf)',
  'fault-agent': '障害プロキシ: toxic (遅延、分割、リセット…) と「プロキシ停止」',
  'scripted-peers': '台本どおりに動く相手: 悪い癖のあるサーバーをラボが演じる',
  'memory-limit': 'セッションごとのメモリの上限 (cgroup)',
  'process-limit': 'セッションごとのプロセス数の上限 (cgroup)',
  'cpu-share': 'セッションごとの公平な CPU の割り当て、最大 1 コア (cgroup)',
};

/** What a capability gives, in `lang`. */
export const capabilityText = (id: CapabilityId, lang: Lang): string => (({ en: CAPABILITIES, ja: CAPABILITIES_JA }) satisfies Record<Lang, unknown>)[lang][id];

export const capabilityStatusSchema = z.object({
  id: z.enum(CAPABILITY_IDS as [CapabilityId, ...CapabilityId[]]),
  ok: z.boolean(),
  /** Why it is missing, in words a teacher can act on. */
  reason: z.string().optional(),
  /** The same, when the lab itself says it (not a host's diagnosis): a page words it in its language. */
  reasonWords: serverWordsSchema.optional(),
  /** The exact command or setting that enables it. */
  fix: z.string().optional(),
});
export type CapabilityStatus = z.infer<typeof capabilityStatusSchema>;

/** The capability a kernel fault needs. */
export function kernelFaultNeeds(fault: KernelFault): CapabilityId {
  if (fault.type === 'bandwidth') return 'traffic-shaping';
  if (fault.type === 'route') return 'sandbox';
  return 'nftables';
}

/** The capability a Break-it fault needs to work. */
export function faultNeeds(fault: LessonFault): CapabilityId {
  if ('toxic' in fault || 'proxyDown' in fault) return 'fault-agent';
  if ('kernel' in fault) return kernelFaultNeeds(fault.kernel);
  if ('peer' in fault) return 'scripted-peers';
  return 'sandbox'; // crash: only the sandbox can tell the learner's server from other programs
}

/** The capability a lab host needs (the lab-network page marks hosts that are off). */
export function labHostNeeds(hostName: string): CapabilityId | undefined {
  if (hostName === 'localhost') return undefined;
  return hostName === 'silent.lab' ? 'silent-host' : 'lab-hosts';
}
