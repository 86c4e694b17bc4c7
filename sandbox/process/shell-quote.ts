// Quoting for /bin/sh: the jail's wrapper is a one-line sh script that joins cgroups, opens the
// seccomp filter on fd 9, then execs the real command.
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(argv: string[]): string {
  return argv.map(shellQuote).join(' ');
}
