// Repository hygiene: the repository stands on its own. No tracked file may point at a
// developer's machine layout — a path under the work directory or the sibling "shared" folder
// next to a checkout — because a user who clones the repository alone has neither.
// package-lock.json files are exempt (npm writes them). Node built-ins only.
//
//   node --test tests/repo/hygiene.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Built from pieces so that this file does not match its own pattern.
const WORK_DIR = '/' + 'work' + '/';
const SHARED_DIR = '\\.\\.' + '/' + 'shared';
// Deliberately plain: WORK_DIR anywhere, even inside a longer path, is reported.
const PATTERN = `${WORK_DIR}|${SHARED_DIR}`;
const SHARED_SHOWN = '..' + '/' + 'shared';

function git(args) {
  return spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
}

test('no tracked file refers to paths outside the repository', (t) => {
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (inside.error || inside.status !== 0 || inside.stdout.trim() !== 'true') {
    t.skip('not a git checkout (nothing is tracked); this check needs git and a clone');
    return;
  }
  const grep = git(['grep', '-n', '-I', '-E', PATTERN, '--', '.', ':!*package-lock.json']);
  // git grep: 0 = matches, 1 = none, anything else = error.
  assert.ok(grep.status === 0 || grep.status === 1, `git grep failed (status ${grep.status}): ${grep.stderr}`);
  const hits = grep.stdout.trim();
  assert.equal(
    hits,
    '',
    `tracked files refer to ${WORK_DIR} or ${SHARED_SHOWN}; copy what is needed into the repository ` +
      `and point at it instead:\n${hits}`,
  );
});

test('the pattern catches what it should and not what it should not', () => {
  const re = new RegExp(PATTERN);
  for (const bad of [`see ${WORK_DIR}shared/x`, `"${WORK_DIR}main"`, `cp -r ${SHARED_SHOWN}/groq-suite .`, `x=${WORK_DIR}`])
    assert.ok(re.test(bad), `should match: ${bad}`);
  for (const good of ['src/store/workqueue.h', 'bench/groq/README.md', 'network/workers', './shared-state'])
    assert.ok(!re.test(good), `should not match: ${good}`);
});
