// Kernel faults: the active set, turned into one nftables table, a tbf qdisc on loopback and
// routes, applied inside the session's namespace by an admin command. The learner's processes
// hold no capability over that namespace, so they can see these rules but never remove them.
import type { KernelFault } from '../../schema/break-it.js';
import { startHelper, type SessionNetwork } from '../process/launch.js';

export const NFT_TABLE = 'socketlab_faults';

/** A kernel fault with the id of the lesson fault it belongs to: rules carry it as their comment. */
export type NamedKernelFault = KernelFault & { id?: string };

/** nft rules for one fault (the table has one chain on output: on loopback every packet passes it). */
function rulesFor(fault: NamedKernelFault): string[] {
  const comment = fault.id ? ` comment "${fault.id}"` : '';
  return matchesFor(fault).map((rule) => `${rule}${comment}`);
}

function matchesFor(fault: KernelFault): string[] {
  switch (fault.type) {
    case 'drop':
      return [`tcp dport ${fault.port} counter drop`];
    case 'reject':
      return [`tcp dport ${fault.port} counter reject with tcp reset`];
    case 'reset-after':
      // The reset answers the client's next packet (data or ACK) once the connection has carried
      // `bytes`: the client's recv/send raises ConnectionResetError; the server is left half-open.
      return [`tcp dport ${fault.port} ct bytes > ${fault.bytes} counter reject with tcp reset`];
    case 'stall-after':
      return [`tcp dport ${fault.port} ct bytes > ${fault.bytes} counter drop`, `tcp sport ${fault.port} ct bytes > ${fault.bytes} counter drop`];
    case 'loss':
      return [
        `tcp dport ${fault.port} numgen random mod 100 < ${fault.percent} counter drop`,
        `tcp sport ${fault.port} numgen random mod 100 < ${fault.percent} counter drop`,
      ];
    case 'bandwidth':
    case 'route':
      return [];
  }
}

/** The whole nft script for a set of faults: replaces the lab's table atomically. */
export function nftScript(faults: NamedKernelFault[]): string {
  const rules = faults.flatMap(rulesFor);
  return [
    `table inet ${NFT_TABLE} {}`, // so the delete below never fails
    `delete table inet ${NFT_TABLE}`,
    ...(rules.length
      ? [`table inet ${NFT_TABLE} {`, '  chain output {', '    type filter hook output priority 0; policy accept;', ...rules.map((r) => `    ${r}`), '  }', '}']
      : []),
  ].join('\n');
}

/** Shell lines for tbf and routes, idempotent: they first remove what an earlier call set. */
export function shapingScript(faults: KernelFault[], previous: KernelFault[]): string {
  // Loopback's 64 KiB MTU makes single packets larger than any sane tbf burst (tbf would hold them
  // forever), so shaping runs at Ethernet's 1500 and the MTU goes back when the fault is cleared.
  const lines = ['tc qdisc del dev lo root 2>/dev/null || true', 'ip link set dev lo mtu 65536'];
  for (const old of previous) if (old.type === 'route') lines.push(`ip route del ${old.route} ${old.address} 2>/dev/null || true`);
  const bandwidth = faults.find((f) => f.type === 'bandwidth');
  // burst of a few full-size (1500-byte MTU) packets; latency bounds the queue so drops happen early.
  if (bandwidth?.type === 'bandwidth')
    lines.push('ip link set dev lo mtu 1500', `tc qdisc add dev lo root tbf rate ${bandwidth.kbit}kbit burst 6000 latency 500ms`);
  for (const f of faults) if (f.type === 'route') lines.push(`ip route add ${f.route} ${f.address}/32`);
  return lines.join('\n');
}

/** Applies the given faults (and only those) in the session's namespace. */
export async function applyKernelFaults(network: SessionNetwork, faults: NamedKernelFault[], previous: KernelFault[]): Promise<void> {
  const script = `set -e\nnft -f - <<'NFT'\n${nftScript(faults)}\nNFT\n${shapingScript(faults, previous)}\n`;
  await runAdmin(network, script).catch((err: Error) => {
    throw new Error(`the kernel rules could not be applied: ${err.message}`);
  });
}

/** Runs a shell script with the namespace's admin rights; resolves with its stdout. */
export function runAdmin(network: SessionNetwork, script: string): Promise<string> {
  if ('unavailable' in network.admin) return Promise.reject(new Error(`kernel faults ${network.admin.unavailable}`));
  const command = network.admin({ argv: ['/bin/sh', '-c', script], cwd: '/', env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
  return new Promise((resolve, reject) => {
    const child = startHelper(command);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr.trim() || `exit ${code}`))));
  });
}
