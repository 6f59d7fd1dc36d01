import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '../../src/common/dates.js';
import { DESKTOP, screenshot, TestBrowser, signIn } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { signedIn } from '../support/http.js';

/** The console beyond one case: start page, list filters, keyset pages, CSV, schools, admin pages. */
let h: Harness;
let b: TestBrowser;
let schoolA: { id: string; name: string };
let schoolB: { id: string; name: string };

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  const staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolA = await createSchool(staff, {
    name: 'Taalhuis Alfa',
    city: 'Arnhem',
    complaintsRegulationUrl: 'https://alfa.example/klachtenregeling',
  });
  schoolB = await createSchool(staff, { name: 'Taalhuis Beta', city: 'Breda' });
  await staff.post(`/api/schools/${schoolB.id}/quality-mark`, {
    status: 'suspended',
    effectiveOn: today(),
    reason: 'Audit found problems',
  });
  // 52 complaints at school A (more than one page of 50), one overdue at school B.
  for (let i = 0; i < 52; i += 13) {
    await Promise.all(
      Array.from({ length: 13 }, (_, j) =>
        fileComplaint(h.baseUrl, schoolA.id, {
          subject: `Klacht nummer ${i + j}`,
          filedWithSchoolOn: daysAgo(10),
        }),
      ),
    );
  }
  await fileComplaint(h.baseUrl, schoolB.id, {
    subject: '=HYPERLINK("http://evil.example")',
    filedWithSchoolOn: daysAgo(60),
  });
});
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

describe('staff console', () => {
  it('start page shows overdue cases, counts per status and schools that missed their deadline', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.supervisor.email);
    expect(await page.locator('section[aria-labelledby=overdue] tbody tr').count()).toBe(1);
    const perStatus = await page.locator('section[aria-labelledby=per-status] table').textContent();
    expect(perStatus).toContain('With the school');
    expect(perStatus).toContain('53');
    const perSchool = page.locator('section[aria-labelledby=per-school] tbody tr');
    expect(await perSchool.count()).toBe(1);
    expect(await perSchool.textContent()).toContain('Taalhuis Beta');
    await screenshot(page, 'console-start-en-desktop');
    await context.close();
  });

  it('case list filters, pages by keyset and exports the filtered list as CSV', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.jurist.email);
    await page.goto('/console/cases');
    expect(await page.locator('table tbody tr').count()).toBe(50);
    await page.click('a[rel=next]');
    expect(await page.locator('table tbody tr').count()).toBe(3);
    expect(await page.locator('a[rel=next]').count()).toBe(0);

    await page.goto('/console/cases');
    await page.selectOption('#schoolId', schoolB.id);
    await page.selectOption('#assigneeId', 'none');
    await page.fill('#dueTo', today());
    await page.click('form[role=search] button[type=submit]');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('=HYPERLINK');
    await screenshot(page, 'console-case-list-filtered-en-desktop');

    const href = await page.locator('a[href^="/console/cases.csv"]').getAttribute('href');
    expect(href).toContain(`schoolId=${schoolB.id}`);
    const res = await page.request.get(href!);
    expect(res.headers()['content-type']).toContain('text/csv');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('reference,type,status,school,assignee,subject,received,next deadline');
    expect(lines).toHaveLength(2);
    // A cell that a spreadsheet would run as a formula starts with a quote.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

    // Full-text search and a bad filter value (reported, not ignored silently).
    await page.goto('/console/cases?q=nummer&dueFrom=2026-02-30');
    expect(await page.locator('#error-summary a[href="#dueFrom"]').count()).toBe(1);
    expect(await page.locator('table tbody tr').count()).toBe(50);
    await context.close();
  });

  it('schools: list and a school with its quality-mark history and complaints regulation link', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.intake.email);
    await page.click('nav[aria-label] a[href="/console/schools"]');
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await page.click(`a[href="/console/schools/${schoolB.id}"]`);
    const history = page.locator('section[aria-labelledby=history] tbody tr');
    expect(await history.count()).toBe(2);
    expect(await history.last().textContent()).toContain('Audit found problems');
    await page.goto(`/console/schools/${schoolA.id}`);
    expect(await page.locator('a[href="https://alfa.example/klachtenregeling"]').count()).toBe(1);
    await screenshot(page, 'console-school-en-desktop');
    await context.close();
  });

  it('admin adds an office closure day (audited, and deadlines then skip it), sees users and roles', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.admin.email);
    await page.click('nav[aria-label] a[href="/console/admin/users"]');
    expect(await page.locator('table').first().textContent()).toContain('Ilse Intake');
    await screenshot(page, 'console-users-en-desktop');

    await page.click('nav[aria-label] a[href="/console/admin/calendar"]');
    // An open day about three weeks ahead (not a weekend or a holiday such as Whit Monday), as the calendar counts.
    const day: string = (
      await (
        await fetch(`${h.baseUrl}/api/calendar/deadline?from=${addDays(today(), 19)}&workingDays=1`)
      ).json()
    ).deadline;
    await page.fill('#date', day);
    await page.fill('#reasonNl', 'Verhuizing kantoor');
    await page.fill('#reason', 'Office move');
    await page.click('form[action="/console/admin/calendar"] button[type=submit]');
    await page.waitForURL(/done=1/);
    expect(await page.locator('section[aria-labelledby=office] table').textContent()).toContain(
      'Office move',
    );
    const audit = await h.dataSource.query(
      `SELECT action, subject FROM audit_log WHERE action = 'calendar.closed_day_added'`,
    );
    expect(audit).toEqual([{ action: 'calendar.closed_day_added', subject: day }]);
    const deadline = await (
      await fetch(`${h.baseUrl}/api/calendar/deadline?from=${addDays(day, -1)}&days=1`)
    ).json();
    expect(deadline.deadline).not.toBe(day);

    // The same day again, and a day in the past: refused with an error summary.
    await page.fill('#date', day);
    await page.fill('#reasonNl', 'Dubbel');
    await page.fill('#reason', 'Twice');
    await page.click('form[action="/console/admin/calendar"] button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain('This day is already a closed day.');
    await screenshot(page, 'console-calendar-error-en-desktop');
    await context.close();
  });

  it('failed emails can be sent again from the console', async () => {
    h.smtp.refuse = 'mailbox unavailable';
    const filed = await fileComplaint(h.baseUrl, schoolA.id, {
      student: { name: 'Ola', email: 'ola@student.test', language: 'nl' },
    });
    const until = Date.now() + 15_000;
    let failed: { id: string }[] = [];
    while (Date.now() < until && !failed.length) {
      failed = await h.dataSource.query(
        `SELECT id::text FROM outbox WHERE recipient = 'ola@student.test' AND status = 'failed'`,
      );
      if (!failed.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(failed).toHaveLength(1);
    h.smtp.refuse = null;

    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.supervisor.email);
    await page.click('nav[aria-label] a[href="/console/admin/emails"]');
    const row = page.locator('tbody tr', { hasText: 'ola@student.test' });
    expect(await row.textContent()).toContain(filed.reference);
    await screenshot(page, 'console-failed-emails-en-desktop');
    await row.locator('button[type=submit]').click();
    await page.waitForURL(/done=1/);
    await h.smtp.waitFor(
      (all) => all.some((m) => m.to.includes('ola@student.test')),
      15_000,
      'the re-sent email',
    );
    // The worker marks the row after the SMTP server's answer: wait for that write, not only the mail.
    let status = '';
    for (const stop = Date.now() + 5_000; Date.now() < stop && status !== 'sent';) {
      [{ status }] = await h.dataSource.query(`SELECT status FROM outbox WHERE id = $1`, [failed[0].id]);
      if (status !== 'sent') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('sent');
    await context.close();
  });
});
