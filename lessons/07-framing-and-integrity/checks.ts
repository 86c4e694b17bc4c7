// Checks for lesson 7: length-prefixed frames with a SHA-256 digest. The lab's client sends raw
// frames (in pieces, back to back, corrupted, cut short, absurdly long) and reads the answers.
import { createHash } from 'node:crypto';
import { defineChecks, type CheckLab, type ClientReport, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const HEADER = 36;

/** A frame as the lesson defines it: length (4 bytes, big-endian), SHA-256 of the payload, payload. */
function frame(payload: Buffer, digestOf: Buffer = payload): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(payload.length);
  return Buffer.concat([length, createHash('sha256').update(digestOf).digest(), payload]);
}

/** The payloads of the whole frames in what the client received (hex), in order. */
function payloads(report: ClientReport): Buffer[] {
  const data = Buffer.from(report.hex ?? '', 'hex');
  const found: Buffer[] = [];
  for (let at = 0; at + HEADER <= data.length;) {
    const length = data.readUInt32BE(at);
    if (at + HEADER + length > data.length) break;
    found.push(data.subarray(at + HEADER, at + HEADER + length));
    at += HEADER + length;
  }
  return found;
}

const show = (p: Buffer) => (/^[\x20-\x7e]*$/.test(p.toString('latin1')) ? `"${p.toString('latin1')}"` : `${p.length} bytes`);
const answers = (r: ClientReport) => {
  const found = payloads(r);
  const what = found.length ? `${found.length} answer frame(s): ${found.map(show).join(', ')}` : `${r.received} byte(s), no whole answer frame`;
  return `${what}${r.exception ? ` (${r.exception} after ${r.elapsed.toFixed(1)} s)` : ''}`;
};
const ended = async (server: RunningProgram) => (server.running ? '' : `; your server ${(await server.result).summary}`);

/** Payload bytes a text format cannot carry: the separator, newlines, a zero byte, non-UTF-8. */
const AWKWARD = Buffer.concat([Buffer.from('len|sha|and\nmore\r\n'), Buffer.from([0, 0xff, 0xfe, 0x7c, 0x80, 0x0a])]);

async function sendFrames(lab: CheckLab, bytes: Buffer, expectBytes: number, more: object = {}) {
  return lab.client(PORT, { bytes, expect: expectBytes, timeoutMs: 2000, ...more });
}

export default defineChecks([
  {
    name: 'Echoes a frame that arrives in pieces',
    covers: ['read each frame with recv_exact', 'answer each good frame with a frame carrying the same payload back'],
    hints: [
      'recv() returns whatever has arrived: here 5 bytes at a time. A frame is only complete when you have its 36-byte header and then `length` more bytes.',
      'Write recv_exact(sock, n): loop on recv(n - len(buf)) until you have n bytes; b"" before that means the connection ended.',
      'Read the header with recv_exact(conn, 36), unpack it with struct.Struct("!I32s"), then recv_exact(conn, length) for the payload.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const sent = frame(AWKWARD);
      const r = await sendFrames(lab, sent, sent.length, { chunk: 5, chunkDelayMs: 20 });
      lab.expect(payloads(r)[0]?.equals(AWKWARD), {
        expected: `the same ${AWKWARD.length}-byte payload back (it holds "|", newlines and zero bytes), sent 5 bytes at a time`,
        actual: `${answers(r)}${await ended(server)}`,
      });
    },
  },
  {
    name: 'Answers two frames sent back to back',
    covers: ['read each frame with recv_exact', 'answer each good frame with a frame carrying the same payload back'],
    hints: [
      'Both frames can arrive in one recv(). Whatever is left after the first frame belongs to the next one: never throw it away.',
      'With recv_exact you never read past the frame you are on, so nothing is lost: loop reading frames until the client closes.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const one = Buffer.from('first frame');
      const two = Buffer.from('second|frame');
      const r = await sendFrames(lab, Buffer.concat([frame(one), frame(two)]), 2 * HEADER + one.length + two.length);
      const got = payloads(r);
      lab.expect(got.length === 2 && got[0].equals(one) && got[1].equals(two), {
        expected: 'two answer frames, "first frame" and "second|frame", for two frames sent in one go',
        actual: `${answers(r)}${await ended(server)}`,
      });
    },
  },
  {
    name: 'Says ERR checksum when the digest does not match',
    covers: ['if the SHA-256 does not match'],
    hints: [
      'Compute hashlib.sha256(payload).digest() and compare it with the 32 bytes from the header.',
      'On a mismatch, answer with a frame whose payload is b"ERR checksum", and keep reading the next frame.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const payload = Buffer.from('transfer 100 coins to alice');
      const forged = frame(payload, Buffer.from('transfer 1 coin to alice'));
      const r = await sendFrames(lab, forged, HEADER + 'ERR checksum'.length);
      lab.expect(payloads(r)[0]?.toString('latin1') === 'ERR checksum', {
        expected: 'an answer frame "ERR checksum" for a payload whose SHA-256 does not match the header',
        actual: `${answers(r)}${await ended(server)}`,
      });
    },
  },
  {
    name: 'Reports a frame cut short, and keeps serving',
    covers: ['if a connection ends inside a frame'],
    hints: [
      'When the connection ends inside a frame, recv_exact gets b"" before it has n bytes. That is a truncated frame, not a message.',
      'Raise an exception for it (a ConnectionError subclass works well), catch it around the connection, print a line containing "truncated", and go back to accept().',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const whole = frame(Buffer.alloc(100, 0x41));
      await lab.client(PORT, { bytes: whole.subarray(0, HEADER + 20), halfClose: true, timeoutMs: 1500 });
      await lab.sleep(200);
      const r = await sendFrames(lab, frame(Buffer.from('next client')), HEADER + 'next client'.length);
      lab.expect(payloads(r)[0]?.toString() === 'next client', {
        expected: 'after a client that sent 20 of 100 payload bytes and closed, the next client to get its answer',
        actual: `${answers(r)}${await ended(server)}`,
      });
      lab.expect(/truncat/i.test(server.output), {
        expected: 'a line from your server saying the frame was truncated',
        actual: `it printed: ${server.output.trim().split('\n').slice(-2).join(' / ') || 'nothing'}`,
      });
    },
  },
  {
    name: 'Refuses a frame longer than 1 MiB without waiting for it',
    covers: ['if the length is over 1 MiB'],
    hints: [
      'The length comes from the network: a bug or an attacker can claim 4 GB. Check it before reading the payload.',
      'If length > MAX_PAYLOAD (1024 * 1024), answer with a frame b"ERR too big" and close the connection: after a bad header, nothing later in the stream can be trusted.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const header = Buffer.alloc(HEADER);
      header.writeUInt32BE(0xfffffff0);
      const r = await sendFrames(lab, Buffer.concat([header, Buffer.from('and a few bytes')]), HEADER + 'ERR too big'.length, { halfClose: false });
      lab.expect(payloads(r)[0]?.toString() === 'ERR too big', {
        expected: 'an answer frame "ERR too big" at once, for a header claiming 4,294,967,280 bytes',
        actual: `${answers(r)}${await ended(server)}`,
      });
    },
  },
]);
