// The command-line docs cannot drift from the binary: for every command with an option table
// in docs/cli.md (`serve`, `query`, `import`, `export`), the flags that `ledgerline COMMAND
// --help` lists and the flags in the first column of that table must be the same set. A table
// is the Markdown table that follows the line `<!-- options: COMMAND -->`; each row's first
// cell is exactly one flag in backticks, e.g. `--port`. `--help` itself is left out of both.
//
//   LEDGERLINE_BIN=build/ledgerline node --test tests/repo/cli-docs.test.mjs
// The binary is $LEDGERLINE_BIN (absolute, or relative to the cwd or the repository root),
// else build/ledgerline; the test fails when it is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { join } from 'node:path';

import { REPO_ROOT, binaryPath } from '../e2e/server-process.mjs';

const COMMANDS = ['serve', 'query', 'import', 'export'];
const DOC = join(REPO_ROOT, 'docs', 'cli.md');

// Long flags in the "Options:" section of CLI11 help output (first column only).
export function flagsFromHelp(text) {
  const flags = new Set();
  let inOptions = false;
  for (const line of text.split('\n')) {
    if (/^\S.*:\s*$/.test(line)) {
      inOptions = /^options:/i.test(line.trim());
      continue;
    }
    if (!inOptions) continue;
    const m = /^\s+(-\S+(?:\s*,\s*-\S+)*)/.exec(line);
    if (!m) continue;
    for (const name of m[1].split(',')) {
      const flag = name.trim().replace(/[=\s].*$/, '');
      if (flag.startsWith('--')) flags.add(flag);
    }
  }
  flags.delete('--help');
  return flags;
}

// First-column flags of the table after `<!-- options: COMMAND -->`, or null when there is none.
export function flagsFromDoc(markdown, command) {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.trim() === `<!-- options: ${command} -->`);
  if (at < 0) return null;
  let i = at + 1;
  while (i < lines.length && lines[i].trim() === '') i += 1;
  const rows = [];
  for (; i < lines.length && lines[i].trim().startsWith('|'); i += 1) rows.push(lines[i]);
  assert.ok(rows.length >= 2, `docs/cli.md: no Markdown table after <!-- options: ${command} -->`);
  const flags = new Set();
  for (const row of rows.slice(2)) {
    const cell = row.trim().slice(1).split('|')[0].trim();
    const m = /^`(--[a-z0-9][a-z0-9-]*)`$/.exec(cell);
    assert.ok(m, `docs/cli.md (${command} options): first cell must be one flag in backticks, got: ${cell}`);
    assert.ok(!flags.has(m[1]), `docs/cli.md (${command} options): ${m[1]} is listed twice`);
    flags.add(m[1]);
  }
  flags.delete('--help');
  return flags;
}

const bin = binaryPath();

test('the ledgerline binary exists', () => {
  assert.ok(existsSync(bin), `no ledgerline binary at ${bin}: build it first or set LEDGERLINE_BIN`);
});

const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';

test('docs/cli.md exists and has the serve option table', () => {
  assert.ok(doc, `missing ${DOC}`);
  assert.ok(flagsFromDoc(doc, 'serve'), 'docs/cli.md has no <!-- options: serve --> table');
});

for (const command of COMMANDS) {
  test(`docs/cli.md lists exactly the flags of \`ledgerline ${command}\``, (t) => {
    assert.ok(existsSync(bin), `no ledgerline binary at ${bin}: build it first or set LEDGERLINE_BIN`);
    const documented = flagsFromDoc(doc, command);
    if (documented === null && command !== 'serve') {
      t.skip(`docs/cli.md has no option table for ${command}`);
      return;
    }
    const help = spawnSync(bin, [command, '--help'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(help.status, 0, `\`${bin} ${command} --help\` failed (status ${help.status}): ${help.stderr}`);
    const actual = flagsFromHelp(help.stdout);
    assert.ok(actual.size > 0, `no flags found in \`ledgerline ${command} --help\`:\n${help.stdout}`);
    const undocumented = [...actual].filter((f) => !documented.has(f));
    const unknown = [...documented].filter((f) => !actual.has(f));
    assert.deepEqual(
      { undocumented, unknown },
      { undocumented: [], unknown: [] },
      `docs/cli.md (<!-- options: ${command} --> table) is out of date: ` +
        `add a row for each of ${JSON.stringify(undocumented)} (shown by \`ledgerline ${command} --help\`) ` +
        `and remove ${JSON.stringify(unknown)} (no such flag)`,
    );
  });
}

test('flagsFromHelp reads CLI11 help', () => {
  const help = 'Serve\nUsage: ledgerline serve [OPTIONS]\n\nOptions:\n  -h,--help                   Print this help message and exit\n' +
    '  --data TEXT REQUIRED        Data folder\n  --port UINT=8080            Port\n  --seed-demo                 Seed\n' +
    '  --cors-origin TEXT ...      Allowed\n\nPositionals:\n  file TEXT                   File\n';
  assert.deepEqual([...flagsFromHelp(help)].sort(), ['--cors-origin', '--data', '--port', '--seed-demo']);
});

test('flagsFromDoc reads the table and rejects a malformed first cell', () => {
  const md = 'x\n<!-- options: serve -->\n\n| flag | value | default | what |\n| --- | --- | --- | --- |\n| `--data` | DIR | — | folder |\n| `--port` | N | 8080 | port |\n\nafter\n';
  assert.deepEqual([...flagsFromDoc(md, 'serve')], ['--data', '--port']);
  assert.equal(flagsFromDoc(md, 'query'), null);
  assert.throws(() => flagsFromDoc(md.replace('`--port`', '`--port N`'), 'serve'), /first cell/);
});
