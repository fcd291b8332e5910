// Smoke tests of the web app in a real browser against the real binary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  DESKTOP,
  createBill,
  payInFull,
  productInStock,
  userId,
  PHONE,
  hasHorizontalScroll,
  launchBrowser,
  mutate,
  screenshot,
  signIn,
  startApp,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startApp();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the login page renders and a 390x844 phone has no horizontal scroll', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: PHONE, colorScheme });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Ledgerline' }).waitFor();
    assert.ok(await page.getByLabel('Email').isVisible());
    assert.ok(await page.getByLabel('Password').isVisible());
    assert.equal(await hasHorizontalScroll(page), false);
    await screenshot(page, `login-phone-${colorScheme}`);
    await context.close();
  }
});

test('a deep link to an admin page without a session lands on the login page', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/inventory`);
  await page.waitForURL(/\/login\?redirect=/);
  await context.close();
});

test('the admin dashboard shows the shop, connects live and fits a phone', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/dashboard`);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
  await page.getByText('Stock alerts').first().waitFor();
  await page.waitForTimeout(500); // lazy charts
  await screenshot(page, 'admin-dashboard-desktop');
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  assert.equal(await hasHorizontalScroll(page), false);
  await screenshot(page, 'admin-dashboard-phone');
  await context.close();
});

test('a product renamed through the data API shows in the open inventory page within 3 s', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/inventory`);
  await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
  const product = await productInStock(server);
  const name = `${product.name} (renamed ${Date.now()})`;
  await mutate(server, [{ patch: { id: product._id, set: { name } } }]);
  await page.getByText(name).first().waitFor({ timeout: 3_000 });
  await screenshot(page, 'admin-inventory-live');
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  assert.equal(await hasHorizontalScroll(page), false);
  await screenshot(page, 'admin-inventory-phone');
  await context.close();
});

test('a customer sees their new bill overdue, then paid within 3 s of the payment', async () => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(context, page, server, 'alice@demo.test', 'alice');
  await page.goto(`${server.url}/customer/bills`);
  await page.getByRole('heading', { name: 'My bills' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
  const bill = await createBill(server, await userId(server, 'alice@demo.test'));
  const row = page.locator('tr', { hasText: bill.billNumber });
  await row.waitFor({ timeout: 3_000 });
  await screenshot(page, 'customer-bills-phone-new');
  await payInFull(server, bill);
  await row.getByText('Paid', { exact: true }).waitFor({ timeout: 3_000 });
  assert.equal(await hasHorizontalScroll(page), false);
  await screenshot(page, 'customer-bills-phone-paid');
  await context.close();
});

test("a customer never sees another customer's bill, whatever URL she types", async () => {
  const bobBill = await createBill(server, await userId(server, 'bob@demo.test'));
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server, 'alice@demo.test', 'alice');
  await page.goto(`${server.url}/customer/bills`);
  await page.getByRole('heading', { name: 'My bills' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
  assert.equal(await page.getByText(bobBill.billNumber).count(), 0);
  for (const path of [`/admin/bills/${bobBill._id}`, '/admin/bills', `/customer/bills?as=${bobBill.customer._ref}`]) {
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1_000); // the app's reads (the live stream never idles the network)
    assert.equal(await page.getByText(bobBill.billNumber).count(), 0, `${path} shows Bob's bill`);
  }
  // The server refuses it too: her session cannot read the bill through the data API.
  const read = await page.evaluate(async (id) => {
    const response = await fetch(`/v1/data/doc/production/${id}`, { credentials: 'same-origin' });
    return { status: response.status, body: await response.json() };
  }, bobBill._id);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.documents, []);
  await context.close();
});
