import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '../../src/common/dates.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';
import { linkToken } from '../support/smtp.js';

/** A complaint's whole life over HTTP, with the worker running and the emails received by a real SMTP server. */
let h: Harness;
let supervisor: Client;
let intake: Client;
let jurist: Client;
let school: { id: string; name: string; complaintsEmail: string };

beforeAll(async () => {
  h = await startHarness();
  supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
  intake = await signedIn(h.baseUrl, h.users.intake.email, PASSWORD);
  jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
  school = await createSchool(supervisor);
});
afterAll(async () => {
  await h?.stop();
});

describe('a complaint from the public form to the jurist decision', () => {
  it('goes through every stage, with its emails and timeline', async () => {
    // Filed with the school 50 days ago: the six weeks have passed.
    const filedOn = daysAgo(50);
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: filedOn });
    expect(c.status).toBe('school_stage');
    expect(c.reference).toMatch(/^K-\d{4}-\d{6}$/);
    const deadline = (await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${filedOn}&weeks=6`)).body
      .deadline;
    expect(c.schoolDeadline).toBe(deadline);

    // The student's email carries the private link; the link shows the case.
    const [received] = await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(c.email)),
      15000,
      'confirmation',
    );
    const confirmation = h.smtp.to(c.email)[0];
    expect(confirmation.subject).toContain(c.reference);
    const token = linkToken(confirmation);
    expect(received).toBeDefined();
    const view = await new Client(h.baseUrl).get(`/api/public/cases/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      reference: c.reference,
      status: 'school_stage',
      escalation: { possible: true },
    });

    // Staff view: deadlines with their explanation, events, emails.
    const got = await jurist.get(`/api/complaints/${c.reference}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'school_stage', schoolDeadline: deadline });
    expect(got.body.deadlines).toEqual([
      expect.objectContaining({ kind: 'school_stage', dueOn: deadline, status: 'running' }),
    ]);
    expect(got.body.deadlines[0].explanation).toMatchObject({
      from: filedOn,
      rawEnd: addDays(filedOn, 42),
      deadline,
    });
    expect(got.body.events.map((e: { kind: string }) => e.kind)).toEqual(['complaint_received']);

    // Escalation by intake: allowed because the deadline has passed.
    const esc = await intake.post(`/api/complaints/${c.reference}/escalate`, {
      reason: 'Not resolved in six weeks',
    });
    expect(esc.status).toBe(200);
    expect(esc.body).toMatchObject({
      status: 'escalated',
      escalationBasis: 'deadline_passed',
      escalatedOn: today(),
    });
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(c.email) && /handling your complaint/.test(x.subject)),
      15000,
      'escalation email',
    );

    const afterEsc = (await jurist.get(`/api/complaints/${c.reference}`)).body;
    const kinds = Object.fromEntries(
      afterEsc.deadlines.map((d: { kind: string; status: string }) => [d.kind, d.status]),
    );
    expect(kinds).toEqual({ school_stage: 'breached', acknowledge: 'running', decision: 'running' });
    const decisionDue = afterEsc.deadlines.find((d: { kind: string }) => d.kind === 'decision').dueOn;
    expect(decisionDue >= addDays(today(), 42)).toBe(true);

    // Intake may not handle; the jurist acknowledges (and takes the case).
    expect((await intake.post(`/api/complaints/${c.reference}/acknowledge`, {})).status).toBe(403);
    const ack = await jurist.post(`/api/complaints/${c.reference}/acknowledge`, {});
    expect(ack.body).toMatchObject({
      status: 'under_review',
      acknowledgedOn: today(),
      assignee: { id: h.users.jurist.id },
    });

    // Illegal transition: 409 with the state and what is allowed.
    const bad = await jurist.post(`/api/complaints/${c.reference}/resume`, {});
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({
      code: 'illegal_transition',
      state: 'under_review',
      allowedActions: expect.arrayContaining(['pause', 'decide']),
    });

    // Pause and resume the same day: no paused days; the decision deadline stays.
    const paused = await jurist.post(`/api/complaints/${c.reference}/pause`, {
      reasonCode: 'awaiting_student',
      note: 'Asked for the invoice',
    });
    expect(paused.body).toMatchObject({
      status: 'paused',
      pausedSince: today(),
      pauseReason: 'awaiting_student',
    });
    const pausedDeadlines = (await jurist.get(`/api/complaints/${c.reference}`)).body.deadlines;
    expect(pausedDeadlines.find((d: { kind: string }) => d.kind === 'decision').status).toBe('paused');
    const resumed = await jurist.post(`/api/complaints/${c.reference}/resume`, {});
    expect(resumed.body).toMatchObject({ status: 'under_review', pausedDays: 0, pausedSince: null });

    // One extension, announced to the student; a second is refused.
    const ext = await jurist.post(`/api/complaints/${c.reference}/extend`, {
      weeks: 2,
      reason: 'We wait for the school file',
    });
    expect(ext.body).toMatchObject({ extensionWeeks: 2 });
    const extDeadline = (await jurist.get(`/api/complaints/${c.reference}`)).body.deadlines.find(
      (d: { kind: string }) => d.kind === 'decision',
    );
    expect(extDeadline.explanation.extensionWeeks).toBe(2);
    expect(extDeadline.dueOn > decisionDue).toBe(true);
    expect(
      (await jurist.post(`/api/complaints/${c.reference}/extend`, { weeks: 1, reason: 'again' })).body.code,
    ).toBe('extension_already_used');
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(c.email) && /more time/.test(x.subject)),
      15000,
      'extension email',
    );

    // The student adds information through the private link; staff see it.
    const info = await new Client(h.baseUrl).post(`/api/public/cases/${token}/information`, {
      text: 'Here is my invoice number 123.',
    });
    expect(info.status).toBe(201);

    // Decision: the student is told, and sees it on the private page.
    const decided = await jurist.post(`/api/complaints/${c.reference}/decide`, {
      outcome: 'founded',
      summary: 'The school must repeat the lessons.',
    });
    expect(decided.body).toMatchObject({ status: 'decided', outcome: 'founded', decidedOn: today() });
    await h.smtp.waitFor(
      (m) => m.some((x) => x.to.includes(c.email) && /Decision on your complaint/.test(x.subject)),
      15000,
      'decision email',
    );
    const studentView = (await new Client(h.baseUrl).get(`/api/public/cases/${token}`)).body;
    expect(studentView).toMatchObject({
      status: 'decided',
      outcome: 'founded',
      decisionSummary: 'The school must repeat the lessons.',
    });
    expect(studentView.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining([
        'complaint_received',
        'escalated',
        'acknowledged',
        'paused',
        'resumed',
        'extended',
        'note',
        'decided',
      ]),
    );
    // Internal notes never reach the student.
    expect(JSON.stringify(studentView)).not.toContain('Asked for the invoice');

    // Arbitration; "student vindicated" closes the case and records the weighty reason.
    expect((await jurist.post(`/api/complaints/${c.reference}/arbitration`, {})).body).toMatchObject({
      status: 'arbitration',
      arbitration: { body: 'College Arbitrage Inburgeren', referredOn: today() },
    });
    const arb = await jurist.post(`/api/complaints/${c.reference}/arbitration-outcome`, {
      outcome: 'student_vindicated',
    });
    expect(arb.body).toMatchObject({
      status: 'closed',
      closedOn: today(),
      arbitration: { outcome: 'student_vindicated' },
    });

    const final = (await jurist.get(`/api/complaints/${c.reference}`)).body;
    expect(final.deadlines.every((d: { status: string }) => d.status !== 'running')).toBe(true);
    expect(final.nextDueOn).toBeNull();
    const timeline = final.events.map(
      (e: { kind: string; visibility: string }) => `${e.kind}:${e.visibility}`,
    );
    expect(timeline).toEqual(
      expect.arrayContaining(['note:internal', 'note:student', 'arbitration_outcome:student']),
    );
    // Every email of the case was delivered.
    await h.smtp.waitFor(() => true);
    const emails = (await jurist.get(`/api/complaints/${c.reference}`)).body.emails;
    expect(emails.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses escalation before the deadline, with the earliest date; a supervisor may override', async () => {
    const filedOn = daysAgo(3);
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: filedOn });
    const r = await intake.post(`/api/complaints/${c.reference}/escalate`, {
      reason: 'Student is impatient',
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: 'escalation_not_yet_allowed',
      earliestOn: addDays(c.schoolDeadline!, 1),
    });
    expect(r.headers.get('content-type')).toContain('application/problem+json');

    expect(
      (await intake.post(`/api/complaints/${c.reference}/escalate`, { reason: 'urgent', override: true }))
        .status,
    ).toBe(403);
    const o = await supervisor.post(`/api/complaints/${c.reference}/escalate`, {
      reason: 'School closed its doors',
      override: true,
    });
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ status: 'escalated', escalationBasis: 'override' });
    const events = (await supervisor.get(`/api/complaints/${c.reference}`)).body.events;
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'escalation_override',
          visibility: 'internal',
          data: { reason: 'School closed its doors' },
        }),
      ]),
    );
  });

  it('lets a student ask to escalate through the link, and explains when it is not yet possible', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(10) });
    const mail = (await h.smtp.waitFor((m) => m.some((x) => x.to.includes(c.email)))).find((x) =>
      x.to.includes(c.email),
    )!;
    const token = linkToken(mail);
    const view = (await new Client(h.baseUrl).get(`/api/public/cases/${token}`)).body;
    expect(view.escalation).toEqual({
      possible: false,
      reason: expect.any(String),
      earliestOn: addDays(c.schoolDeadline!, 1),
    });
    const r = await new Client(h.baseUrl).post(`/api/public/cases/${token}/escalate`, { reason: 'please' });
    expect(r.status).toBe(409);
    expect(r.body.earliestOn).toBe(addDays(c.schoolDeadline!, 1));
    // The school answered and the student does not accept it: allowed now.
    await intake.post(`/api/complaints/${c.reference}/school-answer`, { schoolFinalAnswerOn: daysAgo(1) });
    const ok = await new Client(h.baseUrl).post(`/api/public/cases/${token}/escalate`, {
      reason: 'I do not accept the answer',
      studentRejectsFinalAnswer: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('escalated');
    // A link opens its own case only; a made-up token opens nothing.
    expect((await new Client(h.baseUrl).get(`/api/public/cases/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('starts at intake when the student needs help filing, and the six weeks start when filed', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { needsHelpFiling: true });
    expect(c).toMatchObject({ status: 'intake', schoolDeadline: null });
    const refused = await intake.post(`/api/complaints/${c.reference}/escalate`, { reason: 'x' });
    expect(refused.body).toMatchObject({ code: 'escalation_not_yet_allowed', earliestOn: null });
    const filed = await intake.post(`/api/complaints/${c.reference}/file-with-school`, {
      filedWithSchoolOn: '2026-03-16',
    });
    expect(filed.body).toMatchObject({
      status: 'school_stage',
      filedWithSchoolOn: '2026-03-16',
      schoolDeadline: '2026-04-28',
    });
    const skipped = (await intake.get(`/api/complaints/${c.reference}`)).body.deadlines[0].explanation
      .skipped;
    expect(skipped).toEqual([expect.objectContaining({ date: '2026-04-27', reason: "King's Day" })]);
  });

  it('records a phone complaint with the date received; resolved by the school and closed', async () => {
    const r = await intake.post('/api/complaints', {
      student: { name: 'Olga', email: 'olga@student.test', language: 'nl', phone: '+31 6 1234 5678' },
      schoolId: school.id,
      subject: 'Rekening',
      description: 'Belde op maandag',
      channel: 'phone',
      receivedOn: daysAgo(2),
      filedWithSchoolOn: daysAgo(5),
    });
    expect(r.status).toBe(201);
    const got = (await intake.get(`/api/complaints/${r.body.reference}`)).body;
    expect(got).toMatchObject({
      channel: 'phone',
      receivedOn: daysAgo(2),
      student: { phone: '+31 6 1234 5678', language: 'nl' },
    });
    await h.smtp.waitFor((m) =>
      m.some((x) => x.to.includes('olga@student.test') && /Uw klacht is ontvangen/.test(x.subject)),
    );
    const res = await intake.post(`/api/complaints/${r.body.reference}/resolved-by-school`, {});
    expect(res.body).toMatchObject({ status: 'resolved_by_school' });
    expect((await supervisor.post(`/api/complaints/${r.body.reference}/close`, {})).body.status).toBe(
      'closed',
    );
  });

  it('withdrawal by the student cancels the running deadlines', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(5) });
    const mail = (await h.smtp.waitFor((m) => m.some((x) => x.to.includes(c.email)))).find((x) =>
      x.to.includes(c.email),
    )!;
    const w = await new Client(h.baseUrl).post(`/api/public/cases/${linkToken(mail)}/withdraw`, {
      reason: 'Solved',
    });
    expect(w.body).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    const got = (await supervisor.get(`/api/complaints/${c.reference}`)).body;
    expect(got).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn', nextDueOn: null });
    expect(got.deadlines[0].status).toBe('cancelled');
  });
});

describe('who sees which case', () => {
  it("hides another jurist's case (404) from a jurist, in the list too; supervisors see it", async () => {
    const c = await fileComplaint(h.baseUrl, school.id, {
      filedWithSchoolOn: daysAgo(60),
      subject: 'Kwestie voor Joke',
    });
    await supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'late' });
    // Unassigned and escalated: any jurist may see it and take it.
    expect((await jurist.get(`/api/complaints/${c.reference}`)).status).toBe(200);
    await supervisor.post(`/api/complaints/${c.reference}/assign`, { assigneeId: h.users.jurist2.id });
    const hidden = await jurist.get(`/api/complaints/${c.reference}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ status: 404, code: 'not_found' }); // the same answer as for a case that does not exist
    expect((await jurist.post(`/api/complaints/${c.reference}/acknowledge`, {})).status).toBe(404);
    expect((await jurist.get(`/api/complaints?q=Joke`)).body.items).toEqual([]);
    const jurist2 = await signedIn(h.baseUrl, h.users.jurist2.email, PASSWORD);
    expect(
      (await jurist2.get(`/api/complaints?q=Joke`)).body.items.map((i: { reference: string }) => i.reference),
    ).toEqual([c.reference]);
    expect((await jurist2.post(`/api/complaints/${c.reference}/acknowledge`, {})).status).toBe(200);
    expect((await supervisor.get(`/api/complaints/${c.reference}`)).status).toBe(200);
    // Intake no longer sees it once a jurist handles it.
    expect((await intake.get(`/api/complaints/${c.reference}`)).status).toBe(404);
  });
});

describe('concurrency', () => {
  it('optimistic locking: a stale If-Match and the loser of two simultaneous edits get 409', async () => {
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(60) });
    const v = (await jurist.get(`/api/complaints/${c.reference}`)).body.version;
    await supervisor.post(`/api/complaints/${c.reference}/notes`, { text: 'first' });
    const stale = await intake.post(
      `/api/complaints/${c.reference}/escalate`,
      { reason: 'late' },
      { 'if-match': `"${v}"` },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    const results = await Promise.all([
      intake.post(`/api/complaints/${c.reference}/escalate`, { reason: 'a' }),
      supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'b' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const events = (await jurist.get(`/api/complaints/${c.reference}`)).body.events.filter(
      (e: { kind: string }) => e.kind === 'escalated',
    );
    expect(events).toHaveLength(1);
  });

  it('gives unique, sequential references under concurrent intake', async () => {
    const refs = await Promise.all(
      Array.from({ length: 20 }, () => fileComplaint(h.baseUrl, school.id).then((r) => r.reference)),
    );
    expect(new Set(refs).size).toBe(20);
    const numbers = refs.map((r) => Number(r.slice(-6))).sort((a, b) => a - b);
    expect(numbers[numbers.length - 1] - numbers[0]).toBe(19);
  });
});

describe('lists', () => {
  it('filters, searches and pages by keyset in deadline order', async () => {
    const s2 = await createSchool(supervisor, { name: 'Lijstschool' });
    const filedDaysAgo = [40, 10, 30, 20, 5];
    const made = new Map<number, string>();
    for (const d of filedDaysAgo)
      made.set(
        d,
        (
          await fileComplaint(h.baseUrl, s2.id, {
            filedWithSchoolOn: daysAgo(d),
            subject: `Zebra kwestie ${d}`,
          })
        ).reference,
      );
    const page1 = await jurist.get(`/api/complaints?schoolId=${s2.id}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const all = [...page1.body.items];
    let cursor = page1.body.nextCursor;
    while (cursor) {
      const next = await jurist.get(`/api/complaints?schoolId=${s2.id}&limit=2&cursor=${cursor}`);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    // Filed longest ago = earliest school deadline = first.
    expect(all.map((i) => i.reference)).toEqual([40, 30, 20, 10, 5].map((d) => made.get(d)));
    const dues = all.map((i) => i.nextDueOn);
    expect([...dues].sort()).toEqual(dues);

    const found = await jurist.get(`/api/complaints?q=zebra&schoolId=${s2.id}`);
    expect(found.body.items).toHaveLength(5);
    const window = await jurist.get(
      `/api/complaints?schoolId=${s2.id}&dueFrom=${all[1].nextDueOn}&dueTo=${all[3].nextDueOn}`,
    );
    expect(window.body.items.map((i: { reference: string }) => i.reference)).toEqual(
      all.slice(1, 4).map((i) => i.reference),
    );
    expect((await jurist.get(`/api/complaints?status=closed&schoolId=${s2.id}`)).body.items).toEqual([]);
    expect((await jurist.get('/api/complaints?cursor=bm9wZQ')).status).toBe(400);
  });
});

/** A complaint taken to the body and decided today (escalated, acknowledged, decided by the jurist). */
async function decidedComplaint(): Promise<{ reference: string; email: string }> {
  const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(50) });
  expect(
    (await supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'no answer' })).status,
  ).toBe(200);
  expect((await jurist.post(`/api/complaints/${c.reference}/acknowledge`, {})).status).toBe(200);
  const decided = await jurist.post(`/api/complaints/${c.reference}/decide`, {
    outcome: 'unfounded',
    summary: 'The school gave the lessons.',
  });
  expect(decided.status).toBe(200);
  return c;
}

describe('objections (bezwaar) against a decision (2026-12)', () => {
  it('are recorded on a decided case by jurist or supervisor, decided once, each on the timeline', async () => {
    const open = await fileComplaint(h.baseUrl, school.id);
    const notDecided = await supervisor.post(`/api/complaints/${open.reference}/objections`, {
      receivedOn: today(),
      lodgedBy: 'student',
    });
    expect(notDecided.status).toBe(409);
    expect(notDecided.body.code).toBe('case_not_decided');

    const c = await decidedComplaint();
    const url = `/api/complaints/${c.reference}/objections`;
    expect((await intake.post(url, { receivedOn: today(), lodgedBy: 'student' })).status).toBe(403);
    expect((await jurist.post(url, { receivedOn: today(), lodgedBy: 'parent' })).status).toBe(400);
    expect((await jurist.post(url, { receivedOn: today(), lodgedBy: 'student', extra: 1 })).status).toBe(400);
    const future = await jurist.post(url, { receivedOn: addDays(today(), 1), lodgedBy: 'student' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'receivedOn', message: 'cannot be in the future' }]);
    const beforeDecision = await jurist.post(url, { receivedOn: daysAgo(1), lodgedBy: 'student' });
    expect(beforeDecision.status).toBe(422);

    const recorded = await jurist.post(url, {
      receivedOn: today(),
      lodgedBy: 'school',
      note: 'Brief van de school',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      id: expect.any(String),
      receivedOn: today(),
      lodgedBy: 'school',
      note: 'Brief van de school',
      recordedBy: { id: h.users.jurist.id, name: 'Jan Jurist' },
      decidedOn: null,
      outcome: null,
    });
    const second = await supervisor.post(url, { receivedOn: today(), lodgedBy: 'student' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('objection_already_open');

    const decide = `${url}/${recorded.body.id}/decide`;
    expect((await jurist.post(decide, { decidedOn: today(), outcome: 'maybe' })).status).toBe(400);
    const decided = await supervisor.post(decide, {
      decidedOn: today(),
      outcome: 'rejected',
      note: 'Besluit blijft',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      decidedOn: today(),
      outcome: 'rejected',
      decisionNote: 'Besluit blijft',
      decidedBy: { id: h.users.supervisor.id },
    });
    const again = await supervisor.post(decide, { decidedOn: today(), outcome: 'upheld' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('objection_already_decided');
    expect(
      (await supervisor.post(`${url}/999999/decide`, { decidedOn: today(), outcome: 'upheld' })).status,
    ).toBe(404);

    const got = (await supervisor.get(`/api/complaints/${c.reference}`)).body;
    expect(got.objections).toEqual([expect.objectContaining({ id: recorded.body.id, outcome: 'rejected' })]);
    const kinds = got.events.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(-2)).toEqual(['objection_received', 'objection_decided']);
    // Decided, another may be lodged.
    expect((await jurist.post(url, { receivedOn: today(), lodgedBy: 'student' })).status).toBe(201);
  });

  it('are refused on a case that was anonymised: its notes would outlive the case', async () => {
    const c = await decidedComplaint();
    await h.dataSource.query(`UPDATE cases SET anonymised_at = now() WHERE reference = $1`, [c.reference]);
    const r = await jurist.post(`/api/complaints/${c.reference}/objections`, {
      receivedOn: today(),
      lodgedBy: 'student',
      note: 'By letter.',
    });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('case_anonymised');
    expect(
      await h.dataSource.query(
        `SELECT o.id FROM case_objections o JOIN cases c ON c.id = o.case_id WHERE c.reference = $1`,
        [c.reference],
      ),
    ).toEqual([]);
  });
});

describe('objections on the console case page (2026-12)', () => {
  const form = (client: Client, path: string, fields: Record<string, string>) =>
    client.request('POST', path, new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });

  it('records and decides an objection through the forms; only who may decide sees them', async () => {
    const c = await decidedComplaint();
    const path = `/console/cases/${c.reference}`;
    let page = (await jurist.get(path)).body as string;
    expect(page).toContain(`action="${path}/objections"`);
    // A supervisor, who may decide too, sees the form as well.
    expect((await supervisor.get(path)).body).toContain('Record an objection');

    const missing = await form(jurist, `${path}/objections`, { receivedOn: today(), lodgedBy: '' });
    expect(missing.status).toBe(422);
    const sent = await form(jurist, `${path}/objections`, {
      receivedOn: today(),
      lodgedBy: 'student',
      note: 'Per brief',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`${path}?done=recordObjection`);
    page = (await jurist.get(path)).body as string;
    expect(page).toContain('Decide the objection');
    expect(page).toContain('open: the case is held from anonymisation');
    const id = (await jurist.get(`/api/complaints/${c.reference}`)).body.objections[0].id;

    const decided = await form(jurist, `${path}/objections/${id}/decide`, {
      decidedOn: today(),
      outcome: 'upheld',
    });
    expect(decided.status).toBe(303);
    page = (await jurist.get(path)).body as string;
    expect(page).toContain('upheld');
    expect(page).toContain('Record an objection');
    expect((await jurist.get(`/api/complaints/${c.reference}`)).body.objections[0]).toMatchObject({
      outcome: 'upheld',
      decidedOn: today(),
    });
  });
});
