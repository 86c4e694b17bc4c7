// The lab's log: every part of the sandbox writes through this small interface, so tests can
// quiet it and the jail need not lean on the HTTP layer for a type.
export interface LabLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: LabLogger = {
  info: (m) => console.log(`[lab] ${m}`),
  warn: (m) => console.warn(`[lab] warning: ${m}`),
  error: (m) => console.error(`[lab] error: ${m}`),
};
