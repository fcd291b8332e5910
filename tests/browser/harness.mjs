// Browser-test harness: the real binary serving the web app built into it (--seed-demo) and Debian's Chromium
// driven by playwright-core (no browser download). Screenshots go to build/browser-screenshots/
// (or $LEDGERLINE_SCREENSHOTS) so the best can be picked for the README.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { REPO_ROOT, startServer } from '../e2e/server-process.mjs';

export const SCREENSHOT_DIR = process.env.LEDGERLINE_SCREENSHOTS ?? join(REPO_ROOT, 'build', 'browser-screenshots');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

// The binary serves the copy of web/dist embedded at build time (scripts/build builds web/
// first); LEDGERLINE_WEB=DIR serves a folder instead (`--web`), for a quicker edit-test loop.
export async function startApp() {
  const web = process.env.LEDGERLINE_WEB;
  if (web && !existsSync(join(web, 'index.html'))) throw new Error(`no index.html in LEDGERLINE_WEB=${web}`);
  return startServer({ args: web ? ['--seed-demo', '--web', web] : ['--seed-demo'] });
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

// True when the page is wider than its viewport (the phone layout must never scroll sideways).
export async function hasHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

// Signs in as a seeded user through the login form, as a person does.
export async function signIn(context, page, server, email = 'admin@demo.test', password = email.split('@')[0]) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(admin|customer)\//);
  return 'login';
}

export async function queryData(server, query, params = {}) {
  const search = new URLSearchParams({ query });
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value));
  const response = await fetch(`${server.apiUrl('/data/query/production')}?${search}`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  if (!response.ok) throw new Error(`query: ${response.status} ${await response.text()}`);
  return (await response.json()).result;
}

async function appPost(server, path, body) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });
}

// The id of the seeded user with this email.
export async function userId(server, email) {
  return queryData(server, '*[_type=="user" && email==$email][0]._id', { email });
}

// A seeded product with stock to sell (the demo seed's ids differ between seed versions).
export async function productInStock(server) {
  return queryData(server, '*[_type=="product" && active == true && stock >= 5] | order(sku asc)[0]');
}

// A bill for `customerId` through the shop action, or written raw where the server has no
// shop actions yet. Returns the bill document.
export async function createBill(server, customerId) {
  const product = await productInStock(server);
  const response = await appPost(server, '/api/v1/bills', {
    customerId,
    items: [{ productId: product._id, quantity: 2 }],
  });
  if (response.status !== 404) {
    if (!response.ok) throw new Error(`create bill: ${response.status} ${await response.text()}`);
    return response.json();
  }
  const bill = {
    _id: `bill-test-${Date.now()}`,
    _type: 'bill',
    billNumber: `INV-T${String(Date.now()).slice(-6)}`,
    customer: { _type: 'reference', _ref: customerId },
    items: [{ _key: 'l1', product: { _type: 'reference', _ref: product._id }, name: product.name, sku: product.sku, quantity: 2, unitPrice: product.price, discountRate: 0, lineTotal: 2 * product.price }],
    subtotal: 2 * product.price, taxRate: 0, tax: 0, total: 2 * product.price, amountPaid: 0, currency: 'USD', status: 'pending',
    dueDate: new Date(Date.now() - 3 * 86_400_000).toISOString(), payments: [],
  };
  // What the shop action writes beside the bill: the event behind the toasts and activity feed.
  const event = {
    _type: 'shopEvent',
    kind: 'bill.created',
    subjects: [{ _type: 'reference', _ref: bill._id }, { _type: 'reference', _ref: customerId }],
    message: `Bill ${bill.billNumber} created`,
  };
  await mutate(server, [{ create: bill }, { create: event }]);
  return bill;
}

// Pays a bill in full through the shop action, or raw where there is none yet.
export async function payInFull(server, bill) {
  const response = await appPost(server, `/api/v1/bills/${bill._id}/payments`, {
    amount: bill.total - bill.amountPaid,
    method: 'card',
    idempotencyKey: `test-${bill._id}`,
  });
  if (response.status !== 404) {
    if (!response.ok) throw new Error(`pay: ${response.status} ${await response.text()}`);
    return;
  }
  await mutate(server, [
    { patch: { id: bill._id, set: { status: 'paid', amountPaid: bill.total, payments: [{ _key: 'p1', amount: bill.total, method: 'card', paidAt: new Date().toISOString() }] } } },
  ]);
}

// A raw data-API mutation with the harness's admin token.
export async function mutate(server, mutations) {
  const response = await fetch(`${server.apiUrl('/data/mutate/production')}?returnIds=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ mutations }),
  });
  if (!response.ok) throw new Error(`mutate: ${response.status} ${await response.text()}`);
  return response.json();
}

// Restocks a product through the shop action, as another admin would meanwhile.
export async function restock(server, productId, delta) {
  const response = await appPost(server, '/api/v1/stock-adjustments', { productId, delta, kind: 'restock', reason: 'browser test' });
  if (!response.ok) throw new Error(`restock: ${response.status} ${await response.text()}`);
}
