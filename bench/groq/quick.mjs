#!/usr/bin/env node
// Quick GROQ benchmark check: one process per query with `--repeat N` (one load, N
// evaluations), comparing each result with the groq-js baseline hash and printing the
// in-process median. Uses the kit in this directory (lib.mjs, queries/) unless --kit says
// otherwise.
//
//   node bench/groq/quick.mjs --bin build/ledgerline [--runs 5] [--kit bench/groq]
//        [--dataset KIT/data/shop-1.ndjson] [--baseline KIT/results/baseline-groqjs-scale1.json]
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const flags = { runs: '5', kit: path.dirname(fileURLToPath(import.meta.url)) };
for (let i = 2; i < process.argv.length; i += 2) flags[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
flags.dataset ??= path.join(flags.kit, 'data', 'shop-1.ndjson');
flags.baseline ??= path.join(flags.kit, 'results', 'baseline-groqjs-scale1.json');
if (!flags.bin) {
  console.error('missing --bin');
  process.exit(2);
}
for (const f of ['dataset', 'baseline'])
  if (!fs.existsSync(flags[f])) {
    console.error(`no --${f} at ${flags[f]}` + (f === 'dataset' ? ' (generate it: node bench/groq/gen-dataset.mjs --scale 1 --out bench/groq/data/shop-1.ndjson)' : ''));
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
