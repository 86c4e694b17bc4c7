// Terminal speed through the whole chain (WebSocket → server → pty → bash and back):
// keystroke echo, Run → first output byte, throughput with flow control, Ctrl-C after `yes`.
import { spawn } from 'node:child_process';
import type { TestLab } from '../test/support/lab-harness.js';
import { TerminalClient } from '../test/support/terminal-client.js';
import { stripAnsi } from '../test/support/fixtures.js';
import { BENCH_LESSON } from './bench-lab.js';
import { median, mb, ms, now, quantile, type ReportLine } from './stats.js';

async function openTerminal(lab: TestLab, terminal = 'client'): Promise<TerminalClient> {
  const session = await lab.createSession(BENCH_LESSON);
  const client = await TerminalClient.connect(lab, { session, terminal, tailChars: 4096 });
  await client.waitForOutput('$ ');
  return client;
}

async function keystrokeEcho(lab: TestLab): Promise<number[]> {
  const client = await openTerminal(lab);
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    if (i % 50 === 49) client.type('\x15'); // Ctrl-U: keep the line short
    const before = client.bytesReceived;
    const t = now();
    client.type('x');
    await client.waitFor((c) => c.bytesReceived > before, 2000, 'echo');
    samples.push(now() - t);
  }
  await client.close();
  return samples;
}

async function runToFirstByte(lab: TestLab): Promise<number[]> {
  const client = await openTerminal(lab);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const from = client.output.length;
    const t = now();
    client.send({ type: 'run', label: 'Print one', files: [] });
    await client.waitFor((c) => stripAnsi(c.output.slice(from)).includes('\n1\n'), 5000, 'print(1) output');
    samples.push(now() - t);
    await client.waitFor((c) => c.output.slice(from).endsWith('$ '), 5000, 'prompt');
  }
  await client.close();
  return samples;
}

function interpreterStart(): Promise<number> {
  return new Promise((resolve) => {
    const t = now();
    const child = spawn('/usr/bin/python3', ['-c', 'print(1)']);
    child.stdout.once('data', () => resolve(now() - t));
  });
}

async function throughput(lab: TestLab): Promise<number> {
  const client = await openTerminal(lab);
  const bytes = 50_000_000;
  const from = client.bytesReceived;
  client.type(`head -c ${bytes} /dev/zero | tr '\\0' x; echo; echo "done-$((6*7))"\r`);
  await client.waitFor((c) => c.bytesReceived > from + 1000, 5000, 'first bytes');
  const t = now();
  await client.waitFor((c) => c.output.includes('done-42'), 60_000, 'end of output');
  const seconds = (now() - t) / 1000;
  await client.close();
  return bytes / seconds;
}

async function ctrlCAfterYes(lab: TestLab): Promise<{ quiet: number; prompt: number }> {
  const client = await openTerminal(lab);
  client.type('yes\r');
  const from = client.bytesReceived;
  await client.waitFor((c) => c.bytesReceived > from + 1_000_000, 10_000, 'yes output');
  client.output = ''; // keep memory flat; only new output matters now
  let lastByte = now();
  client.ws.on('message', () => (lastByte = now()));
  const t = now();
  client.type('\x03');
  await client.waitFor((c) => /\$ $/.test(c.output), 5000, 'prompt after Ctrl-C');
  const prompt = now() - t;
  await new Promise((r) => setTimeout(r, 300));
  await client.close();
  return { quiet: lastByte - t, prompt };
}

export async function measureTerminalSpeed(lab: TestLab): Promise<ReportLine[]> {
  const echo = await keystrokeEcho(lab);
  const run = await runToFirstByte(lab);
  const starts: number[] = [];
  for (let i = 0; i < 20; i++) starts.push(await interpreterStart());
  const overhead = median(run) - median(starts);
  const rate = await throughput(lab);
  const stop = await ctrlCAfterYes(lab);
  return [
    { what: 'keystroke → echo, median', value: ms(median(echo)), budget: '≤ 3 ms', ok: median(echo) <= 3 },
    { what: 'keystroke → echo, p95', value: ms(quantile(echo, 0.95)) },
    { what: 'Run → first output byte, median', value: ms(median(run)) },
    { what: 'python3 -c "print(1)" on its own, median', value: ms(median(starts)) },
    { what: 'Run overhead above the interpreter', value: ms(overhead), budget: '≤ 40 ms', ok: overhead <= 40 },
    { what: 'throughput with flow control (50 MB)', value: `${mb(rate)}/s`, budget: '≥ 20 MB/s', ok: rate >= 20 * 1024 * 1024 },
    { what: 'Ctrl-C after `yes`: last byte after', value: ms(stop.quiet), budget: '≤ 200 ms', ok: stop.quiet <= 200 },
    { what: 'Ctrl-C after `yes`: prompt back after', value: ms(stop.prompt) },
  ];
}
