// The admin bills a customer through the UI (New bill form, product picker with live stock,
// then Pay) while the customer's page is open in another browser context: the bill and then
// its Paid status appear on her screen without a reload. Everything the admin does is clicks
// and typing; only a concurrent restock (another admin) goes through the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, launchBrowser, restock, screenshot, signIn, startApp } from './harness.mjs';

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

const live = (page) => page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });

test("a bill the admin creates and pays through the UI shows live on the customer's open page", async () => {
  const aliceContext = await browser.newContext({ viewport: DESKTOP });
  const alice = await aliceContext.newPage();
  await signIn(aliceContext, alice, server, 'alice@demo.test', 'alice');
  await alice.goto(`${server.url}/customer/bills`);
  await alice.getByRole('heading', { name: 'My bills' }).waitFor();
  await live(alice);
  // A mark on the window: it is gone if the page reloads or navigates.
  await alice.evaluate(() => { window.__sameDocument = true; });

  const adminContext = await browser.newContext({ viewport: DESKTOP });
  const admin = await adminContext.newPage();
  await signIn(adminContext, admin, server);
  await admin.goto(`${server.url}/admin/bills`);
  await admin.getByRole('heading', { name: 'Bills' }).waitFor();
  await live(admin);

  await admin.getByRole('button', { name: 'New bill' }).click();
  const form = admin.getByRole('dialog', { name: 'New bill' });
  const customer = form.getByLabel('Customer');
  await customer.locator('option', { hasText: 'alice@demo.test' }).waitFor({ state: 'attached' });
  const aliceLabel = (await customer.locator('option', { hasText: 'alice@demo.test' }).textContent()).trim();
  await customer.selectOption({ label: aliceLabel });

  // The picker shows each product's stock, and follows a restock made meanwhile.
  const picker = form.getByLabel('Product 1');
  const inStock = picker.locator('option:not([disabled])', { hasText: / in stock\)$/ }).first();
  await inStock.waitFor({ state: 'attached' });
  const productId = await inStock.getAttribute('value');
  const stockOf = async () => Number((await picker.locator(`option[value="${productId}"]`).textContent()).match(/\((\d+) in stock\)$/)[1]);
  const before = await stockOf();
  await restock(server, productId, 3);
  await picker.locator(`option[value="${productId}"]`, { hasText: `(${before + 3} in stock)` }).waitFor({ state: 'attached', timeout: 10_000 });
  await picker.selectOption(productId);
  await form.getByLabel('Quantity').fill('2');
  await form.getByRole('button', { name: 'Create bill' }).click();
  await form.waitFor({ state: 'detached' });
  const created = await admin.locator('[data-sonner-toast]', { hasText: /Bill INV-\S+ created/ }).first().textContent();
  const billNumber = created.match(/INV-[^\s]+(?= created)/)[0];

  const aliceRow = alice.locator('tr', { hasText: billNumber });
  await aliceRow.getByText('Pending', { exact: true }).waitFor({ timeout: 10_000 });
  await screenshot(alice, 'customer-bills-live-new-from-admin-ui');

  const adminRow = admin.locator('tr', { hasText: billNumber });
  await adminRow.getByRole('button', { name: `Pay ${billNumber}` }).click();
  const payment = admin.getByRole('dialog', { name: `Record a payment on ${billNumber}` });
  await payment.getByLabel('Method').selectOption({ label: 'Cash' });
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await payment.waitFor({ state: 'detached' });

  await adminRow.getByText('Paid', { exact: true }).waitFor({ timeout: 10_000 });
  await aliceRow.getByText('Paid', { exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await aliceRow.getByText('Pending', { exact: true }).count(), 0);
  assert.equal(await alice.evaluate(() => window.__sameDocument), true, "the customer's page was reloaded");
  await screenshot(admin, 'admin-bills-paid-through-ui');
  await screenshot(alice, 'customer-bills-live-paid-from-admin-ui');
  await aliceContext.close();
  await adminContext.close();
});
