// The session WebSocket (/ws/session?session=…), which feeds the Break-it panel: the state of the
// lesson's faults, the event log, and the namespace's TCP table about twice a second. The panel
// switches faults with `fault.set` and `faults.clear`. Text frames only, JSON from schema/wire.ts.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FaultEvent } from '../../schema/break-it.js';
import { DEFAULT_LANG, type Lang } from '../../schema/langs.js';
import { errorMessage, errorMessageOf, serverText, wordsOf, type ServerWords } from '../../schema/server-words.js';
import { LIMITS } from '../../schema/limits.js';
import { CLOSE_CODES, parseSessionMessage, SOCKET_PATHS, sessionQuerySchema, type SavedFile, type SessionServerMessage } from '../../schema/wire.js';
import { checkSession, SessionCheckError } from '../checks/session-check.js';
import { FaultError } from '../faults/session-faults.js';
import { readTcpTable } from '../faults/tcp-table.js';
import type { Session } from '../sessions/session.js';
import type { LabContext } from './lab-context.js';
import { gatedUpgrade } from './upgrade-gate.js';

const TCP_TABLE_INTERVAL_MS = 500;

export function createSessionSocketServer(lab: LabContext) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://lab');
    if (url.pathname !== SOCKET_PATHS.session) return false;
    gatedUpgrade(lab, wss, 'session', req, socket, head, (ws) => onConnection(ws, url));
    return true;
  }

  function onConnection(ws: WebSocket, url: URL) {
    const send = (message: SessionServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const query = sessionQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    const session = query.success ? lab.registry.get(query.data.session) : undefined;
    if (!session) {
      send(errorMessage('unknown-session', 'session-unknown'));
      return ws.close(CLOSE_CODES.unknownSession, 'unknown session');
    }
    lab.registry.retain(session);
    const faults = session.faults;
    const sendStatus = () => send({ type: 'faults', faults: faults?.status() ?? [], busy: faults?.busy ?? false });
    const sendEvents = (events: FaultEvent[]) => send({ type: 'events', events });
    faults?.on('changed', sendStatus);
    faults?.on('events', sendEvents);
    sendStatus();
    if (faults) sendEvents(faults.log.slice());
    if (faults?.needsAgent) {
      faults.startAgent().catch((err) => send(errorMessage('fault-failed', 'fault-failed', { detail: (err as Error).message })));
    }
    const stopTable = pollTcpTable(session, send);
    const stopEnd = session.onEnd((reason = { id: 'session-ended' }) => {
      send({ type: 'ended', reason: serverText(reason, DEFAULT_LANG), words: reason });
      ws.close(CLOSE_CODES.sessionEnded, 'session ended');
    });

    ws.on('message', (data, isBinary) => {
      if (isBinary) return send(errorMessage('bad-message', 'text-frames-only'));
      const parsed = parseSessionMessage(data.toString());
      if (!parsed.ok) return send(errorMessage('bad-message', 'bad-message', { detail: parsed.error }));
      session.touch();
      const message = parsed.message;
      if (message.type === 'check.run') return void runCheck(session, message.files, message.lang, send);
      if (!faults) return send(errorMessage('unknown-fault', 'no-faults'));
      const done = message.type === 'fault.set' ? faults.set(message.id, message.on) : faults.clearAll();
      done.catch((err) => {
        const unknown = err instanceof FaultError && /has no fault/.test(err.message);
        send({ type: 'error', code: unknown ? 'unknown-fault' : 'fault-failed', message: (err as Error).message, words: wordsOf(err, 'fault-failed') });
        sendStatus();
      });
    });
    ws.on('close', () => {
      faults?.off('changed', sendStatus);
      faults?.off('events', sendEvents);
      stopTable();
      stopEnd();
      lab.registry.release(session);
    });
  }

  async function runCheck(session: Session, files: SavedFile[], lang: Lang, send: (m: SessionServerMessage) => void) {
    try {
      await checkSession(session, files, { provider: lab.sandbox, python: lab.python.executable, lang }, send);
    } catch (err) {
      if (err instanceof SessionCheckError) return send(errorMessageOf(err));
      send(errorMessage('check-failed', 'check-failed', { detail: (err as Error).message }));
    }
  }

  const NO_PRIVATE_NETWORK: ServerWords = { id: 'tcp-no-private-network' };

  /** Sends the TCP table now and whenever it changes, checking twice a second. */
  function pollTcpTable(session: Session, send: (m: SessionServerMessage) => void): () => void {
    const { procNetDir } = session.confinement.network;
    const sandboxed = session.confinement.mode === 'sandboxed';
    let last = '';
    const tick = async () => {
      let sockets = await readTcpTable(procNetDir);
      // Without the sandbox there is no private network: show loopback only, never the lab's own port.
      if (!sandboxed)
        sockets = sockets.filter(
          (s) => s.local.startsWith('127.') && !s.local.endsWith(`:${lab.security.port}`) && !s.remote.endsWith(`:${lab.security.port}`),
        );
      const text = JSON.stringify(sockets);
      if (text !== last)
        send({
          type: 'tcp',
          sockets,
          ...(sandboxed ? {} : { unavailable: serverText(NO_PRIVATE_NETWORK, DEFAULT_LANG), unavailableWords: NO_PRIVATE_NETWORK }),
        });
      last = text;
    };
    void tick();
    const timer = setInterval(() => void tick(), TCP_TABLE_INTERVAL_MS);
    return () => clearInterval(timer);
  }

  function close() {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  }

  return { handleUpgrade, close };
}
