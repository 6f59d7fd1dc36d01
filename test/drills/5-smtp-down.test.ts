import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { createDataSource } from '../../src/database/data-source.js';
import { OutboxRepository } from '../../src/notifications/outbox.repository.js';
import { emailJob } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { dbUrl } from '../support/env.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  insertSchool,
  one,
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
 * Drill 5: the SMTP server refuses everything (451) for most of the retry window. Every email
 * goes out after it returns, each once. An email whose attempts run out while it is still down
 * is `failed` (listed where the console lists failed emails) and, re-sent the way the console
 * does it (OutboxRepository.requeue + a new email job), arrives once.
 */
const ATTEMPTS = size(6, 8);
const BACKOFF_MS = size(250, 500);
/** BullMQ's exponential backoff: the last attempt comes this long after the first. */
const WINDOW_MS = BACKOFF_MS * (2 ** (ATTEMPTS - 1) - 1);
const FORMS = size(20, 200);

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;
let ds: DataSource | undefined;
let queue: QueueService | undefined;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('5-smtp-down'));
}, 60_000);

afterAll(async () => {
  await queue?.onModuleDestroy();
  await ds?.destroy().catch(() => undefined);
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

describe('drill 5: SMTP down for the retry window', () => {
  it(
    `delivers every email after an outage of most of the ${WINDOW_MS} ms retry window; one that runs out of attempts is failed and re-sendable`,
    async () => {
      const t0 = Date.now();
      const school = await insertSchool(db, 'drill5');
      const env = processEnv(
        { databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url },
        { EMAIL_MAX_ATTEMPTS: String(ATTEMPTS), EMAIL_BACKOFF_MS: String(BACKOFF_MS) },
      );
      const [api] = await Promise.all([procs.start('api', env), procs.start('worker', env)]);

      // Part 1: down for 60 % of the window; the forms come in at its start.
      smtp.refuse = 'Service not available, try again later';
      const downAt = Date.now();
      const forms = await Promise.all(
        Array.from({ length: FORMS }, () => submitComplaint(api.baseUrl, school.id, 'drill5')),
      );
      expect(forms.every((f) => f.status === 201)).toBe(true);
      const ids = (
        await db.query(`SELECT id::text FROM outbox WHERE recipient = ANY($1)`, [forms.map((f) => f.email)])
      ).rows.map((r: { id: string }) => r.id);
      expect(ids).toHaveLength(FORMS);
      await sleep(Math.max(0, downAt + WINDOW_MS * 0.6 - Date.now()));
      smtp.refuse = null;
      const upAt = Date.now();
      await waitUntil(
        () => tally(smtp, ids).lost === 0,
        WINDOW_MS + 30_000,
        'every email after SMTP returned',
        () => tally(smtp, ids),
        100,
      );
      const deliveredMs = Date.now() - upAt;
      await waitUntil(
        async () =>
          (
            await one(
              db,
              `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND status = 'sent'`,
              [ids],
            )
          ).n === FORMS,
        10_000,
        'every row marked sent',
      );
      const part1 = await one(
        db,
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, min(attempts)::int AS "minAttempts", max(attempts)::int AS "maxAttempts"
         FROM outbox WHERE id = ANY($1::bigint[])`,
        [ids],
      );

      // Part 2: down for longer than the window: the email is failed after its last attempt.
      smtp.refuse = 'Mailbox server down';
      const lone = await submitComplaint(api.baseUrl, school.id, 'drill5-lone');
      expect(lone.status).toBe(201);
      const { id: loneId } = await one(db, `SELECT id::text FROM outbox WHERE recipient = $1`, [lone.email]);
      await waitUntil(
        async () => (await one(db, `SELECT status FROM outbox WHERE id = $1`, [loneId])).status === 'failed',
        WINDOW_MS + 30_000,
        'the email to be failed after its last attempt',
        () => one(db, `SELECT status, attempts, last_error FROM outbox WHERE id = $1`, [loneId]),
        200,
      );
      smtp.refuse = null;
      ds = createDataSource(dbUrl(dbName), 2);
      await ds.initialize();
      const outbox = new OutboxRepository(ds);
      const failedRow = (await outbox.failed()).find((r) => r.id === loneId); // what the console's failed-email list shows
      await sleep(3000); // reconciler rounds: a failed email is not sent by itself
      const beforeResend = tally(smtp, [loneId]).delivered;

      // Re-send, as the console's button does.
      const config = loadConfig({ ...env, APP_ROLES: 'api' });
      queue = new QueueService(config, new Clock(config.clockOffsetMs));
      expect(await outbox.requeue(loneId)).toBe(true);
      expect(await queue.enqueue([emailJob(loneId)])).toBe(1);
      const resentAt = Date.now();
      await waitUntil(
        () => tally(smtp, [loneId]).delivered === 1,
        15_000,
        'the re-sent email',
        async () => outbox.find(loneId),
      );
      const resendMs = Date.now() - resentAt;
      await sleep(3000);
      const t1 = tally(smtp, ids);
      const t2 = tally(smtp, [loneId]);

      report('5', {
        retry_window_ms: WINDOW_MS,
        outage_ms: upAt - downAt,
        emails: ids.length,
        sent: t1.delivered,
        lost: t1.lost,
        duplicated: t1.duplicated,
        attempts_used: `${part1.minAttempts}-${part1.maxAttempts}`,
        delivered_after_ms: deliveredMs,
        exhausted_failed: failedRow ? 1 : 0,
        failed_attempts: failedRow?.attempts ?? '-',
        resent_delivered: t2.delivered,
        resent_duplicated: t2.duplicated,
        resend_ms: resendMs,
        duration_ms: Date.now() - t0,
      });
      expect(t1.lost).toBe(0);
      expect(t1.duplicated).toBe(0);
      expect(part1.sent).toBe(FORMS);
      expect(part1.minAttempts).toBeGreaterThan(1); // each was refused at least once
      expect(failedRow).toMatchObject({
        status: 'failed',
        attempts: ATTEMPTS,
        lastError: expect.stringContaining('Mailbox server down'),
      });
      expect(beforeResend).toBe(0);
      expect(t2.delivered).toBe(1);
      expect(t2.duplicated).toBe(0);
      expect((await outbox.find(loneId))?.status).toBe('sent');
    },
    size(120_000, 600_000),
  );
});
