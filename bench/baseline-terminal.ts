// The bench's baseline: a plain web terminal as anyone would write it with the same parts — xterm.js
// in the page, node-pty and ws on the server, bash with the lab's prompt — and nothing else: no
// sandbox, no screen mirror, no flow control, no session. Every browser figure is shown beside it.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';
import { repoRoot } from '../test/support/lab-harness.js';

const XTERM = `${repoRoot}/node_modules/@xterm/xterm`;
const PROMPT = 'lab:~$ ';

/** The baseline's shell: bash with the lab's prompt, no rc files, under node-pty. */
export function spawnBaselineShell(cols = 80, rows = 24): pty.IPty {
  return pty.spawn('/bin/bash', ['--norc', '--noprofile'], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: '/tmp',
    env: { PATH: '/usr/bin:/bin', HOME: '/tmp', TERM: 'xterm-256color', PS1: PROMPT },
    encoding: null,
  });
}

// The page takes its terminal's size in pixels from the query (?w=…&h=…), fits xterm to it and
// opens the pty with that many columns and rows.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline terminal</title>
<link rel="stylesheet" href="/xterm.css">
<style>body{margin:0}</style></head>
<body><section aria-label="Baseline terminal"><div id="term"></div></section>
<script src="/xterm.js"></script>
<script src="/addon-fit.js"></script>
<script>
  const query = new URLSearchParams(location.search);
  const box = document.getElementById('term');
  box.style.width = (query.get('w') || 720) + 'px';
  box.style.height = (query.get('h') || 400) + 'px';
  const term = new Terminal({ fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: 13, scrollback: 5000 });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(box);
  fit.fit();
  const ws = new WebSocket('ws://' + location.host + '/pty?cols=' + term.cols + '&rows=' + term.rows);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e) => term.write(new Uint8Array(e.data));
  term.onData((d) => ws.readyState === 1 && ws.send(d));
  term.focus();
</script></body></html>`;

export interface BaselineTerminal {
  url: string;
  /** The bash processes it runs (for memory figures). */
  shellPids(): number[];
  close(): Promise<void>;
}

export async function startBaselineTerminal(): Promise<BaselineTerminal> {
  const shells = new Set<pty.IPty>();
  const files: Record<string, [string, string]> = {
    '/': [PAGE, 'text/html'],
    '/xterm.js': [readFileSync(`${XTERM}/lib/xterm.js`, 'utf8'), 'text/javascript'],
    '/xterm.css': [readFileSync(`${XTERM}/css/xterm.css`, 'utf8'), 'text/css'],
    '/addon-fit.js': [readFileSync(`${repoRoot}/node_modules/@xterm/addon-fit/lib/addon-fit.js`, 'utf8'), 'text/javascript'],
  };
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://baseline').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file[1] }).end(file[0]);
  });
  const wss = new WebSocketServer({ server, path: '/pty' });
  wss.on('connection', (ws, req) => {
    const query = new URL(req.url ?? '/', 'http://baseline').searchParams;
    const shell = spawnBaselineShell(Number(query.get('cols') ?? 80), Number(query.get('rows') ?? 24));
    shells.add(shell);
    shell.onData((data) => ws.readyState === ws.OPEN && ws.send(data));
    shell.onExit(() => (shells.delete(shell), ws.close()));
    ws.on('message', (data) => shell.write(data.toString()));
    ws.on('close', () => shell.kill());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    shellPids: () => [...shells].map((s) => s.pid),
    async close() {
      for (const shell of shells) shell.kill();
      wss.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
