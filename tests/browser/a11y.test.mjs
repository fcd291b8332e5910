// Accessibility: axe-core (the rules browser extensions and Lighthouse use) over every page of
// both panels, signed in as the role that sees it, in light and dark mode and on a phone. Any
// violation axe rates "serious" or "critical" fails the test, listed with where it is. Each page
// checked in light mode is also saved as a screenshot (build/browser-screenshots/NAME-desktop|
// phone.png; a full-page screenshot costs ~0.5-1.5 s on 2 busy cores, so dark mode is left out).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { DESKTOP, PHONE, launchBrowser, screenshot, signIn, startApp } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

async function seriousViolations(page) {
  await page.evaluate(axeSource); // through the devtools protocol: the app's CSP forbids inline scripts
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return results;
}

async function check(page, path, ready, name) {
  await page.goto(`${server.url}${path}`);
  await ready(page);
  await page.waitForTimeout(500); // animations settle
  if (name) await screenshot(page, name);
  return (await seriousViolations(page)).map((line) => `${path}: ${line}`);
}

const heading = (name) => (page) => page.getByRole('heading', { name }).first().waitFor();

test('no serious accessibility violation on any page, light and dark, desktop and phone', async () => {
  const found = [];
  const bill = await (async () => {
    const response = await fetch(`${server.apiUrl('/data/query/production')}?query=${encodeURIComponent('*[_type=="bill"][0]._id')}`, {
      headers: { Authorization: `Bearer ${server.token}` },
    });
    return (await response.json()).result;
  })();
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const shot = (name) => (colorScheme === 'light' ? `${name}-${viewport === PHONE ? 'phone' : 'desktop'}` : null);
      const anonymous = await browser.newContext({ viewport, colorScheme });
      const loginPage = await anonymous.newPage();
      found.push(...(await check(loginPage, '/login', (p) => p.getByRole('button', { name: 'Sign in' }).waitFor(), shot('login'))));
      await anonymous.close();

      const admin = await browser.newContext({ viewport, colorScheme });
      const page = await admin.newPage();
      await signIn(admin, page, server);
      for (const [path, ready, name] of [
        ['/admin/dashboard', heading('Dashboard'), 'admin-dashboard'],
        ['/admin/inventory', heading('Inventory'), 'admin-inventory'],
        ['/admin/inventory/history', (p) => p.locator('h1').first().waitFor(), 'admin-history'],
        ['/admin/bills', heading('Bills'), 'admin-bills'],
        [`/admin/bills/${bill}`, (p) => p.getByText(/INV-\d+/).first().waitFor(), 'admin-invoice'],
        ['/admin/customers', heading('Customers'), 'admin-customers'],
        ['/admin/realtime-demo', heading('Live demo'), 'admin-demo'],
      ]) {
        found.push(...(await check(page, path, ready, shot(name))));
      }
      await admin.close();

      const customer = await browser.newContext({ viewport, colorScheme });
      const alice = await customer.newPage();
      await signIn(customer, alice, server, 'alice@demo.test', 'alice');
      found.push(...(await check(alice, '/customer/bills', heading('My bills'), shot('customer-bills'))));
      await customer.close();
    }
  }
  assert.deepEqual([...new Set(found)], []);
});
