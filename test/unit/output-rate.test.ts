import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputRateLimiter } from '../../sandbox/terminals/output-rate.js';

test('a burst within the bucket passes without delay', () => {
  const limiter = new OutputRateLimiter({ bytesPerSecond: 1000, burstBytes: 5000 }, 0);
  assert.equal(limiter.consume(5000, 0), 0);
});

test('past the burst, output must wait for the refill', () => {
  const limiter = new OutputRateLimiter({ bytesPerSecond: 1000, burstBytes: 5000 }, 0);
  limiter.consume(5000, 0);
  assert.equal(limiter.consume(500, 0), 500); // 500 bytes owed at 1000 B/s
  assert.equal(limiter.consume(0, 500), 0); // half a second later the debt is paid
});

test('the bucket refills up to the burst size only', () => {
  const limiter = new OutputRateLimiter({ bytesPerSecond: 1000, burstBytes: 5000 }, 0);
  limiter.consume(5000, 0);
  assert.equal(limiter.consume(5000, 60_000), 0); // a minute of quiet refills to 5000, not 60000
  assert.ok(limiter.consume(1, 60_000) > 0);
});
