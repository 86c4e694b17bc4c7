// What this host offers, piece by piece, for `npm run doctor`: each probe runs the real thing
// (creates the namespace, loads node-pty, runs bwrap) rather than looking for a file, and says
// the exact command that fixes what is missing. The lab's own capabilities come from the
// self-test; these are the pieces underneath, so a teacher can see *why* one is off.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { buildSeccompFilter } from '../jail/seccomp.js';
import { PythonMissingError, resolvePython } from '../process/python.js';
import { BUBBLEWRAP, CHROMIUM, NETCAT, NFTABLES } from '../setup/system-packages.js';

export interface HostProbe {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Without it the lab cannot serve at all (not even degraded). */
  essential?: boolean;
}

/** A uid like a session's (when root), so a namespace probe takes the path a session takes. */
const PROBE_UID = 199_999;

function runs(argv: string[]): { ok: boolean; output: string } {
  const asSession = process.getuid?.() === 0 ? ['setpriv', `--reuid=${PROBE_UID}`, `--regid=${PROBE_UID}`, '--clear-groups'] : [];
  const full = [...asSession, ...argv];
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, output: `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim().split('\n').pop() ?? '' };
}

function namespaceProbe(name: string, flags: string[]): HostProbe {
  const r = runs(['unshare', '--user', '--map-root-user', ...flags, 'true']);
  return {
    name,
    ok: r.ok,
    detail: r.ok ? 'can be created by an unprivileged uid' : r.output,
    fix: r.ok ? undefined : 'sudo sysctl kernel.unprivileged_userns_clone=1 (Debian) or kernel.apparmor_restrict_unprivileged_userns=0 (Ubuntu 24.04)',
  };
}

function cgroupProbe(): HostProbe {
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    const controllers = readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8').trim().split(/\s+/);
    const wanted = ['memory', 'pids', 'cpu'];
    const missing = wanted.filter((c) => !controllers.includes(c));
    return {
      name: 'cgroups',
      ok: missing.length === 0,
      detail: `v2 with ${controllers.join(', ') || 'no controllers'}`,
      fix: missing.length ? `enable the ${missing.join(', ')} controller(s) for the lab's cgroup` : undefined,
    };
  }
  const v1 = ['memory', 'pids', 'cpu'].map((c) => ({ c, ok: existsSync(`/sys/fs/cgroup/${c}/cgroup.procs`) }));
  const present = v1.filter((x) => x.ok).map((x) => x.c);
  if (!present.length)
    return { name: 'cgroups', ok: false, detail: 'no cgroup filesystem mounted', fix: 'mount cgroup2 on /sys/fs/cgroup (systemd does this by default)' };
  const missing = v1.filter((x) => !x.ok).map((x) => x.c);
  return {
    name: 'cgroups',
    ok: missing.length === 0,
    detail: `v1 with ${present.join(', ')}`,
    fix: missing.length ? `mount the cgroup v1 ${missing.join(', ')} controller(s)` : undefined,
  };
}

function tunProbe(): HostProbe {
  if (!existsSync('/dev/net/tun')) return { name: 'tun', ok: true, detail: 'absent — not needed: silent.lab uses a veth pair' };
  const mode = (statSync('/dev/net/tun').mode & 0o777).toString(8);
  return { name: 'tun', ok: true, detail: `/dev/net/tun mode ${mode} — not needed: silent.lab uses a veth pair` };
}

function packageProbe(name: string, pkg: { name: string; provides: string; why: string }, essential = false): HostProbe {
  const ok = existsSync(pkg.provides);
  return { name, ok, detail: ok ? pkg.provides : `missing: ${pkg.why}`, fix: ok ? undefined : `sudo apt-get install -y ${pkg.name}`, essential };
}

async function nodePtyProbe(): Promise<HostProbe> {
  try {
    const pty = await import('node-pty');
    const child = pty.spawn('/bin/sh', ['-c', 'echo pty-ok'], { cols: 40, rows: 5 });
    const seen = await new Promise<string>((resolve) => {
      let out = '';
      child.onData((d) => (out += d));
      child.onExit(() => resolve(out));
      setTimeout(() => resolve(out), 5000);
    });
    if (!seen.includes('pty-ok')) throw new Error('a test shell printed nothing');
    return { name: 'node-pty', ok: true, detail: 'native build loads and runs a shell', essential: true };
  } catch (err) {
    return { name: 'node-pty', ok: false, detail: (err as Error).message, fix: 'npm rebuild node-pty (needs make, g++ and python3)', essential: true };
  }
}

export async function probeHost(): Promise<HostProbe[]> {
  const probes: HostProbe[] = [
    namespaceProbe('user namespaces', []),
    namespaceProbe('network namespaces', ['--net']),
    namespaceProbe('pid namespaces', ['--pid', '--fork']),
    namespaceProbe('mount namespaces', ['--mount']),
    packageProbe('bubblewrap', BUBBLEWRAP),
  ];
  try {
    buildSeccompFilter();
    probes.push({ name: 'seccomp', ok: true, detail: `filter built for ${process.arch}` });
  } catch (err) {
    probes.push({ name: 'seccomp', ok: false, detail: (err as Error).message, fix: 'run the lab on an x86_64 machine for the sandbox' });
  }
  probes.push(
    cgroupProbe(),
    tunProbe(),
    packageProbe('nftables', NFTABLES),
    packageProbe('tc (iproute2)', { name: 'iproute2', provides: '/usr/sbin/tc', why: 'traffic shaping' }),
  );
  probes.push(packageProbe('nc', NETCAT));
  probes.push({
    name: 'running as root',
    ok: process.getuid?.() === 0,
    detail: process.getuid?.() === 0 ? 'yes: sessions get uids, tmpfs workspaces and cgroups' : `no (uid ${process.getuid?.()})`,
    fix: 'sudo npm start',
  });
  try {
    const python = resolvePython();
    probes.push({ name: 'python', ok: true, detail: `${python.version} at ${python.executable}`, essential: true });
  } catch (err) {
    probes.push({
      name: 'python',
      ok: false,
      detail: err instanceof PythonMissingError ? 'not found' : (err as Error).message,
      fix: 'sudo apt-get install -y python3',
      essential: true,
    });
  }
  probes.push(await nodePtyProbe());
  probes.push({
    ...packageProbe('chromium', CHROMIUM),
    detail: existsSync(CHROMIUM.provides) ? `${CHROMIUM.provides} (for npm test only)` : 'missing (only npm test needs it)',
  });
  return probes;
}
