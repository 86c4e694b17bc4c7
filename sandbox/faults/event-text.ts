// The event log's lines: what the fault agent, the scripted peers and the kernel rules report,
// in words a learner reads at a glance (who, what, how many bytes).
import type { FaultEvent, KernelFault } from '../../schema/break-it.js';
import type { PeerEvent } from '../peers/peer-process.js';
import type { ProxyEvent } from '../fault-agent/fault-proxy.js';

const size = (n = 0) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

export function proxyEventText(e: ProxyEvent): FaultEvent {
  const source = `proxy ${e.proxy}`;
  const traffic = `${size(e.bytesUp)} up, ${size(e.bytesDown)} down`;
  const text = {
    connect: `connection from ${e.client}`,
    'upstream-unavailable': `${e.client}: upstream is down, so the client reads EOF (not a refusal)`,
    closed: `${e.client} closed after ${traffic}`,
    reset: `${e.client} reset after ${traffic}`,
  }[e.kind];
  return { at: e.at, source, kind: e.kind, text };
}

const KERNEL_VERBS: Partial<Record<KernelFault['type'], [kind: string, verb: string]>> = {
  drop: ['dropped', 'dropped'],
  reject: ['refused', 'refused with a reset'],
  'reset-after': ['reset', 'answered with a reset'],
  'stall-after': ['dropped', 'dropped (stalled connection)'],
  loss: ['lost', 'lost'],
};

export function kernelEventText(label: string, fault: KernelFault, packets: number): FaultEvent {
  const [kind, verb] = KERNEL_VERBS[fault.type] ?? ['matched', 'matched'];
  return { at: Date.now(), source: label, kind, text: `${packets} packet${packets === 1 ? '' : 's'} ${verb}` };
}

export function peerEventText(label: string, e: PeerEvent): FaultEvent {
  const who = e.peer ? `${e.peer}: ` : '';
  const text = {
    refusing: 'holding the port and refusing connects',
    listening: 'listening',
    attempt: `connect refused${e.left !== undefined && e.left > 0 ? ` (${e.left} more to refuse)` : ''}`,
    accept: `accepted ${e.peer}`,
    recv: `${who}received ${size(e.bytes)}`,
    send: `${who}sent ${size(e.bytes)}`,
    reset: `${who}connection reset${e.error ? ` (${e.error})` : ''}`,
    close: `${who}closed by ${e.by ?? 'peer'}${e.error ? ` (${e.error})` : ''}`,
    note: e.message ?? '',
    error: e.message ?? 'error',
  }[e.event];
  return { at: e.at, source: label, kind: e.event, text };
}
