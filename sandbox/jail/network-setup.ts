// The script every session's holder runs as root of its new user namespace: it builds the lab
// network, mounts the session's /proc, /tmp and /dev/shm (shared by all its terminals: a session is
// one machine), then becomes the session's init. The learner's processes hold no capability over
// these namespaces, so they cannot undo any of it.
import { shellQuote } from '../process/shell-quote.js';
import { PROHIBITED_NET, SILENT_NET, TCP_SYN_RETRIES, UNREACHABLE_NET } from '../../schema/lab-network.js';

/** Where the holder mounts the session's shared tmpfs folders (in its own mount namespace only). */
export interface SessionMounts {
  tmp: string;
  shm: string;
  tmpBytes: number;
  shmBytes: number;
}

/**
 * pid 1 of the session: reaps every orphan (so daemonised programs leave no zombies) and makes
 * itself non-dumpable, so the learner (same host uid) cannot read its /proc/1/root, cwd or environ.
 * SIGCHLD stays blocked and is taken with sigtimedwait: no race between "no child" and sleeping.
 */
const INIT_PY = [
  'import ctypes, os, signal',
  'ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)',
  'signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})',
  'print("ready", flush=True)',
  'while True:',
  '    try:',
  '        while os.waitpid(-1, os.WNOHANG)[0]: pass',
  '    except ChildProcessError: pass',
  '    signal.sigtimedwait({signal.SIGCHLD}, 60)',
].join('\n');

/** One line per optional piece, read by the holder: `cap <id> ok` or `cap <id> off <why>`. */
export const CAP_LINE = /^cap (\S+) (ok|off)(?: (.*))?$/;

export function networkSetupScript(python: string, mounts: SessionMounts): string {
  const v = SILENT_NET;
  return [
    'set -e',
    'ip link set lo up',
    // tbf shaping needs a realistic MTU: 64 KiB loopback frames would pass a small bucket whole.
    'ip link set lo mtu 1500',
    `ip route add unreachable ${UNREACHABLE_NET}`,
    `ip route add prohibit ${PROHIBITED_NET}`,
    `echo ${TCP_SYN_RETRIES} > /proc/sys/net/ipv4/tcp_syn_retries`,
    // The silent host: optional, so a kernel without veth still gets every other lab host.
    `if err=$(ip link add ${v.device} type veth peer name ${v.peer} 2>&1); then`,
    `  echo 1 > /proc/sys/net/ipv6/conf/${v.device}/disable_ipv6 2>/dev/null || true`,
    `  echo 1 > /proc/sys/net/ipv6/conf/${v.peer}/disable_ipv6 2>/dev/null || true`,
    `  ip addr add ${v.cidr} dev ${v.device} && ip link set ${v.device} up && ip link set ${v.peer} up`,
    `  ip neigh replace ${v.hostAddress} lladdr ${v.hostMac} dev ${v.device} nud permanent`,
    '  echo "cap silent-host ok"',
    'else',
    '  echo "cap silent-host off the kernel refused a veth pair: $err"',
    'fi',
    // A fresh /proc for the session's pid namespace, and its shared /tmp and /dev/shm.
    'mount -t proc proc /proc',
    `mount -t tmpfs -o size=${mounts.tmpBytes},mode=1777 session-tmp ${mounts.tmp}`,
    `mount -t tmpfs -o size=${mounts.shmBytes},mode=1777 session-shm ${mounts.shm}`,
    `exec ${shellQuote(python)} -I -S -c ${shellQuote(INIT_PY)}`,
  ].join('\n');
}
