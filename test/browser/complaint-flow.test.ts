import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, screenshot, TestBrowser, signIn } from '../support/browser.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness } from '../support/harness.js';
import { signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/**
 * The whole complaint flow in a real browser: a student files in English on a phone, follows
 * the private link from the email; intake escalates, a jurist (in Dutch, at desktop width)
 * finds, acknowledges, pauses, resumes and decides; the student then sees the decision.
 */
let h: Harness;
let b: TestBrowser;
let schoolName: string;
const studentEmail = `amina-${Date.now()}@student.test`;
const marker = `wachtlijst${Date.now().toString(36)}`;
let studentToken: string;
let reference: string;

beforeAll(async () => {
  [h, b] = await Promise.all([startHarness(), TestBrowser.launch()]);
  const staff = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  schoolName = (await createSchool(staff, { name: 'Taalschool Noorderlicht', city: 'Groningen' })).name;
  await createSchool(staff, { name: 'Inburgering Zuid', city: 'Maastricht' });
});
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

describe('complaint flow in the browser', () => {
  it('a student files a complaint in English on a phone and opens the private link from the email', async () => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    const csp = watchCsp(page);
    await page.goto('/?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'public-home-en-phone');
    await page.click('a[href="/klacht"]');

    // Step 1: search the school, choose it.
    await page.fill('#q', 'Noorder');
    await page.click('button[value=search]');
    await page.getByLabel(`${schoolName} (Groningen)`).check();
    await screenshot(page, 'complaint-step1-school-en-phone');
    await page.click('button[value=next]');

    // Step 2 with a missing field first: the error summary links to the field.
    await page.fill('#subject', `Lessons cancelled ${marker}`);
    await page.click('button[value=next]');
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#error-summary a[href="#description"]').count()).toBe(1);
    expect(await page.title()).toMatch(/^Error: /);
    await screenshot(page, 'complaint-step2-errors-en-phone');
    await page.fill(
      '#description',
      'Since September half of the lessons did not take place.\nThe school does not answer my emails.',
    );
    await page.click('button[value=next]');

    // Step 3: complained to the school 9 weeks ago, so the six weeks have passed.
    await page.getByLabel('Yes, I already complained to the school').check();
    await page.fill('#filedWithSchoolOn', daysAgo(63));
    await screenshot(page, 'complaint-step3-school-en-phone');
    await page.click('button[value=next]');

    // Step 4: what they want and their details.
    await page.fill('#desiredOutcome', 'Extra lessons or money back to my DUO loan.');
    await page.fill('#name', 'Amina Yusuf');
    await page.fill('#email', studentEmail);
    await page.click('button[value=next]');

    // Step 5: check and send; the six-week rule is explained before sending.
    expect(await page.locator('h1').textContent()).toBe('Check your complaint');
    expect(await page.locator('#six-weeks').textContent()).toBe('First to the school');
    expect(await page.locator('main').textContent()).toContain(`Lessons cancelled ${marker}`);
    await screenshot(page, 'complaint-step5-check-en-phone');
    await page.click('button[value=send]');

    await page.waitForURL(/\/klacht\/verstuurd/);
    reference = (await page.locator('#reference').textContent())!.trim();
    expect(reference).toMatch(/^K-\d{4}-\d{6}$/);
    await screenshot(page, 'complaint-confirmation-en-phone');

    const mails = await h.smtp.waitFor(
      (all) => all.some((m) => m.to.includes(studentEmail)),
      15_000,
      'the confirmation email',
    );
    const mail = mails.find((m) => m.to.includes(studentEmail))!;
    expect(mail.subject).toContain(reference);
    studentToken = linkToken(mail);

    await page.goto(`/c/${studentToken}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#status-text').textContent()).toBe(
      'Your complaint is with the school. The school must first try to solve your complaint.',
    );
    expect(await page.locator('#case-subject').textContent()).toBe(`Lessons cancelled ${marker}`);
    await screenshot(page, 'student-case-en-phone');
    expect(csp).toEqual([]);
    await context.close();
  });

  it('a complaint the school still has time for shows why escalation is not possible yet, and from when', async () => {
    const filed = await fileComplaint(
      h.baseUrl,
      (await h.dataSource.query(`SELECT id FROM schools LIMIT 1`))[0].id,
      {
        filedWithSchoolOn: daysAgo(3),
        student: { name: 'Noor', email: 'noor@student.test', language: 'nl' },
      },
    );
    const mail = (await h.smtp.waitFor((all) => all.some((m) => m.to.includes('noor@student.test')))).find(
      (m) => m.to.includes('noor@student.test'),
    )!;
    const { context, page } = await b.context(h.baseUrl, PHONE);
    await page.goto(`/c/${linkToken(mail)}`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    const text = await page.locator('#escalate-not-yet').textContent();
    const [y, mo, d] = filed.schoolDeadline!.split('-').map(Number);
    const nlMonths = [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ];
    expect(text).toContain(`tot en met ${d} ${nlMonths[mo - 1]} ${y}`);
    expect(text).toMatch(/U kunt het vragen vanaf \d{1,2} \w+ \d{4}\./);
    expect(await page.locator('form[action$="/voorleggen"]').count()).toBe(0);
    await screenshot(page, 'student-case-not-yet-nl-phone');
    // The language switch works on the student's page too, and is remembered.
    await page.click('nav[aria-label="Kies een taal"] a');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#escalate-not-yet').textContent()).toContain('This is not possible yet.');
    await context.close();
  });

  it('intake escalates; a jurist in Dutch finds the case, acknowledges, pauses, resumes and decides', async () => {
    const intake = await b.context(h.baseUrl, DESKTOP);
    const csp = watchCsp(intake.page);
    await signIn(intake.page, h.users.intake.email);
    await intake.page.goto(`/console/cases/${reference}`);
    // Intake handles the school stage but may not decide: that form is not there.
    expect(await intake.page.locator('#action-decide').count()).toBe(0);
    await intake.page.fill('#escalate-reason', 'The school did not resolve the complaint within six weeks.');
    await intake.page.click('#action-escalate button[type=submit]');
    await intake.page.waitForURL(/done=escalate/);
    expect(await intake.page.locator('.bow-notice').textContent()).toContain(
      'The complaint has been brought to Blik op Werk.',
    );
    await intake.context.close();

    const { context, page } = await b.context(h.baseUrl, DESKTOP);
    csp.push(...watchCsp(page));
    await signIn(page, h.users.jurist.email);
    // The jurist works in Dutch: the setting is stored on their user.
    await page.click('form[action="/console/language"] button');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await screenshot(page, 'console-start-nl-desktop');

    await page.click('nav[aria-label="Hoofdmenu"] a[href="/console/cases"]');
    await page.fill('#q', marker);
    await page.click('form[role=search] button[type=submit]');
    const row = page.locator('table tbody tr', { hasText: reference });
    expect(await row.count()).toBe(1);
    await screenshot(page, 'console-case-list-nl-desktop');
    await row.locator(`a[href="/console/cases/${reference}"]`).click();
    await page.waitForURL(new RegExp(`/console/cases/${reference}$`));
    expect(await page.locator('h1').textContent()).toBe(`Zaak ${reference}`);
    // Deadlines explain themselves: start date, period, closed days.
    expect(await page.locator('section[aria-labelledby=deadlines] table').textContent()).toContain(
      'Startdatum',
    );
    await screenshot(page, 'console-case-escalated-nl-desktop');

    await page.click('#action-acknowledge button[type=submit]');
    await page.waitForURL(/done=acknowledge/);
    await page.selectOption('#pause-reason', 'awaiting_student');
    await page.fill('#pause-note', 'Asked the student for the lesson schedule.');
    await page.click('#action-pause button[type=submit]');
    await page.waitForURL(/done=pause/);
    expect(
      await page.locator('.utrecht-status-badge', { hasText: 'Wacht op informatie' }).count(),
    ).toBeGreaterThan(0);
    await page.click('#action-resume button[type=submit]');
    await page.waitForURL(/done=resume/);

    // A decision without a summary is refused with an error summary linked to the field.
    await page.selectOption('#decide-outcome', 'founded');
    await page.click('#action-decide button[type=submit]');
    expect(await page.locator('#error-summary a[href="#decide-summary"]').count()).toBe(1);
    await page.fill(
      '#decide-summary',
      'The school cancelled lessons without replacing them. It must offer 20 extra lessons.',
    );
    await page.click('#action-decide button[type=submit]');
    await page.waitForURL(/done=decide/);
    expect(await page.locator('.bow-notice').textContent()).toContain('De beslissing is vastgelegd.');
    const timeline = await page.locator('.bow-timeline').textContent();
    for (const kind of [
      'Voorgelegd aan Blik op Werk',
      'Ontvangst bevestigd',
      'Gepauzeerd',
      'Hervat',
      'Besloten',
    ])
      expect(timeline).toContain(kind);
    expect(
      await page
        .locator('.bow-timeline__item--internal', { hasText: 'Asked the student for the lesson schedule.' })
        .count(),
    ).toBe(1);
    await screenshot(page, 'console-case-decided-nl-desktop');
    // Every staff read of a case is logged (domain-rules section 6), the console page included.
    const [reads] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM staff_reads WHERE user_id = $1`,
      [h.users.jurist.id],
    );
    expect(reads.n).toBeGreaterThan(0);
    expect(csp).toEqual([]);
    await context.close();
  });

  it('the student sees the decision on the private page and can add information', async () => {
    const { context, page } = await b.context(h.baseUrl, PHONE);
    await page.goto(`/c/${studentToken}`);
    expect(await page.locator('#status-text').textContent()).toBe(
      'We have made a decision about your complaint.',
    );
    expect(await page.locator('section[aria-labelledby=decision]').textContent()).toContain(
      'Your complaint is founded. This means: you are right.',
    );
    expect(await page.locator('#decision-summary').textContent()).toBe(
      'The school cancelled lessons without replacing them. It must offer 20 extra lessons.',
    );
    // Internal notes never reach the student's page.
    expect(await page.locator('main').textContent()).not.toContain(
      'Asked the student for the lesson schedule.',
    );
    await screenshot(page, 'student-case-decided-en-phone');

    await page.fill('#info-text', 'Thank you. The school contacted me about the extra lessons.');
    await page.click('form[action$="/informatie"] button[type=submit]');
    await page.waitForURL(/done=info/);
    expect(await page.locator('.bow-timeline').textContent()).toContain(
      'Thank you. The school contacted me about the extra lessons.',
    );
    await context.close();

    const mails = await h.smtp.waitFor(
      (all) => all.filter((m) => m.to.includes(studentEmail)).length >= 3,
      15_000,
      'escalated and decided emails',
    );
    expect(mails.filter((m) => m.to.includes(studentEmail)).map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Decision on your complaint')]),
    );
  });
});
