import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type AxeViolation,
  DESKTOP,
  screenshot,
  seriousViolations,
  TestBrowser,
  signIn,
} from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every console page (staff), in Dutch and in English: no serious or
 * critical violations. The contexts bypass the Content-Security-Policy only so that axe can be
 * injected with addScriptTag; the flow and security tests run under the real policy.
 */
let h: Harness;
let b: TestBrowser;
let reference: string;
let schoolId: string;

let found: { page: string; violations: AxeViolation[] }[] = [];

/** Runs axe on the page; screenshots are kept for the Dutch pages (the flow test saves English ones). */
async function check(page: Page, name: string, shot = true): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) found.push({ page: `${name} (${page.url()})`, violations });
  if (shot && name.endsWith('-nl')) await screenshot(page, `a11y-${name}`);
}

/** Every page is checked before failing, so one bad page does not hide the others. */
function expectNoViolations(): void {
  const report = found;
  found = [];
  expect(report).toEqual([]);
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

describe.each(['nl', 'en'] as const)('accessibility in %s', (lang) => {
  it(`console pages have no serious or critical axe violations (${lang}, desktop width)`, async () => {
    await h.dataSource.query(`UPDATE staff_users SET language = $1`, [lang]);
    const context = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, h.users.supervisor.email);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await check(page, `console-start-${lang}`);
    await page.goto('/console/cases');
    await check(page, `console-cases-${lang}`);
    await page.goto('/console/cases?dueFrom=not-a-date');
    await check(page, `console-cases-errors-${lang}`, false);
    await page.goto(`/console/cases/${reference}`);
    await check(page, `console-case-${lang}`);
    await page.click('#action-escalate button[type=submit]');
    await check(page, `console-case-errors-${lang}`, false);
    await page.goto('/console/schools');
    await check(page, `console-schools-${lang}`);
    await page.goto(`/console/schools/${schoolId}`);
    await check(page, `console-school-${lang}`);
    await page.goto('/console/admin/calendar');
    await check(page, `console-calendar-${lang}`);
    await page.goto('/console/admin/emails');
    await check(page, `console-emails-${lang}`);
    await page.goto('/console/privacy/export?email=samir%40student.test');
    await check(page, `console-data-export-${lang}`);
    await page.goto('/console/cases/K-2026-999999');
    await check(page, `console-not-found-${lang}`, false);
    await context.close();

    const admin = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
    const adminPage = await admin.newPage();
    await signIn(adminPage, h.users.admin.email);
    await adminPage.goto('/console/admin/users');
    await check(adminPage, `console-users-${lang}`);
    await adminPage.goto('/console/admin/reads');
    await check(adminPage, `console-reads-${lang}`);
    await admin.close();
    expectNoViolations();
  });
});
