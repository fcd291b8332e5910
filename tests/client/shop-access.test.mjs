// Who may use the shop's application API, through the real binary with the demo shop: admins
// every action, report and export; a customer (session cookie with its CSRF token, as the web
// app sends it) none of them (403), and nothing changes; nobody without credentials (401).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer({ args: ['--seed-demo'] });
});
after(async () => {
  await server?.stop();
});

async function login(email, password) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, `login ${email}`);
  const body = await response.json();
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.token, user: body.user };
}

async function call(method, path, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, origin: server.url, 'x-csrf-token': session.csrf });
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

async function count(type) {
  const query = encodeURIComponent(`count(*[_type == "${type}"])`);
  const response = await fetch(`${server.url}/v1/data/query/production?query=${query}`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  return (await response.json()).result;
}

test('a customer may not use any shop action, report or export, and nothing changes', async () => {
  const admin = await login('admin@demo.test', 'admin');
  const alice = await login('alice@demo.test', 'alice');
  const product = await call('POST', '/api/v1/products', { name: 'Probe', sku: 'PROBE-1', category: 'Tea', price: 100, stock: 5, lowStockThreshold: 1, active: true }, admin);
  assert.equal(product.status, 201, product.text);
  const productId = JSON.parse(product.text)._id;
  const bill = await call('POST', '/api/v1/bills', { customerId: alice.user._id, items: [{ productId, quantity: 1 }] }, admin);
  assert.equal(bill.status, 201, bill.text);
  const billId = JSON.parse(bill.text)._id;
  const before = { bill: await count('bill'), product: await count('product'), stock: await count('stockTransaction'), events: await count('shopEvent') };

  const attempts = [
    ['POST', '/api/v1/products', { name: 'X', sku: 'X-1', category: 'Tea', price: 1, stock: 1, lowStockThreshold: 0, active: true }],
    ['PATCH', `/api/v1/products/${productId}`, { price: 1 }],
    ['POST', '/api/v1/stock-adjustments', { productId, delta: 5, kind: 'restock', reason: 'probe' }],
    ['POST', '/api/v1/bills', { customerId: alice.user._id, items: [{ productId, quantity: 1 }] }],
    ['POST', `/api/v1/bills/${billId}/payments`, { amount: 1, idempotencyKey: 'probe-1' }],
    ['POST', `/api/v1/bills/${billId}/cancel`, { reason: 'probe' }],
    ['GET', '/api/v1/stats/dashboard'],
    ['GET', '/api/v1/exports/bills.csv'],
    ['GET', '/api/v1/exports/stock-ledger.csv'],
  ];
  for (const [method, path, body] of attempts) {
    const asCustomer = await call(method, path, body, alice);
    assert.equal(asCustomer.status, 403, `${method} ${path} as a customer: ${asCustomer.text}`);
    const anonymous = await call(method, path, body);
    assert.equal(anonymous.status, 401, `${method} ${path} without credentials: ${anonymous.text}`);
  }
  const afterwards = { bill: await count('bill'), product: await count('product'), stock: await count('stockTransaction'), events: await count('shopEvent') };
  assert.deepEqual(afterwards, before);
  const dashboard = await call('GET', '/api/v1/stats/dashboard', undefined, admin);
  assert.equal(dashboard.status, 200, dashboard.text);
});
