import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { addDays } from '../../src/common/dates.js';
import { dbUrl } from '../support/env.js';
import { today } from '../support/harness.js';
import { signedIn } from '../support/http.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  deliveries,
  explainDuplicates,
  loop,
  outboxStatus,
  processEnv,
  Processes,
  report,
  size,
  sleep,
  startWorld,
  stopWorld,
  tally,
  waitUntil,
} from './support.js';

/**
 * Drill 7: a school loses its quality mark (POST /api/schools/{id}/quality-mark, withdrawn);
 * every student with an active contract there is emailed. The worker is killed with SIGKILL
 * halfway through those emails and started again: every student gets the email; a second copy
 * only where the kill fell between the SMTP server's 250 and the row being marked sent (see
 * drill 1), which with this slow server is rare.
 */
const STUDENTS = size(100, 1000);
const SMTP_DELAY_MS = 400;
const ADMIN = { email: 'drill7-admin@bow.test', password: 'drill7-admin-password' };

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('7-fanout-kill'));
}, 60_000);

afterAll(async () => {
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

describe('drill 7: quality-mark withdrawal fan-out, worker killed halfway', () => {
  it(
    `emails all ${STUDENTS} students of the school once the worker is back`,
    async () => {
      const t0 = Date.now();
      const env = processEnv(
        { databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url },
        // The first admin of a fresh install; the drill is about the fan-out, so no second factor.
        { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, MFA_REQUIRED_ROLES: 'finance' },
      );
      const api = await procs.start('api', env);
      let worker = await procs.start('worker', env, { name: 'worker-0' });
      const staff = await signedIn(api.baseUrl, ADMIN.email, ADMIN.password);

      const school = await staff.post('/api/schools', {
        name: 'Taalschool Drill 7',
        city: 'Utrecht',
        complaintsEmail: 'klachten@drill7.test',
        qualityMark: 'keurmerk',
        complaintsRegulationUrl: 'https://drill7.test/klachtenregeling',
      });
      expect(school.status).toBe(201);
      const day = today();
      // Two at a time: registering a contract reads the school's history on a second pool
      // connection while its transaction holds one, so many at once starve the pool (reported).
      const contracts = await loop(
        2,
        (i) => i < STUDENTS,
        (i) =>
          staff.post('/api/contracts', {
            schoolId: school.body.id,
            student: {
              name: `Student ${i}`,
              email: `drill7-student-${i}@student.test`,
              language: i % 2 ? 'en' : 'nl',
            },
            contractNumber: `D7-${i}`,
            signedOn: addDays(day, -60),
            startDate: addDays(day, -45),
            plannedEndDate: addDays(day, 180),
            courseType: 'nt2',
            educationLevel: 'middle',
            hourlyRateCents: 1299,
            plannedHours: 360,
            hoursPerWeek: 8,
            funder: 'duo_loan',
          }),
      );
      expect(contracts.filter((c) => c.status !== 201).map((c) => [c.status, c.body])).toEqual([]);
      await sleep(1000);
      const before = smtp.messages.length; // whatever contract registration sent itself

      smtp.delayMs = SMTP_DELAY_MS / 2;
      smtp.jitterMs = SMTP_DELAY_MS;
      const withdrawn = await staff.post(`/api/schools/${school.body.id}/quality-mark`, {
        status: 'withdrawn',
        effectiveOn: day,
        reason: 'Drill 7: mark withdrawn',
      });
      expect(withdrawn.status).toBe(200);
      const ids = (
        await db.query(`SELECT id::text FROM outbox WHERE template = 'quality_mark_withdrawn'`)
      ).rows.map((r: { id: string }) => r.id);

      await waitUntil(
        () => smtp.messages.length - before >= STUDENTS / 2,
        120_000,
        'half of the emails before the kill',
        () => worker.tail(5),
      );
      await worker.kill(200 + Math.random() * 200);
      const killedAt = Date.now();
      const death = worker.exitedAt!;
      const deliveredAtKill = tally(smtp, ids).delivered;
      worker = await procs.start('worker', env, { name: 'worker-1' });
      await waitUntil(
        async () =>
          tally(smtp, ids).lost === 0 &&
          (await outboxStatus(db, `template = 'quality_mark_withdrawn'`)).sent === STUDENTS,
        180_000,
        'every student emailed after the restart',
        async () => ({
          smtp: tally(smtp, ids),
          rows: await outboxStatus(db, `template = 'quality_mark_withdrawn'`),
        }),
        250,
      );
      const recoveryMs = Date.now() - killedAt;
      await sleep(3000);
      const t = tally(smtp, ids);
      const copies = explainDuplicates(smtp, ids, [death]);
      // Per student: the deliveries of their outbox row (one row per student).
      const got = deliveries(smtp);
      const rows = (
        await db.query(`SELECT id::text, recipient FROM outbox WHERE template = 'quality_mark_withdrawn'`)
      ).rows;
      const students = new Set(rows.map((r: { recipient: string }) => r.recipient.toLowerCase()));
      const perStudent = rows.map((r: { id: string }) => got.get(r.id) ?? 0);

      report('7', {
        students: STUDENTS,
        affected_contracts: withdrawn.body.affectedContracts,
        notified: withdrawn.body.studentsNotified ?? ids.length,
        delivered_at_kill: deliveredAtKill,
        sent: t.delivered,
        lost: t.lost,
        duplicated: t.duplicated,
        kills: 1,
        unexplained_copies: copies.unexplained.length,
        recovery_ms: recoveryMs,
        duration_ms: Date.now() - t0,
      });
      expect(ids).toHaveLength(STUDENTS);
      expect(deliveredAtKill).toBeLessThan(STUDENTS); // the kill fell inside the fan-out
      expect(t.lost).toBe(0);
      expect(students.size).toBe(STUDENTS);
      expect(perStudent.every((n: number) => n >= 1)).toBe(true);
      // A copy only where the kill fell between the server's 250 and the row marked sent (see
      // drill 1), at most one per job the killed worker had running.
      expect(copies.unexplained).toEqual([]);
      expect(copies.maxPerKill).toBeLessThanOrEqual(10);
    },
    size(300_000, 900_000),
  );
});
