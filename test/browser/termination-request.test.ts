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
import { createSchool } from '../support/factory.js';
import { addDays } from '../../src/common/dates.js';
import { Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/**
 * "A student files a termination request" (issue #4) in a real browser, without JavaScript on
 * the page: the school loses its quality mark, the student opens the form from the link in that
 * email (school and ground preselected), chooses "moved", uploads a PDF (a text file named .pdf
 * is refused first), sends, and sees the received page; the request waits for staff with its
 * evidence and the receipt reaches the SMTP server. Errors in Dutch and English; axe finds no
 * serious or critical violations on the form, its error state and the received page.
 */
let h: Harness;
let b: TestBrowser;
let staff: Client;
let school: { id: string; name: string };
let c: { id: string; number: string; email: string };
/** The form's address as the quality-mark email gives it, without the host (APP_URL in tests is not the test server). */
let formLink = '';

/** A small real PDF: the type is decided by the first bytes, `%PDF-`. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  school = await createSchool(staff, { name: 'Taalschool Vlinder', city: 'Amersfoort' });
  await createSchool(staff, { name: 'Inburgering West', city: 'Leiden' });
  const email = `yusuf-${Date.now()}@student.test`;
  const body = {
    schoolId: school.id,
    student: { name: 'Yusuf Demir', email, language: 'nl' },
    contractNumber: `C-${Date.now()}`,
    signedOn: addDays(today(), -90),
    startDate: addDays(today(), -80),
    plannedEndDate: addDays(today(), 250),
    courseType: 'nt2',
    educationLevel: 'middle',
    hourlyRateCents: 1299,
    plannedHours: 360,
    hoursPerWeek: 8,
    funder: 'duo_loan',
  };
  const r = await staff.post('/api/contracts', body);
  if (r.status !== 201) throw new Error(`contract not created: ${r.status} ${JSON.stringify(r.body)}`);
  c = { id: r.body.id, number: body.contractNumber, email };

  // The school loses its quality mark: the student's email links to the form.
  const withdrawn = await staff.post(`/api/schools/${school.id}/quality-mark`, {
    status: 'withdrawn',
    effectiveOn: today(),
    reason: 'Keurmerk ingetrokken na onderzoek',
  });
  if (withdrawn.status !== 200)
    throw new Error(`withdrawal: ${withdrawn.status} ${JSON.stringify(withdrawn.body)}`);
  await h.smtp.waitFor(() => h.smtp.to(email).length === 1, 15_000, 'quality-mark email');
  const text = h.smtp.to(email)[0].text;
  const link = `${h.config.http.appUrl}/terminate?school=${school.id}&ground=quality_mark_withdrawn`;
  if (!text.includes(link)) throw new Error(`the email does not link to ${link}: ${text}`);
  const u = new URL(link);
  formLink = `${u.pathname}${u.search}`;
}, 60_000);
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

/** Every page in these tests runs under the real Content-Security-Policy; a violation would show here. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

describe('termination request in the browser', () => {
  it('a student files a termination request', async () => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    const csp = watchCsp(page);
    await page.goto(formLink);
    expect(await page.locator('h1').textContent()).toBe('Uw contract met de school stoppen');
    // The link chose the school and the quality-mark ground; the date is today.
    expect(await page.inputValue('#schoolId')).toBe(school.id);
    expect(await page.isChecked('input[name=ground][value=school_lost_quality_mark]')).toBe(true);
    expect(await page.inputValue('#requestedOn')).toBe(today());
    await screenshot(page, 'terminate-form-nl-phone');

    await page.fill('#contractNumber', c.number);
    await page.fill('#studentEmail', c.email);
    await page.getByLabel('Ik ben verhuisd').check();
    await page.fill('#note', 'Ik woon nu in Groningen.');

    // A text file named .pdf: refused by its content, with the reason; the values stay, the file does not.
    await page.setInputFiles('#evidence', {
      name: 'verhuizing.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Dit is een tekstbestand, geen PDF.\n'),
    });
    await page.click('button[value=send]');
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Fout: /);
    expect(await page.locator('#evidence-error').textContent()).toContain(
      'Dit bestand kunnen wij niet gebruiken. Stuur een PDF, PNG of JPEG.',
    );
    expect(await page.locator('#error-summary a[href="#evidence"]').count()).toBe(1);
    expect(await page.locator('#evidence-again').textContent()).toContain('Kies het bestand opnieuw');
    expect(await page.inputValue('#contractNumber')).toBe(c.number);
    expect(await page.inputValue('#studentEmail')).toBe(c.email);
    expect(await page.isChecked('input[name=ground][value=moved]')).toBe(true);
    expect(await page.inputValue('#schoolId')).toBe(school.id);
    expect(await page.inputValue('#note')).toBe('Ik woon nu in Groningen.');
    const [{ n }] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM terminations WHERE contract_id = $1`,
      [c.id],
    );
    expect(n).toBe(0);
    await screenshot(page, 'terminate-form-file-refused-nl-phone');

    await page.setInputFiles('#evidence', {
      name: 'verhuizing.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.click('button[value=send]');
    await page.waitForURL(/\/terminate\/verstuurd/);
    expect(await page.locator('h1').textContent()).toBe('Wij hebben uw verzoek ontvangen');
    const main = await page.locator('main').textContent();
    expect(main).toContain('binnen 1 dag geen e-mail');
    expect(main).toContain('U stuurde een bestand als bewijs mee');
    expect(main).toContain('terug naar uw lening bij DUO');
    expect(await page.locator('main a[href="/"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'terminate-received-nl-phone');
    expect(csp).toEqual([]);
    await context.close();

    // Recorded for staff, with the evidence file; the receipt reached the student.
    const detail = (await staff.get(`/api/contracts/${c.id}`)).body;
    expect(detail.terminations).toEqual([
      expect.objectContaining({
        source: 'student',
        status: 'requested',
        ground: 'moved',
        requestedOn: today(),
        note: 'Ik woon nu in Groningen.',
        evidence: [
          expect.objectContaining({
            fileName: 'verhuizing.pdf',
            contentType: 'application/pdf',
            sizeBytes: PDF.length,
          }),
        ],
      }),
    ]);
    await h.smtp.waitFor(
      () => h.smtp.to(c.email).some((m) => m.subject.includes('Wij hebben uw verzoek ontvangen')),
      15_000,
      'receipt',
    );
    const receipt = h.smtp.to(c.email).find((m) => m.subject.includes('Wij hebben uw verzoek ontvangen'))!;
    expect(receipt.subject).toContain(c.number);
    const stored = await fetch(
      `${h.baseUrl}/api/contracts/${c.id}/terminations/${detail.terminations[0].id}/evidence/${detail.terminations[0].evidence[0].id}`,
      { headers: { cookie: staff.cookie! } },
    );
    expect(Buffer.from(await stored.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('shows what is wrong in English and in Dutch, from the home page', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    const csp = watchCsp(page);
    await page.goto('/?lang=en');
    await page.click('a[href="/terminate"]');
    expect(await page.locator('h1').textContent()).toBe('End your contract with the school');
    await page.fill('#contractNumber', 'C-2026-001');
    await page.fill('#requestedOn', addDays(today(), -3));
    await page.click('button[value=send]');
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.locator('#error-summary').textContent();
    expect(summary).toContain('Your school: Choose your school.');
    expect(summary).toContain('Why do you want to stop? Choose why you want to stop.');
    expect(summary).toContain('Choose today or a later day.');
    expect(await page.inputValue('#contractNumber')).toBe('C-2026-001');
    await screenshot(page, 'terminate-form-errors-en-desktop');

    // A file over the cap (6 MiB): the browser finishes sending and shows the form again (413).
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    await page.setInputFiles('#evidence', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('button[value=send]'),
    ]);
    expect(response.status()).toBe(413);
    await page.waitForLoadState();
    expect(await page.locator('#evidence-error').textContent()).toBe(
      'The file is too large. It may be at most 5 MB. Make the photo smaller or send a PDF.',
    );
    expect(await page.inputValue('#contractNumber')).toBe('C-2026-001');

    await page.click('a[hreflang=nl]');
    await page.waitForLoadState();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.click('button[value=send]');
    await page.waitForLoadState();
    expect(await page.title()).toMatch(/^Fout: /);
    const nlSummary = await page.locator('#error-summary').textContent();
    expect(nlSummary).toContain('Uw school: Kies uw school.');
    expect(nlSummary).toContain('Waarom wilt u stoppen? Kies waarom u wilt stoppen.');
    expect(await page.locator('#studentEmail-error').textContent()).toBe('Vul dit in.');
    expect(csp).toEqual([]);
    await context.close();
  });
});

describe.each(['nl', 'en'] as const)('accessibility of the termination request pages in %s', (lang) => {
  it(`has no serious or critical axe violations at phone and desktop width (${lang})`, async () => {
    const found: { page: string; violations: AxeViolation[] }[] = [];
    const check = async (page: Page, name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length) found.push({ page: `${name} (${page.url()})`, violations });
    };
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      // bypassCSP only so that axe can be injected; the flow tests above run under the real policy.
      const context = await b.browser.newContext({ baseURL: h.baseUrl, viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`/terminate?lang=${lang}&school=${school.id}&ground=quality_mark_withdrawn`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await check(page, `terminate-form-${lang}-${size}`);
      await page.setInputFiles('#evidence', {
        name: 'notes.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('text'),
      });
      await page.click('button[value=send]');
      await page.waitForLoadState();
      expect(await page.locator('#error-summary').count()).toBe(1);
      await check(page, `terminate-form-errors-${lang}-${size}`);
      await page.goto(`/terminate/verstuurd?g=moved&bewijs=0`);
      await check(page, `terminate-received-${lang}-${size}`);
      if (size === 'desktop') await screenshot(page, `terminate-received-${lang}-desktop`);
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
