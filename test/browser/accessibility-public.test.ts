import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type AxeViolation, PHONE, screenshot, seriousViolations, TestBrowser } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every public page (students), in Dutch and in English: no serious or
 * critical violations. The contexts bypass the Content-Security-Policy only so that axe can be
 * injected with addScriptTag; the flow and security tests run under the real policy.
 */
let h: Harness;
let b: TestBrowser;
let token: string;
let decidedToken: string;
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
  await fileComplaint(h.baseUrl, schoolId, {
    filedWithSchoolOn: daysAgo(60),
    student: { name: 'Samir', email: 'samir@student.test', language: 'nl' },
  });
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
  const mails = await h.smtp.waitFor(
    (all) =>
      all.filter((m) => m.to.includes('lena@student.test')).length >= 3 &&
      all.some((m) => m.to.includes('samir@student.test')),
  );
  token = linkToken(mails.find((m) => m.to.includes('samir@student.test'))!);
  decidedToken = linkToken(
    mails.filter((m) => m.to.includes('lena@student.test')).find((m) => /Decision/.test(m.subject))!,
  );
});
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

describe.each(['nl', 'en'] as const)('accessibility in %s', (lang) => {
  it(`public pages have no serious or critical axe violations (${lang}, phone width)`, async () => {
    const context = await b.browser.newContext({ baseURL: h.baseUrl, viewport: PHONE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`/?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await check(page, `home-${lang}`);
    await page.goto('/contact');
    await check(page, `contact-${lang}`);
    await page.goto('/link');
    await check(page, `link-${lang}`);
    await page.click('form[action="/link"] button[type=submit]');
    await check(page, `link-errors-${lang}`);
    await page.goto('/link?done=1');
    await check(page, `link-done-${lang}`, false);

    // The complaint form, step by step, including a step with errors.
    await page.goto('/klacht');
    await check(page, `form-1-${lang}`);
    await page.click('button[value=next]');
    await check(page, `form-1-errors-${lang}`);
    await page.locator('input[name=schoolId]').first().check();
    await page.click('button[value=next]');
    await page.click('button[value=next]');
    await check(page, `form-2-errors-${lang}`);
    await page.fill('#subject', 'Lessons cancelled');
    await page.fill('#description', 'Many lessons were cancelled.');
    await page.click('button[value=next]');
    await check(page, `form-3-${lang}`);
    await page.locator('#filed').check();
    await page.fill('#filedWithSchoolOn', daysAgo(10));
    await page.click('button[value=next]');
    await check(page, `form-4-${lang}`);
    await page.fill('#name', 'Test Student');
    await page.fill('#email', `a11y-${lang}@student.test`);
    await page.click('button[value=next]');
    await check(page, `form-5-${lang}`);
    await page.click('button[value=send]');
    await page.waitForURL(/verstuurd/);
    await check(page, `form-confirmation-${lang}`);

    await page.goto(`/c/${token}`);
    await check(page, `student-case-open-${lang}`);
    await page.click('form[action$="/informatie"] button[type=submit]');
    await check(page, `student-case-errors-${lang}`, false);
    await page.goto(`/c/${decidedToken}`);
    await check(page, `student-case-decided-${lang}`);
    await page.goto('/c/this-link-is-not-valid-any-more-0000');
    await check(page, `student-link-invalid-${lang}`, false);
    await page.goto('/console/login');
    await check(page, `console-login-${lang}`);
    await page.goto('/console/login?expired=1');
    await check(page, `console-login-expired-${lang}`, false);
    await context.close();
    expectNoViolations();
  });
});
