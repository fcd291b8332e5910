// Two `ledgerline serve --postgres URL` nodes on one PostgreSQL act as one system:
//   1. a listener on node B receives every write made on node A (latency p50/p99 printed);
//   2. 2 nodes x 32 clients buying 1 unit of a product with 10 in stock sell exactly 10;
//   3. a payment retried on both nodes at once with one key is recorded once;
//   4. node A killed (SIGKILL) under write load: no acknowledged write is lost, node B keeps
//      serving, and a listener that was on A resumes on B from its last event id, no gap;
//   5. PostgreSQL restarted under write load: no acknowledged write is lost, both nodes
//      reconnect by themselves, writes meanwhile fail with 503 (never another 5xx);
//   6. `ledgerline check` on the database finds no breach.
// Needs a PostgreSQL to itself: run it as
//   tests/support/pg-cluster.sh run node tests/e2e/two-nodes.mjs [--bin build/ledgerline]
// (it sets LEDGERLINE_TEST_POSTGRES and LEDGERLINE_TEST_PG_RESTART). Exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { binaryPath, rawRequest, startServer } from './server-process.mjs';
import { openStream } from './sse.mjs';

const args = process.argv.slice(2);
const bin = binaryPath(args.includes('--bin') ? args[args.indexOf('--bin') + 1] : undefined);
const postgres = process.env.LEDGERLINE_TEST_POSTGRES;
const restartCommand = process.env.LEDGERLINE_TEST_PG_RESTART;
if (!postgres || !restartCommand) {
  console.error('two-nodes: run me inside tests/support/pg-cluster.sh run ... (no PostgreSQL given)');
  process.exit(2);
}

let failures = 0;
function expect(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cli(cliArgs, input) {
  const result = spawnSync(bin, [...cliArgs, '--postgres', postgres], { input, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`ledgerline ${cliArgs.join(' ')}: exit ${result.status}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const token = (() => {
  cli(['user', 'create', '--email', 'nodes@e2e.test', '--name', 'Nodes Admin', '--role', 'admin'], 'two-nodes-password\n');
  return cli(['token', 'create', '--user', 'nodes@e2e.test', '--label', 'two-nodes']).trim();
})();

const startNode = () => startServer({ bin, token, auth: true, storage: ['--postgres', postgres] });

async function api(node, method, path, body) {
  try {
    return await rawRequest(node, method, path, body === undefined ? {} : { body: JSON.stringify(body) });
  } catch (error) {
    return { status: 0, text: String(error) };  // the node is gone
  }
}
const mutate = (node, mutations) => api(node, 'POST', node.apiUrl('/data/mutate/production'), { mutations });
async function query(node, groq) {
  const reply = await api(node, 'GET', node.apiUrl(`/data/query/production?query=${encodeURIComponent(groq)}`));
  return reply.body?.result;
}
// How many of `ids` exist on `node` (POST: a long id list does not fit in a URL).
async function countPresent(node, ids) {
  const reply = await api(node, 'POST', node.apiUrl('/data/query/production'), {
    query: 'count(*[_id in $ids])', params: { ids: [...ids] },
  });
  return reply.body?.result;
}
const listenUrl = (node, groq) =>
  node.apiUrl(`/data/listen/production?query=${encodeURIComponent(groq)}&enableResume=true`);
async function parallel(count, task) {
  return Promise.all(Array.from({ length: count }, (_, i) => task(i)));
}
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
// Polls until `probe()` is true (10 s at most).
async function eventually(probe) {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return true;
    await sleep(50);
  }
  return false;
}

async function latency(a, b) {
  const stream = await openStream(listenUrl(b, '*[_type == "ping"]'), token);
  await stream.until((events) => events.some((event) => event.event === 'welcome'));
  const fromSend = [];
  const fromAck = [];
  for (let i = 0; i < 200; i++) {
    const id = `ping-${i}`;
    const sent = performance.now();
    const reply = await mutate(a, [{ create: { _id: id, _type: 'ping', i } }]);
    const acked = performance.now();
    expect(reply.status === 200, `ping ${i} on A: ${reply.status} ${reply.text}`);
    const events = await stream.until((all) => all.some((event) => event.data?.documentId === id));
    const received = events.find((event) => event.data?.documentId === id).receivedAt;
    fromSend.push(received - sent);
    fromAck.push(Math.max(0, received - acked));
  }
  await stream.close();
  fromSend.sort((x, y) => x - y);
  fromAck.sort((x, y) => x - y);
  const ms = (value) => value.toFixed(2);
  console.log(`write on A -> event on B, 200 writes: from send p50 ${ms(percentile(fromSend, 50))} ms, ` +
    `p99 ${ms(percentile(fromSend, 99))} ms; from A's answer p50 ${ms(percentile(fromAck, 50))} ms, ` +
    `p99 ${ms(percentile(fromAck, 99))} ms`);
}

async function buyers(a, b) {
  const nodes = [a, b];
  const made = await mutate(a, [{ create: { _id: 'nodes-alice', _type: 'user', name: 'Alice', email: 'alice@nodes.test', role: 'customer', active: true } }]);
  expect(made.status === 200, `customer: ${made.status} ${made.text}`);
  const product = await api(b, 'POST', '/api/v1/products', {
    name: 'Green tea', sku: 'NODES-1', category: 'Tea', price: 1999, stock: 10, lowStockThreshold: 2, active: true,
  });
  expect(product.status === 201, `product on B: ${product.status} ${product.text}`);
  const productId = product.body._id;
  const buys = await parallel(64, (i) =>
    api(nodes[i % 2], 'POST', '/api/v1/bills', { customerId: 'nodes-alice', items: [{ productId, quantity: 1 }] }));
  const sold = buys.filter((reply) => reply.status === 201);
  const refused = buys.filter((reply) => reply.status === 409);
  expect(sold.length === 10, `2 x 32 buyers: ${sold.length} bills, expected 10`);
  expect(refused.length === 54, `2 x 32 buyers: ${refused.length} refusals, expected 54 (${buys.map((r) => r.status)})`);
  for (const node of nodes) {
    expect(await eventually(async () => (await query(node, `*[_id == "${productId}"][0].stock`)) === 0),
      'stock reaches 0 on both nodes');
  }
  const numbers = (await query(b, '*[_type == "bill"] | order(billNumber asc).billNumber')) ?? [];
  expect(JSON.stringify(numbers) === JSON.stringify(Array.from({ length: 10 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`)),
    `bill numbers across both nodes: ${JSON.stringify(numbers)}`);
  const soldOnA = buys.filter((reply, i) => reply.status === 201 && i % 2 === 0).length;
  console.log(`2 nodes x 32 buyers for 10 units: ${sold.length} bills (${soldOnA} sold by A, ` +
    `${sold.length - soldOnA} by B), ${refused.length} x 409`);

  const billId = sold[0].body._id;
  const retries = await parallel(20, (i) =>
    api(nodes[i % 2], 'POST', `/api/v1/bills/${billId}/payments`, { amount: 500, method: 'card', idempotencyKey: 'nodes-once' }));
  expect(retries.every((reply) => reply.status === 200), `payment retries: ${retries.map((reply) => reply.status)}`);
  expect(retries.every((reply) => reply.body?._id === billId && reply.body?.payments?.length === 1),
    'every retry answers the same bill with one payment');
  for (const node of nodes) {
    expect(await eventually(async () => (await query(node, `*[_id == "${billId}"][0].amountPaid`)) === 500),
      'the payment shows once on both nodes');
  }
  console.log('payment retried 20 times on both nodes with one key: recorded once');
}

// Writers that create `${prefix}-w-i` documents until stop() is called; a writer whose node
// stops answering moves to the next node, as behind a load balancer. Returns { acked, statuses, stop }.
function writeLoad(nodes, prefix, writers = 8) {
  const acked = new Set();
  const statuses = {};
  let running = true;
  const loops = Array.from({ length: writers }, async (_, w) => {
    let node = w % nodes.length;
    for (let i = 0; running; i++) {
      const id = `${prefix}-${w}-${i}`;
      const reply = await mutate(nodes[node], [{ create: { _id: id, _type: prefix } }]);
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      if (reply.status === 200) acked.add(id);
      else if (reply.status === 0) node = (node + 1) % nodes.length;
      else await sleep(20);
    }
  });
  return { acked, statuses, stop: async () => { running = false; await Promise.all(loops); } };
}

async function killUnderLoad(a, b) {
  const onA = await openStream(listenUrl(a, '*[_type == "load"]'), token);
  await onA.until((events) => events.some((event) => event.event === 'welcome'));
  const load = writeLoad([a, b], 'load');
  await sleep(1500);
  await a.kill('SIGKILL');
  const ackedBeforeKill = load.acked.size;
  await sleep(1000);
  const afterKill = load.acked.size;
  await load.stop();
  await onA.until((_, ended) => ended, 5000).catch(() => {});
  await onA.close();
  expect(afterKill > ackedBeforeKill, `node B kept taking writes after A died (${ackedBeforeKill} -> ${afterKill})`);
  expect(!Object.keys(load.statuses).some((status) => Number(status) >= 500),
    `writes while A died: ${JSON.stringify(load.statuses)}`);

  const seenOnA = onA.events.filter((event) => event.event === 'mutation');
  const lastId = seenOnA.at(-1)?.id;
  expect(lastId, 'the listener on A saw events before A died');
  const onB = await openStream(listenUrl(b, '*[_type == "load"]'), token, { lastEventId: lastId });
  const missing = () => {
    const seen = new Set([...seenOnA, ...onB.events].map((event) => event.data?.documentId));
    return [...load.acked].filter((id) => !seen.has(id));
  };
  await onB.until(() => missing().length === 0, 10_000).catch(() => {});
  await onB.close();
  expect(onB.events[0]?.event === 'welcomeback', `resume on B answered ${onB.events[0]?.event}, not welcomeback`);
  expect(missing().length === 0, `acknowledged writes the moved listener never saw: ${missing().slice(0, 5)}`);
  const replayed = onB.events.filter((event) => event.event === 'mutation');
  const twice = replayed.filter((event) => seenOnA.some((old) => old.id === event.id));
  expect(twice.length === 0, `events delivered twice across the move: ${twice.length}`);
  const stored = await query(b, 'count(*[_type == "load"])');
  const present = await countPresent(b, load.acked);
  expect(present === load.acked.size, `acknowledged writes on B: ${present} of ${load.acked.size}`);
  console.log(`node A killed under load: ${load.acked.size} acknowledged writes (${stored} stored), all on B; ` +
    `listener moved A -> B with Last-Event-ID: ${seenOnA.length} + ${replayed.length} events, no gap, none twice`);
}

async function restartPostgresUnderLoad(a, b) {
  const load = writeLoad([a, b], 'pgr');
  let degraded = false;
  let watching = true;
  const health = (async () => {
    while (watching) {
      const reply = await api(b, 'GET', '/health');
      if (reply.body?.writes === 'unavailable') degraded = true;
      await sleep(50);
    }
  })();
  await sleep(1000);
  const restart = spawnSync('bash', ['-c', restartCommand], { encoding: 'utf8', timeout: 60_000 });
  expect(restart.status === 0, `restarting PostgreSQL: ${restart.status} ${restart.stderr}`);
  const ackedAtRestart = load.acked.size;
  await sleep(3000);
  watching = false;
  await health;
  await load.stop();
  expect(load.acked.size > ackedAtRestart, `writes resumed after the restart (${ackedAtRestart} -> ${load.acked.size})`);
  const bad = Object.keys(load.statuses).filter((status) => Number(status) >= 500 && Number(status) !== 503);
  expect(bad.length === 0, `writes during the restart: ${JSON.stringify(load.statuses)}`);
  for (const node of [a, b]) {
    expect(await eventually(async () => (await countPresent(node, load.acked)) === load.acked.size),
    `every acknowledged write is on node ${node.url}`);
    const after = await api(node, 'GET', '/health');
    expect(after.body?.status === 'ok', `health after the restart: ${after.text}`);
  }
  console.log(`PostgreSQL restarted under load: ${load.acked.size} acknowledged writes, all on both nodes; ` +
    `statuses ${JSON.stringify(load.statuses)}; /health showed the outage: ${degraded}`);
}

const nodes = [];
try {
  let a = await startNode();
  const b = await startNode();
  nodes.push(a, b);
  await latency(a, b);
  await buyers(a, b);
  await killUnderLoad(a, b);
  a = await startNode();  // a new node A joins: it loads everything from PostgreSQL
  nodes.push(a);
  const count = async (node) => query(node, 'count(*)');
  expect(await eventually(async () => (await count(a)) === (await count(b))), 'a restarted node A shows what B shows');
  await restartPostgresUnderLoad(a, b);
} catch (error) {
  failures++;
  console.error(error);
} finally {
  for (const node of nodes) await node.stop().catch(() => {});
}
const checked = spawnSync(bin, ['check', '--postgres', postgres], { encoding: 'utf8', timeout: 120_000 });
expect(checked.status === 0, `ledgerline check: exit ${checked.status}\n${checked.stdout}${checked.stderr}`);
console.log(`check: ${checked.stdout.trim().split('\n').pop()}`);
console.log(failures ? `two-nodes: ${failures} failure(s)` : 'two-nodes: all passed');
process.exit(failures ? 1 : 0);
