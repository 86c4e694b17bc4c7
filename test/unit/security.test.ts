import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { LabSecurity, parseCookies } from '../../sandbox/server/security.js';
import { parseStartOptions } from '../../sandbox/server/start-options.js';

const security = new LabSecurity({ port: 4321, token: 'secret-token-123' });
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

test('only loopback names on our port are allowed hosts', () => {
  for (const host of ['127.0.0.1:4321', 'localhost:4321', '[::1]:4321', 'LOCALHOST:4321']) {
    assert.equal(security.checkHost(request({ host })).ok, true, host);
  }
  for (const host of ['evil.example:4321', '127.0.0.1:4322', '127.0.0.1', '', 'localhost.evil.example:4321']) {
    assert.equal(security.checkHost(request({ host })).ok, false, host);
  }
});

test('origin must match exactly, and is required when asked', () => {
  assert.equal(security.checkOrigin(request({ origin: 'http://127.0.0.1:4321' }), true).ok, true);
  assert.equal(security.checkOrigin(request({ origin: 'http://127.0.0.1:4321.evil.example' }), true).ok, false);
  assert.equal(security.checkOrigin(request({ origin: 'https://127.0.0.1:4321' }), true).ok, false);
  assert.equal(security.checkOrigin(request({ origin: 'null' }), false).ok, false);
  assert.equal(security.checkOrigin(request({}), true).ok, false);
  assert.equal(security.checkOrigin(request({}), false).ok, true);
});

test('the cookie must carry the exact token', () => {
  const ok = request({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', cookie: `a=b; ${security.cookieName}=secret-token-123` });
  assert.equal(security.checkApiRequest(ok, { originRequired: true }).ok, true);
  const wrong = request({ host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', cookie: `${security.cookieName}=secret-token-12` });
  const result = security.checkApiRequest(wrong, { originRequired: true });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.status, 401);
});

test('the session cookie is HttpOnly and SameSite=Strict', () => {
  assert.match(security.sessionCookie(), /HttpOnly/);
  assert.match(security.sessionCookie(), /SameSite=Strict/);
});

test('a random token is long and differs per launch', () => {
  const a = new LabSecurity({ port: 1 }).token;
  const b = new LabSecurity({ port: 1 }).token;
  assert.notEqual(a, b);
  assert.ok(Buffer.from(a, 'base64url').length >= 16);
});

test('cookies parse leniently', () => {
  assert.deepEqual(parseCookies('a=1; b = 2;c=x=y'), { a: '1', b: '2', c: 'x=y' });
  assert.deepEqual(parseCookies(undefined), {});
});

test('start options refuse non-loopback hosts and bad ports', () => {
  assert.equal(parseStartOptions([], {}).host, '127.0.0.1');
  assert.equal(parseStartOptions(['--port', '5000'], {}).port, 5000);
  assert.throws(() => parseStartOptions(['--host', '0.0.0.0'], {}), /refusing to listen on 0\.0\.0\.0/);
  assert.throws(() => parseStartOptions(['--port', 'abc'], {}), /--port/);
  assert.throws(() => parseStartOptions(['--bogus'], {}), /Unknown option '--bogus'\. See npm start -- --help/);
  assert.throws(() => parseStartOptions(['--port'], {}), /--port/);
  assert.throws(() => parseStartOptions(['extra'], {}), /extra/);
  assert.equal(parseStartOptions(['--help'], {}).help, true);
  assert.equal(parseStartOptions(['-h'], {}).help, true);
  assert.equal(parseStartOptions(['--port=5001', '--rebuild'], {}).rebuild, true);
  assert.equal(parseStartOptions([], { PORT: '5002' }).port, 5002);
  assert.equal(parseStartOptions(['--port', '5003'], { PORT: '5002' }).port, 5003);
  assert.equal(parseStartOptions([], {}).warmSessions, 2);
  assert.equal(parseStartOptions([], { SOCKET_LAB_WARM_SESSIONS: '0' }).warmSessions, 0);
  for (const bad of ['-1', '2.5', 'many', '21']) {
    assert.throws(() => parseStartOptions([], { SOCKET_LAB_WARM_SESSIONS: bad }), /SOCKET_LAB_WARM_SESSIONS must be a whole number from 0 to 20/, bad);
  }
});
