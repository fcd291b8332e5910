// The live admin → customer scenario in Firefox ESR (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi): the admin creates a bill for Alice and then records its
// payment through the UI; Alice's open page shows the bill, then Paid, without a reload.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer from 'puppeteer-core';

import { DESKTOP, SCREENSHOT_DIR, startApp } from './harness.mjs';

const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';

let server;
let browser;

before(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  server = await startApp();
  // puppeteer makes (and removes) a temporary profile; headless needs no display, also as root.
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, env: { ...process.env, MOZ_HEADLESS: '1' } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Polled from here: puppeteer's in-page waits (waitForSelector, waitForFunction, locators)
// never resolved in Firefox 153 while the app's modal dialog was open.
async function until(what, probe, timeout = 10_000) {
  for (const deadline = Date.now() + timeout; ; await sleep(100)) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
  }
}

// Controls are found as a person finds them, by their label or their text (sr-only text
// included); puppeteer's ::-p-aria queries took seconds each in Firefox.
function element(page, what, lookup, arg) {
  return until(what, async () => (await page.evaluateHandle(lookup, arg)).asElement());
}
const field = (page, label) => element(page, `the field "${label}"`, (text) => {
  const found = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === text);
  return found ? document.getElementById(found.htmlFor) : null;
}, label);
const button = (page, name) => element(page, `the button "${name}"`, (text) =>
  [...document.querySelectorAll('button')].find((b) => !b.disabled && b.textContent.replace(/\s+/g, ' ').trim() === text) ?? null, name);
const click = async (page, name) => (await button(page, name)).click();

async function newPage() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(DESKTOP);
  return page;
}

// Firefox sometimes aborts a navigation started just after the app's own client-side one
// (NS_BINDING_ABORTED); the second attempt then goes through.
async function goto(page, url) {
  try {
    await page.goto(url);
  } catch (error) {
    if (!/NS_BINDING_ABORTED/.test(error.message)) throw error;
    await page.goto(url);
  }
}

async function signIn(page, email) {
  await goto(page, `${server.url}/login`);
  await (await field(page, 'Email')).type(email);
  await (await field(page, 'Password')).type(email.split('@')[0]);
  await click(page, 'Sign in');
  await until('the signed-in landing page', () => page.evaluate(() => /^\/(admin|customer)\//.test(location.pathname)));
}

async function open(page, path) {
  await goto(page, `${server.url}${path}`);
  await until(`${path} to be live`, () => page.evaluate(() => [...document.querySelectorAll('[role=status]')].some((e) => e.textContent.includes('Live'))));
}

// Waits until the table row of `billNumber` shows a badge reading exactly `status`.
function rowShows(page, billNumber, status) {
  const shows = (number, text) => [...document.querySelectorAll('tr')].some((row) => row.textContent.includes(number) &&
    [...row.querySelectorAll('*')].some((e) => e.children.length === 0 && e.textContent.trim() === text));
  return until(`${billNumber} ${status}`, () => page.evaluate(shows, billNumber, status));
}

// Picks the first enabled option of `select` whose text matches `pattern`, as a user does.
async function choose(select, pattern) {
  const value = await until(`an option ${pattern}`, () =>
    select.evaluate((el, source) => [...el.options].find((o) => !o.disabled && new RegExp(source).test(o.text))?.value, pattern.source));
  await select.select(value);
}

test('Firefox: a bill created and paid by the admin shows live on the customer page', async () => {
  const alice = await newPage();
  await signIn(alice, 'alice@demo.test');
  await open(alice, '/customer/bills');
  await alice.evaluate(() => { window.__sameDocument = true; });

  const admin = await newPage();
  await signIn(admin, 'admin@demo.test');
  await open(admin, '/admin/bills');
  await click(admin, 'New bill');
  await choose(await field(admin, 'Customer'), /alice@demo\.test/);
  await choose(await field(admin, 'Product 1'), / in stock\)$/);
  const quantity = await field(admin, 'Quantity');
  await quantity.click({ count: 3 }); // selects the default 1
  await quantity.type('2');
  await click(admin, 'Create bill');
  const billNumber = await until('the "Bill … created" toast', () =>
    admin.evaluate(() => document.querySelector('[data-sonner-toast]')?.textContent.match(/Bill (INV-\S+) created/)?.[1]));

  await rowShows(alice, billNumber, 'Pending');
  await click(admin, `Pay ${billNumber}`);
  await click(admin, 'Record payment');
  await rowShows(admin, billNumber, 'Paid');
  await rowShows(alice, billNumber, 'Paid');
  assert.equal(await alice.evaluate(() => window.__sameDocument), true, "the customer's page was reloaded");
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await alice.screenshot({ path: join(SCREENSHOT_DIR, 'firefox-customer-bills-paid.png'), fullPage: true });
});
