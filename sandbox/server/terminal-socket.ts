// The WebSocket of one terminal: /ws/terminal?session=…&terminal=…&cols=…&rows=…
// Binary frames: raw bytes (browser keystrokes in, pty output out). Text frames: JSON messages
// from schema/wire.ts. Bad input gets an error message; the terminal keeps working.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { LIMITS } from '../../schema/limits.js';
import { CLOSE_CODES, parseClientMessage, SOCKET_PATHS, terminalQuerySchema, type ServerMessage } from '../../schema/wire.js';
import type { LabContext } from './lab-context.js';
import { gatedUpgrade } from './upgrade-gate.js';
import { SessionError, type Session } from '../sessions/session.js';
import { errorMessage, errorMessageOf, serverText } from '../../schema/server-words.js';
import { DEFAULT_LANG } from '../../schema/langs.js';
import type { LabTerminal, TerminalSink } from '../terminals/lab-terminal.js';

export function createTerminalSocketServer(lab: LabContext) {
  // Frames up to 4× the limit are read and answered with a clear error; larger ones close the
  // socket (ws refuses to buffer them) and the browser reconnects to the same terminal.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * LIMITS.maxMessageBytes });

  /** Handles the upgrade if it is ours; returns false to let others (Vite HMR in dev) have it. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://lab');
    if (url.pathname !== SOCKET_PATHS.terminal) return false;
    gatedUpgrade(lab, wss, 'terminal', req, socket, head, (ws) => void onConnection(ws, url));
    return true;
  }

  async function onConnection(ws: WebSocket, url: URL) {
    const send = (message: ServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const query = terminalQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      send(errorMessage('bad-message', 'bad-address', { detail: `${query.error.issues[0].path.join('.')}: ${query.error.issues[0].message}` }));
      return ws.close(CLOSE_CODES.badRequest, 'bad request');
    }
    const session = lab.registry.get(query.data.session);
    if (!session) {
      send(errorMessage('unknown-session', 'session-unknown-renewing'));
      return ws.close(CLOSE_CODES.unknownSession, 'unknown session');
    }
    let terminal: LabTerminal;
    let resumed: boolean;
    try {
      ({ terminal, resumed } = session.openTerminal(query.data.terminal, query.data.cols, query.data.rows));
    } catch (err) {
      const error = err instanceof SessionError ? err : new SessionError('spawn-failed', 'terminal-failed', { detail: String(err) });
      send(errorMessageOf(error));
      return ws.close(CLOSE_CODES.badRequest, error.code);
    }
    lab.registry.retain(session);
    const sink: TerminalSink = {
      sendBytes: (data) => ws.readyState === ws.OPEN && ws.send(data, { binary: true }),
      sendMessage: send,
      end: (reason) => {
        send({ type: 'ended', reason: serverText(reason, DEFAULT_LANG), words: reason });
        ws.close(CLOSE_CODES.sessionEnded, 'session ended');
      },
    };
    ws.on('message', (data, isBinary) => void onMessage(session, query.data.terminal, terminal, data, isBinary, send));
    ws.on('close', () => {
      terminal.detach(sink);
      lab.registry.release(session);
    });
    send({ type: 'ready', terminal: query.data.terminal, mode: lab.sandbox.mode, resumed });
    await terminal.attach(sink);
  }

  async function onMessage(session: Session, terminalId: string, terminal: LabTerminal, data: RawData, isBinary: boolean, send: (m: ServerMessage) => void) {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (bytes.length > LIMITS.maxMessageBytes) {
      return send(errorMessage('too-large', 'message-too-large', { bytes: bytes.length, limit: LIMITS.maxMessageBytes }));
    }
    if (isBinary) {
      if (bytes.length > LIMITS.maxInputBytes) {
        return send(errorMessage('too-large', 'input-too-large', { bytes: bytes.length, limitKb: LIMITS.maxInputBytes / 1024 }));
      }
      session.touch();
      return terminal.input(bytes);
    }
    const parsed = parseClientMessage(bytes.toString('utf8'));
    if (!parsed.ok) return send(errorMessage('bad-message', 'bad-message', { detail: parsed.error }));
    const message = parsed.message;
    if (message.type === 'run' || message.type === 'files.save') session.touch();
    try {
      switch (message.type) {
        case 'resize':
          return terminal.resize(message.cols, message.rows);
        case 'ack':
          return terminal.ack(message.bytes);
        case 'close':
          return session.closeTerminal(terminalId);
        case 'files.save':
          return send({ type: 'files.saved', paths: await session.saveFiles(message.files) });
        case 'run': {
          const { terminal: target, typed, stopped, busy } = await session.run(message.label, message.files);
          return send({ type: 'ran', label: message.label, terminal: target, typed, ...(stopped ? { stopped } : {}), ...(busy ? { busy } : {}) });
        }
      }
    } catch (err) {
      if (err instanceof SessionError) return send(errorMessageOf(err));
      lab.log.error(`terminal message ${message.type} failed: ${(err as Error).stack}`);
      send(errorMessage('file-error', 'internal-error'));
    }
  }

  function close() {
    // ws 8's close() leaves client sockets open; an ending lab must not wait on browsers.
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  }

  return { handleUpgrade, close };
}
