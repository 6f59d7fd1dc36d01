import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sha256 } from '../../src/auth/sessions.service.js';
import { addDays } from '../../src/common/dates.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import { linkToken, type ReceivedMail, schoolLinkToken } from '../support/smtp.js';

/**
 * The school's private link per complaint (issue #6): emailed when the school stage starts, it
 * opens that one complaint's text and lets the school confirm receipt and record its final
 * answer while the school stage runs; the student sees both. Real Postgres, Redis, SMTP, worker.
 */
let h: Harness;
let intake: Client;
let school: { id: string; name: string; complaintsEmail: string };
let n = 0;

const NL_MONTHS = [
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
const nlDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${NL_MONTHS[m - 1]} ${y}`;
};

beforeAll(async () => {
  h = await startHarness();
  const supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  intake = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
  school = await createSchool(supervisor);
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

interface Filed {
  reference: string;
  name: string;
  email: string;
  phone: string;
  marker: string;
  schoolDeadline: string | null;
}

/** Files a complaint with a text of its own (the marker) and the student's contact details. */
async function file(overrides: Record<string, unknown> = {}): Promise<Filed> {
  n += 1;
  const marker = `marker${n}x${Date.now().toString(36)}`;
  const email = `fatima${n}-${Date.now()}@student.test`;
  const phone = `+31 6 1234 56${String(n).padStart(2, '0')}`;
  const name = `Fatima Fictief ${n}`;
  const c = await fileComplaint(h.baseUrl, school.id, {
    student: { name, email, phone, language: 'en' },
    subject: `Lessen vervallen ${marker}`,
    description: `Sinds september vallen lessen uit (${marker}). De school antwoordt niet.`,
    desiredOutcome: `Extra lessen ${marker}`,
    ...overrides,
  });
  return { reference: c.reference, name, email, phone, marker, schoolDeadline: c.schoolDeadline };
}

/** The school's email about this complaint (not its reminder). */
async function schoolMail(reference: string, index = 0): Promise<ReceivedMail> {
  const mine = () =>
    h.smtp.to(school.complaintsEmail).filter((x) => x.subject === `Klacht van een cursist (${reference})`);
  await h.smtp.waitFor(() => mine().length > index, 15_000, `school email ${index + 1} for ${reference}`);
  return mine()[index];
}

async function studentToken(email: string): Promise<string> {
  await h.smtp.waitFor((m) => m.some((x) => x.to.includes(email)), 15_000, 'student confirmation');
  return linkToken(h.smtp.to(email)[0]);
}

function form(path: string, fields: Record<string, string> = {}, client = new Client(h.baseUrl)) {
  return client.request('POST', path, new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
}

async function caseRow(reference: string) {
  const [row] = await h.dataSource.query(
    `SELECT id, status, version, to_char(school_final_answer_on, 'YYYY-MM-DD') AS "schoolFinalAnswerOn" FROM cases WHERE reference = $1`,
    [reference],
  );
  return row as { id: string; status: string; version: number; schoolFinalAnswerOn: string | null };
}

async function schoolEvents(reference: string) {
  return h.dataSource.query(
    `SELECT e.kind, e.actor_type AS "actorType", e.visibility, e.data FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE c.reference = $1 AND e.kind IN ('school_acknowledged', 'school_final_answer', 'school_link_resent') ORDER BY e.id`,
    [reference],
  );
}

describe("the school's private link", () => {
  it('is emailed to the school when the school stage starts, in Dutch, and kept only as a hash', async () => {
    const c = await file({ filedWithSchoolOn: daysAgo(3) });
    const mail = await schoolMail(c.reference);
    expect(mail.to).toEqual([school.complaintsEmail.toLowerCase()]);
    expect(mail.text).toContain(`kenmerk ${c.reference}`);
    expect(mail.text).toContain(`uiterlijk op ${c.schoolDeadline}`);
    expect(mail.text).toContain('http://localhost:3999/school/');
    // The school learns of the complaint, not the student's contact details.
    expect(mail.text).not.toContain(c.email);
    expect(mail.text).not.toContain(c.phone);
    const token = schoolLinkToken(mail);
    const { id } = await caseRow(c.reference);
    const links = await h.dataSource.query(
      `SELECT purpose, token_hash FROM access_links WHERE case_id = $1 AND purpose = 'school'`,
      [id],
    );
    expect(links).toHaveLength(1);
    expect(Buffer.compare(links[0].token_hash, sha256(token))).toBe(0);
    // Once sent, the link is erased from the outbox row.
    const outboxRow = async () =>
      (
        await h.dataSource.query(
          `SELECT status, secret FROM outbox WHERE case_id = $1 AND template = 'school_new_complaint'`,
          [id],
        )
      )[0];
    for (let i = 0; i < 100 && (await outboxRow()).status !== 'sent'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await outboxRow()).toEqual({ status: 'sent', secret: null });
  });

  it('is emailed when staff file a complaint with the school later, not before', async () => {
    const c = await file({ needsHelpFiling: true });
    const { id } = await caseRow(c.reference);
    await h.smtp.waitFor((m) => m.some((x) => x.to.includes(c.email)), 15_000, 'confirmation');
    expect(
      await h.dataSource.query(
        `SELECT 1 FROM outbox WHERE case_id = $1 AND template = 'school_new_complaint'`,
        [id],
      ),
    ).toEqual([]);
    const filed = await intake.post(`/api/complaints/${c.reference}/file-with-school`, {
      filedWithSchoolOn: today(),
    });
    expect(filed.status).toBe(200);
    const mail = await schoolMail(c.reference);
    const page = await new Client(h.baseUrl).get(`/school/${schoolLinkToken(mail)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(nlDate(filed.body.schoolDeadline));
  });

  it("shows the complaint's text and the student's name, but no contact details, notes or staff events", async () => {
    const c = await file({ filedWithSchoolOn: daysAgo(3) });
    expect(
      (
        await intake.post(`/api/complaints/${c.reference}/notes`, {
          text: `Interne notitie ${c.marker}-intern`,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await intake.post(`/api/complaints/${c.reference}/notes`, {
          text: `Aan de cursist ${c.marker}-student`,
          visibleToStudent: true,
        })
      ).status,
    ).toBe(201);
    const token = schoolLinkToken(await schoolMail(c.reference));
    const page = await new Client(h.baseUrl).get(`/school/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html: string = page.body;
    expect(html).toContain('<meta name="robots" content="noindex');
    expect(html).toContain(`Klacht ${c.reference}`);
    expect(html).toContain(`Lessen vervallen ${c.marker}`);
    expect(html).toContain(`Sinds september vallen lessen uit (${c.marker})`);
    expect(html).toContain(`Extra lessen ${c.marker}`);
    expect(html).toContain(c.name);
    expect(html).toContain(nlDate(c.schoolDeadline!));
    expect(html).toContain('Bij de school');
    for (const secret of [
      c.email,
      c.phone,
      `${c.marker}-intern`,
      `${c.marker}-student`,
      'Ilse Intake',
      'student.test',
    ]) {
      expect(html).not.toContain(secret);
    }
    // The language switch works as on the other public pages.
    const en = await new Client(h.baseUrl).get(`/school/${token}?lang=en`);
    expect(en.body).toContain(`Complaint ${c.reference}`);
    expect(en.body).toContain('With the school');
  });

  it('lets the school confirm receipt once and record its final answer once; the student sees both', async () => {
    const filedOn = daysAgo(10);
    const c = await file({ filedWithSchoolOn: filedOn });
    const token = schoolLinkToken(await schoolMail(c.reference));
    const base = `/school/${token}`;

    const ack = await form(`${base}/ontvangst`);
    expect(ack.status).toBe(303);
    expect(ack.headers.get('location')).toBe(`${base}?done=ontvangen`);
    const again = await form(`${base}/ontvangst`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`${base}?done=al-ontvangen`);
    expect((await new Client(h.baseUrl).get(`${base}?done=al-ontvangen`)).body).toContain(
      'U had de ontvangst al bevestigd. Er is niets veranderd.',
    );
    expect(await schoolEvents(c.reference)).toEqual([
      { kind: 'school_acknowledged', actorType: 'school', visibility: 'student', data: {} },
    ]);

    // Bad answers change nothing.
    const version = (await caseRow(c.reference)).version;
    const bad: [Record<string, string>, string][] = [
      [{ answeredOn: addDays(today(), 1), answer: 'Antwoord' }, 'Deze datum mag niet in de toekomst liggen.'],
      [
        { answeredOn: addDays(filedOn, -1), answer: 'Antwoord' },
        'Deze datum mag niet voor de dag liggen waarop de klacht bij de school is ingediend.',
      ],
      [{ answeredOn: today(), answer: '' }, 'Vul dit in.'],
      [{ answeredOn: '2026-02-30', answer: 'Antwoord' }, 'Vul een bestaande datum in.'],
      [{ answeredOn: today(), answer: 'x'.repeat(5_001) }, 'Deze tekst is te lang.'],
    ];
    for (const [fields, message] of bad) {
      const r = await form(`${base}/eindantwoord`, fields);
      expect(r.status).toBe(422);
      expect(r.body).toContain(message);
      expect(r.body).toContain('id="error-summary"');
    }
    expect((await caseRow(c.reference)).version).toBe(version);

    const answer = `Wij hebben de lessen ingehaald en bieden 10 extra lessen aan. ${c.marker}-antwoord`;
    const answered = await form(`${base}/eindantwoord`, { answeredOn: addDays(filedOn, 5), answer });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`${base}?done=eindantwoord`);
    // The same rule as staff recording it: the date is on the case, the status stays.
    expect(await caseRow(c.reference)).toMatchObject({
      status: 'school_stage',
      schoolFinalAnswerOn: addDays(filedOn, 5),
    });
    const second = await form(`${base}/eindantwoord`, { answeredOn: today(), answer: 'Een ander antwoord' });
    expect(second.status).toBe(409);
    expect(second.body).toContain('U heeft uw eindantwoord al vastgelegd.');
    expect((await caseRow(c.reference)).schoolFinalAnswerOn).toBe(addDays(filedOn, 5));
    const events = await schoolEvents(c.reference);
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({
      kind: 'school_final_answer',
      actorType: 'school',
      visibility: 'student',
      data: { schoolFinalAnswerOn: addDays(filedOn, 5), note: null, answer },
    });

    // The school's page shows what it recorded, and offers nothing more.
    const page = (await new Client(h.baseUrl).get(base)).body as string;
    expect(page).toContain(`${c.marker}-antwoord`);
    expect(page).toContain(nlDate(addDays(filedOn, 5)));
    expect(page).not.toContain('/ontvangst"');
    expect(page).not.toContain('/eindantwoord"');

    // The student sees both on their page (in English, their language), the answer in the school's words.
    const st = await studentToken(c.email);
    const view = (await new Client(h.baseUrl).get(`/api/public/cases/${st}`)).body;
    expect(view.events.filter((e: { by: string }) => e.by === 'school')).toEqual([
      expect.objectContaining({ kind: 'school_acknowledged', data: {} }),
      expect.objectContaining({
        kind: 'school_final_answer',
        data: { schoolFinalAnswerOn: addDays(filedOn, 5), answer },
      }),
    ]);
    const studentPage = (await new Client(h.baseUrl).get(`/c/${st}`)).body as string;
    expect(studentPage).toContain('The school has received your complaint.');
    expect(studentPage).toContain('The school gave a final answer.');
    expect(studentPage).toContain(`${c.marker}-antwoord`);

    // Staff see who did it.
    const detail = (await intake.get(`/api/complaints/${c.reference}`)).body;
    expect(
      detail.events
        .filter((e: { actorType: string }) => e.actorType === 'school')
        .map((e: { kind: string }) => e.kind),
    ).toEqual(['school_acknowledged', 'school_final_answer']);
    const consolePage = (await intake.get(`/console/cases/${c.reference}`)).body as string;
    expect(consolePage).toContain('Receipt confirmed by the school');
    expect(consolePage).toContain(`${c.marker}-antwoord`);
  });

  it('still shows the complaint and the answers after the school stage, but refuses every action', async () => {
    const c = await file({ filedWithSchoolOn: daysAgo(50) });
    const token = schoolLinkToken(await schoolMail(c.reference));
    const base = `/school/${token}`;
    expect(
      (await intake.post(`/api/complaints/${c.reference}/escalate`, { reason: 'Zes weken voorbij' })).status,
    ).toBe(200);
    const before = await caseRow(c.reference);

    const page = await new Client(h.baseUrl).get(base);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Lessen vervallen ${c.marker}`);
    expect(page.body).toContain('Voorgelegd aan Blik op Werk');
    expect(page.body).toContain('id="stage-ended"');
    expect(page.body).not.toContain('/ontvangst"');
    expect(page.body).not.toContain('/eindantwoord"');

    const ack = await form(`${base}/ontvangst`);
    expect(ack.status).toBe(409);
    expect(ack.body).toContain('id="school-refused"');
    const answer = await form(`${base}/eindantwoord`, { answeredOn: today(), answer: 'Te laat' });
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('De termijn van de school voor deze klacht is voorbij.');
    expect(await caseRow(c.reference)).toEqual(before);
    expect(await schoolEvents(c.reference)).toEqual([]);
  });

  it('shows a final answer staff recorded and does not let the school overwrite its date', async () => {
    const c = await file({ filedWithSchoolOn: daysAgo(20) });
    const token = schoolLinkToken(await schoolMail(c.reference));
    const base = `/school/${token}`;
    // The school answered by letter; intake records the date (the student may escalate on it).
    const recorded = await intake.post(`/api/complaints/${c.reference}/school-answer`, {
      schoolFinalAnswerOn: daysAgo(5),
    });
    expect(recorded.status).toBe(200);
    const before = await caseRow(c.reference);
    expect(before.schoolFinalAnswerOn).toBe(daysAgo(5));

    const page = await new Client(h.baseUrl).get(base);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="school-answer-on"');
    expect(page.body).not.toContain('/eindantwoord"');
    const again = await form(`${base}/eindantwoord`, { answeredOn: today(), answer: 'Ons antwoord' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('U heeft uw eindantwoord al vastgelegd.');
    expect((await caseRow(c.reference)).schoolFinalAnswerOn).toBe(daysAgo(5));
  });

  it('answers a wrong, expired, revoked or other kind of link with the not-valid page (404), and opens only its own case', async () => {
    const a = await file({ filedWithSchoolOn: daysAgo(3) });
    const b = await file({ filedWithSchoolOn: daysAgo(3) });
    const tokenA = schoolLinkToken(await schoolMail(a.reference));
    const tokenB = schoolLinkToken(await schoolMail(b.reference));
    const studentA = await studentToken(a.email);
    const anon = new Client(h.baseUrl);

    // Each school link opens its own case and nothing of the other.
    const pageA = (await anon.get(`/school/${tokenA}`)).body as string;
    expect(pageA).toContain(a.marker);
    expect(pageA).not.toContain(b.marker);
    expect(pageA).not.toContain(b.reference);
    const pageB = (await anon.get(`/school/${tokenB}`)).body as string;
    expect(pageB).toContain(b.marker);
    expect(pageB).not.toContain(a.marker);

    const invalid = async (path: string, post = false) => {
      const r = post ? await form(path, { answeredOn: today(), answer: 'x' }) : await anon.get(path);
      expect([path, r.status]).toEqual([path, 404]);
      return String(r.body);
    };
    const notValid = await invalid(`/school/${'x'.repeat(43)}`);
    expect(notValid).toContain('Deze link werkt niet (meer)');
    expect(notValid).toContain('Vraag Blik op Werk om een nieuwe link.');
    await invalid('/school/short');
    // A student's link is no school link, and a school link no student link.
    await invalid(`/school/${studentA}`);
    await invalid(`/school/${studentA}/ontvangst`, true);
    await invalid(`/c/${tokenA}`);
    expect((await anon.get(`/api/public/cases/${tokenA}`)).status).toBe(404);
    expect((await anon.post(`/api/public/cases/${tokenA}/information`, { text: 'x' })).status).toBe(404);
    expect(await schoolEvents(a.reference)).toEqual([]);

    // Expired.
    await h.dataSource.query(
      `UPDATE access_links SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [sha256(tokenB)],
    );
    await invalid(`/school/${tokenB}`);
    await invalid(`/school/${tokenB}/ontvangst`, true);
    await invalid(`/school/${tokenB}/eindantwoord`, true);
    expect(await schoolEvents(b.reference)).toEqual([]);
  });

  it('carries a fresh link in the reminder (the first keeps working), and staff can send a new one that replaces both', async () => {
    // Filed 35 days ago: the reminder two weeks before the deadline is due at once.
    const c = await file({ filedWithSchoolOn: daysAgo(35) });
    const first = schoolLinkToken(await schoolMail(c.reference));
    await h.smtp.waitFor(
      (m) =>
        m.some(
          (x) =>
            x.to.includes(school.complaintsEmail) &&
            x.subject.startsWith(`Herinnering: klacht ${c.reference}`),
        ),
      15_000,
      'school reminder',
    );
    const reminder = h.smtp
      .to(school.complaintsEmail)
      .find((x) => x.subject.startsWith(`Herinnering: klacht ${c.reference}`))!;
    const fromReminder = schoolLinkToken(reminder);
    expect(fromReminder).not.toBe(first);
    for (const t of [first, fromReminder])
      expect((await new Client(h.baseUrl).get(`/school/${t}`)).status).toBe(200);

    // Staff re-send from the case page (a form post with the CSRF token): old links stop working.
    const page = (await intake.get(`/console/cases/${c.reference}`)).body as string;
    expect(page).toContain(`action="/console/cases/${c.reference}/school-link"`);
    const noCsrf = await form(
      `/console/cases/${c.reference}/school-link`,
      {},
      Object.assign(new Client(h.baseUrl), { cookie: intake.cookie }),
    );
    expect(noCsrf.status).toBe(403);
    const resent = await form(`/console/cases/${c.reference}/school-link`, {}, intake);
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toBe(`/console/cases/${c.reference}?done=schoolLink`);
    const mail = await schoolMail(c.reference, 1);
    expect(mail.text).toContain('Eerdere links naar deze klacht werken niet meer.');
    const fresh = schoolLinkToken(mail);
    expect((await new Client(h.baseUrl).get(`/school/${fresh}`)).status).toBe(200);
    for (const t of [first, fromReminder])
      expect((await new Client(h.baseUrl).get(`/school/${t}`)).status).toBe(404);
    expect(await schoolEvents(c.reference)).toEqual([
      expect.objectContaining({ kind: 'school_link_resent', actorType: 'staff', visibility: 'internal' }),
    ]);

    // Only during the school stage.
    expect(
      (await intake.post(`/api/complaints/${c.reference}/escalate`, { reason: 'x', schoolRefused: true }))
        .status,
    ).toBe(200);
    const late = await form(`/console/cases/${c.reference}/school-link`, {}, intake);
    expect(late.status).toBe(409);
    expect((await new Client(h.baseUrl).get(`/school/${fresh}`)).status).toBe(200);
  });
});
