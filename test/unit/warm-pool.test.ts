// The warm pool's bookkeeping, with builds that resolve when the test says so; the real sessions it
// holds are tested in test/integration/warm-sessions.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WarmSessionPool, type WarmSession } from '../../sandbox/sessions/warm-pool.js';

/** A pool whose builds wait for the test: `finish()` completes the oldest one (or fails it). */
function harness(size: number) {
  const pending: Array<{ resolve: (s: WarmSession) => void; reject: (e: Error) => void }> = [];
  const discarded: string[] = [];
  const warnings: string[] = [];
  let made = 0;
  const pool = new WarmSessionPool({
    size,
    build: () => new Promise((resolve, reject) => pending.push({ resolve, reject })),
    discard: async (s) => void discarded.push(s.id),
    log: { warn: (m) => warnings.push(m) },
  });
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    pool,
    pending,
    discarded,
    warnings,
    async finish(shellExited = false) {
      const id = `w${++made}`;
      pending.shift()!.resolve({ id, workspace: `/tmp/${id}`, confinement: {} as never, shells: [{ exited: shellExited } as never] });
      await settle();
      return id;
    },
    async fail(message: string) {
      pending.shift()!.reject(new Error(message));
      await settle();
    },
  };
}

test('fills up to its size one build at a time, and refills behind each take', async () => {
  const h = harness(2);
  assert.equal(h.pending.length, 1, 'one build at a time');
  await h.finish();
  assert.equal(h.pending.length, 1, 'the second build starts when the first is done');
  await h.finish();
  assert.equal(h.pool.readyCount, 2);
  assert.equal(h.pending.length, 0, 'full: nothing more is built');
  const first = await h.pool.take();
  assert.equal(first.id, 'w1', 'the oldest warm session first');
  assert.equal(h.pool.readyCount, 1);
  assert.equal(h.pending.length, 1, 'a take starts a refill');
  await h.finish();
  assert.equal(h.pool.readyCount, 2);
});

test('an empty pool builds for the taker at once, beside its own refill', async () => {
  const h = harness(1);
  const taking = h.pool.take();
  assert.equal(h.pending.length, 2, 'the refill that was under way, and one for this learner');
  await h.finish(); // the refill
  await h.finish(); // the learner's
  assert.equal((await taking).id, 'w2');
  assert.equal(h.pool.readyCount, 1);
});

test('a warm session whose shell died while waiting is discarded, never handed out', async () => {
  const h = harness(2);
  await h.finish(true);
  await h.finish();
  const taken = await h.pool.take();
  assert.equal(taken.id, 'w2');
  assert.deepEqual(h.discarded, ['w1']);
});

test('a failing build is said once and not retried in a loop; a successful take restarts the refill', async () => {
  const h = harness(2);
  await h.fail('setup exited with 1: open: Permission denied');
  assert.equal(h.pending.length, 0, 'no retry on its own');
  assert.equal(h.warnings.length, 1);
  assert.match(h.warnings[0], /could not prepare a session ahead.*Permission denied/);

  const refused = assert.rejects(h.pool.take(), /still denied/, "the learner's own build reports its error");
  await h.fail('still denied');
  await refused;
  assert.equal(h.pending.length, 0, 'still no background retry');

  const taking = h.pool.take();
  await h.finish();
  assert.equal((await taking).id, 'w1');
  assert.equal(h.pending.length, 1, 'working again: the pool refills');
});

test('close discards what is ready and what is being built; takes after it build on demand', async () => {
  const h = harness(2);
  await h.finish();
  const closing = h.pool.close();
  await h.finish();
  await closing;
  assert.deepEqual(h.discarded.sort(), ['w1', 'w2']);
  assert.equal(h.pool.readyCount, 0);
  const taking = h.pool.take();
  assert.equal(h.pending.length, 1, 'built for the taker, no refill after close');
  await h.finish();
  assert.equal((await taking).id, 'w3');
  assert.equal(h.pending.length, 0);
});
