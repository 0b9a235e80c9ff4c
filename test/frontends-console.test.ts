import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { launchBrowser, openPage, screenshot, type TrackedPage } from './support/browser.js';
import { startTestApp, type TestApp } from './support/app.js';

// A browser on a loaded machine: what the page shows is polled for up to 20 s, never timed.
vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 100 } } });

// The reference console in a real Chromium against the sandbox: what an admin does with it, checked on
// screen and, for writes, at the vendor simulator.

let browser: Browser;
let app: TestApp;
let tracked: TrackedPage;
let page: Page;

interface Account { id: string; vendor: string; vendorUserId: string; fullName: string; firstName: string | null; lastName: string | null; email: string }
let person: { email: string; accounts: Account[] };

beforeAll(async () => {
  // A short Rinkel timeout, so a write that gets no answer in time is quick to provoke.
  [browser, app] = await Promise.all([launchBrowser(), startTestApp({ RINKEL_TIMEOUT_MS: '1500' })]);
  await app.frontends.prepare();
  // A person with accounts at Rinkel and at least one other vendor, from the API itself.
  const { data } = await app.graphql<{ users: { edges: { node: { email: string | null } }[] } }>('{ users(first: 100, filter: { vendors: [RINKEL] }) { edges { node { email } } } }');
  for (const { node } of data?.users.edges ?? []) {
    const found = await app.graphql<{ usersByEmail: Account[] }>('query ($email: EmailAddress!) { usersByEmail(email: $email) { id vendor vendorUserId fullName firstName lastName email } }', { email: node.email });
    if ((found.data?.usersByEmail.length ?? 0) >= 3) {
      person = { email: String(node.email), accounts: found.data?.usersByEmail ?? [] };
      break;
    }
  }
  expect(person?.accounts.length).toBeGreaterThanOrEqual(3);
}, 120_000);
afterAll(async () => {
  await Promise.all([browser?.close(), app?.close()]);
});
beforeEach(async () => {
  app.reset();
  await tracked?.context.close();
  tracked = await openPage(browser);
  page = tracked.page;
});

const rows = () => page.locator('tbody tr');

/**
 * Searches for the person and opens them. The list follows the search box after a debounce, so the
 * first row is someone else's until the filtered page arrives: wait for it before opening a row.
 */
async function openPerson(): Promise<void> {
  await page.getByRole('searchbox', { name: /search/i }).fill(person.email);
  const email = person.email.toLowerCase();
  await expect.poll(async () => {
    const texts = await rows().allInnerTexts();
    return texts.length > 0 && texts.every((row) => row.toLowerCase().includes(email));
  }, { timeout: 15_000 }).toBe(true);
  await page.getByRole('button', { name: /^Open .* across vendors$/ }).first().click();
}
const vendorsOnScreen = async () => [...new Set(await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-vendor'))))].sort();

async function openConsole() {
  await page.goto(`${app.url}/`);
  await expect.poll(() => page.locator('#page-status').innerText(), { timeout: 30_000 }).toMatch(/Page 1 · \d+ users/);
}

describe('the console', () => {
  it('lists users with vendor health, pages by endCursor, and finds a surname from another vendor by search', async () => {
    await openConsole();
    await expect.poll(() => page.locator('.health article').count()).toBe(4);
    expect(await page.locator('.health').innerText()).toMatch(/RINKEL[\s\S]*UP[\s\S]*CLOSED/);
    expect(await page.locator('#page-status').innerText()).toBe('Page 1 · 800 users');
    expect(await rows().count()).toBe(20);
    await screenshot(page, 'console-users');
    const firstPage = await rows().allInnerTexts();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.locator('#page-status').innerText()).toBe('Page 2 · 800 users');
    await expect.poll(async () => (await rows().allInnerTexts())[0]).not.toBe(firstPage[0]);
    const secondPage = await rows().allInnerTexts();
    expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => rows().allInnerTexts()).toEqual(firstPage);

    // The surname of an account at a vendor other than Rinkel, typed into the search box.
    const other = person.accounts.find((account) => account.vendor !== 'RINKEL' && account.lastName) ?? person.accounts[1]!;
    const search = page.getByRole('searchbox', { name: /search/i });
    expect(await search.getAttribute('type')).toBe('search');
    await search.fill(other.lastName ?? '');
    // A common surname fills more than a page; the vendor filter brings that vendor's matches to page 1.
    await page.getByRole('checkbox', { name: other.vendor }).check();
    await expect.poll(() => page.locator('#page-status').innerText()).toMatch(/Page 1 · \d+ users/);
    await expect.poll(() => rows().allInnerTexts(), { timeout: 15_000 }).toContainEqual(expect.stringContaining(other.fullName));
    const found = await rows().evaluateAll((trs) => trs.map((tr) => ({ vendor: tr.getAttribute('data-vendor'), text: (tr as HTMLElement).innerText })));
    expect(found.filter((row) => row.vendor === other.vendor && row.text.toLowerCase().includes(other.email.toLowerCase()))).toHaveLength(1);
    expect(Number(/· (\d+) users/.exec(await page.locator('#page-status').innerText())?.[1])).toBeLessThan(800);
    await screenshot(page, 'console-search');
    expect(tracked.foreign).toEqual([]);
    expect(tracked.pageErrors).toEqual([]);
    expect(tracked.consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
  }, 120_000);

  it('filters by vendor and status', async () => {
    await openConsole();
    await page.getByRole('checkbox', { name: 'DIALPAD' }).check();
    await expect.poll(vendorsOnScreen).toEqual(['DIALPAD']);
    await page.getByRole('group', { name: 'Status' }).getByRole('checkbox', { name: 'ACTIVE', exact: true }).check();
    await expect.poll(async () => (await rows().allInnerTexts()).filter((row) => !/DIALPAD\s+ACTIVE/.test(row))).toEqual([]);
    expect(await rows().count()).toBeGreaterThan(0);
  }, 60_000);

  it('opens a person: every account side by side with its vendor details', async () => {
    await openConsole();
    await openPerson();
    await expect.poll(() => page.locator('.accounts article').count(), { timeout: 15_000 }).toBe(person.accounts.length);
    for (const account of person.accounts) {
      const card = page.getByRole('article', { name: `${account.vendor} account` });
      expect(await card.innerText()).toContain(account.vendorUserId);
    }
    const vendors = person.accounts.map((account) => account.vendor);
    if (vendors.includes('COMMPEAK')) expect(await page.getByRole('article', { name: 'COMMPEAK account' }).innerText()).toContain('sipUri');
    if (vendors.includes('DIALPAD')) expect(await page.getByRole('article', { name: 'DIALPAD account' }).innerText()).toContain('license');
    if (vendors.includes('RINKEL')) expect(await page.getByRole('article', { name: 'RINKEL account' }).innerText()).toContain('insightsEnabled');
    await screenshot(page, 'console-person');
  }, 60_000);

  it('edits an account: a dry run shows the diff and writes nothing, then apply writes once with its key', async () => {
    await openConsole();
    await openPerson();
    await page.getByRole('button', { name: 'Edit the RINKEL account' }).click();
    await page.getByLabel('First name').fill('Zebedee');
    await page.getByLabel('Availability').selectOption('UNAVAILABLE');
    await page.getByRole('button', { name: 'Preview changes (dry run)' }).click();
    const preview = page.locator('[data-outcome="preview"]');
    await preview.waitFor({ timeout: 15_000 });
    expect(await preview.innerText()).toMatch(/firstName\s+\S+\s+Zebedee/);
    expect(await preview.innerText()).toMatch(/availability\s+\S+\s+UNAVAILABLE/);
    expect(app.simulators.rinkel.ledger().entries).toEqual([]);
    await screenshot(page, 'console-dry-run');

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('[data-outcome="applied"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-outcome="applied"]').innerText()).toMatch(/Idempotency key [0-9a-f-]{36}/);
    const writes = app.simulators.rinkel.ledger().entries;
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH', applied: true, body: expect.objectContaining({ firstName: 'Zebedee', availability: 'unavailable' }) });
    // The person view reloads: the account now shows what the vendor holds.
    await expect.poll(() => page.getByRole('article', { name: 'RINKEL account' }).innerText(), { timeout: 15_000 }).toContain('Zebedee');
    expect(await page.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await screenshot(page, 'console-applied');
  }, 60_000);

  it('shows typed errors as what they mean: field errors with accepted values, retry time, a write that may have happened', async () => {
    await openConsole();
    await openPerson();
    await page.getByRole('button', { name: 'Edit the RINKEL account' }).click();

    await page.getByLabel('Language (BCP 47)').fill('en-US');
    await page.getByRole('button', { name: 'Preview changes (dry run)' }).click();
    const validation = page.locator('[data-outcome="validation"]');
    await validation.waitFor({ timeout: 15_000 });
    expect(await validation.innerText()).toMatch(/language[\s\S]*Accepted values: .*\ben\b.*\bnl\b/);
    await screenshot(page, 'console-validation');

    await page.getByLabel('Language (BCP 47)').fill('');
    await page.getByLabel('First name').fill('Quentin');
    await page.getByRole('button', { name: 'Preview changes (dry run)' }).click();
    await page.locator('[data-outcome="preview"]').waitFor({ timeout: 15_000 });
    app.simulators.rinkel.faults.set([{ kind: 'rate-limit', retryAfterSeconds: 7, match: { methods: ['PATCH'] } }]);
    await page.getByRole('button', { name: 'Apply' }).click();
    const limited = page.locator('[data-outcome="rate-limited"]');
    await limited.waitFor({ timeout: 15_000 });
    expect(await limited.innerText()).toContain('Try again in 7 s');

    // No answer in time to the write, which still sleeps at the vendor: it may yet be written.
    app.simulators.rinkel.faults.set([{ kind: 'latency', ms: 3000, match: { methods: ['PATCH'] } }]);
    await page.getByRole('button', { name: 'Apply' }).click();
    const unknown = page.locator('[data-outcome="unknown"]');
    await unknown.waitFor({ timeout: 30_000 });
    expect(await unknown.innerText()).toMatch(/may or may not have happened[\s\S]*before trying again/);
    await screenshot(page, 'console-unknown-outcome');
  }, 90_000);

  it('keeps the other vendors\' rows beside a banner naming the vendor that is down', async () => {
    app.simulators.dialpad.faults.set([{ kind: 'status', status: 503 }]);
    await openConsole();
    const banner = page.locator('.banner[role="alert"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toMatch(/Dialpad is not answering/);
    expect(await vendorsOnScreen()).not.toContain('DIALPAD');
    expect((await vendorsOnScreen()).length).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: 'COMMPEAK' }).check();
    await expect.poll(vendorsOnScreen).toEqual(['COMMPEAK']);
    await page.getByRole('checkbox', { name: 'COMMPEAK' }).uncheck();
    await expect.poll(() => page.locator('#page-status').innerText()).toMatch(/Page 1 · 600 users/);
    await expect.poll(() => page.locator('.health article[data-vendor="DIALPAD"]').innerText(), { timeout: 30_000 }).toMatch(/DOWN|OPEN/);
    await screenshot(page, 'console-vendor-down');
  }, 90_000);

  it('is usable from the keyboard: every control has a label and is reached by Tab', async () => {
    await openConsole();
    const unlabelled = await page.locator('input, select, button').evaluateAll((controls) =>
      controls.filter((control) => {
        const element = control as HTMLInputElement;
        const label = element.labels?.[0]?.innerText || element.getAttribute('aria-label') || (element.tagName === 'BUTTON' ? element.innerText : '');
        return !label.trim();
      }).map((control) => control.outerHTML));
    expect(unlabelled).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => { const el = document.activeElement as HTMLInputElement | null; return `${el?.tagName}:${el?.name || el?.innerText || ''}`; }));
    }
    expect([...reached]).toEqual(expect.arrayContaining(['INPUT:token', 'INPUT:search', 'INPUT:vendor', 'BUTTON:Next page']));
  }, 60_000);
});
