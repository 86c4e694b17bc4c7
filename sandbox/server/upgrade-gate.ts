// The security gate every WebSocket of the lab passes (cookie, Origin, Host: DESIGN.md §7).
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { LabContext } from './lab-context.js';

/** Upgrades `req` on `wss` if it passes the gate; answers a plain HTTP error otherwise. */
export function gatedUpgrade(
  lab: LabContext,
  wss: WebSocketServer,
  what: string,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  onConnection: (ws: WebSocket) => void,
): void {
  const gate = lab.security.checkApiRequest(req, { originRequired: true });
  if (!gate.ok) {
    lab.log.warn(`refused ${what} WebSocket: ${gate.reason}`);
    socket.end(`HTTP/1.1 ${gate.status} ${STATUS_CODES[gate.status]}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${gate.reason}\n`);
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    // Protocol errors (e.g. a frame over maxPayload) arrive here; ws then closes the socket. Without
    // a listener they would be an uncaught exception and take the whole lab down.
    ws.on('error', (err) => lab.log.warn(`${what} socket closed: ${err.message}`));
    onConnection(ws);
  });
}
