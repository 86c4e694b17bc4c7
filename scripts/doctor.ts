// `npm run doctor`: what this host offers the lab, piece by piece, and then what the lab itself
// can do here (the same self-test `npm start` runs: one real session, used). Every missing piece
// comes with the command that fixes it. Exit 0 when the lab can serve (even degraded), 1 when not.
import { CAPABILITIES } from '../schema/capabilities.js';
import { probeHost } from '../sandbox/host/host-probes.js';
import { chooseSandbox } from '../sandbox/jail/choose-sandbox.js';
import { resolvePython } from '../sandbox/process/python.js';

const mark = (ok: boolean) => (ok ? 'ok     ' : 'missing');

async function main(): Promise<number> {
  console.log('Socket Lab doctor\n\nThis host:');
  const probes = await probeHost();
  for (const p of probes)
    console.log(`  ${mark(p.ok)}  ${p.name.padEnd(20)} ${p.detail}${!p.ok && p.fix ? `\n           ${''.padEnd(20)} fix: ${p.fix}` : ''}`);
  if (probes.some((p) => p.essential && !p.ok)) {
    console.log('\nThe lab cannot serve on this host: fix the essential pieces above (python, node-pty).');
    return 1;
  }
  console.log('\nThe lab on this host (self-test: one real session, used as a learner would):');
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const choice = await chooseSandbox(resolvePython(), quiet);
  try {
    if (choice.off) console.log(`  sandbox OFF — unsandboxed local mode: ${choice.off.reason}\n  to enable it: ${choice.off.fix}`);
    for (const c of choice.capabilities.list()) {
      console.log(
        `  ${mark(c.ok)}  ${c.id.padEnd(20)} ${c.ok ? CAPABILITIES[c.id] : c.reason}${!c.ok && c.fix ? `\n           ${''.padEnd(20)} fix: ${c.fix}` : ''}`,
      );
    }
    const off = choice.capabilities.list().filter((c) => !c.ok).length;
    console.log(
      `\nThe lab can serve${choice.off ? ' in unsandboxed local mode (one learner, loopback only)' : off ? `, with ${off} capabilities off (what needs them says why)` : ', with everything on'}.`,
    );
    return 0;
  } finally {
    choice.provider.close?.();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
