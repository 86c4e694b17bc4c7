// The event log's lines: what the fault agent, the scripted peers and the kernel rules report,
// in words a learner reads at a glance (who, what, how many bytes), in English (`text`) and in
// Japanese (`ja`): the page shows the one of its language.
import type { FaultEvent, KernelFault } from '../../schema/break-it.js';
import type { PeerEvent } from '../peers/peer-process.js';
import type { ProxyEvent } from '../fault-agent/fault-proxy.js';

const size = (n = 0) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

export function proxyEventText(e: ProxyEvent): FaultEvent {
  const source = `proxy ${e.proxy}`;
  const traffic = { en: `${size(e.bytesUp)} up, ${size(e.bytesDown)} down`, ja: `上り ${size(e.bytesUp)}、下り ${size(e.bytesDown)}` };
  const [text, ja] = {
    connect: [`connection from ${e.client}`, `${e.client} からの接続`],
    'upstream-unavailable': [
      `${e.client}: upstream is down, so the client reads EOF (not a refusal)`,
      `${e.client}: 接続先が止まっているので、クライアントは EOF を読みます(拒否ではありません)`,
    ],
    closed: [`${e.client} closed after ${traffic.en}`, `${e.client} が閉じました(${traffic.ja})`],
    reset: [`${e.client} reset after ${traffic.en}`, `${e.client} がリセットしました(${traffic.ja})`],
  }[e.kind];
  return { at: e.at, source, kind: e.kind, text, ja };
}

const KERNEL_VERBS: Partial<Record<KernelFault['type'], [kind: string, verb: string, ja: string]>> = {
  drop: ['dropped', 'dropped', '個を捨てました'],
  reject: ['refused', 'refused with a reset', '個をリセットで拒否しました'],
  'reset-after': ['reset', 'answered with a reset', '個にリセットで答えました'],
  'stall-after': ['dropped', 'dropped (stalled connection)', '個を捨てました(止まった接続)'],
  loss: ['lost', 'lost', '個を失いました'],
};

export function kernelEventText(fault: { id: string; label: string }, kernel: KernelFault, packets: number): FaultEvent {
  const [kind, verb, ja] = KERNEL_VERBS[kernel.type] ?? ['matched', 'matched', '個が一致しました'];
  return {
    at: Date.now(),
    source: fault.label,
    fault: fault.id,
    kind,
    text: `${packets} packet${packets === 1 ? '' : 's'} ${verb}`,
    ja: `パケット ${packets} ${ja}`,
  };
}

export function peerEventText(fault: { id: string; label: string }, e: PeerEvent): FaultEvent {
  const who = e.peer ? `${e.peer}: ` : '';
  const error = e.error ? ` (${e.error})` : '';
  const [text, ja] = {
    refusing: ['holding the port and refusing connects', 'ポートを確保し、接続を拒否しています'],
    listening: ['listening', '待ち受けています'],
    attempt: [
      `connect refused${e.left !== undefined && e.left > 0 ? ` (${e.left} more to refuse)` : ''}`,
      `接続を拒否しました${e.left !== undefined && e.left > 0 ? `(あと ${e.left} 回拒否します)` : ''}`,
    ],
    accept: [`accepted ${e.peer}`, `${e.peer} を受け付けました`],
    recv: [`${who}received ${size(e.bytes)}`, `${who}${size(e.bytes)} 受信しました`],
    send: [`${who}sent ${size(e.bytes)}`, `${who}${size(e.bytes)} 送信しました`],
    reset: [`${who}connection reset${error}`, `${who}接続がリセットされました${error}`],
    close: [`${who}closed by ${e.by ?? 'peer'}${error}`, `${who}${e.by === 'client' ? 'クライアント' : 'このサーバー'}が閉じました${error}`],
    note: [e.message ?? '', e.message ?? ''],
    error: [e.message ?? 'error', e.message ?? 'エラー'],
  }[e.event];
  return { at: e.at, source: fault.label, fault: fault.id, kind: e.event, text, ja };
}

/** The panel's own lines: a switch turned on or off. */
export function switchEventText(fault: { id: string; label: string }, on: boolean): FaultEvent {
  return { at: Date.now(), source: 'panel', fault: fault.id, kind: on ? 'on' : 'off', text: `${fault.label}: ${on ? 'on' : 'off'}`, ja: on ? 'オン' : 'オフ' };
}

/** A crash fault's line: which processes it killed. */
export function crashEventText(fault: { id: string; label: string }, pids: number[], port: number): FaultEvent {
  return {
    at: Date.now(),
    source: fault.label,
    fault: fault.id,
    kind: 'killed',
    text: `SIGKILL sent to pid ${pids.join(', ')} (listening on ${port})`,
    ja: `pid ${pids.join(', ')} に SIGKILL を送りました(ポート ${port} で待ち受け中)`,
  };
}
