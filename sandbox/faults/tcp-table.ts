// The TCP sockets of a network namespace, read from its /proc/<pid>/net/tcp and tcp6: the live
// table of the Break-it panel (LISTEN, ESTABLISHED, TIME_WAIT, CLOSE_WAIT…).
import { readFile } from 'node:fs/promises';
import type { TcpSocket } from '../../schema/break-it.js';

/** The kernel's state numbers (include/net/tcp_states.h), named as `ss` and textbooks name them. */
const STATES: Record<number, string> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
};

/** "0100007F:FF98" → "127.0.0.1:65432" (IPv4: one little-endian word; IPv6: four of them). */
export function decodeAddress(hex: string): string {
  const [addr, portHex] = hex.split(':');
  const port = parseInt(portHex, 16);
  const words = addr.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) =>
    w
      .match(/../g)!
      .reverse()
      .map((b) => parseInt(b, 16)),
  );
  if (bytes.length === 4) return `${bytes.join('.')}:${port}`;
  // ::ffff:a.b.c.d is an IPv4 peer of a dual-stack socket: show it as IPv4.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `${bytes.slice(12).join('.')}:${port}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `[${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}]:${port}`;
}

/** The whitespace-separated fields of each socket line (the header line skipped). */
function socketLines(text: string): string[][] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && f[0].endsWith(':'));
}

/** Socket inodes of the listeners on `port` (field 10 of each line): how to find their owners. */
export function listenerInodes(text: string, port: number): number[] {
  return socketLines(text)
    .filter((f) => f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port && f.length > 9)
    .map((f) => Number(f[9]));
}

/** Parses the text of /proc/net/tcp or tcp6. */
export function parseProcNetTcp(text: string): TcpSocket[] {
  return socketLines(text).map((f) => {
    const [tx, rx] = f[4].split(':').map((n) => parseInt(n, 16));
    return { local: decodeAddress(f[1]), remote: decodeAddress(f[2]), state: STATES[parseInt(f[3], 16)] ?? `STATE_${f[3]}`, sendQueue: tx, receiveQueue: rx };
  });
}

const ORDER = ['LISTEN', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'CLOSE_WAIT', 'FIN_WAIT1', 'FIN_WAIT2', 'LAST_ACK', 'CLOSING', 'TIME_WAIT', 'CLOSE'];
const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));
/** A state the table does not know goes last. */
const rank = (state: string) => (ORDER.includes(state) ? ORDER.indexOf(state) : ORDER.length);

/** Reads both tables of a namespace, listeners first, then by port: a stable order for the eye. */
export async function readTcpTable(procNetDir: string): Promise<TcpSocket[]> {
  const texts = await Promise.all(['tcp', 'tcp6'].map((f) => readFile(`${procNetDir}/${f}`, 'utf8').catch(() => '')));
  return texts.flatMap(parseProcNetTcp).sort((a, b) => rank(a.state) - rank(b.state) || portOf(a.local) - portOf(b.local) || a.remote.localeCompare(b.remote));
}
