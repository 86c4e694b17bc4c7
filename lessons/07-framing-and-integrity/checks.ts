// Checks for lesson 7: length-prefixed frames with a SHA-256 digest. The lab's client sends raw
// frames (in pieces, back to back, corrupted, cut short, absurdly long) and reads the answers. Every
// text a learner reads is in English and Japanese (the lesson has both).
import { createHash } from 'node:crypto';
import { defineChecks, type CheckLab, type ClientReport, type RunningProgram, serverEnded } from '../../sandbox/checks/check-api.js';

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

const show = (p: Buffer, bytes = 'bytes') => (/^[\x20-\x7e]*$/.test(p.toString('latin1')) ? `"${p.toString('latin1')}"` : `${p.length} ${bytes}`);
/** What came back, and how the server is, in both languages. */
const answers = async (r: ClientReport, server: RunningProgram) => {
  const found = payloads(r);
  const ended = await serverEnded(server);
  const failed = r.exception
    ? { en: ` (${r.exception} after ${r.elapsed.toFixed(1)} s)`, ja: `(${r.elapsed.toFixed(1)} 秒で ${r.exception})` }
    : { en: '', ja: '' };
  const [list, listJa] = [found.map((p) => show(p)).join(', '), found.map((p) => show(p, 'バイト')).join('、')];
  return found.length
    ? { en: `${found.length} answer frame(s): ${list}${failed.en}${ended.en}`, ja: `答えのフレーム ${found.length} 個: ${listJa}${failed.ja}${ended.ja}` }
    : {
        en: `${r.received} byte(s), no whole answer frame${failed.en}${ended.en}`,
        ja: `${r.received} バイト受信、完全な答えのフレームはなし${failed.ja}${ended.ja}`,
      };
};

/** Payload bytes a text format cannot carry: the separator, newlines, a zero byte, non-UTF-8. */
const AWKWARD = Buffer.concat([Buffer.from('len|sha|and\nmore\r\n'), Buffer.from([0, 0xff, 0xfe, 0x7c, 0x80, 0x0a])]);

async function sendFrames(lab: CheckLab, bytes: Buffer, expectBytes: number, more: object = {}) {
  return lab.client(PORT, { bytes, expect: expectBytes, timeoutMs: 2000, ...more });
}

export default defineChecks([
  {
    name: { en: 'Echoes a frame that arrives in pieces', ja: '断片で届いたフレームをエコーする' },
    covers: ['read each frame with recv_exact', 'answer each good frame with a frame carrying the same payload back'],
    hints: [
      {
        en: 'recv() returns whatever has arrived: here 5 bytes at a time. A frame is only complete when you have its 36-byte header and then `length` more bytes.',
        ja: 'recv() は届いているものを返します。ここでは 5 バイトずつです。フレームがそろうのは、36 バイトのヘッダーと、そのあと `length` バイトを受け取ったときだけです。',
      },
      {
        en: 'Write recv_exact(sock, n): loop on recv(n - len(buf)) until you have n bytes; b"" before that means the connection ended.',
        ja: 'recv_exact(sock, n) を書きましょう。n バイトそろうまで recv(n - len(buf)) を繰り返します。その前に b"" が来たら、接続が終わったという意味です。',
      },
      {
        en: 'Read the header with recv_exact(conn, 36), unpack it with struct.Struct("!I32s"), then recv_exact(conn, length) for the payload.',
        ja: 'ヘッダーを recv_exact(conn, 36) で読み、struct.Struct("!I32s") でほどき、ペイロードは recv_exact(conn, length) で読みます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const sent = frame(AWKWARD);
      const r = await sendFrames(lab, sent, sent.length, { chunk: 5, chunkDelayMs: 20 });
      lab.expect(payloads(r)[0]?.equals(AWKWARD), {
        expected: {
          en: `the same ${AWKWARD.length}-byte payload back (it holds "|", newlines and zero bytes), sent 5 bytes at a time`,
          ja: `5 バイトずつ送った ${AWKWARD.length} バイトのペイロード("|"、改行、ゼロのバイトを含む)が、そのまま返ってくること`,
        },
        actual: await answers(r, server),
      });
    },
  },
  {
    name: { en: 'Answers two frames sent back to back', ja: '続けて送られた 2 つのフレームに答える' },
    covers: ['read each frame with recv_exact', 'answer each good frame with a frame carrying the same payload back'],
    hints: [
      {
        en: 'Both frames can arrive in one recv(). Whatever is left after the first frame belongs to the next one: never throw it away.',
        ja: '2 つのフレームが 1 回の recv() で届くこともあります。最初のフレームの後ろに残ったものは次のフレームのものです。決して捨てないでください。',
      },
      {
        en: 'With recv_exact you never read past the frame you are on, so nothing is lost: loop reading frames until the client closes.',
        ja: 'recv_exact なら、いまのフレームより先を読むことはないので、何も失われません。クライアントが閉じるまで、フレームを読むループを続けましょう。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const one = Buffer.from('first frame');
      const two = Buffer.from('second|frame');
      const r = await sendFrames(lab, Buffer.concat([frame(one), frame(two)]), 2 * HEADER + one.length + two.length);
      const got = payloads(r);
      lab.expect(got.length === 2 && got[0].equals(one) && got[1].equals(two), {
        expected: {
          en: 'two answer frames, "first frame" and "second|frame", for two frames sent in one go',
          ja: '一度に送った 2 つのフレームに、"first frame" と "second|frame" の 2 つの答えのフレーム',
        },
        actual: await answers(r, server),
      });
    },
  },
  {
    name: { en: 'Says ERR checksum when the digest does not match', ja: 'ダイジェストが一致しなければ ERR checksum と言う' },
    covers: ['if the SHA-256 does not match'],
    hints: [
      {
        en: 'Compute hashlib.sha256(payload).digest() and compare it with the 32 bytes from the header.',
        ja: 'hashlib.sha256(payload).digest() を計算して、ヘッダーの 32 バイトと比べましょう。',
      },
      {
        en: 'On a mismatch, answer with a frame whose payload is b"ERR checksum", and keep reading the next frame.',
        ja: '一致しなければ、ペイロードが b"ERR checksum" のフレームで答え、次のフレームを読み続けます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const payload = Buffer.from('transfer 100 coins to alice');
      const forged = frame(payload, Buffer.from('transfer 1 coin to alice'));
      const r = await sendFrames(lab, forged, HEADER + 'ERR checksum'.length);
      lab.expect(payloads(r)[0]?.toString('latin1') === 'ERR checksum', {
        expected: {
          en: 'an answer frame "ERR checksum" for a payload whose SHA-256 does not match the header',
          ja: 'SHA-256 がヘッダーと一致しないペイロードに、答えのフレーム "ERR checksum"',
        },
        actual: await answers(r, server),
      });
    },
  },
  {
    name: { en: 'Reports a frame cut short, and keeps serving', ja: '途中で切れたフレームを報告し、動き続ける' },
    covers: ['if a connection ends inside a frame'],
    hints: [
      {
        en: 'When the connection ends inside a frame, recv_exact gets b"" before it has n bytes. That is a truncated frame, not a message.',
        ja: 'フレームの途中で接続が終わると、recv_exact は n バイトそろう前に b"" を受け取ります。それは途中で切れたフレームで、メッセージではありません。',
      },
      {
        en: 'Raise an exception for it (a ConnectionError subclass works well), catch it around the connection, print a line containing "truncated", and go back to accept().',
        ja: 'そのときは例外を発生させ(ConnectionError のサブクラスが便利です)、接続の周りで捕まえて "truncated" を含む 1 行を表示し、accept() に戻りましょう。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const whole = frame(Buffer.alloc(100, 0x41));
      await lab.client(PORT, { bytes: whole.subarray(0, HEADER + 20), halfClose: true, timeoutMs: 1500 });
      await lab.sleep(200);
      const r = await sendFrames(lab, frame(Buffer.from('next client')), HEADER + 'next client'.length);
      lab.expect(payloads(r)[0]?.toString() === 'next client', {
        expected: {
          en: 'after a client that sent 20 of 100 payload bytes and closed, the next client to get its answer',
          ja: 'ペイロード 100 バイトのうち 20 バイトを送って閉じたクライアントのあと、次のクライアントが答えを受け取ること',
        },
        actual: await answers(r, server),
      });
      const printed = server.output.trim().split('\n').slice(-2).join(' / ');
      lab.expect(/truncat/i.test(server.output), {
        expected: { en: 'a line from your server saying the frame was truncated', ja: 'フレームが途中で切れたと言う、サーバーからの 1 行' },
        actual: { en: `it printed: ${printed || 'nothing'}`, ja: printed ? `サーバーの表示: ${printed}` : 'サーバーは何も表示しませんでした' },
      });
    },
  },
  {
    name: { en: 'Refuses a frame longer than 1 MiB without waiting for it', ja: '1 MiB より長いフレームは、待たずに断る' },
    covers: ['if the length is over 1 MiB'],
    hints: [
      {
        en: 'The length comes from the network: a bug or an attacker can claim 4 GB. Check it before reading the payload.',
        ja: '長さはネットワークから来ます。バグや攻撃者が 4 GB だと言ってくることもあります。ペイロードを読む前に確かめましょう。',
      },
      {
        en: 'If length > MAX_PAYLOAD (1024 * 1024), answer with a frame b"ERR too big" and close the connection: after a bad header, nothing later in the stream can be trusted.',
        ja: 'length > MAX_PAYLOAD(1024 * 1024)なら、b"ERR too big" のフレームで答えて接続を閉じます。おかしなヘッダーのあとでは、ストリームの続きは何も信用できません。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const header = Buffer.alloc(HEADER);
      header.writeUInt32BE(0xfffffff0);
      const r = await sendFrames(lab, Buffer.concat([header, Buffer.from('and a few bytes')]), HEADER + 'ERR too big'.length, { halfClose: false });
      lab.expect(payloads(r)[0]?.toString() === 'ERR too big', {
        expected: {
          en: 'an answer frame "ERR too big" at once, for a header claiming 4,294,967,280 bytes',
          ja: '4,294,967,280 バイトだと言うヘッダーに、すぐ答えのフレーム "ERR too big"',
        },
        actual: await answers(r, server),
      });
    },
  },
]);
