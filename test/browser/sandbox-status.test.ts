// The learner can always tell whether the sandbox is on, and where to read about the lab network.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { noConfinement, type ConfinementProvider } from '../../sandbox/process/launch.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { launchBrowser, openTool } from '../support/browser.js';
import { jailSkip } from '../support/jail.js';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

async function openLesson(lab: TestLab) {
  const page = await browser.newPage();
  await page.goto(`${lab.origin}/lessons/01-first-socket/?token=${lab.lab.security.token}`);
  await page.getByRole('toolbar', { name: 'Lesson actions' }).waitFor();
  return page;
}

test('unsandboxed mode is labelled on the lesson page, with why and how to fix it', async () => {
  const lab = await startTestLab({ sandbox: noConfinement, sandboxOff: { reason: 'bwrap is missing', fix: 'sudo apt-get install -y bubblewrap' } });
  try {
    const page = await openLesson(lab);
    const banner = page.getByRole('note').filter({ hasText: 'Unsandboxed local mode' });
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.innerText(), /bwrap is missing.*sudo apt-get install -y bubblewrap/s);
    // Break it: kernel faults cannot work without a private network; the panel says so, switch by switch.
    await openTool(page, 'Break it');
    const refuse = page.getByRole('switch', { name: 'Server refuses' });
    await page.locator('[role="switch"][aria-disabled="true"]', { hasText: 'Server refuses' }).waitFor();
    assert.match(await page.locator('[data-fault-note="refuse"]').innerText(), /needs the sandbox/);
    await refuse.click({ force: true }); // aria-disabled: a click does nothing
    assert.equal(await refuse.getAttribute('aria-checked'), 'false');
    assert.match(await page.locator('.sockets-note').innerText(), /No private network/);
  } finally {
    await lab.close();
  }
});

test('with the sandbox on there is no banner, and the lab network page documents the hosts', { skip: jailSkip }, async () => {
  const lab = await startTestLab();
  try {
    const page = await openLesson(lab);
    await page
      .getByRole('region', { name: 'Server terminal' })
      .getByRole('status')
      .filter({ hasText: /^connected$/ })
      .waitFor();
    assert.equal(await page.getByRole('note').filter({ hasText: 'Unsandboxed local mode' }).isVisible(), false);
    await page.getByRole('link', { name: 'lab network page' }).click();
    await page.getByRole('heading', { level: 1, name: 'The lab network' }).waitFor();
    const table = page.getByRole('table', { name: /Hosts you can connect to/ });
    for (const host of ['closed.lab', 'silent.lab', 'unreachable.lab', 'offline.lab']) {
      await table.getByRole('rowheader', { name: host }).waitFor();
    }
  } finally {
    await lab.close();
  }
});

test('a server that is up but cannot start a session says why and what to do, and never claims to reconnect', async () => {
  const failing: ConfinementProvider = {
    mode: 'sandboxed',
    capabilities: noConfinement.capabilities,
    create: () => Promise.reject(new Error("the session's network could not be created: setup exited with 1: open: Permission denied")),
  };
  const lab = await startTestLab({ sandbox: failing });
  try {
    const page = await openLesson(lab);
    const status = page.getByRole('status', { name: 'Lab connection' });
    await status.getByText(/The lab server is running, but it could not start your session: .*Permission denied.*npm run doctor/).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(3000); // long enough for any retry loop to have said "reconnecting"
    const text = await status.innerText();
    assert.doesNotMatch(text, /reconnect|Lost the lab server/i);
    assert.match(text, /Reload the page to try again/);
  } finally {
    await lab.close();
  }
});

test('the lab network page marks the hosts this lab cannot offer, with the reason', async () => {
  const lab = await startTestLab({ sandbox: noConfinement, sandboxOff: { reason: 'bwrap is missing', fix: 'sudo apt-get install -y bubblewrap' } });
  try {
    const page = await openLesson(lab);
    await page.goto(`${lab.origin}/lab-network/`);
    const note = page.getByRole('note', { name: 'What is off on this lab' });
    await note.waitFor({ state: 'visible' });
    assert.match(await note.innerText(), /silent\.lab: a link nobody answers on, for connect timeouts \(silent-host\): needs the sandbox/);
    const silent = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'silent.lab' }) });
    assert.match(await silent.innerText(), /Off on this lab: needs the sandbox/);
    const local = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'localhost' }) });
    assert.doesNotMatch(await local.innerText(), /Off on this lab/);
  } finally {
    await lab.close();
  }
});
