import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type AxeViolation,
  DESKTOP,
  PHONE,
  screenshot,
  seriousViolations,
  signIn,
  TestBrowser,
} from '../support/browser.js';
import { createSchool } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * DigiD misuse reports in a real browser: a student reports in English on a phone and sees the
 * safety advice (a password in the text is refused); intake and a jurist triage it in the
 * console; axe finds no serious or critical violations on the new pages, in Dutch and English.
 */
let h: Harness;
let b: TestBrowser;
let api: Client;
let school: { id: string; name: string };
let investigating: string;
const studentEmail = `noor-${Date.now()}@student.test`;
let reference = '';

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  api = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  school = await createSchool(api, { name: 'Taalschool Zonnebloem', city: 'Almere' });
  await createSchool(api, { name: 'Inburgering Oost', city: 'Enschede' });
  // A report under investigation, for the console pages with the investigation's actions.
  const r = await new Client(h.baseUrl).post('/api/public/digid-reports', {
    student: { name: 'Bilal', email: 'bilal@student.test', language: 'nl' },
    suspectedParty: 'school',
    schoolId: school.id,
    noticedOn: daysAgo(10),
    description: 'De school keurde een rekening goed met mijn DigiD.',
    invoicesApprovedWithoutConsent: [{ invoiceDate: daysAgo(20), amountCents: 45_000 }],
  });
  investigating = r.body.reference;
  await api.post(`/api/digid-reports/${investigating}/start-investigation`, {});
}, 60_000);
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

describe('DigiD report in the browser', () => {
  it('a student reports misuse in English on a phone and sees the safety advice', async () => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    const csp = watchCsp(page);
    await page.goto('/?lang=en');
    await page.click('a[href="/digid"]');
    expect(await page.locator('h1').textContent()).toBe('Report misuse of your DigiD');
    const advice = await page.locator('#digid-safety').textContent();
    expect(advice).toContain('Change your DigiD password now');
    expect(advice).toContain('088 123 6555');
    expect(advice).toContain('Never write your password or SMS code in this form');

    // Nothing filled in: every problem in the summary, each linked to its field.
    await page.click('button[value=send]');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#error-summary a[href="#suspectedParty"]').count()).toBe(1);
    expect(await page.locator('#error-summary a[href="#what-logged_in"]').count()).toBe(1);

    await page.getByLabel('My school').check();
    await page.fill('#q', 'Zonnebloem');
    await page.click('button[value=search]');
    await page.selectOption('#schoolId', { label: `${school.name} (Almere)` });
    await page.getByLabel('Someone from the school logged in with my DigiD').check();
    await page.getByLabel('The school approved invoices that I did not agree to').check();
    await page.fill('#noticedOn', daysAgo(4));
    await page.fill('#inv-0-date', daysAgo(40));
    await page.fill('#inv-0-amount', '250,00');
    await page.click('button[value=addInvoice]');
    expect(await page.locator('#inv-2-date').count()).toBe(1);
    await page.fill('#name', 'Noor Haddad');
    await page.fill('#email', studentEmail);

    // A password in the text is refused, with the reason; nothing is stored.
    await page.fill('#description', 'They logged in for me. My DigiD password is Zomer2026!');
    await page.click('button[value=send]');
    expect(await page.locator('#description-error').textContent()).toContain(
      'seems to contain a password or SMS code',
    );
    const [{ n }] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM cases WHERE lower(student_email) = lower($1)`,
      [studentEmail],
    );
    expect(n).toBe(0);
    await screenshot(page, 'digid-form-password-refused-en-phone');

    await page.fill(
      '#description',
      'Someone from the school logged in with my DigiD and approved an invoice for lessons I never had.',
    );
    await page.click('button[value=send]');
    await page.waitForURL(/\/digid\/verstuurd/);
    reference = (await page.locator('#reference').textContent())!.trim();
    expect(reference).toMatch(/^D-\d{4}-\d{6}$/);
    expect(await page.locator('main').textContent()).toContain('We will look at your report by');
    expect(await page.locator('#digid-safety').textContent()).toContain(
      'Blik op Werk will never ask for your password or SMS code',
    );
    // Phone width: nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'digid-sent-en-phone');
    expect(csp).toEqual([]);
    await context.close();

    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(studentEmail) && x.subject.includes(reference)),
      15_000,
      'receipt',
    );
    const got = (await api.get(`/api/digid-reports/${reference}`)).body;
    expect(got).toMatchObject({
      status: 'triage',
      student: { language: 'en' },
      whatHappened: ['logged_in', 'approved_invoices'],
      invoicesApprovedWithoutConsent: [{ invoiceDate: daysAgo(40), amountCents: 25_000 }],
    });
  });

  it('staff triage it in the console: intake may refer but not investigate; a jurist starts the investigation', async () => {
    const intake = await b.context(h.baseUrl, DESKTOP);
    const csp = watchCsp(intake.page);
    await signIn(intake.page, h.users.intake.email);
    await intake.page.goto('/console/cases?type=digid_report');
    const row = intake.page.locator('table tbody tr', { hasText: reference });
    expect(await row.count()).toBe(1);
    await row.locator(`a[href="/console/digid/${reference}"]`).click();
    await intake.page.waitForURL(new RegExp(`/console/digid/${reference}$`));
    expect(await intake.page.locator('h1').textContent()).toBe(`DigiD report ${reference}`);
    expect(await intake.page.locator('#action-refer').count()).toBe(1);
    expect(await intake.page.locator('#action-startInvestigation').count()).toBe(0);
    // The server refuses it anyway.
    const forged = await intake.page.evaluate(async (ref) => {
      const form = document.querySelector<HTMLFormElement>('#action-refer form')!;
      const body = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      return (await fetch(`/console/digid/${ref}/start-investigation`, { method: 'POST', body })).status;
    }, reference);
    expect(forged).toBe(403);
    await intake.context.close();

    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    csp.push(...watchCsp(page));
    await signIn(page, h.users.jurist.email);
    await page.goto(`/console/cases/${reference}`); // the shared case link leads to the DigiD page
    await page.waitForURL(new RegExp(`/console/digid/${reference}$`));
    expect(await page.locator('section[aria-labelledby=summary]').textContent()).toContain(
      'Someone from the school logged in',
    );
    expect(await page.locator('section[aria-labelledby=deadlines] table').textContent()).toContain(
      'DigiD report triage',
    );
    await page.click('#action-startInvestigation button[type=submit]');
    await page.waitForURL(/done=startInvestigation/);
    expect(await page.locator('.bow-notice').textContent()).toContain('The investigation has started.');
    expect(await page.locator('section[aria-labelledby=deadlines] table').textContent()).toContain(
      'DigiD report investigation',
    );
    // A confirmed misuse without advice on the quality mark is refused with the reason.
    await page.selectOption('#decide-outcome', 'confirmed');
    await page.fill('#decide-summary', 'The school logged in with the student’s DigiD.');
    await page.click('#action-decide button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('Choose advice on the quality mark');
    await screenshot(page, 'console-digid-investigation-en-desktop');
    expect(csp).toEqual([]);
    await context.close();
  });
});

describe.each(['nl', 'en'] as const)('accessibility of the DigiD pages in %s', (lang) => {
  it(`has no serious or critical axe violations (${lang})`, async () => {
    const found: { page: string; violations: AxeViolation[] }[] = [];
    const check = async (page: Page, name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length) found.push({ page: `${name} (${page.url()})`, violations });
    };
    // bypassCSP only so that axe can be injected; the flow tests above run under the real policy.
    const pub = await b.browser.newContext({ baseURL: h.baseUrl, viewport: PHONE, bypassCSP: true });
    const page = await pub.newPage();
    await page.goto(`/digid?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await check(page, `digid-form-${lang}`);
    await page.click('button[value=send]');
    await check(page, `digid-form-errors-${lang}`);
    await page.goto(`/digid/verstuurd?ref=D-2026-000001&tot=2026-12-02&p=other`);
    await check(page, `digid-sent-${lang}`);
    await pub.close();

    const staff = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
    const console = await staff.newPage();
    await signIn(console, h.users.supervisor.email);
    if ((await console.getAttribute('html', 'lang')) !== lang) {
      await console.click('form[action="/console/language"] button');
      await console.waitForLoadState();
    }
    expect(await console.getAttribute('html', 'lang')).toBe(lang);
    await console.goto(`/console/digid/${investigating}`);
    await check(console, `console-digid-${lang}`);
    await console.click('#action-decide button[type=submit]');
    await check(console, `console-digid-errors-${lang}`);
    await console.goto(`/console/schools/${school.id}`);
    await check(console, `console-school-digid-${lang}`);
    await staff.close();
    expect(found).toEqual([]);
  });
});
