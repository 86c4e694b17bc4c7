// The Break-it panel in a real browser, as a learner uses it in lesson 1: see the server's socket
// in the live TCP table, switch on "Server refuses", run the client and see ConnectionRefusedError
// in the terminal and the refused packet in the event log; Clear all, and the echo works again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openTool, useBrowserLab, waitForTerminalText } from '../support/browser.js';
import { jailSkip } from '../support/jail.js';

let page: Page;
useBrowserLab(
  { open: '/lessons/01-first-socket/', connected: ['Server', 'Client'], skip: jailSkip, setup: ({ page }) => openTool(page, 'Break it') },
  (env) => ({ page } = env),
);

const faultSwitch = (name: string) => page.getByRole('switch', { name });
const eventLog = () => page.getByRole('log', { name: 'Fault events' });
const socketsTable = () => page.getByRole('table', { name: /TCP sockets in your sandbox/ });

test('the panel lists the lesson faults, all off, with what each does', { skip: jailSkip }, async () => {
  for (const name of ['Server refuses', 'Packets vanish', 'Port taken']) {
    assert.equal(await faultSwitch(name).getAttribute('aria-checked'), 'false');
  }
  assert.match(
    await faultSwitch('Server refuses')
      .getAttribute('aria-describedby')
      .then((id) => page.locator(`#${id}`).innerText()),
    /connects to port 65432 answered with a TCP reset/,
  );
});

test('the TCP table shows the server listening, live', { skip: jailSkip }, async () => {
  await page.getByRole('button', { name: 'Run server' }).click();
  await waitForTerminalText(page, 'Server', /Listening on/);
  await socketsTable().getByRole('row').filter({ hasText: 'LISTEN' }).filter({ hasText: '127.0.0.1:65432' }).waitFor({ timeout: 5000 });
});

test('switch on "Server refuses": the client gets ConnectionRefusedError and the log counts the refusal', { skip: jailSkip }, async () => {
  await faultSwitch('Server refuses').click();
  await page.locator('[role="switch"][aria-checked="true"]', { hasText: 'Server refuses' }).waitFor({ timeout: 5000 });
  await page.getByText('1 on: Server refuses').waitFor();
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /ConnectionRefusedError/);
  await eventLog()
    .getByText(/Server refuses: \d+ packets? refused with a reset/)
    .waitFor({ timeout: 5000 });
});

test('Clear all switches it off and the echo works again', { skip: jailSkip }, async () => {
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.locator('[role="switch"][aria-checked="false"]', { hasText: 'Server refuses' }).waitFor({ timeout: 5000 });
  await page.getByText('no faults on').waitFor();
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /Received: Hello, sockets!/);
  await socketsTable().getByRole('row').filter({ hasText: 'TIME_WAIT' }).first().waitFor({ timeout: 5000 });
});

test('a fault that cannot start says why beside its switch', { skip: jailSkip }, async () => {
  // The learner's server holds 65432, so the "Port taken" peer cannot bind it.
  await faultSwitch('Port taken').click();
  await page
    .locator('[data-fault-note="port-taken"]')
    .getByText(/cannot bind 127\.0\.0\.1:65432/)
    .waitFor({ timeout: 5000 });
  assert.equal(await faultSwitch('Port taken').getAttribute('aria-checked'), 'false');
});
