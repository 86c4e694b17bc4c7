// What one session may use. Set inside the sandbox (prlimit after the user namespace exists, so
// the counts are per session, not per host user) and by cgroups where the host allows them.
export interface JailLimits {
  /** Processes + threads (RLIMIT_NPROC, inside the sandbox). */
  nproc: number;
  nofile: number;
  /** Largest single file (RLIMIT_FSIZE). */
  fileBytes: number;
  /** CPU seconds per process (RLIMIT_CPU): stops a spin, never an idle server. */
  cpuSeconds: number;
  /** Session memory (cgroup). RLIMIT_AS is not used: it breaks threaded servers. */
  memoryBytes: number;
  /** Session process count (cgroup pids.max). */
  pids: number;
  /** Size of the workspace (a tmpfs when the lab runs as root) and of /tmp. */
  workspaceBytes: number;
  tmpBytes: number;
  /** Size of the session's /dev/shm. */
  shmBytes: number;
}

export const DEFAULT_JAIL_LIMITS: JailLimits = {
  nproc: 256,
  nofile: 1024,
  fileBytes: 32 << 20,
  cpuSeconds: 600,
  memoryBytes: 512 << 20,
  pids: 256,
  workspaceBytes: 64 << 20,
  tmpBytes: 32 << 20,
  shmBytes: 16 << 20,
};
