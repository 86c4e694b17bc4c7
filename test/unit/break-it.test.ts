// Pure logic of Break it: the /proc/net/tcp reader, the nftables/tc scripts, the fault schema and
// the session socket's message parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAddress, listenerInodes, parseProcNetTcp, readTcpTable } from '../../sandbox/faults/tcp-table.js';
import { NFT_TABLE, nftScript, shapingScript, type NamedKernelFault } from '../../sandbox/faults/kernel-faults.js';
import { breakItSchema, faultKind, peerSpecSchema, type KernelFault, type LessonFault } from '../../schema/break-it.js';
import { parseSessionMessage } from '../../schema/wire.js';
import { describeFault } from '../../schema/break-it-text.js';

// ---- /proc/net/tcp and tcp6 -------------------------------------------------------------------

const TAIL = '1 0000000000000000 100 0 0 10 0';
const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  `   0: 0100007F:FF98 0100007F:A1B2 01 00000010:00000020 00:00000000 00000000  1000        0 4343 ${TAIL}`,
  `   1: 0100007F:D431 0100007F:FF98 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000`,
  `   2: 0100007F:FF99 0100007F:C000 08 00000000:00000005 00:00000000 00000000  1000        0 4444 ${TAIL}`,
  `   3: 0100007F:FF98 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 ${TAIL}`,
  '',
].join('\n');
const TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  `   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5555 ${TAIL}`,
  `   1: 0000000000000000FFFF00000100007F:FF98 0000000000000000FFFF00000100007F:B000 01 00000000:00000000 00:00000000 00000000  1000        0 6666 ${TAIL}`,
  `   2: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 ${TAIL}`,
  '',
].join('\n');

test('decodeAddress turns little-endian kernel hex into readable addresses', () => {
  const cases: Array<[string, string]> = [
    ['0100007F:FF98', '127.0.0.1:65432'],
    ['0201A8C0:0050', '192.168.1.2:80'],
    ['00000000:0000', '0.0.0.0:0'],
    ['00000000000000000000000001000000:1F90', '[::1]:8080'],
    ['00000000000000000000000000000000:0050', '[::]:80'],
    ['B80D0120000000000000000001000000:01BB', '[2001:db8::1]:443'],
    ['0000000000000000FFFF00000100007F:FF98', '127.0.0.1:65432'], // v4-mapped shown as IPv4
  ];
  for (const [hex, expected] of cases) assert.equal(decodeAddress(hex), expected, hex);
});

test('parseProcNetTcp reads addresses, state names and queues of each line', () => {
  assert.deepEqual(parseProcNetTcp(TCP), [
    { local: '127.0.0.1:65432', remote: '127.0.0.1:41394', state: 'ESTABLISHED', sendQueue: 16, receiveQueue: 32 },
    { local: '127.0.0.1:54321', remote: '127.0.0.1:65432', state: 'TIME_WAIT', sendQueue: 0, receiveQueue: 0 },
    { local: '127.0.0.1:65433', remote: '127.0.0.1:49152', state: 'CLOSE_WAIT', sendQueue: 0, receiveQueue: 5 },
    { local: '127.0.0.1:65432', remote: '0.0.0.0:0', state: 'LISTEN', sendQueue: 0, receiveQueue: 0 },
  ]);
  assert.deepEqual(
    parseProcNetTcp(TCP6).map((s) => [s.local, s.remote, s.state]),
    [
      ['[::1]:8080', '[::]:0', 'LISTEN'],
      ['127.0.0.1:65432', '127.0.0.1:45056', 'ESTABLISHED'],
      ['[::]:80', '[::]:0', 'LISTEN'],
    ],
  );
});

test('parseProcNetTcp skips the header, blank, short and foreign lines and names unknown states', () => {
  const lines = TCP.split('\n');
  const messy = [
    lines[0],
    'garbage',
    '',
    `   9: 0100007F:0050`,
    lines[1],
    'sl local rem st queues',
    `   5: 0100007F:0050 00000000:0000 0C 00000000:00000000`,
  ].join('\n');
  const parsed = parseProcNetTcp(messy);
  assert.deepEqual(
    parsed.map((s) => [s.local, s.state]),
    [
      ['127.0.0.1:65432', 'ESTABLISHED'],
      ['127.0.0.1:80', 'STATE_0C'],
    ],
  );
  assert.deepEqual(parseProcNetTcp(''), []);
  assert.deepEqual(parseProcNetTcp(lines[0]), []); // header only
});

test('listenerInodes finds only the LISTEN sockets of the port', () => {
  assert.deepEqual(listenerInodes(TCP, 65432), [4242]); // not the ESTABLISHED one on the same port
  assert.deepEqual(listenerInodes(TCP6, 8080), [5555]);
  assert.deepEqual(listenerInodes(TCP, 65433), []); // CLOSE_WAIT, not listening
  assert.deepEqual(listenerInodes(TCP, 1), []);
});

test('readTcpTable merges tcp and tcp6: listeners first, then by state, port and peer', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'socketlab-tcp-'));
  try {
    await writeFile(join(dir, 'tcp'), TCP);
    await writeFile(join(dir, 'tcp6'), TCP6);
    assert.deepEqual(
      (await readTcpTable(dir)).map((s) => `${s.state} ${s.local} ${s.remote}`),
      [
        'LISTEN [::]:80 [::]:0',
        'LISTEN [::1]:8080 [::]:0',
        'LISTEN 127.0.0.1:65432 0.0.0.0:0',
        'ESTABLISHED 127.0.0.1:65432 127.0.0.1:41394',
        'ESTABLISHED 127.0.0.1:65432 127.0.0.1:45056',
        'CLOSE_WAIT 127.0.0.1:65433 127.0.0.1:49152',
        'TIME_WAIT 127.0.0.1:54321 127.0.0.1:65432',
      ],
    );
    await rm(join(dir, 'tcp6'));
    assert.deepEqual(
      (await readTcpTable(dir)).map((s) => s.state),
      ['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT'],
    );
    assert.deepEqual(await readTcpTable(join(dir, 'missing')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- kernel faults ----------------------------------------------------------------------------

test('nftScript: an empty set only deletes the table', () => {
  assert.equal(NFT_TABLE, 'socketlab_faults');
  assert.equal(nftScript([]), 'table inet socketlab_faults {}\ndelete table inet socketlab_faults');
  // faults with no nft rules (shaping, routes) do not create the table either
  assert.equal(
    nftScript([
      { type: 'bandwidth', kbit: 64 },
      { type: 'route', address: '10.0.0.1', route: 'unreachable' },
    ]),
    nftScript([]),
  );
});

test('nftScript: the whole table, with the fault id as comment', () => {
  assert.equal(
    nftScript([{ id: 'server-down', type: 'reject', port: 65432 }]),
    [
      'table inet socketlab_faults {}',
      'delete table inet socketlab_faults',
      'table inet socketlab_faults {',
      '  chain output {',
      '    type filter hook output priority 0; policy accept;',
      '    tcp dport 65432 counter reject with tcp reset comment "server-down"',
      '  }',
      '}',
    ].join('\n'),
  );
});

test('nftScript: the rules of each kernel fault type', () => {
  const rules = (fault: NamedKernelFault) =>
    nftScript([fault])
      .split('\n')
      .filter((l) => l.startsWith('    tcp'))
      .map((l) => l.trim());
  const cases: Array<[KernelFault, string[]]> = [
    [{ type: 'drop', port: 80 }, ['tcp dport 80 counter drop']],
    [{ type: 'reject', port: 81 }, ['tcp dport 81 counter reject with tcp reset']],
    [{ type: 'reset-after', port: 82, bytes: 1000 }, ['tcp dport 82 ct bytes > 1000 counter reject with tcp reset']],
    [{ type: 'stall-after', port: 83, bytes: 2048 }, ['tcp dport 83 ct bytes > 2048 counter drop', 'tcp sport 83 ct bytes > 2048 counter drop']],
    [{ type: 'loss', port: 84, percent: 30 }, ['tcp dport 84 numgen random mod 100 < 30 counter drop', 'tcp sport 84 numgen random mod 100 < 30 counter drop']],
  ];
  for (const [fault, expected] of cases) assert.deepEqual(rules(fault), expected, fault.type);
  // several faults share one chain, in order, each rule tagged with its own id
  const both = nftScript([
    { id: 'a', type: 'drop', port: 1 },
    { id: 'b', type: 'stall-after', port: 2, bytes: 0 },
  ]);
  assert.match(both, /dport 1 counter drop comment "a"\n.*dport 2 .* comment "b"\n.*sport 2 .* comment "b"\n {2}}/);
  assert.equal(both.match(/^table inet socketlab_faults \{$/gm)?.length, 1);
});

test('shapingScript: with no shaping, the qdisc goes and the MTU is restored to 65536', () => {
  const reset = 'tc qdisc del dev lo root 2>/dev/null || true\nip link set dev lo mtu 65536';
  assert.equal(shapingScript([], []), reset);
  assert.equal(shapingScript([{ type: 'drop', port: 80 }], [{ type: 'bandwidth', kbit: 64 }]), reset);
});

test('shapingScript: bandwidth sets lo MTU 1500 and a tbf qdisc', () => {
  const lines = shapingScript(
    [
      { type: 'loss', port: 1, percent: 5 },
      { type: 'bandwidth', kbit: 256 },
    ],
    [],
  ).split('\n');
  assert.deepEqual(lines, [
    'tc qdisc del dev lo root 2>/dev/null || true',
    'ip link set dev lo mtu 65536',
    'ip link set dev lo mtu 1500',
    'tc qdisc add dev lo root tbf rate 256kbit burst 6000 latency 500ms',
  ]);
});

test('shapingScript: previous routes are removed before the current ones are added', () => {
  const old: KernelFault = { type: 'route', address: '10.1.2.3', route: 'unreachable' };
  const now: KernelFault = { type: 'route', address: '10.9.9.9', route: 'prohibit' };
  const lines = shapingScript([now, old], [old, { type: 'drop', port: 80 }]).split('\n');
  assert.deepEqual(lines.slice(2), [
    'ip route del unreachable 10.1.2.3 2>/dev/null || true',
    'ip route add prohibit 10.9.9.9/32',
    'ip route add unreachable 10.1.2.3/32',
  ]);
  assert.ok(!shapingScript([], [old]).includes('ip route add'));
  assert.ok(shapingScript([], [old]).endsWith('ip route del unreachable 10.1.2.3 2>/dev/null || true'));
});

// ---- schema/break-it.ts -----------------------------------------------------------------------

const proxies = [{ name: 'api', listen: '127.0.0.1:65433', upstream: '127.0.0.1:65432' }];
const VALID = {
  proxies,
  faults: [
    { id: 'slow', label: 'Slow network', toxic: { proxy: 'api', type: 'latency', attributes: { latency: 2000 } } },
    { id: 'proxy-down', label: 'Proxy down', proxyDown: 'api' },
    { id: 'refuse', label: 'Server refuses', expect: 'ConnectionRefusedError', kernel: { type: 'reject', port: 65432 } },
    { id: 'flaky', label: 'Flaky peer', peer: { behaviour: 'refuse-first', port: 65434 } },
  ],
};

test('breakItSchema accepts a config with every kind of fault, and faultKind names them', () => {
  const parsed = breakItSchema.parse(VALID);
  assert.deepEqual(parsed.faults.map(faultKind), ['toxic', 'proxyDown', 'kernel', 'peer']);
  assert.equal(faultKind({ id: 'c', label: 'Crash', crash: { port: 65432 } } as LessonFault), 'crash');
  const [toxic] = parsed.faults;
  assert.ok('toxic' in toxic);
  assert.deepEqual([toxic.toxic.stream, toxic.toxic.toxicity], ['downstream', 1]);
  assert.deepEqual(breakItSchema.parse({ faults: [VALID.faults[2]] }).proxies, []);
});

test('peerSpecSchema defaults count to 3 and delay to 500 ms', () => {
  assert.deepEqual(peerSpecSchema.parse({ behaviour: 'slow', port: 9000 }), { behaviour: 'slow', port: 9000, count: 3, delay: 500 });
  assert.deepEqual(peerSpecSchema.parse({ behaviour: 'slow', port: 9000, count: 1, delay: 0 }), { behaviour: 'slow', port: 9000, count: 1, delay: 0 });
});

test('breakItSchema rejects bad configs, pointing at the offending fault and field', () => {
  const kernel = (k: object) => ({ proxies, faults: [{ id: 'k', label: 'K', kernel: k }] });
  const drop = (i: number) => ({ id: `f${i}`, label: `F${i}`, kernel: { type: 'drop', port: 1000 + i } });
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['duplicate id', { proxies, faults: [VALID.faults[2], { ...VALID.faults[3], id: 'refuse' }] }, 'faults.1.id', /"refuse" is used twice/],
    ['toxic on an undeclared proxy', { faults: [VALID.faults[0]] }, 'faults.0', /proxy "api" is not declared/],
    ['proxyDown of an undeclared proxy', { proxies, faults: [{ id: 'x', label: 'X', proxyDown: 'db' }] }, 'faults.0', /proxy "db" is not declared/],
    ['13 faults', { faults: Array.from({ length: 13 }, (_, i) => drop(i)) }, 'faults', /at most 12/],
    ['no faults', { proxies, faults: [] }, 'faults', /at least 1/],
    ['port 0', kernel({ type: 'drop', port: 0 }), 'faults.0.kernel.port', /greater than or equal to 1/],
    ['port 70000', kernel({ type: 'reject', port: 70000 }), 'faults.0.kernel.port', /less than or equal to 65535/],
    ['negative bytes', kernel({ type: 'reset-after', port: 80, bytes: -1 }), 'faults.0.kernel.bytes', /greater than or equal to 0/],
    ['percent > 100', kernel({ type: 'loss', port: 80, percent: 101 }), 'faults.0.kernel.percent', /less than or equal to 100/],
    ['bad peer port', { faults: [{ id: 'p', label: 'P', peer: { behaviour: 'echo', port: 70000 } }] }, 'faults.0.peer.port', /65535/],
    ['unknown peer behaviour', { faults: [{ id: 'p', label: 'P', peer: { behaviour: 'rude', port: 80 } }] }, 'faults.0.peer.behaviour', /Expected 'echo'/],
    ['unknown kernel type', kernel({ type: 'explode', port: 80 }), 'faults.0.kernel.type', /Expected 'drop'/],
  ];
  for (const [name, input, path, message] of cases) {
    const parsed = breakItSchema.safeParse(input);
    assert.equal(parsed.success, false, name);
    const issue = parsed.error!.issues[0];
    assert.equal(issue.path.join('.'), path, name);
    assert.match(issue.message, message, name);
  }
  assert.equal(breakItSchema.safeParse({ faults: Array.from({ length: 12 }, (_, i) => drop(i)) }).success, true);
});

test('a fault with no kind, or two, says it needs exactly one', () => {
  for (const fault of [
    { id: 'none', label: 'N' },
    { id: 'two', label: 'T', proxyDown: 'echo', kernel: { type: 'drop', port: 1 } },
  ]) {
    const parsed = breakItSchema.safeParse({ proxies: [{ name: 'echo', listen: '127.0.0.1:1', upstream: '127.0.0.1:2' }], faults: [fault] });
    assert.match(parsed.error!.issues.map((i) => i.message).join(' | '), /needs exactly one of toxic, proxyDown, kernel, peer, crash/);
  }
});

// ---- schema/wire.ts: the session socket -------------------------------------------------------

test('parseSessionMessage accepts fault.set and faults.clear', () => {
  assert.deepEqual(parseSessionMessage('{"type":"fault.set","id":"x","on":true}'), { ok: true, message: { type: 'fault.set', id: 'x', on: true } });
  assert.deepEqual(parseSessionMessage('{"type":"faults.clear"}'), { ok: true, message: { type: 'faults.clear' } });
});

test('parseSessionMessage explains malformed messages instead of throwing', () => {
  const cases: Array<[string, RegExp]> = [
    ['{"type":"fault.set"', /not valid JSON/],
    ['', /not valid JSON/],
    ['{"type":"fault.toggle","id":"x"}', /invalid message \(at type\)/],
    ['{"id":"x","on":true}', /invalid message \(at type\)/],
    ['{"type":"fault.set","on":true}', /invalid message \(at id\)/],
    ['{"type":"fault.set","id":"","on":true}', /invalid message \(at id\)/],
    ['{"type":"fault.set","id":"x"}', /invalid message \(at on\)/],
    ['{"type":"fault.set","id":"x","on":"yes"}', /invalid message \(at on\)/],
    ['null', /invalid message/],
  ];
  for (const [text, error] of cases) {
    const parsed = parseSessionMessage(text);
    assert.equal(parsed.ok, false, text);
    assert.match(!parsed.ok ? parsed.error : '', error, text);
  }
});

test('each fault is described in English and in Japanese, ports and tools as they are', () => {
  const proxies = [{ name: 'api', listen: '127.0.0.1:65433', upstream: '127.0.0.1:65432' }];
  const reject = { id: 'refuse', label: 'Server refuses', kernel: { type: 'reject' as const, port: 65432 } };
  assert.equal(describeFault(reject, proxies), 'nftables: connects to port 65432 answered with a TCP reset');
  assert.equal(describeFault(reject, proxies, 'ja'), 'nftables: ポート 65432 への接続に TCP リセットで答えます');
  const slow = {
    id: 'slow',
    label: 'Slow',
    toxic: { proxy: 'api', type: 'latency' as const, stream: 'downstream' as const, toxicity: 1, attributes: { latency: 1500 } },
  };
  assert.equal(describeFault(slow, proxies), 'latency (latency 1500 ms) on proxy api (127.0.0.1:65433 → 127.0.0.1:65432), downstream');
  assert.equal(describeFault(slow, proxies, 'ja'), 'プロキシ api (127.0.0.1:65433 → 127.0.0.1:65432) の downstream に latency (latency 1500 ms)');
  const peer = { id: 'p', label: 'P', peer: { behaviour: 'refuse-first' as const, port: 65432, count: 3, delay: 500 } };
  assert.equal(describeFault(peer, proxies, 'ja'), '127.0.0.1:65432 のサーバー: 最初の 3 回の接続を拒否し、そのあとは受け付けてエコーする');
  const crash = { id: 'c', label: 'C', crash: { port: 65432, restart: 'Run server', restartAfter: 2000 } };
  assert.match(describeFault(crash, proxies), /"Run server" runs again 2 s later$/);
  assert.match(describeFault(crash, proxies, 'ja'), /2 秒後に「Run server」がもう一度実行されます$/);
});
