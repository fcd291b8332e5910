// The shop's rules under concurrency against the real binary (`ledgerline serve` on a free
// loopback port), then `ledgerline check` on its data folder:
//   1. 64 clients each buy 1 unit of a product with 10 in stock -> exactly 10 bills, stock 0,
//      10 sale rows, 54 clear 409s naming the product and what is left;
//   2. one payment retried 20 times at once with one key -> recorded once, every retry answers
//      the same bill;
//   3. 2,000 random concurrent actions (bills, payments, cancellations, restocks, adjustments);
//   4. the server stops cleanly and `ledgerline check` finds no breach;
//   5. `serve --seed-demo` makes a demo shop that `ledgerline check` also passes.
// Usage: node tests/e2e/shop-concurrency.mjs [--bin build/ledgerline]. Exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { binaryPath, makeTempDataDir, rawRequest, startServer } from './server-process.mjs';

const args = process.argv.slice(2);
const bin = binaryPath(args.includes('--bin') ? args[args.indexOf('--bin') + 1] : undefined);
let failures = 0;
function expect(condition, message) {
  if (!condition) {
    failures++;
    console.error(`FAIL: ${message}`);
  }
}

// A small seeded generator so a failing run can be repeated.
let seed = 20261206;
function random(low, high) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return low + (seed % (high - low + 1));
}

async function api(server, method, path, body) {
  return rawRequest(server, method, path, body === undefined ? {} : { body: JSON.stringify(body) });
}

async function query(server, groq) {
  const reply = await rawRequest(server, 'GET', server.apiUrl(`/data/query/production?query=${encodeURIComponent(groq)}`));
  return reply.body.result;
}

async function parallel(count, limit, task) {
  let next = 0;
  const results = new Array(count);
  async function worker() {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

function check(dataDir, label) {
  const result = spawnSync(bin, ['check', '--data', dataDir], { encoding: 'utf8', timeout: 120_000 });
  expect(result.status === 0, `${label}: ledgerline check exit ${result.status}\n${result.stdout}${result.stderr}`);
  console.log(`${label}: ${result.stdout.trim().split('\n').pop()}`);
}

async function concurrency() {
  const dataDir = makeTempDataDir('ledgerline-shop-');
  const server = await startServer({ bin, dataDir });
  try {
    const users = ['alice', 'bob', 'carol'].map((name) => ({
      create: { _id: `e2e-${name}`, _type: 'user', name, email: `${name}@e2e.test`, role: 'customer', active: true },
    }));
    const made = await api(server, 'POST', server.apiUrl('/data/mutate/production'), { mutations: users });
    expect(made.status === 200, `users: ${made.status} ${made.text}`);
    const product = await api(server, 'POST', '/api/v1/products', {
      name: 'Green tea', sku: 'SKU-0002', category: 'Tea', price: 1999, stock: 10, lowStockThreshold: 2, active: true,
    });
    expect(product.status === 201, `product: ${product.status} ${product.text}`);
    const productId = product.body._id;

    // 1. 64 buyers for 10 units.
    const buys = await parallel(64, 64, () =>
      api(server, 'POST', '/api/v1/bills', { customerId: 'e2e-alice', items: [{ productId, quantity: 1 }] }));
    const sold = buys.filter((reply) => reply.status === 201).length;
    const refused = buys.filter((reply) => reply.status === 409);
    expect(sold === 10, `64 buyers: ${sold} bills, expected 10`);
    expect(refused.length === 54, `64 buyers: ${refused.length} refusals, expected 54`);
    for (const reply of refused) {
      expect(reply.body?.error?.description === 'Not enough stock for "Green tea" (SKU-0002): 0 left, 1 requested',
        `refusal message: ${reply.text}`);
    }
    const stock = await query(server, `*[_id == "${productId}"][0].stock`);
    expect(stock === 0, `stock after the rush: ${stock}`);
    const sales = await query(server, `count(*[_type == "stockTransaction" && kind == "sale" && product._ref == "${productId}"])`);
    expect(sales === 10, `sale rows: ${sales}`);
    console.log(`64 buyers for 10 units: ${sold} bills, ${refused.length} x 409, stock ${stock}, ${sales} sale rows`);

    // 2. One payment retried 20 times at once.
    const billId = buys.find((reply) => reply.status === 201).body._id;
    const retries = await parallel(20, 20, () =>
      api(server, 'POST', `/api/v1/bills/${billId}/payments`, { amount: 500, method: 'card', idempotencyKey: 'once' }));
    expect(retries.every((reply) => reply.status === 200), `retries: ${retries.map((r) => r.status)}`);
    expect(new Set(retries.map((reply) => reply.text)).size === 1, 'every retry answers the same bill');
    expect(retries[0].body.payments.length === 1 && retries[0].body.amountPaid === 500, `payment: ${retries[0].text}`);
    console.log('payment retried 20 times at once: recorded once, 20 identical answers');

    // 3. 2,000 random concurrent actions.
    const products = [productId];
    for (let p = 0; p < 7; p++) {
      const made = await api(server, 'POST', '/api/v1/products', {
        name: `Product ${p}`, sku: `E2E-${p}`, category: 'Misc', price: 100 + 37 * p, stock: 15, lowStockThreshold: 5, active: true,
      });
      products.push(made.body._id);
    }
    const bills = [billId];
    const statuses = {};
    const started = Date.now();
    await parallel(2000, 32, async () => {
      const choice = random(0, 9);
      const product = products[random(0, products.length - 1)];
      const bill = bills[random(0, bills.length - 1)];
      let reply;
      if (choice <= 3) {
        const items = Array.from({ length: random(1, 3) }, () => ({
          productId: products[random(0, products.length - 1)], quantity: random(1, 3), discountRate: random(0, 2) * 750,
        }));
        reply = await api(server, 'POST', '/api/v1/bills', {
          customerId: ['e2e-alice', 'e2e-bob', 'e2e-carol'][random(0, 2)], taxRate: 825, items,
        });
        if (reply.status === 201) bills.push(reply.body._id);
      } else if (choice <= 5) {
        reply = await api(server, 'POST', `/api/v1/bills/${bill}/payments`, {
          amount: random(1, 900), method: 'cash', idempotencyKey: `k${random(0, 300)}`,
        });
      } else if (choice === 6) {
        reply = await api(server, 'POST', `/api/v1/bills/${bill}/cancel`, { reason: 'random' });
      } else if (choice === 7) {
        reply = await api(server, 'POST', '/api/v1/stock-adjustments', { productId: product, delta: random(1, 6), kind: 'restock', reason: 'delivery' });
      } else {
        reply = await api(server, 'POST', '/api/v1/stock-adjustments', { productId: product, delta: random(-4, 2) | 1, kind: 'adjustment', reason: 'count' });
      }
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    });
    const seconds = (Date.now() - started) / 1000;
    expect(!Object.keys(statuses).some((status) => Number(status) >= 500 || Number(status) === 400 || Number(status) === 0),
      `random actions: unexpected statuses ${JSON.stringify(statuses)}`);
    console.log(`2,000 random actions in ${seconds.toFixed(1)} s: ${JSON.stringify(statuses)}`);
  } finally {
    const stopped = await server.stop();
    expect(stopped.code === 0, `server exit ${JSON.stringify(stopped)}`);
  }
  check(dataDir, 'after the concurrency run');
  rmSync(dataDir, { recursive: true, force: true });
}

async function demo() {
  const dataDir = makeTempDataDir('ledgerline-demo-');
  const server = await startServer({ bin, dataDir, args: ['--seed-demo'] });
  try {
    const bills = await query(server, 'count(*[_type == "bill"])');
    const products = await query(server, 'count(*[_type == "product"])');
    expect(bills >= 55 && products === 40, `demo: ${bills} bills, ${products} products`);
    const stats = await api(server, 'GET', '/api/v1/stats/dashboard');
    expect(stats.status === 200 && stats.body.counts.overdue > 0, `dashboard: ${stats.text.slice(0, 300)}`);
    const csv = await rawRequest(server, 'GET', '/api/v1/exports/bills.csv');
    expect(csv.status === 200 && csv.text.split('\r\n').length >= bills + 1, `bills.csv: ${csv.status}`);
    console.log(`demo shop: ${bills} bills, ${products} products, ${stats.body.counts.overdue} overdue`);
  } finally {
    await server.stop();
  }
  check(dataDir, 'demo shop');
  rmSync(dataDir, { recursive: true, force: true });
}

await concurrency();
await demo();
if (failures) {
  console.error(`shop-concurrency: ${failures} failure(s)`);
  process.exit(1);
}
console.log('shop-concurrency: ok');
