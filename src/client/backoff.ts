// Reconnect delays: exponential backoff with jitter, so a restarted server is not stampeded by
// every tab at once. Shared by the terminal links and the Break-it panel's link.
const MAX_BACKOFF_MS = 8000;

/** Delay before reconnect attempt number `attempt` (1, 2, …). */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(attempt, 6));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
