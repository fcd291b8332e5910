// Proves the crash test can fail: runs crash.mjs against fake-serve.mjs in a correct mode (must
// pass) and in two broken modes (acknowledging before the write is durable; writing half a
// transaction first) that must both be caught. Usage: node tests/e2e/selfcheck-crash-test.mjs
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wrapperDir = mkdtempSync(join(tmpdir(), 'fake-ledgerline-'));
const wrapper = join(wrapperDir, 'ledgerline');
writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${join(here, 'fake-serve.mjs')}" "$@"\n`);
chmodSync(wrapper, 0o755);

let passed = 0;
let failed = 0;
for (const [mode, shouldPass] of [['safe', true], ['ack-early', false], ['half', false]]) {
  const run = spawnSync(process.execPath, [join(here, 'crash.mjs'), '--bin', wrapper, '--rounds', '5', '--seed', '7'], {
    env: { ...process.env, FAKE_MODE: mode },
    encoding: 'utf8',
  });
  const lastLine = run.stdout.trim().split('\n').pop();
  const ok = (run.status === 0) === shouldPass;
  console.log(`${ok ? 'ok  ' : 'FAIL'} fake mode ${mode}: crash.mjs exit ${run.status} (${lastLine}), expected ${shouldPass ? 'pass' : 'failure'}`);
  if (ok) passed += 1;
  else failed += 1;
}
rmSync(wrapperDir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
