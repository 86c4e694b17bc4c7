// The lab network: named hosts inside every session's private network namespace, each one a
// situation from the course. One table feeds the jail (hosts file, routes, the silent link) and the
// site's "The lab network" page, so what the page promises is what the sandbox builds.
import type { Lang } from './langs.js';

/** Words the page shows, in every language the site has. */
type Words = Readonly<Record<Lang, string>>;

export interface LabHost {
  name: string;
  address: string;
  /** What a Python client sees when it connects to a port on this host. */
  outcome: Words;
  /** The exception class a learner should catch (Python's name). */
  exception: string;
  /** The errno name, where the class alone (OSError) does not say which failure it is. */
  errno?: string;
  why: Words;
}

/** Kernel retries for an unanswered SYN: 2 makes the kernel's own connect timeout about 7 s, not 2 minutes. */
export const TCP_SYN_RETRIES = 2;

/**
 * A network that exists but has nobody on it: one end of a veth pair with a fixed neighbour entry
 * for silent.lab, so SYNs leave without an ARP question (which would fail with EHOSTUNREACH); the
 * other end has no address and the namespace does not forward, so they vanish. A veth needs no
 * device file, so this works where /dev/net/tun is root-only.
 */
export const SILENT_NET = { device: 'lab0', peer: 'lab0-void', cidr: '198.18.0.1/24', hostAddress: '198.18.0.2', hostMac: '02:00:5e:00:00:02' };
export const UNREACHABLE_NET = '198.18.1.0/24';
export const PROHIBITED_NET = '198.18.2.0/24';

export const LAB_HOSTS: LabHost[] = [
  {
    name: 'localhost',
    address: '127.0.0.1',
    outcome: { en: 'your own programs: servers you start listen here', ja: 'あなた自身のプログラム: 起動したサーバーはここで待ち受けます' },
    exception: '',
    why: {
      en: 'loopback inside your private network namespace: port 65432 is yours alone',
      ja: 'あなた専用のネットワーク名前空間の中のループバック: ポート 65432 はあなただけのものです',
    },
  },
  {
    name: 'closed.lab',
    address: '127.0.0.2',
    outcome: { en: 'connection refused at once', ja: 'すぐに接続を拒否されます' },
    exception: 'ConnectionRefusedError',
    why: {
      en: 'the host exists but nothing listens: its kernel answers the SYN with a reset',
      ja: 'ホストはあるが誰も待ち受けていない: カーネルが SYN にリセットで答えます',
    },
  },
  {
    name: 'silent.lab',
    address: SILENT_NET.hostAddress,
    outcome: {
      en: 'connect hangs until your timeout (or the kernel gives up after about 7 s)',
      ja: '接続は自分のタイムアウトまで止まったまま(またはカーネルが約 7 秒であきらめる)',
    },
    exception: 'TimeoutError',
    why: {
      en: 'packets go out on a link nobody reads: no answer, no error, just silence',
      ja: 'パケットは誰も読まない回線へ出ていく: 返事もエラーもなく、ただ沈黙',
    },
  },
  {
    name: 'unreachable.lab',
    address: '198.18.1.1',
    outcome: { en: 'fails at once: no route to host', ja: 'すぐに失敗: ホストへの経路がありません' },
    exception: 'OSError',
    errno: 'EHOSTUNREACH',
    why: {
      en: 'a route marks the network unreachable, as a router would with an ICMP error',
      ja: 'ルーターが ICMP エラーで知らせるのと同じく、経路がそのネットワークを到達不能にしています',
    },
  },
  {
    name: 'blocked.lab',
    address: '198.18.2.1',
    outcome: { en: 'fails at once: permission denied by the network', ja: 'すぐに失敗: ネットワークに拒否されます' },
    exception: 'PermissionError',
    errno: 'EACCES',
    why: {
      en: 'a route marks the network administratively prohibited, as a firewall would',
      ja: 'ファイアウォールと同じく、経路がそのネットワークを管理上禁止にしています',
    },
  },
  {
    name: 'offline.lab',
    address: '203.0.113.10',
    outcome: { en: 'fails at once: network is unreachable', ja: 'すぐに失敗: ネットワークに到達できません' },
    exception: 'OSError',
    errno: 'ENETUNREACH',
    why: {
      en: 'there is no route to that network at all (as on a machine with no connection)',
      ja: 'そのネットワークへの経路がまったくありません(接続のないマシンと同じ)',
    },
  },
];

/** Names that are deliberately missing: resolving them raises socket.gaierror. */
export const UNKNOWN_HOST_EXAMPLE = 'nowhere.lab';
/** An address that is not on this machine: binding to it raises OSError (EADDRNOTAVAIL). */
export const FOREIGN_ADDRESS = '198.51.100.7';

/** The jail's /etc/hosts. */
export function hostsFile(): string {
  const lines = LAB_HOSTS.map((h) => `${h.address}\t${h.name}${h.name === 'localhost' ? ' lab' : ''}`);
  return `${lines.join('\n')}\n::1\tlocalhost ip6-localhost\n`;
}
