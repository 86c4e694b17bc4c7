// Plain-language descriptions of Break-it faults, shown under each toggle in the panel so the
// learner sees exactly what a switch does (and can reproduce it with curl or nft at work). One
// phrase book per language; tool names, ports and addresses stay as they are.
import { type BreakIt, type KernelFault, type LessonFault, type PeerBehaviour, type PeerSpec } from './break-it.js';
import type { Lang } from './langs.js';

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

interface Phrases {
  kernel(fault: KernelFault): string;
  peer: Record<PeerBehaviour, string>;
  peerOn(port: number, habit: string): string;
  proxy(name: string, route?: string): string;
  toxic(type: string, settings: string, proxy: string, stream: string, percent?: number): string;
  proxyDown(proxy: string): string;
  crash(port: number, restart?: string, restartAfterS?: number): string;
}

const PHRASES: Record<Lang, Phrases> = {
  en: {
    kernel(fault) {
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
    },
    peer: {
      echo: 'a well-behaved echo server: the baseline',
      'refuse-first': 'refuses the first `count` connects, then accepts and echoes',
      'never-answer': 'accepts and reads, but never answers',
      slow: 'answers each message after `delay` ms',
      'one-byte': 'answers in 1-byte pieces, `delay` ms apart',
      'reset-after-first': 'answers the first message, then resets the connection',
      'close-mid-message': 'sends the first half of its answer, then closes',
      'hold-port': 'just holds the port, so binding it fails with "address already in use"',
    },
    peerOn: (port, habit) => `a server on 127.0.0.1:${port} that ${habit}`,
    proxy: (name, route) => (route ? `proxy ${name} (${route})` : `proxy ${name}`),
    toxic: (type, settings, proxy, stream, percent) =>
      `${type}${settings ? ` (${settings})` : ''} on ${proxy}, ${stream}${percent !== undefined ? `, on ${percent}% of connections` : ''}`,
    proxyDown: (proxy) => `${proxy} disabled: new connects refused, open ones closed`,
    crash: (port, restart, after) =>
      `SIGKILL for the process listening on port ${port}, like a crash` +
      (restart ? (after !== undefined ? `; "${restart}" runs again ${after} s later` : `; switching it off runs "${restart}" again`) : ''),
  },
  ja: {
    kernel(fault) {
      switch (fault.type) {
        case 'drop':
          return `nftables: ポート ${fault.port} 宛てのパケットを黙って捨てます`;
        case 'reject':
          return `nftables: ポート ${fault.port} への接続に TCP リセットで答えます`;
        case 'reset-after':
          return `nftables: ポート ${fault.port} への接続が ${fault.bytes} バイト運んだところで TCP リセットを送ります`;
        case 'stall-after':
          return `nftables: ポート ${fault.port} への接続が ${fault.bytes} バイト運んだあとは、パケットをすべて捨てます`;
        case 'loss':
          return `nftables: ポート ${fault.port} を出入りするパケットの ${fault.percent}% をランダムに失います`;
        case 'bandwidth':
          return `tc: すべての通信を ${fault.kbit} kbit/s に絞ります`;
        case 'route':
          return `route: ${fault.address} は${fault.route === 'unreachable' ? '到達不能' : '禁止'}です`;
      }
    },
    peer: {
      echo: '行儀のよいエコーサーバー(比較の基準)',
      'refuse-first': '最初の `count` 回の接続を拒否し、そのあとは受け付けてエコーする',
      'never-answer': '受け付けて読むが、決して返事をしない',
      slow: 'どのメッセージにも `delay` ms 後に答える',
      'one-byte': '1 バイトずつ、`delay` ms おきに答える',
      'reset-after-first': '最初のメッセージに答えたあと、接続をリセットする',
      'close-mid-message': '答えの前半だけを送って、接続を閉じる',
      'hold-port': 'ポートを確保しているだけなので、そのポートへの bind は "address already in use" で失敗する',
    },
    peerOn: (port, habit) => `127.0.0.1:${port} のサーバー: ${habit}`,
    proxy: (name, route) => (route ? `プロキシ ${name} (${route})` : `プロキシ ${name}`),
    toxic: (type, settings, proxy, stream, percent) =>
      `${proxy} の ${stream} に ${type}${settings ? ` (${settings})` : ''}${percent !== undefined ? `、接続の ${percent}% で` : ''}`,
    proxyDown: (proxy) => `${proxy} を無効化: 新しい接続は拒否され、開いている接続は閉じられます`,
    crash: (port, restart, after) =>
      `ポート ${port} で待ち受けているプロセスに SIGKILL(クラッシュと同じ)` +
      (restart ? (after !== undefined ? `。${after} 秒後に「${restart}」がもう一度実行されます` : `。オフにすると「${restart}」がもう一度実行されます`) : ''),
  },
};

function peerText(peer: PeerSpec, words: Phrases): string {
  const habit = words.peer[peer.behaviour].replace('`count`', String(peer.count)).replace('`delay`', String(peer.delay));
  return words.peerOn(peer.port, habit);
}

/** One line saying what switching the fault on does, in `lang`. */
export function describeFault(fault: LessonFault, proxies: BreakIt['proxies'], lang: Lang = 'en'): string {
  const words = PHRASES[lang];
  const proxyText = (name: string) => {
    const proxy = proxies.find((p) => p.name === name);
    return words.proxy(name, proxy && `${proxy.listen} → ${proxy.upstream}`);
  };
  if ('toxic' in fault) {
    const { type, attributes, stream, toxicity } = fault.toxic;
    const settings = Object.entries(attributes).map(([key, value]) => `${key} ${value}${ATTRIBUTE_UNITS[key] ? ` ${ATTRIBUTE_UNITS[key]}` : ''}`);
    return words.toxic(type, settings.join(', '), proxyText(fault.toxic.proxy), stream, toxicity < 1 ? Math.round(toxicity * 100) : undefined);
  }
  if ('proxyDown' in fault) return words.proxyDown(proxyText(fault.proxyDown));
  if ('kernel' in fault) return words.kernel(fault.kernel);
  if ('crash' in fault) {
    const { port, restart, restartAfter } = fault.crash;
    return words.crash(port, restart, restartAfter !== undefined ? restartAfter / 1000 : undefined);
  }
  return peerText(fault.peer, words);
}
