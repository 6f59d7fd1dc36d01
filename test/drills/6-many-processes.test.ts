import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { daysAgo, dropTestDatabase } from '../support/harness.js';
import { SQL_NOW, testDbName } from '../support/env.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  count,
  createEmptyDatabase,
  finish,
  insertSchool,
  loop,
  pool,
  Processes,
  processEnv,
  report,
  RoleProcess,
  size,
  sleep,
  snapshotBuild,
  submitComplaint,
  tally,
  waitUntil,
} from './support.js';

/**
 * Drill 6: two api and two worker processes start at the same moment on one empty database and
 * one Redis. Migrations run once (under the advisory lock); complaints come in through both
 * apis at once; when their school reminders fall due, both workers' reconcilers and job loops
 * race for them, and each is sent once.
 */
const CASES = size(600, 5000);
const PARALLEL = 16;

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
const dbName = testDbName('drill6');
let db: pg.Pool;

beforeAll(async () => {
  procs = new Processes('6-many-processes', snapshotBuild());
  [redis, smtp] = await Promise.all([OwnRedis.create(), new TestSmtp().start()]);
  db = pool(await createEmptyDatabase(dbName));
}, 60_000);

afterAll(async () => {
  await procs?.stopAll();
  await db?.end();
  await smtp?.stop();
  await redis?.destroy();
  await dropTestDatabase(dbName).catch(() => undefined);
  finish();
}, 60_000);

describe('drill 6: two apis and two workers on one database', () => {
  it(
    `migrates once, files ${CASES} complaints through both apis and sends every reminder once`,
    async () => {
      const t0 = Date.now();
      const env = processEnv({
        databaseUrl: db.options.connectionString!,
        redisUrl: redis.url,
        smtpUrl: smtp.url,
      });
      const started: RoleProcess[] = await Promise.all([
        procs.start('api', env, { name: 'api-a' }),
        procs.start('api', env, { name: 'api-b' }),
        procs.start('worker', env, { name: 'worker-a' }),
        procs.start('worker', env, { name: 'worker-b' }),
      ]);
      const startMs = Date.now() - t0;
      const [apiA, apiB] = started;
      const migrations = (
        await db.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name`)
      ).rows;
      const migratedBy = started
        .filter((p) => p.lines.some((l) => l.includes('"msg":"migrations applied"')))
        .map((p) => p.name);

      const school = await insertSchool(db, 'drill6');
      const submitStarted = Date.now();
      const forms = await loop(
        PARALLEL,
        (i) => i < CASES,
        (i) =>
          submitComplaint((i % 2 ? apiB : apiA).baseUrl, school.id, 'drill6', {
            filedWithSchoolOn: daysAgo(2),
          }),
      );
      const submitMs = Date.now() - submitStarted;
      const refs = forms.filter((f) => f.status === 201).map((f) => f.reference!);
      const uniqueRefs = new Set(refs).size;
      const stored = await count(db, `SELECT count(DISTINCT reference) FROM cases`);

      // Their school reminders fall due: both workers pick them up.
      await db.query(
        `UPDATE reminders SET fire_at = ${SQL_NOW} - interval '2 minutes' WHERE kind = 'school_before' AND status = 'pending'`,
      );
      const dueAt = Date.now();
      await waitUntil(
        async () => (await count(db, `SELECT count(*) FROM outbox WHERE status = 'sent'`)) >= 3 * CASES,
        size(180_000, 900_000),
        'every confirmation, school notice and school reminder sent',
        async () => (await db.query(`SELECT template, status, count(*)::int FROM outbox GROUP BY 1, 2`)).rows,
        500,
      );
      const sendMs = Date.now() - dueAt;
      await sleep(3000); // more reconciler rounds on both workers: nothing may come twice

      const remindersSent = await count(
        db,
        `SELECT count(*) FROM reminders WHERE kind = 'school_before' AND status = 'sent'`,
      );
      const rowsPerReminder = await count(
        db,
        `SELECT count(*) FROM (SELECT c.id FROM cases c LEFT JOIN outbox o ON o.case_id = c.id AND o.template = 'school_deadline_reminder'
           GROUP BY c.id HAVING count(o.id) <> 1) x`,
      );
      const outboxIds = (await db.query(`SELECT id::text FROM outbox`)).rows.map((r: { id: string }) => r.id);
      const t = tally(smtp, outboxIds);
      report('6', {
        processes: started.length,
        start_ms: startMs,
        migrations_applied_by: migratedBy.join('+') || '-',
        cases: refs.length,
        unique_references: uniqueRefs,
        submit_ms: submitMs,
        reminders_sent: remindersSent,
        emails: outboxIds.length,
        sent: t.delivered,
        lost: t.lost,
        duplicated: t.duplicated,
        send_ms: sendMs,
        duration_ms: Date.now() - t0,
      });
      // The migrations the built processes carry (the source may have moved on since the build).
      const built = (await import(
        pathToFileURL(path.join(procs.buildDir, 'dist/migrations/index.js')).href
      )) as {
        MIGRATIONS: { name: string }[];
      };
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect([...migrations].sort(byName)).toEqual(
        built.MIGRATIONS.map((m) => ({ name: m.name, n: 1 })).sort(byName),
      );
      expect(migratedBy).toHaveLength(1);
      expect(forms.filter((f) => f.status !== 201)).toEqual([]);
      expect(uniqueRefs).toBe(CASES);
      expect(stored).toBe(CASES);
      expect(remindersSent).toBe(CASES);
      expect(rowsPerReminder).toBe(0);
      expect(outboxIds).toHaveLength(3 * CASES); // per case: confirmation, the school's notice, its reminder
      expect(t.lost).toBe(0);
      expect(t.duplicated).toBe(0);
      expect(smtp.to(school.email)).toHaveLength(2 * CASES);
    },
    size(300_000, 1_500_000),
  );
});
