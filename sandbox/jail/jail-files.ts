// Files every jail mounts read-only: /etc/hosts (the lab network), /etc/passwd and /etc/group
// (the learner user), /etc/nsswitch.conf (names come from the hosts file only), and the seccomp
// filter. Written once per lab into a root-only folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostsFile } from '../../schema/lab-network.js';
import { buildSeccompFilter } from './seccomp.js';
import { networkSetupScript, type SessionMounts } from './network-setup.js';

export const LEARNER_UID = 1000;

export interface JailFiles {
  etc: Record<'hosts' | 'passwd' | 'group' | 'nsswitch.conf', string>;
  seccomp: string;
  networkSetup: string;
  /** Mount points for each session's shared /tmp and /dev/shm (each holder mounts its own tmpfs there). */
  mounts: SessionMounts;
}

export function writeJailFiles(dir: string, python: string, sizes: { tmpBytes: number; shmBytes: number }): JailFiles {
  mkdirSync(join(dir, 'etc'), { recursive: true, mode: 0o755 });
  const etc = {
    hosts: hostsFile(),
    passwd: `root:x:0:0:root:/root:/usr/sbin/nologin\nlearner:x:${LEARNER_UID}:${LEARNER_UID}:Learner:/lab:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`,
    group: `root:x:0:\nlearner:x:${LEARNER_UID}:\nnogroup:x:65534:\n`,
    'nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files\n',
  };
  const paths = {} as JailFiles['etc'];
  for (const [name, content] of Object.entries(etc) as Array<[keyof JailFiles['etc'], string]>) {
    paths[name] = join(dir, 'etc', name);
    writeFileSync(paths[name], content, { mode: 0o644 });
  }
  const seccomp = join(dir, 'seccomp.bpf');
  writeFileSync(seccomp, buildSeccompFilter(), { mode: 0o644 });
  const mounts: SessionMounts = { tmp: join(dir, 'session-tmp'), shm: join(dir, 'session-shm'), ...sizes };
  for (const point of [mounts.tmp, mounts.shm]) mkdirSync(point, { mode: 0o700 });
  const networkSetup = join(dir, 'network-setup.sh');
  writeFileSync(networkSetup, `${networkSetupScript(python, mounts)}\n`, { mode: 0o755 });
  return { etc: paths, seccomp, networkSetup, mounts };
}
