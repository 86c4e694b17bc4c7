// The commands that build the lab network inside a session's namespace. They run as root of the
// holder's user namespace before anything of the learner's starts; the learner's processes have no
// capability over this namespace, so they cannot undo any of it.
import { PROHIBITED_NET, SILENT_NET, TCP_SYN_RETRIES, UNREACHABLE_NET } from '../../schema/lab-network.js';

export function networkSetupScript(): string {
  return [
    'set -e',
    'ip link set lo up',
    // tbf shaping needs a realistic MTU: 64 KiB loopback frames would pass a small bucket whole.
    'ip link set lo mtu 1500',
    `ip tuntap add dev ${SILENT_NET.device} mode tun`,
    `ip addr add ${SILENT_NET.cidr} dev ${SILENT_NET.device}`,
    `ip link set ${SILENT_NET.device} up`,
    `ip route add unreachable ${UNREACHABLE_NET}`,
    `ip route add prohibit ${PROHIBITED_NET}`,
    `echo ${TCP_SYN_RETRIES} > /proc/sys/net/ipv4/tcp_syn_retries`,
    'echo ready',
    'exec sleep infinity',
  ].join('\n');
}
