// The live layer in a real browser: resuming after a connection loss, and actions queued
// while offline being sent (or refused, with the reason) when the connection is back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DESKTOP, createBill, launchBrowser, mutate, productInStock, screenshot, signIn, startApp, userId } from './harness.mjs';

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

const indicator = (page, text) => page.getByRole('status').filter({ hasText: text }).first();

test('a change made during a connection loss arrives after the reconnect (Last-Event-ID replay)', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/realtime-demo`);
  await indicator(page, 'Live').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: /Simulate connection loss/ }).click();
  await indicator(page, 'Offline').waitFor();
  const product = await productInStock(server);
  await mutate(server, [{ patch: { id: product._id, set: { description: `changed while offline ${Date.now()}` } } }]);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.event-log li').count(), 0, 'no event while the connection is down');
  await page.locator('.connection', { hasText: '1 reconnect' }).waitFor({ timeout: 20_000 });
  await page.locator('.event-log li', { hasText: 'product' }).first().waitFor({ timeout: 5_000 });
  await screenshot(page, 'admin-demo-after-reconnect');
  await context.close();
});

test('an action made offline is queued, then sent or refused with its reason when back online', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/realtime-demo`);
  await indicator(page, 'Live').waitFor({ timeout: 10_000 });
  await context.setOffline(true);
  await indicator(page, 'Offline').waitFor();
  await page.getByRole('button', { name: 'Restock a product' }).click();
  await page.getByText('1 action waiting to be sent').waitFor();
  await page.getByText('Saved offline').first().waitFor();
  await screenshot(page, 'admin-demo-offline-queued');
  await context.setOffline(false);
  await page.getByText(/^(Sent|Refused: Restock)/).first().waitFor({ timeout: 15_000 });
  await page.getByText('1 action waiting to be sent').waitFor({ state: 'detached' });
  await screenshot(page, 'admin-demo-queue-flushed');
  await context.close();
});

test('a new bill shows on the dashboard with a "New" badge, a toast and an activity line', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/dashboard`);
  await indicator(page, 'Live').waitFor({ timeout: 10_000 });
  const bill = await createBill(server, await userId(server, 'bob@demo.test'));
  const row = page.locator('tr', { hasText: bill.billNumber });
  await row.getByText('New', { exact: true }).waitFor({ timeout: 3_000 });
  await page.locator('[data-sonner-toast]', { hasText: 'New bill' }).first().waitFor({ timeout: 3_000 });
  await page.locator('.activity__item', { hasText: bill.billNumber }).first().waitFor({ timeout: 3_000 });
  await screenshot(page, 'admin-dashboard-new-bill');
  await context.close();
});
