// Plain-English descriptions of Break-it faults, shown under each toggle in the panel so the
// learner sees exactly what a switch does (and can reproduce it with curl or nft at work).
import { PEER_BEHAVIOURS, type BreakIt, type KernelFault, type LessonFault, type PeerSpec } from './break-it.js';

/** Units of toxic attributes, as Toxiproxy defines them. */
const ATTRIBUTE_UNITS: Record<string, string> = {
  latency: 'ms',
  jitter: 'ms',
  delay: 'ms',
  timeout: 'ms',
  rate: 'KB/s',
  bytes: 'bytes',
  average_size: 'bytes',
  size_variation: 'bytes',
};

function kernelText(fault: KernelFault): string {
  switch (fault.type) {
    case 'drop':
      return `nftables: packets to port ${fault.port} silently dropped`;
    case 'reject':
      return `nftables: connects to port ${fault.port} answered with a TCP reset`;
    case 'reset-after':
      return `nftables: a TCP reset once a connection to port ${fault.port} has carried ${fault.bytes} bytes`;
    case 'stall-after':
      return `nftables: all packets dropped once a connection to port ${fault.port} has carried ${fault.bytes} bytes`;
    case 'loss':
      return `nftables: ${fault.percent}% of packets to or from port ${fault.port} lost at random`;
    case 'bandwidth':
      return `tc: all traffic squeezed to ${fault.kbit} kbit/s`;
    case 'route':
      return `route: ${fault.address} is ${fault.route === 'unreachable' ? 'unreachable' : 'prohibited'}`;
  }
}

function peerText(peer: PeerSpec): string {
  const habit = PEER_BEHAVIOURS[peer.behaviour].replace('`count`', String(peer.count)).replace('`delay`', String(peer.delay));
  return `a server on 127.0.0.1:${peer.port} that ${habit}`;
}

/** One line saying what switching the fault on does. */
export function describeFault(fault: LessonFault, proxies: BreakIt['proxies']): string {
  const proxyText = (name: string) => {
    const proxy = proxies.find((p) => p.name === name);
    return proxy ? `proxy ${name} (${proxy.listen} → ${proxy.upstream})` : `proxy ${name}`;
  };
  if ('toxic' in fault) {
    const { type, attributes, stream, toxicity } = fault.toxic;
    const settings = Object.entries(attributes).map(([key, value]) => `${key} ${value}${ATTRIBUTE_UNITS[key] ? ` ${ATTRIBUTE_UNITS[key]}` : ''}`);
    const odds = toxicity < 1 ? `, on ${Math.round(toxicity * 100)}% of connections` : '';
    return `${type}${settings.length ? ` (${settings.join(', ')})` : ''} on ${proxyText(fault.toxic.proxy)}, ${stream}${odds}`;
  }
  if ('proxyDown' in fault) return `${proxyText(fault.proxyDown)} disabled: new connects refused, open ones closed`;
  if ('kernel' in fault) return kernelText(fault.kernel);
  if ('crash' in fault) {
    const { port, restart, restartAfter } = fault.crash;
    const back = restart
      ? restartAfter !== undefined
        ? `; "${restart}" runs again ${restartAfter / 1000} s later`
        : `; switching it off runs "${restart}" again`
      : '';
    return `SIGKILL for the process listening on port ${port}, like a crash${back}`;
  }
  return peerText(fault.peer);
}
