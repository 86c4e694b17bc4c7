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

const stmt = (code: number, k: number): Insn => ({ code, jt: 0, jf: 0, k });
const jump = (code: number, k: number, jt: number, jf: number): Insn => ({ code, jt, jf, k });

export class SeccompUnsupportedError extends Error {}

/** The filter as the bytes bwrap's `--seccomp FD` expects (an array of struct sock_filter). */
export function buildSeccompFilter(cpu: string = arch): Buffer {
  if (cpu !== 'x64') throw new SeccompUnsupportedError(`the jail's seccomp filter is built for x86_64 only (this is ${cpu})`);
  const blocked = Object.values(BLOCKED_X86_64);
  // Layout: [header 4] [blocked checks n] [ioctl jump] [socket jump] [allow] [ioctl block 4] [socket block 6] [eperm]
  // Classic BPF only jumps forward, so each block ends with its own return.
  const prog: Insn[] = [];
  const n = blocked.length;
  const allowAt = 4 + n + 2;
  const ioctlAt = allowAt + 1;
  const socketAt = ioctlAt + 4;
  const epermAt = socketAt + 6;
  const to = (from: number, target: number) => target - from - 1;

  prog.push(stmt(LD_W_ABS, OFFSET_ARCH)); // 0
  prog.push(jump(JEQ_K, AUDIT_ARCH_X86_64, 0, to(1, epermAt))); // 1: other ABIs (i386) are refused
  prog.push(stmt(LD_W_ABS, OFFSET_NR)); // 2
  prog.push(jump(JGE_K, X32_SYSCALL_BIT, to(3, epermAt), 0)); // 3: the x32 ABI is refused
  blocked.forEach((nr, i) => prog.push(jump(JEQ_K, nr, to(4 + i, epermAt), 0)));
  prog.push(jump(JEQ_K, SYS_IOCTL, to(4 + n, ioctlAt), 0));
  prog.push(jump(JEQ_K, SYS_SOCKET, to(5 + n, socketAt), 0));
  prog.push(stmt(RET_K, RET_ALLOW)); // allowAt
  // ioctl: the request is an unsigned int, so the kernel looks at the low 32 bits only; so do we.
  prog.push(stmt(LD_W_ABS, argLow32(1)));
  prog.push(jump(JEQ_K, TIOCSTI, to(ioctlAt + 1, epermAt), 0));
  prog.push(jump(JEQ_K, TIOCLINUX, to(ioctlAt + 2, epermAt), 0));
  prog.push(stmt(RET_K, RET_ALLOW));
  // socket(domain, …): Unix, IPv4 and IPv6 only (no netlink or packet sockets).
  prog.push(stmt(LD_W_ABS, argLow32(0)));
  prog.push(jump(JEQ_K, AF_UNIX, to(socketAt + 1, socketAt + 5), 0));
  prog.push(jump(JEQ_K, AF_INET, to(socketAt + 2, socketAt + 5), 0));
  prog.push(jump(JEQ_K, AF_INET6, to(socketAt + 3, socketAt + 5), 0));
  prog.push(stmt(RET_K, RET_ERRNO | EAFNOSUPPORT));
  prog.push(stmt(RET_K, RET_ALLOW));
  prog.push(stmt(RET_K, RET_ERRNO | EPERM)); // epermAt
  if (prog.length !== epermAt + 1) throw new Error('seccomp program layout is inconsistent');

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
