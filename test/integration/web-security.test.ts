// DESIGN §7 against a real server: cross-site WebSocket hijacking, DNS rebinding, missing token,
// framing, CORS. Each attack is tried the way a hostile page or a rebinding DNS name would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { FIXTURE_LESSON, fixtureLessons } from '../support/fixtures.js';
import { SOCKET_PATHS } from '../../schema/wire-constants.js';

let lab: TestLab;
let session: string;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
  session = await lab.createSession(FIXTURE_LESSON);
});
after(() => lab.close());

/** Opens the terminal WebSocket with the given headers; resolves with the HTTP status of a refusal, or 101. */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}${SOCKET_PATHS.terminal}?session=${session}&terminal=server`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

/** A raw HTTP request, so the Host header can be forged as a rebinding DNS name would. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: lab.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a same-origin WebSocket with the cookie is accepted (control)', async () => {
  assert.equal(await upgradeStatus(lab.headers), 101);
});

test('cross-origin WebSocket is refused, even with the cookie (CSWSH)', async () => {
  assert.equal(await upgradeStatus({ ...lab.headers, Origin: 'http://evil.example' }), 403);
  assert.equal(await upgradeStatus({ ...lab.headers, Origin: `http://127.0.0.1:${lab.port + 1}` }), 403);
  assert.equal(await upgradeStatus({ Cookie: lab.cookie }), 403); // no Origin at all
});

test('a rebinding Host is refused for WebSockets, API and pages', async () => {
  assert.equal(await upgradeStatus({ ...lab.headers, Host: `rebind.evil.example:${lab.port}` }), 403);
  const api = await rawGet('/api/health', { ...lab.headers, Host: `rebind.evil.example:${lab.port}` });
  assert.equal(api.status, 403);
  const page = await rawGet('/', { Cookie: lab.cookie, Host: `rebind.evil.example:${lab.port}` });
  assert.equal(page.status, 403);
});

test('no cookie, no lab: WebSocket, API and pages all refuse', async () => {
  assert.equal(await upgradeStatus({ Origin: lab.origin }), 401);
  assert.equal(await upgradeStatus({ Origin: lab.origin, Cookie: `${lab.lab.security.cookieName}=guess` }), 401);
  const api = await fetch(`${lab.origin}/api/sessions`, {
    method: 'POST',
    headers: { Origin: lab.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ lesson: FIXTURE_LESSON }),
  });
  assert.equal(api.status, 401);
  const page = await fetch(`${lab.origin}/`);
  assert.equal(page.status, 401);
  assert.match(await page.text(), /<html lang="en">[\s\S]*Open the lab with its link[\s\S]*npm start/);
  // In the language the browser asks for, or the address names.
  const japanese = await fetch(`${lab.origin}/`, { headers: { 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.8' } });
  assert.match(await japanese.text(), /<html lang="ja">[\s\S]*ラボはそのリンクから開いてください[\s\S]*npm start/);
  const jaPath = await fetch(`${lab.origin}/ja/lessons/01-first-socket/`);
  assert.match(await jaPath.text(), /<html lang="ja">/);
});

test('a state-changing API call without an Origin is refused (CSRF)', async () => {
  const res = await fetch(`${lab.origin}/api/sessions/${session}`, { method: 'DELETE', headers: { Cookie: lab.cookie } });
  assert.equal(res.status, 403);
  assert.ok(lab.lab.registry.get(session), 'the session must survive');
});

test('the token URL sets an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
  const res = await fetch(`${lab.origin}/lessons/x/?token=${lab.lab.security.token}`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/lessons/x/');
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const wrong = await fetch(`${lab.origin}/?token=wrong`, { redirect: 'manual' });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.headers.get('set-cookie'), null);
});

test('pages cannot be framed, leak no referrer, and no CORS is granted', async () => {
  const res = await fetch(`${lab.origin}/`, { headers: { Cookie: lab.cookie, Origin: 'http://evil.example' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const preflight = await fetch(`${lab.origin}/api/sessions`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
});
