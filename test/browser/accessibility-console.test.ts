import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, screenshot, seriousViolations, TestBrowser, signIn } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every console page (staff), in Dutch and in English: no serious or
 * critical violations. One test per page, so each page has its own time budget and a busy machine
 * only makes the file slower. The contexts bypass the Content-Security-Policy only so that axe can be
 * injected with addScriptTag; the flow and security tests run under the real policy.
 */
let h: Harness;
let b: TestBrowser;
let reference: string;
let schoolId: string;

/** Runs axe on the page; screenshots are kept for the Dutch pages (the flow test saves English ones). */
async function expectAccessible(page: Page, name: string, shot = true): Promise<void> {
  const violations = await seriousViolations(page);
  if (shot && name.endsWith('-nl')) await screenshot(page, `a11y-${name}`);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  const staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolId = (await createSchool(staff, { name: 'Taalschool De Brug', city: 'Utrecht' })).id;
  await createSchool(staff, { name: 'Leercentrum West', city: 'Den Haag', complaintsRegulationUrl: null });
  const open = await fileComplaint(h.baseUrl, schoolId, {
    filedWithSchoolOn: daysAgo(60),
    student: { name: 'Samir', email: 'samir@student.test', language: 'nl' },
  });
  reference = open.reference;
  const decided = await fileComplaint(h.baseUrl, schoolId, {
    filedWithSchoolOn: daysAgo(60),
    student: { name: 'Lena', email: 'lena@student.test', language: 'en' },
  });
  await staff.post(`/api/complaints/${decided.reference}/escalate`, { reason: 'Six weeks passed.' });
  await staff.post(`/api/complaints/${decided.reference}/acknowledge`, {});
  await staff.post(`/api/complaints/${decided.reference}/decide`, {
    outcome: 'partly_founded',
    summary: 'The school must offer extra lessons.',
  });
  await staff.post(`/api/complaints/${reference}/notes`, {
    text: 'Called the student.',
    visibleToStudent: false,
  });
  // One failed email, so the failed-email page shows its table.
  await h.dataSource.query(
    `INSERT INTO outbox (template, language, recipient, data, status, attempts, last_error) VALUES ('case_link', 'nl', 'x@student.test', '{}', 'failed', 3, '451 mailbox unavailable')`,
  );
});
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

describe.each(['nl', 'en'] as const)('accessibility in %s (desktop width)', (lang) => {
  let supervisor: BrowserContext;
  let admin: BrowserContext;
  let page: Page;
  let adminPage: Page;
  beforeAll(async () => {
    await h.dataSource.query(`UPDATE staff_users SET language = $1`, [lang]);
    supervisor = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
    page = await supervisor.newPage();
    await signIn(page, h.users.supervisor.email);
    admin = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
    adminPage = await admin.newPage();
    await signIn(adminPage, h.users.admin.email);
  });
  afterAll(async () => {
    await supervisor?.close();
    await admin?.close();
  });

  /** One test per page: `path` seen by the supervisor (or the admin), checked as `name`. */
  const pages: { name: string; path: string; who?: 'admin' }[] = [
    { name: 'console-start', path: '/console' },
    { name: 'console-cases', path: '/console/cases' },
    { name: 'console-cases-errors', path: '/console/cases?dueFrom=not-a-date' },
    { name: 'console-schools', path: '/console/schools' },
    { name: 'console-calendar', path: '/console/admin/calendar' },
    { name: 'console-emails', path: '/console/admin/emails' },
    { name: 'console-data-export', path: '/console/privacy/export?email=samir%40student.test' },
    { name: 'console-not-found', path: '/console/cases/K-2026-999999' },
    { name: 'console-users', path: '/console/admin/users', who: 'admin' },
    { name: 'console-reads', path: '/console/admin/reads', who: 'admin' },
  ];
  // One argument (an object): Jest takes a test function with more parameters than the row for a done-callback test.
  it.each(pages)('$name ($path)', async ({ name, path, who }) => {
    const p = who === 'admin' ? adminPage : page;
    await p.goto(path);
    expect(await p.getAttribute('html', 'lang')).toBe(lang);
    await expectAccessible(p, `${name}-${lang}`, !name.endsWith('-errors') && name !== 'console-not-found');
  });
  it('console-case, and its action form with errors', async () => {
    await page.goto(`/console/cases/${reference}`);
    await expectAccessible(page, `console-case-${lang}`);
    await page.click('#action-escalate button[type=submit]');
    await expectAccessible(page, `console-case-errors-${lang}`, false);
  });
  it('console-school', async () => {
    await page.goto(`/console/schools/${schoolId}`);
    await expectAccessible(page, `console-school-${lang}`);
  });
});
