// Checks for the capstone: the chat server relays whole lines to everybody else, survives slices,
// leavers and resets, stops cleanly on SIGTERM, and the client finds its way back after a restart.
// The lab's clients are in chat-probes.ts; the checks of how the programs start and stop are in
// lifecycle-checks.ts. Every text a learner reads is in English and Japanese (the lesson has both).
import { defineChecks, joinWords, serverEnded } from '../../sandbox/checks/check-api.js';
import { got, listener, PORT, PROXY_PORT, received } from './chat-probes.js';
import { lifecycleChecks } from './lifecycle-checks.js';

export default defineChecks([
  {
    name: { en: 'A line from one client reaches every other client', ja: 'あるクライアントの行が、ほかのすべてのクライアントに届く' },
    covers: ['goes to every other connected client'],
    hints: [
      {
        en: 'Keep a collection of connected clients (the starter has `clients`). When a line arrives, queue it to each of them.',
        ja: '接続しているクライアントの集まりを持ちましょう(出発点のコードには `clients` があります)。行が届いたら、その全員に積みます。',
      },
      {
        en: 'Write a broadcast(sender, line) that calls queue(other, line) for every other client; call it for each complete line instead of queue(client, data).',
        ja: 'ほかの各クライアントに queue(other, line) を呼ぶ broadcast(sender, line) を書き、queue(client, data) の代わりに、完全な行ごとにそれを呼びます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      const carol = await listener(lab);
      await lab.run('chat_probe.py', { args: ['--say', 'alice: hello, room', '--for', '0.3'], timeoutMs: 3000 });
      for (const [name, probe] of [
        ['bob', bob],
        ['carol', carol],
      ] as const) {
        const arrived = await probe.waitForOutput(/^got: alice: hello, room$/m, 2000);
        lab.expect(arrived, {
          expected: {
            en: `${name} (another connected client) to receive the line "alice: hello, room"`,
            ja: `${name}(接続しているほかのクライアント)が "alice: hello, room" の行を受け取ること`,
          },
          actual: joinWords(received(name, probe), await serverEnded(server)),
        });
      }
    },
  },
  {
    name: { en: 'The sender does not get its own line back', ja: '送った本人には、自分の行が返ってこない' },
    covers: ['and never back to its sender'],
    hints: [
      {
        en: 'The sender already shows what it typed: in broadcast(), skip the client the line came from.',
        ja: '送った本人は入力したものをもう表示しています。broadcast() では、行の送り主を飛ばしましょう。',
      },
      {
        en: 'for other in list(clients.values()): if other is not sender: queue(other, line)',
        ja: 'たとえば: for other in list(clients.values()): if other is not sender: queue(other, line)',
      },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      const alice = lab.start('chat_probe.py', { args: ['--say', 'alice: only for the others', '--for', '0.6'], timeoutMs: 4000 });
      const result = await alice.result;
      lab.expect(await bob.waitForOutput(/^got: alice: only for the others$/m, 1000), {
        expected: { en: "bob to receive alice's line", ja: 'bob が alice の行を受け取ること' },
        actual: received('bob', bob),
      });
      lab.expect(!/^got: alice: only for the others$/m.test(result.stdout), {
        expected: { en: 'alice not to receive her own line back', ja: 'alice に自分の行が返ってこないこと' },
        actual: received('alice', alice),
      });
    },
  },
  {
    name: { en: 'Lines sliced into small pieces still arrive whole', ja: '細かく刻まれた行も、まるごと届く' },
    covers: ['lines that arrive in pieces are reassembled first'],
    hints: [
      {
        en: 'recv() returns whatever has arrived: three bytes of a line, or the end of one line and the start of the next. A chunk is not a line.',
        ja: 'recv() は届いているものを返します。行の 3 バイトだけのことも、ある行の終わりと次の行の始まりのこともあります。断片は行ではありません。',
      },
      {
        en: 'Append each chunk to client.inbuf; then, while it contains b"\\n", cut off the complete line (up to and including the newline) and broadcast it. Keep the rest for next time.',
        ja: '断片は client.inbuf に追加し、b"\\n" が含まれている間、完全な行(改行まで)を切り出して全員に送ります。残りは次の回まで取っておきます。',
      },
      {
        en: 'while (end := client.inbuf.find(b"\\n")) >= 0: line = bytes(client.inbuf[:end + 1]); del client.inbuf[:end + 1]; broadcast(client, line)',
        ja: 'たとえば: while (end := client.inbuf.find(b"\\n")) >= 0: line = bytes(client.inbuf[:end + 1]); del client.inbuf[:end + 1]; broadcast(client, line)',
      },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const agent = await lab.faultAgent();
      await agent.call('POST', '/proxies', { name: 'chat', listen: `127.0.0.1:${PROXY_PORT}`, upstream: `127.0.0.1:${PORT}` });
      await agent.call('POST', '/proxies/chat/toxics', {
        type: 'slicer',
        stream: 'upstream',
        // Slices of exactly 2 bytes, 20 ms apart: every 3-byte character below is cut in two, whatever
        // its offset, so the verdict does not hang on where random slices happen to fall (or on a
        // loaded host's recv() merging them).
        attributes: { average_size: 2, size_variation: 0, delay: 20000 },
      });
      const bob = await listener(lab);
      // Multi-byte UTF-8 too: a slice can end in the middle of a character, so only whole lines may be decoded.
      const lines = ['alice: this line travels in pieces — ça va ?', 'alice: and so does this one: 日本語も'];
      const alice = lab.start('chat_probe.py', { args: ['--port', String(PROXY_PORT), ...lines.flatMap((l) => ['--say', l]), '--for', '3'], timeoutMs: 5000 });
      await bob.waitForOutput(/^got: alice: and so does this one/m, 2500);
      await lab.sleep(100); // anything after the last line would be a stray fragment
      // Other lines (a server's "alice joined" notice) are allowed; a piece of a sent line is not.
      const sent = lines.join('\n');
      const arrived = got(bob).filter((l) => lines.includes(l) || sent.includes(l.trim()));
      const all = received('bob', bob);
      const sentOk = alice.stdout.includes('sent');
      lab.expect(arrived.length === 2 && arrived[0] === lines[0] && arrived[1] === lines[1], {
        expected: {
          en: `bob to receive exactly the two lines "${lines[0]}" and "${lines[1]}"`,
          ja: `bob が "${lines[0]}" と "${lines[1]}" のちょうど 2 行を受け取ること`,
        },
        actual: {
          en: `${all.en} (${arrived.length} of the 2 lines)${sentOk ? '' : ' (alice could not send through the proxy)'}`,
          ja: `${all.ja}(2 行のうち ${arrived.length} 行)${sentOk ? '' : '(alice はプロキシを通して送れませんでした)'}`,
        },
      });
    },
  },
  {
    name: { en: 'Clients that leave or reset do not disturb the others', ja: '去ったりリセットしたりするクライアントが、ほかを乱さない' },
    covers: ['are dropped, and nobody else notices', 'including the unfinished line of a client that disconnects'],
    hints: [
      {
        en: 'recv() returning b"" means the client left; recv() or send() raising ConnectionResetError or BrokenPipeError means it vanished. Both concern that client only.',
        ja: 'recv() が b"" を返したらクライアントは去りました。recv() や send() が ConnectionResetError や BrokenPipeError を発生させたら、消えたのです。どちらも、そのクライアントだけの話です。',
      },
      {
        en: 'Catch ConnectionResetError (and BrokenPipeError on send), then drop the client: remove it from clients, unregister it, close it. Never broadcast to a client you dropped.',
        ja: 'ConnectionResetError(send では BrokenPipeError も)を捕まえ、そのクライアントを外します。clients から取り除き、unregister して閉じます。外したクライアントに送ってはいけません。',
      },
      {
        en: 'A client that resets in the middle of a line takes the unfinished line with it: do not send that fragment to anyone.',
        ja: '行の途中でリセットしたクライアントは、終わっていない行を道連れにします。その断片を誰にも送ってはいけません。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      await lab.run('chat_probe.py', { args: ['--say', 'dave: bye', '--for', '0.1'], timeoutMs: 3000 });
      for (let i = 0; i < 3; i++) {
        await lab.run('chat_probe.py', { args: ['--say', `eve: reset ${i}`, '--raw', 'eve: half a li', '--reset'], timeoutMs: 3000 });
      }
      await lab.sleep(300);
      lab.expect(server.running, {
        expected: {
          en: 'your server to keep running after clients left and reset their connections',
          ja: 'クライアントが去ったり接続をリセットしたりしたあとも、サーバーが動き続けること',
        },
        actual: server.running ? { en: 'your server is running', ja: 'サーバーは動いています' } : (await server.result).said,
      });
      await lab.run('chat_probe.py', { args: ['--say', 'alice: anyone still here?', '--for', '0.3'], timeoutMs: 3000 });
      lab.expect(await bob.waitForOutput(/^got: alice: anyone still here\?$/m, 2000), {
        expected: {
          en: 'bob to receive "alice: anyone still here?" after the others left',
          ja: 'ほかが去ったあと、bob が "alice: anyone still here?" を受け取ること',
        },
        actual: joinWords(received('bob', bob), await serverEnded(server)),
      });
      lab.expect(!got(bob).some((l) => l.includes('half a li')), {
        expected: { en: 'no fragment of an unfinished line to be passed on', ja: '終わっていない行の断片が渡されないこと' },
        actual: received('bob', bob),
      });
    },
  },
  ...lifecycleChecks,
]);
