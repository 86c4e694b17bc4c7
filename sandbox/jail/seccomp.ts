// The jail's seccomp filter, assembled here as classic BPF so a fresh machine needs no libseccomp.
// It blocks terminal injection (TIOCSTI/TIOCLINUX: CVE-2017-5226) and kernel surfaces a socket
// course never needs, and limits sockets to Unix/IPv4/IPv6. Everything else is allowed, so
// Ctrl-C, threads and asyncio behave exactly as outside.
import { arch } from 'node:process';

// Classic BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
const EPERM = 1;
const EAFNOSUPPORT = 97;

// Offsets in struct seccomp_data: nr (u32), arch (u32), ip (u64), args[6] (u64, little-endian).
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const argLow32 = (i: number) => 16 + 8 * i;

const AUDIT_ARCH_X86_64 = 0xc000003e;
const X32_SYSCALL_BIT = 0x40000000;

const TIOCSTI = 0x5412;
const TIOCLINUX = 0x541c;
const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const AF_NETLINK = 16;
const NETLINK_ROUTE = 0;
const NETLINK_SOCK_DIAG = 4;

/** x86_64 syscall numbers refused with EPERM. */
const BLOCKED_X86_64: Record<string, number> = {
  ptrace: 101,
  mount: 165,
  umount2: 166,
  pivot_root: 155,
  unshare: 272,
  setns: 308,
  kexec_load: 246,
  init_module: 175,
  finit_module: 313,
  delete_module: 176,
  add_key: 248,
  request_key: 249,
  keyctl: 250,
  personality: 135,
  perf_event_open: 298,
  bpf: 321,
  userfaultfd: 323,
  io_uring_setup: 425,
};
const SYS_IOCTL = 16;
const SYS_SOCKET = 41;

interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** An instruction whose jumps name labels; resolved to forward offsets at the end. */
type Step = { code: number; k: number; jt?: string; jf?: string } | { label: string };

export class SeccompUnsupportedError extends Error {}

/** Assembles labelled steps into classic BPF (which only jumps forward). */
function assemble(steps: Step[]): Insn[] {
  const at = new Map<string, number>();
  const insns: Array<Extract<Step, { code: number }>> = [];
  for (const step of steps) {
    if ('label' in step) at.set(step.label, insns.length);
    else insns.push(step);
  }
  const offset = (from: number, label?: string) => {
    if (label === undefined) return 0;
    const target = at.get(label);
    if (target === undefined || target <= from || target - from - 1 > 255) throw new Error(`seccomp: bad jump to ${label}`);
    return target - from - 1;
  };
  return insns.map((insn, i) => ({ code: insn.code, k: insn.k, jt: offset(i, insn.jt), jf: offset(i, insn.jf) }));
}

const load = (offset: number): Step => ({ code: LD_W_ABS, k: offset });
const ret = (k: number): Step => ({ code: RET_K, k });
const ifEqual = (k: number, then: string): Step => ({ code: JEQ_K, k, jt: then });

/** The filter as the bytes bwrap's `--seccomp FD` expects (an array of struct sock_filter). */
export function buildSeccompFilter(cpu: string = arch): Buffer {
  if (cpu !== 'x64') throw new SeccompUnsupportedError(`the jail's seccomp filter is built for x86_64 only (this is ${cpu})`);
  const prog = assemble([
    load(OFFSET_ARCH),
    { code: JEQ_K, k: AUDIT_ARCH_X86_64, jf: 'eperm' }, // other ABIs (i386) are refused
    load(OFFSET_NR),
    { code: JGE_K, k: X32_SYSCALL_BIT, jt: 'eperm' }, // the x32 ABI is refused
    ...Object.values(BLOCKED_X86_64).map((nr) => ifEqual(nr, 'eperm')),
    ifEqual(SYS_IOCTL, 'ioctl'),
    ifEqual(SYS_SOCKET, 'socket'),
    ret(RET_ALLOW),
    // ioctl: the request is an unsigned int, so the kernel looks at the low 32 bits only; so do we.
    { label: 'ioctl' },
    load(argLow32(1)),
    ifEqual(TIOCSTI, 'eperm'),
    ifEqual(TIOCLINUX, 'eperm'),
    ret(RET_ALLOW),
    // socket(domain, type, protocol): Unix, IPv4, IPv6, and netlink for reading only: routes and
    // addresses (ip addr, ip route) and socket lists (ss). Changing anything there needs
    // CAP_NET_ADMIN, which the learner does not have. No packet sockets, no other netlink families.
    { label: 'socket' },
    load(argLow32(0)),
    ifEqual(AF_UNIX, 'allow'),
    ifEqual(AF_INET, 'allow'),
    ifEqual(AF_INET6, 'allow'),
    ifEqual(AF_NETLINK, 'netlink'),
    ret(RET_ERRNO | EAFNOSUPPORT),
    { label: 'netlink' },
    load(argLow32(2)),
    ifEqual(NETLINK_ROUTE, 'allow'),
    ifEqual(NETLINK_SOCK_DIAG, 'allow'),
    ret(RET_ERRNO | EAFNOSUPPORT),
    { label: 'allow' },
    ret(RET_ALLOW),
    { label: 'eperm' },
    ret(RET_ERRNO | EPERM),
  ]);
  const out = Buffer.alloc(prog.length * 8);
  prog.forEach((insn, i) => {
    out.writeUInt16LE(insn.code, i * 8);
    out.writeUInt8(insn.jt, i * 8 + 2);
    out.writeUInt8(insn.jf, i * 8 + 3);
    out.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return out;
}

export const SECCOMP_BLOCKED_SYSCALLS = Object.keys(BLOCKED_X86_64);
