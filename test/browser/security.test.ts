import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, screenshot, TestBrowser, signIn } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/**
 * Stored XSS is shown as text on every page that shows it; console routes refuse without a
 * session; actions a role may not take are neither shown nor accepted by the server.
 */
const XSS = '<script>alert(1)</script><img src=x onerror=alert(1)>';

let h: Harness;
let b: TestBrowser;
let schoolId: string;
let reference: string;
let studentToken: string;

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  const staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolId = (await createSchool(staff, { name: `School ${XSS}`, city: 'Zwolle' })).id;
  reference = (await fileComplaint(h.baseUrl, schoolId, { filedWithSchoolOn: daysAgo(60) })).reference;
});
afterAll(async () => {
  await b?.close();
  await h?.stop();
});

/** The payload is on the page as visible text, and nothing of it became markup or ran. */
async function expectShownAsText(page: Page, dialogs: string[], where: string): Promise<void> {
  const visible = await page.getByText(XSS, { exact: false }).filter({ visible: true }).count();
  expect({ where, visible: visible > 0 }).toEqual({ where, visible: true });
  const injected = await page.evaluate(() => ({
    scripts: [...document.scripts].filter((s) => (s.textContent ?? '').includes('alert(1)')).length,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  }));
  expect({ where, ...injected }).toEqual({ where, scripts: 0, images: 0 });
  expect({ where, dialogs }).toEqual({ where, dialogs: [] });
}

describe('stored XSS', () => {
  it('is shown as text on every page that shows it, public and console', async () => {
    const student = await b.context(h.baseUrl, PHONE);
    const p = student.page;
    await p.goto('/klacht?lang=en');
    await p.fill('#q', 'Zwolle');
    await p.click('button[value=search]');
    await expectShownAsText(p, student.dialogs, 'form: school list');
    await p.locator('input[name=schoolId]').first().check();
    await p.click('button[value=next]');
    await p.fill('#subject', XSS);
    await p.fill('#description', `${XSS}\n${XSS}`);
    await p.click('button[value=next]');
    await p.locator('#filed').check();
    await p.fill('#filedWithSchoolOn', daysAgo(60));
    await p.click('button[value=next]');
    await p.fill('#desiredOutcome', XSS);
    await p.fill('#name', XSS);
    await p.fill('#email', 'xss@student.test');
    await p.click('button[value=next]');
    await expectShownAsText(p, student.dialogs, 'form: check step');
    await p.click('button[value=send]');
    await p.waitForURL(/verstuurd/);
    const xssRef = (await p.locator('#reference').textContent())!.trim();
    const mail = (await h.smtp.waitFor((all) => all.some((m) => m.to.includes('xss@student.test')))).find(
      (m) => m.to.includes('xss@student.test'),
    )!;
    expect(mail.html).not.toContain('<script>');
    studentToken = linkToken(mail);
    await p.goto(`/c/${studentToken}`);
    expect(await p.locator('#case-subject').textContent()).toBe(XSS);
    await expectShownAsText(p, student.dialogs, 'student case page');
    // A note with the payload, then the page again.
    await p.fill('#info-text', XSS);
    await p.click('form[action$="/informatie"] button[type=submit]');
    await p.waitForURL(/done=info/);
    await expectShownAsText(p, student.dialogs, 'student case page with note');
    await screenshot(p, 'xss-student-case-en-phone');
    await student.context.close();

    const staff = await b.context(h.baseUrl, DESKTOP);
    const s = staff.page;
    await signIn(s, h.users.supervisor.email);
    await expectShownAsText(s, staff.dialogs, 'console start (overdue)');
    await s.goto('/console/cases');
    await expectShownAsText(s, staff.dialogs, 'case list');
    await s.goto(`/console/cases/${xssRef}`);
    expect(await s.locator('#case-subject').textContent()).toBe(XSS);
    await expectShownAsText(s, staff.dialogs, 'case page');
    await s.fill('#escalate-reason', XSS);
    await s.click('#action-escalate button[type=submit]');
    await s.waitForURL(/done=escalate/);
    await expectShownAsText(s, staff.dialogs, 'case page after escalation with the payload as reason');
    await screenshot(s, 'xss-console-case-desktop');
    await s.goto('/console/schools');
    await expectShownAsText(s, staff.dialogs, 'school list');
    await s.goto(`/console/schools/${schoolId}`);
    await expectShownAsText(s, staff.dialogs, 'school page');
    // The CSV export keeps it as plain data in its own column.
    const csv = await (await s.request.get('/console/cases.csv')).text();
    expect(csv.split('\n').find((line) => line.startsWith(xssRef))).toContain(`,${XSS},`);
    await staff.context.close();
  });
});

describe('access', () => {
  const getRoutes = () => [
    '/console',
    '/console/cases',
    '/console/cases.csv',
    `/console/cases/${reference}`,
    '/console/schools',
    `/console/schools/${schoolId}`,
    '/console/admin/users',
    '/console/admin/calendar',
    '/console/admin/emails',
  ];
  const postRoutes = () => [
    '/console/logout',
    '/console/language',
    '/console/admin/calendar',
    '/console/admin/emails/1/resend',
    ...[
      'file-with-school',
      'school-answer',
      'resolved-by-school',
      'escalate',
      'acknowledge',
      'assign',
      'pause',
      'resume',
      'extend',
      'decide',
      'arbitration',
      'arbitration-outcome',
      'withdraw',
      'close',
      'notes',
    ].map((a) => `/console/cases/${reference}/${a}`),
  ];

  it('every console route refuses without a session: pages redirect to the sign-in page', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    for (const route of getRoutes()) {
      const res = await page.request.get(route, { maxRedirects: 0 });
      expect({ route, status: res.status(), location: res.headers().location }).toEqual({
        route,
        status: 303,
        location: `/console/login?next=${encodeURIComponent(route)}`,
      });
    }
    for (const route of postRoutes()) {
      const res = await page.request.post(route, { form: { _csrf: 'x' }, maxRedirects: 0 });
      expect({ route, status: res.status(), location: res.headers().location }).toEqual({
        route,
        status: 303,
        location: expect.stringMatching(/^\/console\/login\?next=/),
      });
    }
    // In the browser: the sign-in page, and back to the page asked for after signing in.
    await page.goto(`/console/cases/${reference}`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('#email', h.users.jurist.email);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/console/login"] button[type=submit]');
    await page.waitForURL(new RegExp(`/console/cases/${reference}$`));
    await context.close();
  });

  it('a wrong password gets an error summary, not JSON; an expired session shows the expiry message', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await page.goto('/console/login');
    await page.fill('#email', h.users.jurist.email);
    await page.fill('#password', 'wrong password');
    await page.click('form[action="/console/login"] button[type=submit]');
    expect(await page.locator('#error-summary').textContent()).toContain(
      'Het e-mailadres of het wachtwoord klopt niet.',
    );
    await screenshot(page, 'console-login-error-nl-desktop');

    await signIn(page, h.users.jurist.email);
    await h.dataSource.query(`DELETE FROM staff_sessions WHERE user_id = $1`, [h.users.jurist.id]);
    await page.goto('/console/cases');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(await page.locator('main').textContent()).toContain(
      'You were inactive for too long. Please sign in again.',
    );
    await screenshot(page, 'console-login-expired-desktop');
    await context.close();
  });

  it('actions a role may not take are not shown and are refused by the server', async () => {
    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    await signIn(page, h.users.intake.email);
    // Escalate as intake so the case is in a state where deciding and acknowledging exist.
    const api = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
    expect(
      (await api.post(`/api/complaints/${reference}/escalate`, { reason: 'Six weeks passed.' })).status,
    ).toBe(200);
    await page.goto(`/console/cases/${reference}`);
    for (const hidden of ['acknowledge', 'decide', 'pause', 'extend', 'withdraw']) {
      expect({ hidden, count: await page.locator(`#action-${hidden}`).count() }).toEqual({
        hidden,
        count: 0,
      });
    }
    expect(await page.locator('#action-addNote').count()).toBe(1);
    expect(await page.locator('nav[aria-label] a[href="/console/admin/users"]').count()).toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();

    for (const action of ['acknowledge', 'decide']) {
      const res = await page.request.post(`/console/cases/${reference}/${action}`, {
        form: { _csrf: csrf, outcome: 'founded', summary: 'Intake may not decide.' },
        maxRedirects: 0,
      });
      expect({ action, status: res.status() }).toEqual({ action, status: 403 });
      expect(await res.text()).toContain('No access');
    }
    const afterwards = await new Client(h.baseUrl).get(`/api/complaints/${reference}`);
    expect(afterwards.status).toBe(401);
    const staffView = await api.get(`/api/complaints/${reference}`);
    expect(staffView.body.status).toBe('escalated');

    // Admin pages refuse other roles with a page, not JSON.
    const admin = await page.goto('/console/admin/users');
    expect(admin!.status()).toBe(403);
    expect(admin!.headers()['content-type']).toContain('text/html');
    // A form without the right CSRF token is refused.
    const forged = await page.request.post(`/console/cases/${reference}/notes`, {
      form: { _csrf: 'forged', text: 'x' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Form expired');
    await context.close();
  });

  it('pages carry a Content-Security-Policy without unsafe-inline and the other security headers', async () => {
    const res = await fetch(`${h.baseUrl}/`);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const page = await (await fetch(`${h.baseUrl}/c/${studentToken}`)).text();
    expect(page).not.toMatch(/<script|style=/i);
    // The JSON API keeps its own behaviour.
    const api = await fetch(`${h.baseUrl}/api/complaints/${reference}`);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
