// Web latency benchmark: how long after an admin action's HTTP response the customer's open
// page shows the change, and how many bytes the customer page's first load transfers.
// Usage (after `npm ci` in tests/browser):
//   LEDGERLINE_BIN=build/ledgerline node bench/web-latency/run.mjs [--actions 50] [--gap-ms 250]
// Method (README.md): the actions are fetched from inside the customer's page with an admin
// token, so the response's end (Resource Timing `responseEnd`) and the DOM change (a
// MutationObserver's `performance.now()`) are read on one clock: no clock comparison at all.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import { DESKTOP, launchBrowser, productInStock, restock, signIn, startApp, userId } from '../../tests/browser/harness.mjs';

const { values } = parseArgs({ options: { actions: { type: 'string', default: '50' }, 'gap-ms': { type: 'string', default: '250' } } });
const ACTIONS = Number(values.actions);
const GAP_MS = Number(values['gap-ms']); // pause after each action is shown (0: back to back, a burst)

const server = await startApp();
const browser = await launchBrowser();
try {
  const alice = await userId(server, 'alice@demo.test');
  const product = await productInStock(server);
  await restock(server, product._id, ACTIONS); // one unit per bill, never short
  const signedIn = await browser.newContext({ viewport: DESKTOP });
  await signIn(signedIn, await signedIn.newPage(), server, 'alice@demo.test', 'alice');
  const session = await signedIn.storageState();
  await signedIn.close();

  // First load of /customer/bills in a fresh context (empty cache), bytes from the devtools protocol.
  const context = await browser.newContext({ viewport: DESKTOP, storageState: session });
  const page = await context.newPage();
  const bytes = await firstLoadBytes(context, page, `${server.url}/customer/bills`);
  console.log(`first load of /customer/bills: JavaScript ${kb(bytes.script)} KB transferred (${bytes.scriptFiles} files, ${bytes.encodings}), ` +
    `all resources ${kb(bytes.total)} KB (${bytes.files} responses, headers included)`);

  await page.evaluate(watchBills);
  const latencies = { create: [], pay: [] };
  let bill;
  for (let i = 0; i < ACTIONS; i++) {
    const kind = i % 2 === 0 ? 'create' : 'pay';
    const action = kind === 'create'
      ? { path: '/api/v1/bills', body: { customerId: alice, items: [{ productId: product._id, quantity: 1 }] } }
      : { path: `/api/v1/bills/${bill._id}/payments`, body: { amount: bill.total, method: 'card', idempotencyKey: `bench-${bill._id}` } };
    const result = await page.evaluate(act, { ...action, token: server.token, status: kind === 'create' ? 'Pending' : 'Paid' });
    if (result.error) throw new Error(`${kind}: ${result.error}`);
    bill = result.bill;
    latencies[kind].push(result.latency);
    await sleep(GAP_MS);
  }
  const all = [...latencies.create, ...latencies.pay];
  console.log(`response -> customer DOM, ${all.length} actions, ${GAP_MS} ms apart: ${summary(all)}`);
  console.log(`  create bill (${latencies.create.length}): ${summary(latencies.create)}`);
  console.log(`  record payment (${latencies.pay.length}): ${summary(latencies.pay)}`);
  console.log(`goals: p95 < 100 ms ${percentile(all, 95) < 100 ? 'met' : 'MISSED'}; JavaScript < 300 KB ${bytes.script / 1024 < 300 ? 'met' : 'MISSED'}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}

async function firstLoadBytes(context, page, url) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map();
  const sizes = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => responses.set(requestId, { type, encoding: response.headers['content-encoding'] ?? 'identity' }));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => sizes.set(requestId, encodedDataLength));
  await page.goto(url);
  await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
  await page.locator('tbody tr').first().waitFor();
  await page.waitForTimeout(1_000); // late lazy chunks
  await cdp.detach();
  const result = { script: 0, scriptFiles: 0, total: 0, files: 0, encodings: new Set() };
  for (const [id, size] of sizes) {
    result.total += size;
    result.files++;
    if (responses.get(id)?.type === 'Script') {
      result.script += size;
      result.scriptFiles++;
      result.encodings.add(responses.get(id).encoding);
    }
  }
  result.encodings = [...result.encodings].join('+');
  return result;
}

// In the page: remembers when each (bill number, status) pair first appears in the bills table.
function watchBills() {
  window.__seen = new Map();
  const scan = () => {
    const now = performance.now();
    for (const row of document.querySelectorAll('tbody tr')) {
      const number = row.querySelector('th')?.textContent.match(/INV-[\w-]+/)?.[0];
      const status = row.querySelector('.status-cell')?.firstElementChild?.textContent.trim();
      const key = `${number}|${status}`;
      if (number && !window.__seen.has(key)) window.__seen.set(key, now);
    }
  };
  scan();
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
}

// In the page: the admin action, then the wait for its bill to show `status`. Latency =
// DOM change - response end, both on this page's performance clock (negative: shown first).
async function act({ path, body, token, status }) {
  performance.clearResourceTimings();
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const bill = await response.json();
  if (!response.ok) return { error: `${response.status} ${JSON.stringify(bill)}` };
  const timing = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(path)).at(-1);
  while (!timing()) await new Promise((resolve) => setTimeout(resolve, 1)); // queued after the body
  const entry = timing();
  const key = `${bill.billNumber}|${status}`;
  for (const deadline = performance.now() + 5_000; !window.__seen.has(key); ) {
    if (performance.now() > deadline) return { error: `${key} not shown within 5 s` };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { bill: { _id: bill._id, total: bill.total }, latency: window.__seen.get(key) - entry.responseEnd };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  return `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))}, min ${ms(Math.min(...values))}`;
}

function kb(bytes) {
  return (bytes / 1024).toFixed(1);
}
