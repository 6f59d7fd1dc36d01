import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { SQL_NOW, dbUrl } from '../support/env.js';
import { daysAgo } from '../support/harness.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  count,
  insertSchool,
  processEnv,
  Processes,
  report,
  size,
  sleep,
  startWorld,
  stopWorld,
  submitComplaint,
  tally,
  waitUntil,
} from './support.js';

/**
 * Drill 2: FLUSHALL while thousands of reminders wait in Redis. Postgres is the truth: the
 * reconciler notices its marker key is gone and puts every pending reminder back (same job
 * ids); when their time comes each is sent once.
 */
const BY_SQL = size(2000, 10_000);
const BY_API = 5;

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;
let client: Redis;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('2-redis-flush'));
  client = new Redis(redis.url);
}, 60_000);

afterAll(async () => {
  client?.disconnect();
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

/**
 * Complaints in the school stage written straight in Postgres, as the service writes them: the
 * case, its school_stage deadline four weeks ahead and its `school_before` reminder (pending,
 * an hour from now).
 */
async function insertCases(schoolId: string, n: number): Promise<void> {
  await db.query(
    `INSERT INTO cases (type, reference, status, channel, received_on, school_id, student_name, student_email, student_language,
       subject, description, filed_with_school_on, school_deadline)
     SELECT 'complaint', 'K-2099-' || lpad(g::text, 6, '0'), 'school_stage', 'web', current_date, $1, 'Student ' || g,
       'drill2-' || g || '@student.test', 'nl', 'Lessons cancelled', 'Drill case', current_date - 14, current_date + 28
     FROM generate_series(1, $2::int) g`,
    [schoolId, n],
  );
  await db.query(
    `INSERT INTO deadlines (case_id, kind, due_on, explanation, status)
     SELECT id, 'school_stage', current_date + 28, jsonb_build_object('deadline', (current_date + 28)::text), 'running'
     FROM cases WHERE reference LIKE 'K-2099-%'`,
  );
  await db.query(
    `INSERT INTO reminders (deadline_id, kind, fire_at, status)
     SELECT d.id, 'school_before', ${SQL_NOW} + interval '1 hour', 'pending'
     FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE c.reference LIKE 'K-2099-%'`,
  );
}

/** The job ids the reconciler derives from the pending reminder rows (`reminder-<id>-<epoch ms>`). */
async function expectedJobIds(): Promise<string[]> {
  const r = await db.query(
    `SELECT 'reminder-' || r.id || '-' || floor(extract(epoch FROM r.fire_at) * 1000)::bigint AS job
     FROM reminders r JOIN deadlines d ON d.id = r.deadline_id WHERE r.status = 'pending' AND d.status = 'running'`,
  );
  return r.rows.map((x: { job: string }) => x.job);
}

async function missingJobs(jobIds: string[]): Promise<number> {
  let missing = 0;
  for (let i = 0; i < jobIds.length; i += 2000) {
    const pipe = client.pipeline();
    for (const id of jobIds.slice(i, i + 2000)) pipe.exists(`drill:jobs:${id}`);
    const res = (await pipe.exec()) ?? [];
    missing += res.filter(([, n]) => n !== 1).length;
  }
  return missing;
}

describe('drill 2: FLUSHALL with reminders pending', () => {
  it(
    `rebuilds all ${BY_SQL + BY_API} school reminders from Postgres and sends each once when due`,
    async () => {
      const t0 = Date.now();
      const school = await insertSchool(db, 'drill2');
      await insertCases(school.id, BY_SQL);
      const env = processEnv({ databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url });
      const [api] = await Promise.all([procs.start('api', env), procs.start('worker', env)]);
      for (let i = 0; i < BY_API; i++) {
        const r = await submitComplaint(api.baseUrl, school.id, 'drill2-api', {
          filedWithSchoolOn: daysAgo(2),
        });
        expect(r.status).toBe(201);
      }
      const reminders = await count(
        db,
        `SELECT count(*) FROM reminders WHERE kind = 'school_before' AND status = 'pending'`,
      );
      expect(reminders).toBe(BY_SQL + BY_API);

      // Every pending reminder has its delayed job.
      const jobs = await expectedJobIds();
      await waitUntil(
        async () => (await missingJobs(jobs)) === 0,
        60_000,
        'the first reconciler round to enqueue every reminder',
        async () => missingJobs(jobs),
        500,
      );

      await client.flushall();
      const flushedAt = Date.now();
      expect(await missingJobs(jobs)).toBe(jobs.length);
      await waitUntil(
        async () => (await missingJobs(jobs)) === 0,
        60_000,
        'the reconciler to rebuild every reminder job',
        async () => missingJobs(jobs),
        200,
      );
      const rebuildMs = Date.now() - flushedAt;
      const delayed = await client.zcard('drill:jobs:delayed');
      expect(delayed).toBeGreaterThanOrEqual(jobs.length);

      // Their time comes (an hour passes in Postgres): each school reminder is sent once.
      await db.query(
        `UPDATE reminders SET fire_at = ${SQL_NOW} - interval '2 minutes' WHERE kind = 'school_before' AND status = 'pending'`,
      );
      const dueAt = Date.now();
      await waitUntil(
        async () =>
          (await count(
            db,
            `SELECT count(*) FROM outbox WHERE template = 'school_deadline_reminder' AND status = 'sent'`,
          )) >= reminders,
        size(120_000, 600_000),
        'every school reminder sent',
        async () => ({
          reminders: (
            await db.query(
              `SELECT status, count(*)::int FROM reminders WHERE kind = 'school_before' GROUP BY 1`,
            )
          ).rows,
          outbox: (await db.query(`SELECT template, status, count(*)::int FROM outbox GROUP BY 1, 2`)).rows,
        }),
        500,
      );
      const sendMs = Date.now() - dueAt;
      await sleep(3000); // a reconciler round and more: nothing may come twice

      const sentReminders = await count(
        db,
        `SELECT count(*) FROM reminders WHERE kind = 'school_before' AND status = 'sent'`,
      );
      const perReminder = await db.query(
        `SELECT count(o.id)::int AS n, count(*)::int AS reminders FROM reminders r JOIN deadlines d ON d.id = r.deadline_id
           LEFT JOIN outbox o ON o.case_id = d.case_id AND o.template = 'school_deadline_reminder'
         WHERE r.kind = 'school_before' GROUP BY r.id HAVING count(o.id) <> 1`,
      );
      const outboxIds = (
        await db.query(`SELECT id::text FROM outbox WHERE template = 'school_deadline_reminder'`)
      ).rows.map((r: { id: string }) => r.id);
      const t = tally(smtp, outboxIds);
      report('2', {
        reminders,
        flushed_jobs: jobs.length,
        rebuilt_ms: rebuildMs,
        sent: t.delivered,
        lost: t.lost,
        duplicated: t.duplicated,
        send_ms: sendMs,
        duration_ms: Date.now() - t0,
      });
      expect(sentReminders).toBe(reminders);
      expect(perReminder.rows).toEqual([]); // one email row per reminder, never two
      expect(outboxIds).toHaveLength(reminders);
      expect(t.lost).toBe(0);
      expect(t.duplicated).toBe(0); // no process was killed: not one copy
      // (The cases filed through the API also sent the school the complaint itself: not counted here.)
      expect(smtp.to(school.email).filter((m) => m.subject.startsWith('Herinnering'))).toHaveLength(
        reminders,
      );
    },
    size(300_000, 1_200_000),
  );
});
