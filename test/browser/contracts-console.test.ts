import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { addDays, isoWeekday } from '../../src/common/dates.js';
import { DESKTOP, PHONE, screenshot, seriousViolations, signIn, TestBrowser } from '../support/browser.js';
import { createSchool } from '../support/factory.js';
import { Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * The staff contract pages in a real browser: register a contract through the form, calculate a
 * quote, record a notice termination and see its quote (the worked example of domain-rules.md
 * section 4: fees EUR 1,900.22, refund EUR 99.78), make it effective, export the DUO batch and
 * confirm it; a weighty reason waits for evidence uploaded through the page; a CSV import with
 * one bad row imports nothing. axe finds no serious violations on the new pages.
 */
let h: Harness;
let b: TestBrowser;
let api: Client;
let school: { id: string; name: string };
let page: Page;
let closeContext: () => Promise<void>;

function monWedLessons(from: string, to: string) {
  const lessons: { date: string; minutes: number; mode: string }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) === 1 || isoWeekday(d) === 3)
      lessons.push({ date: d, minutes: 240, mode: 'classroom' });
  }
  return lessons;
}

async function registerThroughForm(number: string, email: string): Promise<string> {
  await submitRegistration(number, email);
  await page.waitForURL(/\/console\/contracts\/[0-9a-f-]{36}\?done=created/);
  return /\/console\/contracts\/([0-9a-f-]{36})/.exec(page.url())![1];
}

async function submitRegistration(number: string, email: string): Promise<void> {
  await page.goto('/console/contracts/new');
  await page.selectOption('#schoolId', school.id);
  await page.fill('#studentName', 'Amira Haddad');
  await page.fill('#studentEmail', email);
  await page.selectOption('#studentLanguage', 'en');
  await page.fill('#contractNumber', number);
  await page.fill('#signedOn', '2025-12-15');
  await page.fill('#startDate', '2026-01-05');
  await page.fill('#plannedEndDate', '2026-12-18');
  await page.selectOption('#courseType', 'nt2');
  await page.selectOption('#educationLevel', 'middle');
  await page.fill('#hourlyRate', '12.99');
  await page.fill('#plannedHours', '360');
  await page.fill('#hoursPerWeek', '8');
  await page.selectOption('#funder', 'duo_loan');
  await page.click('form[action="/console/contracts/new"] button[type=submit]');
}

async function expectNoSeriousViolations(name: string) {
  const violations = await seriousViolations(page);
  if (violations.length) await screenshot(page, `${name}-axe`);
  expect(violations).toEqual([]);
}

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  api = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
  // The admin makes the school: the supervisor's authenticator code is kept for the browser sign-in.
  const admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
  school = await createSchool(admin, { name: 'Taalschool De Brug', city: 'Utrecht' });
  // bypassCSP only so axe can be injected; test/browser/security.test.ts checks the policy itself.
  const context = await b.browser.newContext({ baseURL: h.baseUrl, viewport: DESKTOP, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  closeContext = () => context.close();
  // The supervisor records, decides and exports (one sign-in: an authenticator code is single-use).
  await signIn(page, h.users.supervisor.email);
}, 90_000);
afterAll(async () => {
  await closeContext?.();
  await b?.close();
  await h?.stop();
});

describe('contracts in the console', () => {
  let contractId = '';
  const email = `amira-${Date.now()}@student.test`;

  it('refuses an empty registration with an error summary, then registers the contract', async () => {
    await page.goto('/console/contracts/new');
    await page.click('form[action="/console/contracts/new"] button[type=submit]');
    const summary = await page.locator('#error-summary').textContent();
    expect(summary).toContain('School');
    expect(summary).toContain('Contract number');
    await expectNoSeriousViolations('contract-register-errors');

    // An address the API's schema refuses is refused on the form too.
    await submitRegistration('DB-2026-001', 'amira..haddad@student.test');
    expect(await page.locator('#error-summary').textContent()).toContain("Student's email address");

    contractId = await registerThroughForm('DB-2026-001', email);
    expect(await page.locator('.bow-notice').textContent()).toContain('The contract is registered.');
    const terms = await page.locator('section[aria-labelledby=terms]').textContent();
    expect(terms).toContain('EUR 12.99');
    expect(terms).toContain('DUO loan');
    // The same number at the same school is refused on the form.
    await submitRegistration('DB-2026-001', email);
    expect(page.url()).toMatch(/\/console\/contracts\/new$/);
    expect(await page.locator('#error-summary').textContent()).toContain(
      'already has a contract with this number',
    );
  });

  it('records lessons and an invoice, and the quote calculator gives the worked example', async () => {
    // 27 of the 28 lessons through the API (a ledger is usually imported), the last one and the invoice on the page.
    const lessons = monWedLessons('2026-01-05', '2026-04-08');
    const last = lessons.pop()!;
    expect((await api.post(`/api/contracts/${contractId}/lessons`, { lessons })).status).toBe(201);
    await page.goto(`/console/contracts/${contractId}`);
    await page.fill('#lessonDate', last.date);
    await page.fill('#lessonMinutes', '240');
    await page.selectOption('#lessonMode', 'classroom');
    await page.click(`form[action="/console/contracts/${contractId}/lessons"] button[type=submit]`);
    await page.waitForURL(/done=lesson/);
    expect(await page.locator('section[aria-labelledby=lessons]').textContent()).toContain(
      '28 lessons, 112 hours in all',
    );

    // A wrong amount is refused with the field named; then EUR 2,000.00 paid.
    await page.fill('#invoiceDate', '2026-04-09');
    await page.fill('#invoiceAmount', 'twee duizend');
    await page.click(`form[action="/console/contracts/${contractId}/invoices"] button[type=submit]`);
    expect(await page.locator('#error-summary').textContent()).toContain('Amount in euros');
    await page.fill('#invoiceDate', '2026-04-09');
    await page.fill('#invoiceAmount', '2,000.00');
    await page.selectOption('#invoiceStatus', 'paid');
    await page.click(`form[action="/console/contracts/${contractId}/invoices"] button[type=submit]`);
    await page.waitForURL(/done=invoice/);
    expect(await page.locator('section[aria-labelledby=invoices]').textContent()).toContain('EUR 2,000.00');

    await page.selectOption('#quote-ground', 'notice');
    await page.fill('#quote-requestedOn', '2026-04-10');
    await page.click('section[aria-labelledby=quote] button[type=submit]');
    const quote = await page.locator('#quote-result').textContent();
    expect(quote).toContain('10 May 2026');
    expect(quote).toContain('EUR 1,900.22');
    expect(quote).toContain('EUR 99.78');
    // A ground that does not apply says why instead of a number.
    await page.selectOption('#quote-ground', 'school_lost_quality_mark');
    await page.fill('#quote-requestedOn', '2026-04-10');
    await page.click('section[aria-labelledby=quote] button[type=submit]');
    expect(await page.locator('#quote-result').textContent()).toContain('still held a quality mark');
  });

  it('a staff member records a notice termination and sees the quote', async () => {
    await page.goto(`/console/contracts/${contractId}`);
    await page.selectOption('#ground', 'notice');
    await page.fill('#requestedOn', '2026-04-10');
    await page.fill('#note', 'Student called on 10 April to give notice.');
    await page.click(`form[action="/console/contracts/${contractId}/terminations"] button[type=submit]`);
    await page.waitForURL(/done=terminated/);
    const t = page.locator('article.bow-termination');
    expect(await t.count()).toBe(1);
    const text = (await t.textContent())!;
    expect(text).toContain('Approved');
    expect(text).toContain('EUR 1,900.22');
    expect(text).toContain('EUR 99.78');
    expect(text).toContain('Back to DUO');
    // The quote's lines explain the numbers (delivered and scheduled minutes).
    expect(text).toMatch(/112 hours/);
    await expectNoSeriousViolations('contract-with-termination');
    await screenshot(page, 'contract-termination-en-desktop');
  });

  it('makes it effective: the contract ends, the student is emailed the same quote, the refund reaches a DUO batch', async () => {
    await page.goto(`/console/contracts/${contractId}`);
    await page.click('article.bow-termination form[action$="/make-effective"] button[type=submit]');
    await page.waitForURL(/done=effective/);
    expect(await page.locator('section[aria-labelledby=terms]').textContent()).toContain('Terminated');
    expect(await page.locator('section[aria-labelledby=refunds]').textContent()).toContain('EUR 99.78');
    const mail = await h.smtp.waitFor((all) =>
      all.some((x) => x.to.includes(email) && /EUR 99\.78|€ 99,78/.test(x.text)),
    );
    expect(mail.some((x) => x.to.includes(email) && x.text.includes('1,900.22'))).toBe(true);

    await page.goto('/console/refunds');
    expect(await page.locator('section[aria-labelledby=pending]').textContent()).toContain('EUR 99.78');
    await expectNoSeriousViolations('refunds-page');
    await page.selectOption('#payer', 'duo');
    await page.click('form[action="/console/refunds/export"] button[type=submit]');
    await page.waitForURL(/done=exported/);
    expect(await page.locator('.bow-notice').textContent()).toMatch(
      /Batch \d+ was made with 1 instruction\./,
    );
    const batchId = /batch=(\d+)/.exec(page.url())![1];
    const csv = await page.request.get(`/api/refunds/batches/${batchId}.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('99.78');
    // Exporting again finds nothing pending.
    await page.click('form[action="/console/refunds/export"] button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('No instructions are waiting');
    await page.click(`form[action="/console/refunds/batches/${batchId}/confirm"] button[type=submit]`);
    await page.waitForURL(/done=confirmed/);
    expect(await page.locator('section[aria-labelledby=batches]').textContent()).toContain('Confirmed');
  });

  it('a weighty reason waits for evidence uploaded on the page and a decision', async () => {
    const id = await registerThroughForm('DB-2026-002', `moved-${Date.now()}@student.test`);
    await page.selectOption('#ground', 'moved');
    await page.fill('#requestedOn', '2026-04-10');
    await page.click(`form[action="/console/contracts/${id}/terminations"] button[type=submit]`);
    await page.waitForURL(/done=terminated/);
    const t = page.locator('article.bow-termination');
    expect(await t.textContent()).toContain('Requested');
    expect(await t.textContent()).toContain('needs evidence');
    // Approving without evidence is refused with the reason.
    await t.locator('form[action$="/approve"] button[type=submit]').click();
    expect(await page.locator('#error-summary').textContent()).toContain('Add evidence first');
    // A text file is refused by its content, whatever its name.
    await page.setInputFiles('article.bow-termination input[type=file]', {
      name: 'letter.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await page.click('article.bow-termination form[enctype="multipart/form-data"] button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('not a PDF, PNG or JPEG');
    await page.setInputFiles('article.bow-termination input[type=file]', {
      name: 'verhuizing.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.click('article.bow-termination form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForURL(/done=evidence/);
    expect(await page.locator('article.bow-termination').textContent()).toContain('verhuizing.pdf');
    await page.click('article.bow-termination form[action$="/approve"] button[type=submit]');
    await page.waitForURL(/done=approved/);
    expect(await page.locator('article.bow-termination').textContent()).toContain('Approved');
    const detail = await api.get(`/api/contracts/${id}`);
    expect(detail.body.terminations[0]).toMatchObject({ ground: 'moved', status: 'approved' });
    expect(detail.body.terminations[0].evidence).toHaveLength(1);

    // An invoice recorded by someone else after the page was loaded changes the quote: making it
    // effective with the old figures is refused; with the page reloaded (the new quote) it goes.
    expect(
      (
        await api.post(`/api/contracts/${id}/invoices`, {
          invoiceDate: '2026-03-31',
          amountCents: 50_000,
          status: 'paid',
        })
      ).status,
    ).toBe(201);
    await page.click('article.bow-termination form[action$="/make-effective"] button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('The quote changed');
    expect(await page.locator('article.bow-termination').textContent()).toContain('EUR 500.00');
    await page.click('article.bow-termination form[action$="/make-effective"] button[type=submit]');
    await page.waitForURL(/done=effective/);
    const ended = await api.get(`/api/contracts/${id}`);
    expect(ended.body.terminations[0]).toMatchObject({ status: 'effective', quote: { paidCents: 50_000 } });
  });

  it('imports a CSV all or nothing, naming the bad row', async () => {
    const header =
      'contractNumber,studentName,studentEmail,studentLanguage,signedOn,startDate,plannedEndDate,courseType,educationLevel,hourlyRateCents,plannedHours,hoursPerWeek,funder';
    const row = (n: number, date = '2026-02-02') =>
      `IMP-${n},Student ${n},imp${n}@student.test,nl,2026-01-20,${date},2026-10-30,nt2,low,1350,300,6,duo_loan`;
    await page.goto('/console/contracts/import');
    await page.selectOption('#schoolId', school.id);
    await page.fill('#csv', [header, row(1), row(2, '2026-02-31'), row(3)].join('\n'));
    await page.click('form[action="/console/contracts/import"] button[type=submit]');
    const summary = await page.locator('#error-summary').textContent();
    expect(summary).toContain('Nothing was imported');
    expect(summary).toContain('Row 3');
    const none = await api.get(`/api/contracts?schoolId=${school.id}&studentEmail=imp1@student.test`);
    expect(none.body.items).toHaveLength(0);
    await page.fill('#csv', [header, row(1), row(2), row(3)].join('\n'));
    await page.click('form[action="/console/contracts/import"] button[type=submit]');
    expect(await page.locator('.bow-notice').textContent()).toContain('3 contracts were imported.');
    await expectNoSeriousViolations('contract-import');
  });

  it('the contract list filters by school and fits a phone', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`/console/contracts?schoolId=${school.id}&status=terminated`);
    const rows = page.locator('table tbody tr');
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('DB-2026-002'),
      expect.stringContaining('DB-2026-001'),
    ]);
    await expectNoSeriousViolations('contract-list-phone');
    // A student on the phone gives the number: found at any school, whatever the letters' case.
    await page.goto('/console/contracts');
    await page.fill('#contractNumber', 'db-2026-002');
    await page.click('form[action="/console/contracts"] button[type=submit]');
    expect(await rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('DB-2026-002');
    await page.goto('/console/terminations?status=effective');
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await page.goto('/console/terminations?status=approved');
    expect(await page.locator('table tbody tr').count()).toBe(0);
    await page.setViewportSize(DESKTOP);
  });
});
