import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  type AxeViolation,
  DESKTOP,
  PHONE,
  screenshot,
  seriousViolations,
  TestBrowser,
} from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';
import { linkToken, schoolLinkToken } from '../support/smtp.js';

/**
 * The school's private link in a real browser: the school's complaints officer opens the link
 * from the email, confirms receipt, makes a mistake in the final-answer form, records the final
 * answer, and the student sees both on their own page. axe (WCAG 2.1 A/AA) on every state of
 * the page; the page also runs once under the real Content-Security-Policy.
 */
let h: Harness;
let b: TestBrowser;
let reference: string;
let schoolToken: string;
let studentToken: string;
const marker = `lokaal${Date.now().toString(36)}`;
const answer = `Wij hebben met de cursist gesproken. De lessen worden ingehaald in juni. ${marker}`;

let found: { page: string; violations: AxeViolation[] }[] = [];
async function check(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length) found.push({ page: `${name} (${page.url()})`, violations });
  await screenshot(page, `school-${name}`);
}

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  const staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  const school = await createSchool(staff, { name: 'Taalschool Het Anker', city: 'Zwolle' });
  const c = await fileComplaint(h.baseUrl, school.id, {
    filedWithSchoolOn: daysAgo(7),
    student: { name: 'Yonas Tesfaye', email: 'yonas@student.test', phone: '+31 6 55501234', language: 'en' },
    subject: `Lessen vallen uit ${marker}`,
    description: 'Sinds maart valt de helft van de lessen uit.\nDe school reageert niet op mijn e-mails.',
    desiredOutcome: 'Extra lessen.',
  });
  reference = c.reference;
  const mails = await h.smtp.waitFor(
    (all) =>
      all.some((m) => m.to.includes(school.complaintsEmail)) &&
      all.some((m) => m.to.includes('yonas@student.test')),
    15_000,
    'the school email and the confirmation',
  );
  schoolToken = schoolLinkToken(mails.find((m) => m.to.includes(school.complaintsEmail))!);
  studentToken = linkToken(mails.find((m) => m.to.includes('yonas@student.test'))!);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

describe("the school's private link in the browser", () => {
  it('opens under the real Content-Security-Policy without violations', async () => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    const csp: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) csp.push(msg.text());
    });
    await page.goto(`/school/${schoolToken}`);
    expect(await page.locator('h1').textContent()).toBe(`Klacht ${reference}`);
    expect(csp).toEqual([]);
    await context.close();
  });

  it('the school confirms receipt and records its final answer; the student sees both', async () => {
    // bypassCSP only so that axe can be injected (see accessibility-public.test.ts).
    const context = await b.browser.newContext({
      baseURL: h.baseUrl,
      viewport: DESKTOP,
      bypassCSP: true,
      locale: 'nl-NL',
    });
    const page = await context.newPage();
    await page.goto(`/school/${schoolToken}`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('#case-subject').textContent()).toBe(`Lessen vallen uit ${marker}`);
    expect(await page.locator('#student-name').textContent()).toBe('Yonas Tesfaye');
    expect(await page.locator('#status-text').textContent()).toBe('Bij de school');
    const main = (await page.locator('main').textContent())!;
    expect(main).not.toContain('yonas@student.test');
    expect(main).not.toContain('55501234');
    await check(page, 'start-nl');

    // Confirm receipt.
    await page.click('form[action$="/ontvangst"] button[type=submit]');
    await page.waitForURL(/done=ontvangen/);
    expect(await page.locator('.bow-notice').first().textContent()).toContain(
      'U heeft bevestigd dat u de klacht heeft ontvangen.',
    );
    expect(await page.locator('#school-acknowledged').count()).toBe(1);
    expect(await page.locator('form[action$="/ontvangst"]').count()).toBe(0);
    await check(page, 'acknowledged-nl');

    // A final answer without text: the error summary links to the field.
    await page.click('form[action$="/eindantwoord"] button[type=submit]');
    expect(await page.locator('#error-summary a[href="#answer-text"]').count()).toBe(1);
    expect(await page.title()).toMatch(/^Fout: /);
    await check(page, 'answer-error-nl');

    await page.fill('#answer-date', daysAgo(1));
    await page.fill('#answer-text', answer);
    await page.click('form[action$="/eindantwoord"] button[type=submit]');
    await page.waitForURL(/done=eindantwoord/);
    expect(await page.locator('#school-answer').textContent()).toBe(answer);
    expect(await page.locator('form[action$="/eindantwoord"]').count()).toBe(0);
    await check(page, 'answered-nl');

    // The language switch works as on the other public pages.
    await page.click('nav[aria-label="Kies een taal"] a');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(`Complaint ${reference}`);
    await check(page, 'answered-en');

    // The student sees both on their page.
    await page.goto(`/c/${studentToken}?lang=en`);
    const timeline = (await page.locator('.bow-timeline').textContent())!;
    expect(timeline).toContain('The school has received your complaint.');
    expect(timeline).toContain('The school gave a final answer.');
    expect(timeline).toContain(answer);
    await check(page, 'student-sees-answer-en');

    // A link that does not work: the friendly page.
    await page.goto(`/school/${'x'.repeat(43)}?lang=nl`);
    expect(await page.locator('h1').textContent()).toBe('Deze link werkt niet (meer)');
    await check(page, 'invalid-nl');
    await context.close();

    const report = found;
    found = [];
    expect(report).toEqual([]);
  });
});
