import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE, screenshot, seriousViolations, TestBrowser } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every public page (students), in Dutch and in English: no serious or
 * critical violations. One test per page, so each page has its own time budget and a busy machine
 * only makes the file slower. The contexts bypass the Content-Security-Policy only so that axe can be
 * injected with addScriptTag; the flow and security tests run under the real policy.
 */
let h: Harness;
let b: TestBrowser;
let token: string;
let decidedToken: string;
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

describe.each(['nl', 'en'] as const)('accessibility in %s (phone width)', (lang) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await b.browser.newContext({ baseURL: h.baseUrl, viewport: PHONE, bypassCSP: true });
    page = await context.newPage();
    await page.goto(`/?lang=${lang}`); // the language cookie for the pages after it
  });
  afterAll(async () => {
    await context?.close();
  });

  it('home', async () => {
    await page.goto(`/?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expectAccessible(page, `home-${lang}`);
  });
  it('contact', async () => {
    await page.goto('/contact');
    await expectAccessible(page, `contact-${lang}`);
  });
  it('link request, empty, with errors and done', async () => {
    await page.goto('/link');
    await expectAccessible(page, `link-${lang}`);
    await page.click('form[action="/link"] button[type=submit]');
    await expectAccessible(page, `link-errors-${lang}`);
    await page.goto('/link?done=1');
    await expectAccessible(page, `link-done-${lang}`, false);
  });

  // The complaint form, step by step, including steps with errors; each test goes on from the last.
  it('complaint form step 1, and with errors', async () => {
    await page.goto('/klacht');
    await expectAccessible(page, `form-1-${lang}`);
    await page.click('button[value=next]');
    await expectAccessible(page, `form-1-errors-${lang}`);
  });
  it('complaint form step 2 with errors', async () => {
    await page.locator('input[name=schoolId]').first().check();
    await page.click('button[value=next]');
    await page.click('button[value=next]');
    await expectAccessible(page, `form-2-errors-${lang}`);
  });
  it('complaint form step 3', async () => {
    await page.fill('#subject', 'Lessons cancelled');
    await page.fill('#description', 'Many lessons were cancelled.');
    await page.click('button[value=next]');
    await expectAccessible(page, `form-3-${lang}`);
  });
  it('complaint form step 4', async () => {
    await page.locator('#filed').check();
    await page.fill('#filedWithSchoolOn', daysAgo(10));
    await page.click('button[value=next]');
    await expectAccessible(page, `form-4-${lang}`);
  });
  it('complaint form step 5', async () => {
    await page.fill('#name', 'Test Student');
    await page.fill('#email', `a11y-${lang}@student.test`);
    await page.click('button[value=next]');
    await expectAccessible(page, `form-5-${lang}`);
  });
  it('complaint confirmation', async () => {
    await page.click('button[value=send]');
    await page.waitForURL(/verstuurd/);
    await expectAccessible(page, `form-confirmation-${lang}`);
  });

  it("student's case page, open and with errors", async () => {
    await page.goto(`/c/${token}`);
    await expectAccessible(page, `student-case-open-${lang}`);
    await page.click('form[action$="/informatie"] button[type=submit]');
    await expectAccessible(page, `student-case-errors-${lang}`, false);
  });
  it("student's case page, decided", async () => {
    await page.goto(`/c/${decidedToken}`);
    await expectAccessible(page, `student-case-decided-${lang}`);
  });
  it('a link that does not work', async () => {
    await page.goto('/c/this-link-is-not-valid-any-more-0000');
    await expectAccessible(page, `student-link-invalid-${lang}`, false);
  });
  it('console sign-in, and after the session expired', async () => {
    await page.goto('/console/login');
    await expectAccessible(page, `console-login-${lang}`);
    await page.goto('/console/login?expired=1');
    await expectAccessible(page, `console-login-expired-${lang}`, false);
  });
});
