// Crash test: writers commit continuously over HTTP while `ledgerline serve` is killed with
// SIGKILL at a random moment, again and again on the same data dir. After every restart each
// ACKNOWLEDGED write must be there exactly as acknowledged, and a transaction that was in flight
// at the kill must be there whole or not at all (never half: a pair of documents plus a per-writer
// counter commit together). Some rounds also kill the server while it is still recovering.
//
// Usage: node tests/e2e/crash.mjs --bin build/ledgerline [--rounds 20] [--writers 4] [--seed N]
// Last line: "N passed, N failed"; exit code 1 on any failure.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { binaryPath, makeTempDataDir, startServer, testToken } from './server-process.mjs';

const { values: args } = parseArgs({
  options: {
    bin: { type: 'string' },
    rounds: { type: 'string', default: '20' },
    writers: { type: 'string', default: '4' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    'max-kill-ms': { type: 'string', default: '1200' },
    keep: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(args.rounds);
const WRITERS = Number(args.writers);
const MAX_KILL_MS = Number(args['max-kill-ms']);
const HARD_TIMEOUT_MS = 170_000;
const bin = binaryPath(args.bin);

// Deterministic PRNG (mulberry32) so a failing run can be replayed with --seed.
let seedState = Number(args.seed) >>> 0;
function random() {
  seedState = (seedState + 0x6d2b79f5) >>> 0;
  let t = seedState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

// What the test knows about the dataset.
const acknowledged = new Map(); // id -> the document exactly as the server answered it
const counters = new Map(); // writer -> { doc, committed } (last acknowledged counter document)
let inFlight = []; // transactions whose answer never arrived: { writer, a, b, docs }

function userFields(doc) {
  const { _rev, _createdAt, _updatedAt, ...rest } = doc;
  return rest;
}
const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);

function mutationsFor(writer, round, seq) {
  const a = `crash-r${round}-w${writer}-${seq}-a`;
  const b = `crash-r${round}-w${writer}-${seq}-b`;
  const payload = 'p'.repeat(Math.floor(random() * 2000));
  const counterId = `crash-counter-${writer}`;
  return {
    a,
    b,
    docs: {
      [a]: { _id: a, _type: 'crashPair', partner: b, round, writer, seq, payload },
      [b]: { _id: b, _type: 'crashPair', partner: a, round, writer, seq, payload: payload.slice(1) },
    },
    mutations: [
      { create: { _id: a, _type: 'crashPair', partner: b, round, writer, seq, payload } },
      { create: { _id: b, _type: 'crashPair', partner: a, round, writer, seq, payload: payload.slice(1) } },
      { createIfNotExists: { _id: counterId, _type: 'crashCounter', writer, n: 0 } },
      { patch: { id: counterId, inc: { n: 1 }, set: { last: a } } },
    ],
  };
}

// Commits transactions back to back until the server dies; records what was acknowledged.
async function runWriter(server, writer, round, problems) {
  const url = `${server.url}/v2025-02-19/data/mutate/production?returnIds=true&returnDocuments=true`;
  let acked = 0;
  for (let seq = 1; ; seq += 1) {
    const txn = mutationsFor(writer, round, seq);
    let response;
    let body;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ mutations: txn.mutations }),
      });
      body = await response.json();
    } catch {
      inFlight.push({ writer, ...txn }); // the server died: unknown whether it committed
      return acked;
    }
    if (response.status !== 200) {
      problems.push(`writer ${writer}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      inFlight.push({ writer, ...txn });
      return acked;
    }
    const byId = new Map(body.results.map((r) => [r.id, r.document]));
    for (const id of [txn.a, txn.b]) {
      const doc = byId.get(id);
      if (!doc || !same(userFields(doc), txn.docs[id])) {
        problems.push(`writer ${writer}: answer for ${id} is ${JSON.stringify(doc)}`);
      }
      acknowledged.set(id, doc);
    }
    const counter = byId.get(`crash-counter-${writer}`);
    const previous = counters.get(writer)?.committed ?? 0;
    if (!counter || counter.n !== previous + 1 || counter.last !== txn.a) {
      problems.push(`writer ${writer}: counter answer ${JSON.stringify(counter)}, expected n=${previous + 1}`);
    }
    counters.set(writer, { doc: counter, committed: previous + 1 });
    acked += 1;
  }
}

// Reads the given ids through the doc endpoint (batches of 100); returns id -> document.
async function fetchDocuments(server, ids) {
  const found = new Map();
  for (let i = 0; i < ids.length; i += 100) {
    const batch = ids.slice(i, i + 100).map(encodeURIComponent).join(',');
    const response = await fetch(`${server.url}/v2025-02-19/data/doc/production/${batch}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    if (response.status !== 200) throw new Error(`doc read failed: HTTP ${response.status} ${await response.text()}`);
    for (const doc of (await response.json()).documents) found.set(doc._id, doc);
  }
  return found;
}

// Checks the restarted server against what was acknowledged; returns a list of problems.
async function verify(server) {
  const problems = [];
  const writerIds = new Set([...counters.keys(), ...inFlight.map((txn) => txn.writer)]);
  const ids = [
    ...acknowledged.keys(),
    ...inFlight.flatMap((txn) => [txn.a, txn.b]),
    ...[...writerIds].map((writer) => `crash-counter-${writer}`),
  ];
  const found = await fetchDocuments(server, [...new Set(ids)]);
  for (const [id, doc] of acknowledged) {
    const stored = found.get(id);
    if (!stored) problems.push(`acknowledged ${id} is missing`);
    else if (!same(stored, doc)) problems.push(`acknowledged ${id} differs: ${JSON.stringify(stored).slice(0, 200)}`);
  }
  const committedInFlight = new Map(); // writer -> id of the in-flight pair's first document
  for (const txn of inFlight) {
    const a = found.get(txn.a);
    const b = found.get(txn.b);
    if (Boolean(a) !== Boolean(b)) {
      problems.push(`half a transaction: ${txn.a} ${a ? 'present' : 'absent'}, ${txn.b} ${b ? 'present' : 'absent'}`);
      continue;
    }
    if (!a) continue;
    if (!same(userFields(a), txn.docs[txn.a]) || !same(userFields(b), txn.docs[txn.b])) {
      problems.push(`in-flight ${txn.a}/${txn.b} present with wrong content`);
    }
    if (a._rev !== b._rev) problems.push(`in-flight ${txn.a}/${txn.b} have different _rev`);
    committedInFlight.set(txn.writer, txn.a);
    acknowledged.set(txn.a, a);
    acknowledged.set(txn.b, b);
  }
  for (const writer of writerIds) {
    const stored = found.get(`crash-counter-${writer}`);
    const known = counters.get(writer) ?? { doc: null, committed: 0 };
    const expected = known.committed + (committedInFlight.has(writer) ? 1 : 0);
    if (expected === 0) {
      if (stored && stored.n !== 0) problems.push(`counter ${writer} is ${stored.n}, expected 0`);
      continue;
    }
    if (!stored) {
      problems.push(`counter ${writer} is missing`);
      continue;
    }
    if (stored.n !== expected) problems.push(`counter ${writer} is ${stored.n}, expected ${expected} (pair and counter must commit together)`);
    if (committedInFlight.has(writer)) {
      if (stored.last !== committedInFlight.get(writer)) problems.push(`counter ${writer} last=${stored.last}, expected the in-flight pair`);
    } else if (!same(stored, known.doc)) {
      problems.push(`counter ${writer} differs from its acknowledged version`);
    }
    counters.set(writer, { doc: stored, committed: stored.n });
  }
  for (const [id, doc] of found) {
    if (doc._type !== 'crashPair') continue;
    if (!found.has(doc.partner)) problems.push(`${id} is present but its partner ${doc.partner} is not`);
  }
  inFlight = [];
  return problems;
}

// Starts serve and SIGKILLs it after `delayMs`, whether or not it finished recovering.
async function killDuringStartup(dataDir, delayMs) {
  const child = spawn(bin, ['serve', '--data', dataDir, '--host', '127.0.0.1', '--port', '0'], { stdio: 'ignore' });
  const exited = new Promise((resolveExit) => child.on('exit', resolveExit));
  await sleep(delayMs);
  child.kill('SIGKILL');
  await exited;
}

async function main() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.log(`crash test exceeded ${HARD_TIMEOUT_MS / 1000} s`);
    console.log(`0 passed, ${ROUNDS + 1} failed`);
    process.exit(1);
  }, HARD_TIMEOUT_MS);
  const dataDir = makeTempDataDir('ledgerline-crash-');
  console.log(`crash test: ${bin}, data ${dataDir}, ${ROUNDS} rounds, ${WRITERS} writers, seed ${args.seed}`);
  const { token, auth } = testToken(bin, dataDir);
  let passed = 0;
  let failed = 0;
  try {
    for (let round = 1; round <= ROUNDS + 1; round += 1) {
      const last = round === ROUNDS + 1;
      if (round > 1 && random() < 0.25) await killDuringStartup(dataDir, Math.floor(random() * 150));
      const server = await startServer({ dataDir, bin, token, auth });
      const problems = round > 1 ? await verify(server) : [];
      if (last) {
        const exit = await server.stop();
        if (exit.code !== 0) problems.push(`SIGTERM exit ${JSON.stringify(exit)}:\n${server.output()}`);
      } else {
        const killAfter = Math.floor(random() * MAX_KILL_MS);
        const writers = Array.from({ length: WRITERS }, (_, w) => runWriter(server, w + 1, round, problems));
        await sleep(killAfter);
        await server.kill('SIGKILL');
        const acked = await Promise.all(writers);
        console.log(
          `round ${round}: killed after ${killAfter} ms; acknowledged ${acked.reduce((x, y) => x + y, 0)} transactions; ` +
            `${inFlight.length} in flight; ${acknowledged.size} acknowledged documents in total`,
        );
      }
      if (round > 1 || problems.length) {
        const label = last ? 'final restart + SIGTERM' : `restart before round ${round}`;
        if (problems.length) {
          failed += 1;
          console.log(`FAIL ${label}: ${problems.length} problems`);
          for (const problem of problems.slice(0, 10)) console.log(`  - ${problem}`);
        } else {
          passed += 1;
          console.log(`ok   ${label}`);
        }
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`FAIL: ${error.stack ?? error}`);
  } finally {
    clearTimeout(watchdog);
    if (!args.keep) rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`runtime ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
