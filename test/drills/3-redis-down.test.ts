import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { dbUrl } from '../support/env.js';
import { daysAgo } from '../support/harness.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  byRecipient,
  byReference,
  count,
  insertSchool,
  loop,
  processEnv,
  Processes,
  readiness,
  report,
  size,
  sleep,
  startWorld,
  stopWorld,
  submitComplaint,
  waitUntil,
} from './support.js';

/**
 * Drill 3: Redis stops while students submit the public complaint form. The form does not
 * need Redis: every submission is answered 201 and stored. Its emails (the student's
 * confirmation and the school's reminder, due at once) go out once Redis is back, each once:
 * the reconciler finds Redis empty and rebuilds the jobs from Postgres.
 */
const OUTAGE_MS = size(5000, 60_000);
const PARALLEL = 2;

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('3-redis-down'));
}, 60_000);

afterAll(async () => {
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

describe('drill 3: Redis down while forms are submitted', () => {
  it(
    `stores every form answered 201 during a ${OUTAGE_MS / 1000} s outage and sends its emails once Redis returns`,
    async () => {
      const t0 = Date.now();
      const school = await insertSchool(db, 'drill3');
      const schoolEmail = school.email;
      const env = processEnv({ databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url });
      const [api] = await Promise.all([procs.start('api', env), procs.start('worker', env)]);
      // Filed with the school 35 days ago: its reminder to the school is due at once.
      const form = () =>
        submitComplaint(api.baseUrl, school.id, 'drill3', { filedWithSchoolOn: daysAgo(35) });
      const before = await form();
      expect(before.status).toBe(201);

      await redis.stop();
      const downAt = Date.now();
      const readyDuring: number[] = [];
      const probe = (async () => {
        while (Date.now() - downAt < OUTAGE_MS - 500) {
          const r = await readiness(api.baseUrl);
          readyDuring.push(r.status);
          if (r.status !== 503 || !r.body?.down?.includes('redis'))
            throw new Error(`ready during the outage: ${JSON.stringify(r)}`);
          await sleep(500);
        }
      })();
      const slowest = { ms: 0 };
      const during = await loop(
        PARALLEL,
        () => Date.now() - downAt < OUTAGE_MS,
        async () => {
          const s = Date.now();
          const r = await form();
          slowest.ms = Math.max(slowest.ms, Date.now() - s);
          return r;
        },
      );
      await probe;
      await redis.start();
      const upAt = Date.now();
      const after = await form();
      expect(after.status).toBe(201);

      const answered = [before, ...during, after].filter((r) => r.status === 201);
      const refs = answered.map((r) => r.reference!);
      const stored = await count(db, `SELECT count(*) FROM cases WHERE reference = ANY($1)`, [refs]);
      // Every case: one confirmation to the student; to the school the complaint (with its link)
      // and one reminder; each once.
      const copies = () => {
        const students = byRecipient(smtp);
        const notices = byReference(smtp, schoolEmail, /^Klacht van een cursist/);
        const reminders = byReference(smtp, schoolEmail, /^Herinnering/);
        return {
          students: answered.map((r) => students.get(r.email) ?? 0),
          school: refs.flatMap((ref) => [notices.get(ref) ?? 0, reminders.get(ref) ?? 0]),
        };
      };
      await waitUntil(
        () => {
          const c = copies();
          return c.students.every((n) => n >= 1) && c.school.every((n) => n >= 1);
        },
        size(60_000, 300_000),
        'every confirmation, school notice and school reminder after Redis returned',
        () => ({ received: smtp.messages.length, expected: answered.length * 3 }),
        500,
      );
      const recoveryMs = Date.now() - upAt;
      await sleep(3000); // more reconciler rounds: nothing may come twice
      const { students: studentCopies, school: schoolCopies } = copies();
      const duplicated = [...studentCopies, ...schoolCopies].reduce((a, n) => a + Math.max(0, n - 1), 0);
      const remindersSent = await count(
        db,
        `SELECT count(*) FROM reminders r JOIN deadlines d ON d.id = r.deadline_id JOIN cases c ON c.id = d.case_id
         WHERE c.reference = ANY($1) AND r.kind = 'school_before' AND r.status = 'sent'`,
        [refs],
      );
      report('3', {
        outage_ms: upAt - downAt,
        submitted: during.length + 2,
        answered_201: answered.length,
        stored,
        not_201: during.length + 2 - answered.length,
        slowest_form_ms: slowest.ms,
        ready_503_probes: readyDuring.length,
        emails: studentCopies.length + schoolCopies.length,
        lost: studentCopies.filter((n) => n === 0).length + schoolCopies.filter((n) => n === 0).length,
        duplicated,
        recovery_ms: recoveryMs,
        duration_ms: Date.now() - t0,
      });
      expect(during.length).toBeGreaterThan(0);
      expect(during.filter((r) => r.status !== 201)).toEqual([]); // the form does not need Redis
      expect(stored).toBe(answered.length);
      expect(remindersSent).toBe(answered.length);
      expect(studentCopies.every((n) => n === 1)).toBe(true);
      expect(schoolCopies.every((n) => n === 1)).toBe(true);
      expect(readyDuring.length).toBeGreaterThan(0);
    },
    size(180_000, 600_000),
  );
});
