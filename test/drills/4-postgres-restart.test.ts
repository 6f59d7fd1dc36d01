import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { daysAgo } from '../support/harness.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  byRecipient,
  count,
  finish,
  insertSchool,
  loop,
  OwnPostgres,
  outboxStatus,
  pool,
  Processes,
  processEnv,
  readiness,
  report,
  size,
  sleep,
  snapshotBuild,
  submitComplaint,
  waitReady,
  waitUntil,
} from './support.js';

/**
 * Drill 4: Postgres restarts (fast shutdown: connections cut) while students submit forms, on
 * a Postgres cluster of the drill's own. Every form answered 201 is in the database, with its
 * deadline and confirmation email rows (one transaction: all or nothing, so no orphan rows);
 * /health/ready says 503 naming postgres meanwhile and 200 after; the same api process serves
 * again without a restart, and the emails of the cases go out once.
 */
const OUTAGE_MS = size(3000, 20_000);
const PARALLEL = 2;

let procs: Processes;
let pgOwn: OwnPostgres;
let redis: OwnRedis;
let smtp: TestSmtp;
let db: pg.Pool;

beforeAll(async () => {
  procs = new Processes('4-postgres-restart', snapshotBuild());
  [pgOwn, redis, smtp] = await Promise.all([OwnPostgres.create(), OwnRedis.create(), new TestSmtp().start()]);
  const admin = new pg.Client({ connectionString: pgOwn.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE bow');
  await admin.end();
  db = pool(pgOwn.url('bow'));
}, 120_000);

afterAll(async () => {
  await procs?.stopAll();
  await db?.end();
  await smtp?.stop();
  await redis?.destroy();
  await pgOwn?.destroy();
  finish();
}, 60_000);

describe('drill 4: Postgres restarted while forms are submitted', () => {
  it(
    `keeps every 201 through a ${OUTAGE_MS / 1000} s restart, with no orphan rows, and recovers without an app restart`,
    async () => {
      const t0 = Date.now();
      const env = processEnv({ databaseUrl: pgOwn.url('bow'), redisUrl: redis.url, smtpUrl: smtp.url });
      // An empty database: the first process to start migrates it.
      const api = await procs.start('api', env);
      await procs.start('worker', env);
      const apiPid = api.pid;
      const school = await insertSchool(db, 'drill4');

      let stop = false;
      const submitting = loop(
        PARALLEL,
        () => !stop,
        async () => {
          const r = await submitComplaint(api.baseUrl, school.id, 'drill4', {
            filedWithSchoolOn: daysAgo(2),
          });
          if (r.status !== 201) await sleep(50); // refused while Postgres is away: try again shortly, as a browser user would
          return r;
        },
      );
      await sleep(2000);

      await pgOwn.stop();
      const downAt = Date.now();
      const readyDuring: { status: number; down?: string[] }[] = [];
      while (Date.now() - downAt < OUTAGE_MS) {
        const r = await readiness(api.baseUrl);
        readyDuring.push({ status: r.status, down: r.body?.down });
        await sleep(300);
      }
      await pgOwn.start();
      const upAt = Date.now();
      const readyMs = await waitReady(api.baseUrl, 60_000, () => api.tail(10));
      await waitUntil(
        async () => (await submitComplaint(api.baseUrl, school.id, 'drill4-probe')).status === 201,
        30_000,
        'a form answered 201 again',
      );
      const firstCreatedMs = Date.now() - upAt;
      await sleep(3000);
      stop = true;
      const results = await submitting;

      const answered = results.filter((r) => r.status === 201);
      const refs = answered.map((r) => r.reference!);
      const stored = await count(db, `SELECT count(*) FROM cases WHERE reference = ANY($1)`, [refs]);
      const orphans = {
        outbox: await count(
          db,
          `SELECT count(*) FROM outbox o WHERE o.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = o.case_id)`,
        ),
        deadlines: await count(
          db,
          `SELECT count(*) FROM deadlines d WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = d.case_id)`,
        ),
        reminders: await count(
          db,
          `SELECT count(*) FROM reminders r WHERE NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.id = r.deadline_id)`,
        ),
        casesWithoutConfirmation: await count(
          db,
          `SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id AND o.template = 'complaint_received')`,
        ),
        casesWithoutDeadline: await count(
          db,
          `SELECT count(*) FROM cases c WHERE c.filed_with_school_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.kind = 'school_stage')`,
        ),
      };
      const storedAll = await count(db, `SELECT count(*) FROM cases`);

      // The emails of every stored case go out, each once (the worker rode out the restart too).
      await waitUntil(
        async () => {
          const s = await outboxStatus(db);
          return !s.pending && !s.failed;
        },
        size(90_000, 240_000),
        'every confirmation sent after the restart',
        () => outboxStatus(db),
        500,
      );
      await sleep(3000);
      const students = (await db.query(`SELECT student_email AS email FROM cases`)).rows.map(
        (r: { email: string }) => r.email,
      );
      const received = byRecipient(smtp);
      const copies = students.map((e: string) => received.get(e.toLowerCase()) ?? 0);

      report('4', {
        outage_ms: upAt - downAt,
        submitted: results.length,
        answered_201: answered.length,
        stored_of_201: stored,
        refused_during_outage: results.filter((r) => r.status !== 201).length,
        refused_statuses:
          [...new Set(results.filter((r) => r.status !== 201).map((r) => r.status))].join('/') || '-',
        stored_without_201: storedAll - answered.length - 1, // the probe form is one of them
        orphan_rows:
          orphans.outbox +
          orphans.deadlines +
          orphans.reminders +
          orphans.casesWithoutConfirmation +
          orphans.casesWithoutDeadline,
        ready_503_probes: readyDuring.filter((r) => r.status === 503).length,
        ready_ms: readyMs,
        first_201_ms: firstCreatedMs,
        emails: copies.length,
        lost: copies.filter((n: number) => n === 0).length,
        duplicated: copies.reduce((a: number, n: number) => a + Math.max(0, n - 1), 0),
        duration_ms: Date.now() - t0,
      });
      expect(answered.length).toBeGreaterThan(0);
      expect(stored).toBe(answered.length);
      expect(orphans).toEqual({
        outbox: 0,
        deadlines: 0,
        reminders: 0,
        casesWithoutConfirmation: 0,
        casesWithoutDeadline: 0,
      });
      expect(readyDuring.length).toBeGreaterThan(0);
      for (const r of readyDuring) {
        expect(r.status).toBe(503);
        expect(r.down).toContain('postgres');
      }
      expect(api.running).toBe(true);
      expect(api.pid).toBe(apiPid); // recovered without a restart
      expect(copies.every((n: number) => n === 1)).toBe(true);
    },
    size(240_000, 600_000),
  );
});
