// Cold start and memory of `ledgerline serve` on a large dataset: imports the NDJSON file into a
// fresh data dir (`ledgerline import`), then starts `serve` several times and measures the time
// from spawn to the `listening on` line and the VmRSS of the process at that moment.
// With --postgres URL --empty-postgres URL2 (two fresh, empty databases) the node runs on
// PostgreSQL instead (`import --postgres URL`, `serve --postgres URL`; URL2 for the empty node).
// Usage: node bench/commit/cold-start.mjs --bin build/ledgerline --dataset F.ndjson [--runs 3]
//          [--postgres URL --empty-postgres URL2]
// Prints key=value lines (import_s, start_ms_median, rss_mib, rss_mib_per_100k_docs, ...).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { binaryPath, makeTempDataDir, provisionAdminToken } from '../../tests/e2e/server-process.mjs';

const { values: args } = parseArgs({
  options: {
    bin: { type: 'string' },
    dataset: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'work-dir': { type: 'string' },
    postgres: { type: 'string' },
    'empty-postgres': { type: 'string' },
  },
});
if (!args.dataset || Boolean(args.postgres) !== Boolean(args['empty-postgres'])) {
  console.error('usage: cold-start.mjs --bin PATH --dataset FILE.ndjson [--runs N] [--work-dir DIR] [--postgres URL --empty-postgres URL2]');
  process.exit(2);
}
const bin = binaryPath(args.bin);

function countLines(file) {
  const data = readFileSync(file);
  let lines = 0;
  for (let i = 0; i < data.length; i += 1) if (data[i] === 10) lines += 1;
  return lines;
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

// Spawns serve and resolves once it prints `listening on`: { ms, url, rssMiB, peakMiB, stop() }.
function startTimed(storage) {
  return new Promise((resolveStart, rejectStart) => {
    const started = process.hrtime.bigint();
    const child = spawn(bin, ['serve', ...storage, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`no "listening on" within 120 s:\n${log}`));
    }, 120_000);
    const onData = (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (!match) return;
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.stdout.resume();
      child.stderr.resume();
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
      resolveStart({
        ms,
        url: match[1],
        ...memoryOf(child.pid),
        pid: child.pid,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`serve exited with ${code} before listening:\n${log}`));
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const documents = countLines(args.dataset);
  const dataDir = makeTempDataDir('ledgerline-coldstart-');
  const emptyDir = makeTempDataDir('ledgerline-empty-');
  const storage = args.postgres ? ['--postgres', args.postgres] : ['--data', dataDir];
  const emptyStorage = args.postgres ? ['--postgres', args['empty-postgres']] : ['--data', emptyDir];
  try {
    const importStarted = Date.now();
    const imported = spawnSync(bin, ['import', ...storage, args.dataset], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (imported.status !== 0) throw new Error(`import failed (${imported.status}): ${imported.stderr}`);
    const importSeconds = (Date.now() - importStarted) / 1000;
    const token = provisionAdminToken(bin, storage) ?? 't';

    const empty = await startTimed(emptyStorage);
    await empty.stop();

    const runs = [];
    for (let run = 0; run < Number(args.runs); run += 1) {
      const server = await startTimed(storage);
      if (run === 0) {
        const headers = { authorization: `Bearer ${token}` };
        const query = await fetch(`${server.url}/v1/data/query/production?query=${encodeURIComponent('count(*)')}&perspective=raw`, { headers });
        const counted = query.status === 200 ? (await query.json()).result : `? (query answered ${query.status})`;
        const probe = await fetch(`${server.url}/v1/data/doc/production/user-000001,bill-100000,stx-200000`, { headers });
        const probed = probe.status === 200 ? (await probe.json()).documents.length : `? (doc answered ${probe.status})`;
        console.log(`loaded_documents=${counted} (file has ${documents} lines; ${probed}/3 probe ids found)`);
      }
      runs.push(server);
      const exit = await server.stop();
      if (exit.code !== 0) console.log(`warning: serve exited with ${JSON.stringify(exit)} on SIGTERM`);
    }
    const rss = median(runs.map((r) => r.rssMiB));
    console.log(`documents=${documents}`);
    console.log(`import_s=${importSeconds.toFixed(1)}`);
    console.log(`start_ms_runs=${runs.map((r) => r.ms.toFixed(0)).join(',')}`);
    console.log(`start_ms_median=${median(runs.map((r) => r.ms)).toFixed(0)}`);
    console.log(`rss_mib=${rss.toFixed(1)} peak_rss_mib=${median(runs.map((r) => r.peakMiB)).toFixed(1)} empty_rss_mib=${empty.rssMiB.toFixed(1)}`);
    console.log(`rss_mib_per_100k_docs=${((rss * 100_000) / documents).toFixed(1)}`);
    console.log(`rss_mib_per_100k_docs_above_empty=${(((rss - empty.rssMiB) * 100_000) / documents).toFixed(1)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`cold-start: ${error.message}`);
  process.exit(1);
});
