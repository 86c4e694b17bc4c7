// Can this machine run the jail? Checks the tools and actually creates the namespaces once,
// because "installed" is not "allowed" (containers, Ubuntu's AppArmor userns restriction).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { SandboxNotice } from '../../schema/wire.js';
import { USR_MERGED_ROOT } from './bwrap-args.js';

export type JailCheck = { ok: true } | ({ ok: false } & SandboxNotice);

const TOOLS: Array<{ path: string; pkg: string }> = [
  { path: '/usr/bin/bwrap', pkg: 'bubblewrap' },
  { path: '/usr/bin/unshare', pkg: 'util-linux' },
  { path: '/usr/bin/nsenter', pkg: 'util-linux' },
  { path: '/usr/bin/setpriv', pkg: 'util-linux' },
  { path: '/usr/bin/prlimit', pkg: 'util-linux' },
  { path: '/usr/sbin/ip', pkg: 'iproute2' },
];

function runs(argv: string[]): { ok: boolean; stderr: string } {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return { ok: result.status === 0, stderr: (result.stderr ?? String(result.error ?? '')).trim() };
}

export function checkJail(): JailCheck {
  if (process.platform !== 'linux') {
    return { ok: false, reason: `the sandbox needs Linux namespaces; this is ${process.platform}`, fix: 'run the lab on Linux (or in a Linux VM/WSL2)' };
  }
  const missing = TOOLS.filter((t) => !existsSync(t.path));
  if (missing.length) {
    const pkgs = [...new Set(missing.map((t) => t.pkg))].join(' ');
    return { ok: false, reason: `missing ${missing.map((t) => t.path).join(', ')}`, fix: `sudo apt-get install -y ${pkgs}` };
  }
  if (!existsSync('/dev/net/tun')) {
    return { ok: false, reason: '/dev/net/tun is missing (needed for the lab network)', fix: 'load the tun module (modprobe tun) or enable CONFIG_TUN' };
  }
  const userns = runs(['unshare', '--user', '--map-root-user', '--net', 'true']);
  if (!userns.ok) {
    return {
      ok: false,
      reason: `user namespaces are not allowed here (${userns.stderr || 'unshare failed'})`,
      fix: 'on Ubuntu 24.04: sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0; in a container: run it with user namespaces allowed',
    };
  }
  const bwrap = runs(['bwrap', '--unshare-all', ...USR_MERGED_ROOT, '/usr/bin/true']);
  if (!bwrap.ok) {
    return {
      ok: false,
      reason: `bubblewrap cannot create a sandbox (${bwrap.stderr})`,
      fix: 'see https://github.com/containers/bubblewrap#installation (AppArmor or container restrictions)',
    };
  }
  return { ok: true };
}
