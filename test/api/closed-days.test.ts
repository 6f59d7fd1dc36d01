import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '../../src/common/dates.js';
import { createSchool, fileComplaint } from '../support/factory.js';
import { daysAgo, Harness, PASSWORD, startHarness, today } from '../support/harness.js';
import { Client, signedIn } from '../support/http.js';

/** Office closure days: added and removed by the admin, and every running deadline they touch moves. */
let h: Harness;
let admin: Client;
let supervisor: Client;

beforeAll(async () => {
  h = await startHarness();
  admin = await signedIn(h.baseUrl, h.users.admin.email, PASSWORD);
  supervisor = await signedIn(h.baseUrl, h.users.supervisor.email, PASSWORD);
});
afterAll(async () => {
  await h?.stop();
});

const calendar = (query: string) => new Client(h.baseUrl).get(`/api/calendar/deadline?${query}`);

/** The first open day after `day` (not a weekend, holiday or closure), as the public calendar route counts. */
async function nextOpenDay(day: string): Promise<string> {
  return (await calendar(`from=${day}&workingDays=1`)).body.deadline;
}

/**
 * A filing date whose six-week deadline falls on an open day at least a week ahead and is followed by
 * another open day, so that closing the deadline day moves it by exactly one day, whatever day the
 * suite runs on (around Christmas the next day is often closed too).
 */
async function filingWithOpenDeadline(): Promise<{ filedOn: string; due: string }> {
  for (let back = 20; back < 40; back++) {
    const filedOn = daysAgo(back);
    const r = (await calendar(`from=${filedOn}&weeks=6`)).body;
    if (r.rolledOver || r.deadline <= addDays(today(), 7)) continue;
    if ((await nextOpenDay(r.deadline)) === addDays(r.deadline, 1)) return { filedOn, due: r.deadline };
  }
  throw new Error('no suitable date');
}

describe('office closure days', () => {
  it('moves a running school deadline, its reminders and the case, and moves it back when removed', async () => {
    const school = await createSchool(supervisor);
    const { filedOn, due } = await filingWithOpenDeadline();
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: filedOn });
    expect(c.schoolDeadline).toBe(due);

    const added = await admin.post('/api/calendar/closed-days', {
      date: due,
      reason: 'Office move',
      reasonNl: 'Verhuizing',
    });
    expect(added.status).toBe(201);
    expect(added.body.moved).toBeGreaterThanOrEqual(1);
    const got = (await supervisor.get(`/api/complaints/${c.reference}`)).body;
    expect(got.schoolDeadline).toBe(addDays(due, 1));
    expect(got.deadlines[0]).toMatchObject({ kind: 'school_stage', dueOn: addDays(due, 1) });
    expect(got.deadlines[0].explanation.skipped).toEqual([
      { date: due, reason: 'Office move', reasonNl: 'Verhuizing' },
    ]);
    expect(got.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline_moved',
          visibility: 'student',
          data: expect.objectContaining({ from: due, to: addDays(due, 1) }),
        }),
      ]),
    );
    const [reminder] = await h.dataSource.query(
      `SELECT to_char(r.fire_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS day FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
       JOIN cases k ON k.id = d.case_id WHERE k.reference = $1 AND r.kind = 'student_stage_ended'`,
      [c.reference],
    );
    expect(reminder.day).toBe(addDays(due, 2));
    // The public calendar route sees the closure at once.
    expect(
      (await new Client(h.baseUrl).get(`/api/calendar/deadline?from=${filedOn}&weeks=6`)).body.deadline,
    ).toBe(addDays(due, 1));
    expect((await admin.get('/api/calendar/closed-days')).body.items).toEqual([
      { date: due, reason: 'Office move', reasonNl: 'Verhuizing' },
    ]);

    const removed = await admin.request('DELETE', `/api/calendar/closed-days/${due}`);
    expect(removed.status).toBe(200);
    expect((await supervisor.get(`/api/complaints/${c.reference}`)).body.schoolDeadline).toBe(due);
    const audit = await h.dataSource.query(
      `SELECT action, subject FROM audit_log WHERE action LIKE 'calendar.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'calendar.closed_day_added', subject: due },
      { action: 'calendar.closed_day_removed', subject: due },
    ]);
  });

  it('moves a working-day deadline counted across the new closure', async () => {
    const school = await createSchool(supervisor);
    const c = await fileComplaint(h.baseUrl, school.id, { filedWithSchoolOn: daysAgo(60) });
    await supervisor.post(`/api/complaints/${c.reference}/escalate`, { reason: 'late' });
    const before = (await supervisor.get(`/api/complaints/${c.reference}`)).body.deadlines.find(
      (d: { kind: string }) => d.kind === 'acknowledge',
    );
    // A closure on the first working day after today pushes the acknowledgement one working day on.
    const day = await nextOpenDay(today());
    const r = await admin.post('/api/calendar/closed-days', {
      date: day,
      reason: 'Strike',
      reasonNl: 'Staking',
    });
    expect(r.status).toBe(201);
    const after = (await supervisor.get(`/api/complaints/${c.reference}`)).body.deadlines.find(
      (d: { kind: string }) => d.kind === 'acknowledge',
    );
    expect(after.dueOn > before.dueOn).toBe(true);
    expect(after.explanation.skipped.map((s: { date: string }) => s.date)).toContain(day);
    await admin.request('DELETE', `/api/calendar/closed-days/${day}`);
  });

  it('refuses a day that is closed already, a day in the past, and non-admins', async () => {
    expect(
      (await admin.post('/api/calendar/closed-days', { date: '2027-12-25', reason: 'x', reasonNl: 'y' })).body
        .code,
    ).toBe('already_closed');
    expect(
      (await admin.post('/api/calendar/closed-days', { date: daysAgo(3), reason: 'x', reasonNl: 'y' }))
        .status,
    ).toBe(422);
    const jurist = await signedIn(h.baseUrl, h.users.jurist.email, PASSWORD);
    expect(
      (await jurist.post('/api/calendar/closed-days', { date: '2027-06-01', reason: 'x', reasonNl: 'y' }))
        .status,
    ).toBe(403);
    expect((await admin.request('DELETE', '/api/calendar/closed-days/2027-06-02')).status).toBe(404);
  });
});
