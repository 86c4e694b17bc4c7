// Worker thread that keeps every terminal's headless mirror (plain JS: it must load without a
// TypeScript loader). Parsing terminal output is the costliest per-byte work on the server; doing
// it here leaves the main thread free for ptys and sockets.
import { parentPort } from 'node:worker_threads';
import headless from '@xterm/headless';
import serializeAddon from '@xterm/addon-serialize';

const { Terminal } = headless;
const { SerializeAddon } = serializeAddon;
const mirrors = new Map();

function text(term) {
  const buffer = term.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}

parentPort.on('message', (msg) => {
  const mirror = mirrors.get(msg.id);
  switch (msg.op) {
    case 'create': {
      const term = new Terminal({ cols: msg.cols, rows: msg.rows, scrollback: msg.scrollback, allowProposedApi: true });
      const serializer = new SerializeAddon();
      term.loadAddon(serializer);
      mirrors.set(msg.id, { term, serializer });
      break;
    }
    case 'write':
      // Report when this chunk is parsed: the main thread bounds each terminal's unparsed bytes.
      if (mirror) mirror.term.write(msg.data, () => parentPort.postMessage({ parsed: msg.id, bytes: msg.data.length }));
      else parentPort.postMessage({ parsed: msg.id, bytes: msg.data.length });
      break;
    case 'reset':
      mirror?.term.reset();
      if (mirror && msg.note) mirror.term.write(msg.note);
      break;
    case 'resize':
      mirror?.term.resize(msg.cols, msg.rows);
      break;
    case 'snapshot':
    case 'text':
      if (!mirror) {
        parentPort.postMessage({ reply: msg.reply, value: '' });
        break;
      }
      // The callback runs once every earlier write is parsed, and before any later one.
      mirror.term.write('', () => {
        const value = msg.op === 'snapshot' ? mirror.serializer.serialize({ scrollback: msg.scrollback }) : text(mirror.term);
        parentPort.postMessage({ reply: msg.reply, value, cols: mirror.term.cols, rows: mirror.term.rows });
      });
      break;
    case 'dispose':
      mirror?.term.dispose();
      mirrors.delete(msg.id);
      break;
  }
});
