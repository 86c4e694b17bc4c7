// Size limits shared by the browser (to warn early) and the server (to enforce).
export const LIMITS = {
  /** Largest single file a learner may save into the workspace. */
  maxFileBytes: 256 * 1024,
  /** Largest number of files in one save. */
  maxFilesPerSave: 32,
  /** Largest WebSocket message the server accepts (text or binary). */
  maxMessageBytes: 1024 * 1024,
  /** Largest single keyboard/paste input frame forwarded to a pty. */
  maxInputBytes: 64 * 1024,
  /** Terminals a session may have open at once (lesson terminals + extra shells). */
  maxTerminalsPerSession: 6,
  /** Flow control (VS Code's scheme): pause the pty above HIGH unacked bytes, resume below LOW. */
  flowHighWatermark: 100_000,
  flowLowWatermark: 10_000,
  /** The browser acks after this many bytes have been parsed by xterm. */
  flowAckEvery: 5_000,
  /** How long a session outlives its last WebSocket, so a reload or a dropped link can reattach. */
  sessionGraceMs: 60_000,
  /** Sessions one lab runs at once (DESIGN §8: ≥ 200 idle ones on 2 cores, 24 GB); SOCKET_LAB_MAX_SESSIONS overrides. */
  maxSessions: 200,
  terminalCols: { min: 2, max: 500 },
  terminalRows: { min: 2, max: 200 },
} as const;
