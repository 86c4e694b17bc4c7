// Runs a command line in a lab terminal and returns what it printed and its exit status, by
// wrapping it between two markers the command line itself cannot print (the shell expands them).
import type { TerminalClient } from './terminal-client.js';
import { stripAnsi } from './fixtures.js';

let counter = 0;

export async function runInTerminal(client: TerminalClient, command: string, timeoutMs = 15_000): Promise<{ output: string; status: number }> {
  const id = ++counter;
  const start = client.output.length;
  // "$((…))" is expanded by bash, so the typed line never contains the finished marker text.
  client.type(`echo "<<$((${id}+0))"; ${command}; echo ">>$((${id}+0)):$?"\r`);
  const end = new RegExp(`>>${id}:(\\d+)`);
  await client.waitFor((c) => end.test(stripAnsi(c.output.slice(start))), timeoutMs, `command ${command}`);
  const text = stripAnsi(client.output.slice(start));
  const body = text.slice(text.indexOf(`<<${id}\n`) + `<<${id}\n`.length, text.search(end));
  return { output: body, status: Number(end.exec(text)![1]) };
}
