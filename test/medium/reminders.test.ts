import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { StaffUser } from '../../src/auth/users.repository.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import { ReconcilerService } from '../../src/deadlines/reconciler.service.js';
import { SQL_NOW } from '../support/env.js';
import { daysAgo } from '../support/harness.js';
import { MediumContext, startMedium } from '../support/medium.js';
import type { TestSmtp } from '../support/smtp.js';
import { OwnRedis } from '../support/redis-server.js';

/**
 * Reminders and breaches through the real queue and worker, on a Redis of this test's own (so that
 * it can be flushed), driven through the services (moved from test/api/reminders.test.ts, which
 * keeps what needs HTTP: the readiness check while Redis is down). "Time passes" by moving a
 * reminder's fire time into the past.
 */
let redis: OwnRedis;
let ctx: MediumContext;
let smtp: TestSmtp;
let complaints: ComplaintsService;
/** The supervisor told of a breach: the app's first admin, who is admin and supervisor. */
let supervisor: StaffUser;
let jurist: StaffUser;
let school: { id: string; complaintsEmail: string };
let reconciler: ReconcilerService;

beforeAll(async () => {
  redis = await OwnRedis.create();
  ctx = await startMedium({ mail: true, env: { REDIS_URL: redis.url } });
  smtp = ctx.smtp!;
  complaints = ctx.get(ComplaintsService);
  supervisor = ctx.admin;
  jurist = await ctx.newStaff('jurist');
  school = await ctx.newSchool();
  reconciler = ctx.get(ReconcilerService);
}, 60_000);
afterAll(async () => {
  await ctx?.stop();
  await redis?.destroy();
});

const fileComplaint = (filedWithSchoolOn: string) =>
  ctx.newComplaint({ stage: 'school_stage', schoolId: school.id, filedWithSchoolOn });

async function caseId(reference: string): Promise<string> {
  const [r] = await ctx.dataSource.query('SELECT id FROM cases WHERE reference = $1', [reference]);
  return r.id;
}

/** Makes a reminder due now, as if its time had come, and lets the reconciler pick it up. */
async function timePasses(reference: string, kind: string, deadlineKind: string): Promise<void> {
  await ctx.dataSource.query(
    `UPDATE reminders r SET fire_at = ${SQL_NOW} - interval '1 minute' FROM deadlines d
     WHERE d.id = r.deadline_id AND d.case_id = $1 AND d.kind = $2 AND r.kind = $3`,
    [await caseId(reference), deadlineKind, kind],
  );
  await reconcileOverdue();
}

/** The reconciler treats reminders overdue by 30 s as lost; tests push them further back. */
async function reconcileOverdue(): Promise<void> {
  await ctx.dataSource.query(
    `UPDATE reminders SET fire_at = fire_at - interval '1 minute' WHERE status = 'pending' AND fire_at < ${SQL_NOW}`,
  );
  await reconciler.runOnce();
}

async function reminderRows(reference: string) {
  return ctx.dataSource.query(
    `SELECT d.kind AS deadline, r.kind, r.status, r.late FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE d.case_id = $1 ORDER BY d.kind, r.kind`,
    [await caseId(reference)],
  );
}

describe('reminders', () => {
  it('reminds the school two weeks before its deadline (at once when that time has passed)', async () => {
    const c = await fileComplaint(daysAgo(35));
    // (The school also got the complaint itself when the school stage started: school-link.test.ts.)
    const isReminder = (x: { subject: string }) =>
      x.subject.startsWith('Herinnering') && x.subject.includes(c.reference);
    await smtp.waitFor(
      (m) => m.some((x) => x.to.includes(school.complaintsEmail) && isReminder(x)),
      15000,
      'school reminder',
    );
    const mail = smtp.to(school.complaintsEmail).find(isReminder)!;
    expect(mail.subject).toContain(c.schoolDeadline!);
    expect(mail.text).toContain(c.schoolDeadline!);
    expect(mail.text).toMatch(/\/school\/[A-Za-z0-9_-]{20,}/);
    expect(await reminderRows(c.reference)).toEqual([
      { deadline: 'school_stage', kind: 'school_before', status: 'sent', late: false },
      { deadline: 'school_stage', kind: 'student_stage_ended', status: 'pending', late: false },
    ]);
  });

  it('tells the student when the school stage ends, and the stage shows as breached', async () => {
    const c = await fileComplaint(daysAgo(20));
    await timePasses(c.reference, 'student_stage_ended', 'school_stage');
    await smtp.waitFor(
      (m) => m.some((x) => x.to.includes(c.email) && /6 weeks for your complaint have ended/.test(x.subject)),
      15000,
      'stage ended',
    );
    const mail = smtp.to(c.email).find((x) => /have ended/.test(x.subject))!;
    expect(mail.text).toMatch(/\/c\/[A-Za-z0-9_-]{20,}/);
    const got = await complaints.detail(c.reference);
    expect(got.deadlines[0].status).toBe('breached');
    expect(got.events.map((e: { kind: string }) => e.kind)).toContain('school_stage_ended');
  });

  it('reminds the assigned jurist before a deadline and tells jurist and supervisor on a breach', async () => {
    const c = await fileComplaint(daysAgo(60));
    await complaints.escalate(c.reference, { reason: 'late' }, ctx.caller(supervisor));
    await complaints.assign(c.reference, jurist.id, ctx.caller(supervisor));
    await timePasses(c.reference, 'staff_before', 'acknowledge');
    await smtp.waitFor(
      (m) => m.some((x) => x.to.includes(jurist.email) && /Deadline acknowledgement/.test(x.subject)),
      15000,
      'jurist reminder',
    );
    expect(smtp.to(supervisor.email).filter((x) => x.subject.includes(c.reference))).toEqual([]);

    await timePasses(c.reference, 'breach', 'acknowledge');
    await smtp.waitFor(
      (m) =>
        [jurist.email, supervisor.email].every((to) =>
          m.some(
            (x) =>
              x.to.includes(to) &&
              /Deadline missed: acknowledgement/.test(x.subject) &&
              x.subject.includes(c.reference),
          ),
        ),
      15000,
      'breach emails',
    );
    const got = await complaints.detail(c.reference);
    expect(got.deadlines.find((d: { kind: string }) => d.kind === 'acknowledge')!.status).toBe('breached');
    expect(got.events.filter((e: { kind: string }) => e.kind === 'deadline_breached')).toHaveLength(1);
    // The reminder is a row with a unique key: firing it again sends nothing.
    await reconciler.runOnce(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      smtp.messages.filter((x) => /Deadline missed/.test(x.subject) && x.subject.includes(c.reference)),
    ).toHaveLength(2);
  });

  it('does nothing for a reminder whose deadline was met or paused', async () => {
    const c = await fileComplaint(daysAgo(60));
    await complaints.escalate(c.reference, { reason: 'late' }, ctx.caller(supervisor));
    await complaints.acknowledge(c.reference, ctx.caller(jurist));
    await complaints.pause(c.reference, 'awaiting_student', undefined, ctx.caller(jurist));
    await timePasses(c.reference, 'breach', 'decision');
    await new Promise((r) => setTimeout(r, 500));
    expect(
      smtp.messages.filter((x) => x.subject.includes(c.reference) && /Deadline/.test(x.subject)),
    ).toEqual([]);
    const rows = await reminderRows(c.reference);
    expect(
      rows
        .filter((r: { deadline: string }) => r.deadline === 'acknowledge')
        .map((r: { status: string }) => r.status),
    ).toEqual(['cancelled', 'cancelled']);
    expect(
      rows.find((r: { deadline: string; kind: string }) => r.deadline === 'decision' && r.kind === 'breach')
        .status,
    ).toBe('pending');
  });
});

describe('Redis can be lost', () => {
  it('rebuilds every pending reminder after FLUSHALL and sends each exactly once', async () => {
    const made: Awaited<ReturnType<typeof fileComplaint>>[] = [];
    for (let i = 0; i < 10; i++) made.push(await fileComplaint(daysAgo(2)));
    await smtp.waitFor(
      (m) => made.every((c) => m.some((x) => x.to.includes(c.email))),
      15000,
      'confirmations',
    );
    const client = new Redis(redis.url);
    await client.flushall();
    const rebuilt = await reconciler.runOnce();
    expect(rebuilt?.full).toBe(true);
    const [{ n: pending }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS n FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE r.status = 'pending' AND d.status = 'running'`,
    );
    expect(rebuilt?.reminders).toBe(pending);
    const delayed = await client.zcard(`${ctx.config.redis.prefix}:jobs:delayed`);
    expect(delayed).toBeGreaterThanOrEqual(made.length * 2);
    await client.quit();

    // Their time comes: every school reminder goes out once.
    const ids = await Promise.all(made.map((c) => caseId(c.reference)));
    await ctx.dataSource.query(
      `UPDATE reminders r SET fire_at = ${SQL_NOW} - interval '2 minutes' FROM deadlines d WHERE d.id = r.deadline_id AND d.case_id = ANY($1) AND r.kind = 'school_before'`,
      [ids],
    );
    await reconciler.runOnce();
    await reconciler.runOnce(true);
    const reminderOf = (ref: string) => (x: { subject: string }) =>
      x.subject.startsWith('Herinnering') && x.subject.includes(ref);
    await smtp.waitFor(
      (m) =>
        made.every((c) => m.some((x) => x.to.includes(school.complaintsEmail) && reminderOf(c.reference)(x))),
      15000,
      'school reminders',
    );
    await new Promise((r) => setTimeout(r, 500));
    for (const c of made) {
      expect(smtp.to(school.complaintsEmail).filter(reminderOf(c.reference))).toHaveLength(1);
    }
  });
});
