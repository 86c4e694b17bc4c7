// The HTTP API under /api: create and end sessions, report health. Every route passes the gate.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSessionRequestSchema, sessionIdSchema } from '../../schema/wire.js';
import { solutionFiles } from '../checks/sources.js';
import { DEFAULT_LANG, isLang, LANGS } from '../../schema/langs.js';
import { worded } from '../../schema/server-words.js';
import { LabFullError } from '../sessions/registry.js';
import type { LabContext } from './lab-context.js';
import { BodyError, readJsonBody, sendJson } from './json-body.js';

export async function handleApi(lab: LabContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://lab');
  const stateChanging = req.method !== 'GET' && req.method !== 'HEAD';
  const gate = lab.security.checkApiRequest(req, { originRequired: stateChanging });
  if (!gate.ok) return sendJson(res, gate.status, { error: gate.reason });

  try {
    if (url.pathname === '/api/health' && req.method === 'GET') {
      return sendJson(res, 200, {
        ok: true,
        mode: lab.sandbox.mode,
        notice: lab.sandboxOff,
        sessions: lab.registry.size,
        python: lab.python.version,
        capabilities: lab.sandbox.capabilities.list(),
      });
    }
    if (url.pathname === '/api/sessions' && req.method === 'POST') {
      const parsed = createSessionRequestSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return sendJson(res, 400, { error: `invalid request: ${issue.path.join('.') || 'body'}: ${issue.message}` });
      }
      const lesson = lab.catalog.get(parsed.data.lesson);
      if (!lesson) return sendWorded(res, 404, worded('unknown-lesson', { lesson: parsed.data.lesson }));
      let session;
      try {
        session = await lab.registry.create(lesson, parsed.data.lang);
      } catch (err) {
        if (err instanceof LabFullError) return sendJson(res, 503, { error: err.message, code: 'lab-full', words: err.words });
        lab.log.error(`session for ${lesson.id} could not start: ${(err as Error).message}`);
        return sendWorded(res, 503, worded('sandbox-failed', { detail: (err as Error).message }));
      }
      return sendJson(res, 201, { session: session.id, mode: lab.sandbox.mode, notice: lab.sandboxOff });
    }
    const solution = /^\/api\/lessons\/([^/]+)\/solution$/.exec(url.pathname);
    if (solution && req.method === 'GET') {
      // Only on request ("Show solution"): the pages never carry it.
      const lesson = lab.catalog.get(solution[1]);
      const lang = url.searchParams.get('lang') ?? DEFAULT_LANG;
      if (!isLang(lang)) return sendJson(res, 400, { error: `there is no language "${lang}" (the lab has ${LANGS.join(', ')})` });
      const files = lesson ? solutionFiles(lesson, lang) : new Map<string, Buffer>();
      if (!files.size) return sendJson(res, 404, { error: `lesson "${solution[1]}" has no reference solution` });
      return sendJson(res, 200, { files: [...files].map(([path, content]) => ({ path, content: content.toString('utf8') })) });
    }
    const match = /^\/api\/sessions\/([^/]+)$/.exec(url.pathname);
    if (match && req.method === 'DELETE') {
      if (!sessionIdSchema.safeParse(match[1]).success || !lab.registry.get(match[1])) {
        return sendJson(res, 404, { error: 'no such session (it may have expired)' });
      }
      await lab.registry.end(match[1]);
      res.writeHead(204).end();
      return;
    }
    return sendJson(res, 404, { error: `no API route ${req.method} ${url.pathname}` });
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, { error: err.message });
    lab.log.error(`API ${req.method} ${url.pathname} failed: ${(err as Error).stack}`);
    return sendJson(res, 500, { error: 'the lab server hit an internal error; see its log' });
  }
}

/** An error answer the page words in its language: `{ error: English, words }`. */
function sendWorded(res: ServerResponse, status: number, { text, words }: ReturnType<typeof worded>): void {
  sendJson(res, status, { error: text, words });
}
