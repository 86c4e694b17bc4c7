// The fault agent's control channel (JSON lines over its stdin and stdout), shared by the agent
// and the server-side handle that drives it.
import type { ProxyEvent } from './fault-proxy.js';

/** One API call, as the HTTP API would take it. */
export interface AgentRequest {
  id: number;
  method: string;
  path: string;
  body?: unknown;
}

export type AgentOutput = { ready: string } | { reply: number; status: number; body?: unknown } | { event: ProxyEvent };
