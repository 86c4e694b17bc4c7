// Kernel faults and scripted peers in a real session namespace: for each, a real Python client
// inside the sandbox sees the documented behaviour (exception class, EOF, bytes, timing with
// generous margins). Faults are switched the way the panel does it, over the session socket.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Session } from '../../sandbox/sessions/session.js';
import { PeerProcess } from '../../sandbox/peers/peer-process.js';
import type { PeerSpec } from '../../schema/break-it.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { fixtureLessons, sleep } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';
import { probe as runProbe, runInSession, type ProbeResult } from '../support/run-in-session.js';
import { SessionSocketClient } from '../support/session-socket-client.js';

let lab: TestLab;
let session: Session;
let panel: SessionSocketClient;
let echo: PeerProcess;
const probe = (...args: Array<string | number>) => runProbe(session, lab.lab.python.executable, args);
const startPeer = (spec: Partial<PeerSpec> & Pick<PeerSpec, 'behaviour' | 'port'>) =>
  PeerProcess.start(session.confinement.network, lab.lab.python.executable, { count: 3, delay: 500, ...spec });

before(async () => {
  if (jailSkip) return;
  lab = await startTestLab({ lessonsDir: fixtureLessons });
  const id = await lab.createSession('02-break-it');
  session = lab.lab.registry.get(id)!;
  panel = await SessionSocketClient.open(lab, id);
  echo = await startPeer({ behaviour: 'echo', port: 65432 });
});
after(async () => {
  panel?.close();
  await echo?.stop();
  await lab?.close();
});

const kernelCases: Array<{ fault: string; args: Array<string | number>; expect: (r: ProbeResult) => void }> = [
  {
    fault: 'refuse',
    args: [65432],
    expect: (r) => assert.deepEqual([r.stage, r.exception], ['connect', 'ConnectionRefusedError']),
  },
  {
    fault: 'drop',
    args: [65432, '--timeout', 1],
    expect: (r) => {
      assert.deepEqual([r.stage, r.exception], ['connect', 'TimeoutError']);
      assert.ok(r.elapsed >= 0.9 && r.elapsed < 5, `${r.elapsed}s`);
    },
  },
  {
    fault: 'reset-after',
    args: [65432, '--send', 1000, '--messages', 6],
    expect: (r) => {
      assert.ok(['ConnectionResetError', 'BrokenPipeError'].includes(r.exception!), `${r.stage}: ${r.exception}`);
      assert.ok(r.received > 0 && r.received < 6000, `${r.received} bytes before the reset`);
    },
  },
  {
    fault: 'stall-after',
    args: [65432, '--send', 1000, '--messages', 6, '--timeout', 1.5],
    expect: (r) => {
      assert.deepEqual([r.stage, r.exception], ['recv', 'TimeoutError']);
      assert.ok(r.received > 0 && r.received < 6000, `${r.received} bytes before the stall`);
    },
  },
  {
    fault: 'loss',
    args: [65432, '--send', 20_000, '--timeout', 15],
    // TCP hides loss: every byte arrives, later.
    expect: (r) => assert.deepEqual([r.exception, r.received], [null, 20_000]),
  },
  {
    fault: 'bandwidth',
    args: [65432, '--send', 50_000, '--timeout', 20],
    expect: (r) => {
      assert.deepEqual([r.exception, r.received], [null, 50_000]);
      // 50 KB out and 50 KB back over loopback at 400 kbit/s ≈ 2 s.
      assert.ok(r.elapsed >= 1.2 && r.elapsed < 15, `${r.elapsed}s`);
    },
  },
  {
    fault: 'unreachable',
    args: [65432, '--host', '198.18.0.2', '--timeout', 2],
    expect: (r) => assert.deepEqual([r.stage, r.exception, r.errno], ['connect', 'OSError', 'EHOSTUNREACH']),
  },
];

for (const c of kernelCases) {
  test(`kernel fault ${c.fault}: the client sees it, and sees it gone once switched off`, { skip: jailSkip }, async () => {
    const status = await panel.set(c.fault, true);
    assert.deepEqual([status.on, status.error], [true, undefined]);
    c.expect(await probe(...c.args));
    assert.equal((await panel.set(c.fault, false)).on, false);
    if (c.fault === 'unreachable') {
      // Without the route, silent.lab swallows the SYN: a timeout, not an error.
      assert.equal((await probe(...c.args)).exception, 'TimeoutError');
    } else {
      const clean = await probe(65432, '--send', 3000);
      assert.deepEqual([clean.exception, clean.received], [null, 3000]);
    }
  });
}

test('the learner cannot remove kernel faults from inside, and the fault API answers there', { skip: jailSkip }, async () => {
  await panel.set('refuse', true);
  const attempt = await runInSession(session, ['/bin/sh', '-c', 'nft flush ruleset; tc qdisc del dev lo root; ip route flush table main; echo done']);
  assert.match(attempt.stdout, /done/);
  // The tools may not even exist in the jail; where they do, the kernel refuses them.
  assert.match(attempt.stderr, /Operation not permitted|not found|No such file/);
  assert.equal((await probe(65432)).exception, 'ConnectionRefusedError');
  await panel.set('refuse', false);
  const version = await runInSession(session, [
    lab.lab.python.executable,
    '-c',
    "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8474/version').read().decode())",
  ]);
  assert.match(version.stdout, /"version"/, version.stderr);
});

const peerCases: Array<{
  spec: Partial<PeerSpec> & Pick<PeerSpec, 'behaviour'>;
  args: Array<string | number>;
  expect: (r: ProbeResult, peer: PeerProcess) => void;
}> = [
  {
    spec: { behaviour: 'never-answer' },
    args: ['--timeout', 1],
    expect: (r) => assert.deepEqual([r.stage, r.exception, r.received], ['recv', 'TimeoutError', 0]),
  },
  {
    spec: { behaviour: 'slow', delay: 800 },
    args: ['--send', 10],
    expect: (r) => {
      assert.deepEqual([r.exception, r.received], [null, 10]);
      assert.ok(r.elapsed >= 0.75 && r.elapsed < 5, `${r.elapsed}s`);
    },
  },
  {
    spec: { behaviour: 'one-byte', delay: 20 },
    args: ['--send', 20],
    expect: (r) => {
      assert.deepEqual([r.exception, r.received], [null, 20]);
      assert.ok(r.chunks >= 10, `${r.chunks} recv calls for 20 bytes`);
    },
  },
  {
    spec: { behaviour: 'reset-after-first' },
    args: ['--send', 10, '--messages', 3],
    expect: (r, peer) => {
      assert.equal(r.received, 10);
      assert.ok(['ConnectionResetError', 'BrokenPipeError'].includes(r.exception!), `${r.stage}: ${r.exception}`);
      assert.ok(peer.events.some((e) => e.event === 'reset'));
    },
  },
  {
    spec: { behaviour: 'close-mid-message' },
    args: ['--send', 100],
    expect: (r) => assert.deepEqual([r.exception, r.eof, r.received], [null, true, 50]),
  },
  {
    spec: { behaviour: 'hold-port' },
    args: ['--bind'],
    expect: (r) => assert.deepEqual([r.stage, r.exception, r.errno], ['bind', 'OSError', 'EADDRINUSE']),
  },
];

let nextPort = 65440;
for (const c of peerCases) {
  test(`scripted peer ${c.spec.behaviour}: the client sees its bad habit`, { skip: jailSkip }, async () => {
    const port = nextPort++;
    const peer = await startPeer({ ...c.spec, port });
    try {
      c.expect(await probe(port, ...c.args), peer);
    } finally {
      await peer.stop();
    }
  });
}

test('a refusing peer counts every attempt of a client that has already exited, however late the peer runs', { skip: jailSkip }, async () => {
  // A check reads the count right after the learner's client exits; on a loaded host the peer may
  // not have read those SYNs yet (CI saw 4 of 5). Here the peer is stopped while the client runs.
  const peer = await startPeer({ behaviour: 'refuse-first', port: 65451, count: 100 });
  try {
    process.kill(peer.pid!, 'SIGSTOP');
    for (let i = 0; i < 3; i++) assert.equal((await probe(65451)).exception, 'ConnectionRefusedError', 'the kernel refuses while the peer sleeps');
    assert.equal(peer.events.filter((e) => e.event === 'attempt').length, 0, 'nothing reported yet');
    setTimeout(() => process.kill(peer.pid!, 'SIGCONT'), 300);
    assert.equal((await peer.connectionTimes()).length, 3);
  } finally {
    await peer.stop();
  }
});

test('scripted peer refuse-first: the first connects are refused and timed, then it accepts', { skip: jailSkip }, async () => {
  const peer = await startPeer({ behaviour: 'refuse-first', port: 65450, count: 2 });
  try {
    const results: ProbeResult[] = [];
    for (let i = 0; i < 3; i++) {
      results.push(await probe(65450, '--send', 5));
      await sleep(50);
    }
    assert.deepEqual(
      results.map((r) => r.exception),
      ['ConnectionRefusedError', 'ConnectionRefusedError', null],
    );
    const attempts = peer.events.filter((e) => e.event === 'attempt');
    assert.equal(attempts.length, 2);
    assert.ok(attempts[1].at > attempts[0].at, 'attempts carry their times');
    assert.ok(peer.events.some((e) => e.event === 'accept'));
  } finally {
    await peer.stop();
  }
});

test('a peer that cannot bind says why', { skip: jailSkip }, async () => {
  // The echo peer holds 65432 already.
  await assert.rejects(startPeer({ behaviour: 'echo', port: 65432 }), /could not start: cannot bind 127\.0\.0\.1:65432/);
});
