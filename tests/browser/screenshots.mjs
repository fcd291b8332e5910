// Captures every page of the web app (desktop, phone, dark) against a demo server with a few
// bills, for review and for picking README pictures. Not a test: `node screenshots.mjs`.
import { DESKTOP, PHONE, createBill, launchBrowser, payInFull, productInStock, screenshot, userId, signIn, startApp } from './harness.mjs';

const server = await startApp();
const browser = await launchBrowser();
try {
  const bills = [];
  const alice = await userId(server, 'alice@demo.test');
  const bob = await userId(server, 'bob@demo.test');
  for (const customer of [alice, bob, alice, bob]) bills.push(await createBill(server, customer));
  await payInFull(server, bills[1]);
  const pages = [
    ['admin-dashboard', '/admin/dashboard'],
    ['admin-bills', '/admin/bills'],
    ['admin-invoice', `/admin/bills/${bills[0]._id}`],
    ['admin-inventory', '/admin/inventory'],
    ['admin-history', '/admin/inventory/history'],
    ['admin-customers', '/admin/customers'],
    ['admin-demo', '/admin/realtime-demo'],
  ];
  for (const [viewport, colorScheme, suffix] of [
    [DESKTOP, 'light', 'desktop'],
    [PHONE, 'light', 'phone'],
    [DESKTOP, 'dark', 'desktop-dark'],
  ]) {
    const context = await browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    await signIn(context, page, server);
    for (const [name, path] of pages) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(800);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) console.log(`${name} ${suffix}: ${wide}px horizontal overflow`);
      await screenshot(page, `${name}-${suffix}`);
    }
    await context.close();
  }
  for (const [viewport, suffix] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(context, page, server);
    await page.goto(`${server.url}/admin/bills`);
    await page.getByRole('button', { name: 'New bill' }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel('Customer').selectOption({ index: 1 });
    await page.getByLabel('Product 1').selectOption((await productInStock(server))._id);
    await page.getByLabel('Quantity').fill('500');
    await page.getByRole('button', { name: 'Create bill' }).click();
    await page.waitForTimeout(500);
    await screenshot(page, `admin-new-bill-${suffix}`);
    await context.close();
  }
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(context, page, server);
  await page.goto(`${server.url}/admin/bills/${bills[0]._id}`);
  await page.getByRole('heading', { name: /Invoice/ }).waitFor();
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'admin-invoice-print');
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
