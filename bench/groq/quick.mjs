#!/usr/bin/env node
// Quick GROQ benchmark check: one process per query with `--repeat N` (one load, N
// evaluations), comparing each result with the groq-js baseline hash and printing the
// in-process median. Needs the groq-bench kit (its lib.mjs and queries).
//
//   node bench/groq/quick.mjs --kit /work/shared/groq-bench --bin build/ledgerline \
//        --dataset data/shop-1.ndjson --baseline results/baseline-groqjs-scale1.json [--runs 5]
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const flags = { runs: '5' };
for (let i = 2; i < process.argv.length; i += 2) flags[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const f of ['kit', 'bin', 'dataset', 'baseline'])
  if (!flags[f]) {
    console.error(`missing --${f}`);
    process.exit(2);
  }
const { loadQueries, canonicalJson } = await import(path.resolve(flags.kit, 'lib.mjs'));
const baseline = JSON.parse(fs.readFileSync(flags.baseline, 'utf8'));
const expected = new Map(baseline.queries.map((q) => [q.name, q.sha256]));

let bad = 0;
for (const q of loadQueries()) {
  const args = ['query', '--dataset', flags.dataset, '--repeat', flags.runs];
  for (const [k, v] of Object.entries(q.params)) args.push('--param', `${k}=${JSON.stringify(v)}`);
  args.push(q.query);
  const r = spawnSync(flags.bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /eval_ms_median=([0-9.]+)/.exec(r.stderr || '');
  if (r.status !== 0 || !m) {
    console.log(`${q.name.padEnd(26)} FAILED ${(r.stderr || '').trim().slice(0, 200)}`);
    bad++;
    continue;
  }
  const hash = crypto.createHash('sha256').update(canonicalJson(JSON.parse(r.stdout))).digest('hex');
  const same = hash === expected.get(q.name);
  if (!same) bad++;
  const ms = parseFloat(m[1]);
  console.log(`${q.name.padEnd(26)} ${ms.toFixed(2).padStart(9)} ms  ${same ? 'same' : 'DIFFERS'}${ms >= 20 ? '  (>= 20 ms)' : ''}`);
}
process.exit(bad ? 1 : 0);
