import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { SQL_NOW, dbUrl } from '../support/env.js';
import { daysAgo } from '../support/harness.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  insertSchool,
  one,
  processEnv,
  Processes,
  report,
  sleep,
  startWorld,
  stopWorld,
  submitComplaint,
  waitUntil,
} from './support.js';

/**
 * Drill 8: a reminder's time passes while no worker runs (only the api does): in the test's
 * clock its fire time is moved an hour into the past. When a worker starts, the reconciler
 * finds it overdue and it is sent once, marked late.
 */
let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('8-late-reminder'));
}, 60_000);

afterAll(async () => {
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

describe('drill 8: a reminder falls due while no worker runs', () => {
  it('is sent once when a worker starts, and marked late', async () => {
    const t0 = Date.now();
    const school = await insertSchool(db, 'drill8');
    const env = processEnv({ databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url });
    const api = await procs.start('api', env);
    const c = await submitComplaint(api.baseUrl, school.id, 'drill8', { filedWithSchoolOn: daysAgo(2) });
    expect(c.status).toBe(201);
    // The school also gets the complaint itself (with its link) at filing: only the reminder counts here.
    const isReminder = (m: { subject: string }) =>
      m.subject.startsWith('Herinnering') && m.subject.includes(c.reference!);
    const reminder = await one(
      db,
      `SELECT r.id::text, r.status FROM reminders r JOIN deadlines d ON d.id = r.deadline_id JOIN cases k ON k.id = d.case_id
       WHERE k.reference = $1 AND r.kind = 'school_before'`,
      [c.reference],
    );
    expect(reminder.status).toBe('pending');
    // An hour passes with nobody to send it: its delayed job (made at filing) is for weeks from now.
    await db.query(`UPDATE reminders SET fire_at = ${SQL_NOW} - interval '1 hour' WHERE id = $1`, [
      reminder.id,
    ]);
    await sleep(2000);
    expect(smtp.messages).toEqual([]); // no worker: nothing goes out, not even the confirmation

    const startedAt = Date.now();
    await procs.start('worker', env);
    await waitUntil(
      () => smtp.to(school.email).some(isReminder),
      30_000,
      'the late school reminder',
      () => smtp.messages.map((m) => m.subject),
    );
    const sentAfterMs = Date.now() - startedAt;
    await sleep(3000); // reconciler rounds on the running worker: no second copy
    const row = await one(
      db,
      `SELECT status, late, extract(epoch FROM sent_at - fire_at)::int AS "lateBySeconds" FROM reminders WHERE id = $1`,
      [reminder.id],
    );
    const copies = smtp.to(school.email).filter(isReminder).length;
    const event = await one(
      db,
      `SELECT count(*)::int AS n, bool_and((data->>'late')::boolean) AS late FROM case_events e JOIN cases k ON k.id = e.case_id
       WHERE k.reference = $1 AND e.kind = 'school_reminded'`,
      [c.reference],
    );
    report('8', {
      late_by_s: row.lateBySeconds,
      sent_after_worker_start_ms: sentAfterMs,
      copies,
      status: row.status,
      marked_late: row.late,
      confirmation_copies: smtp.to(c.email).length,
      duration_ms: Date.now() - t0,
    });
    expect(row).toMatchObject({ status: 'sent', late: true });
    expect(copies).toBe(1);
    expect(event).toEqual({ n: 1, late: true });
    expect(smtp.to(c.email)).toHaveLength(1); // the confirmation, held while no worker ran, also once
  }, 120_000);
});
