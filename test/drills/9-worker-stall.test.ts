import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { dbUrl } from '../support/env.js';
import { OwnRedis } from '../support/redis-server.js';
import { TestSmtp } from '../support/smtp.js';
import {
  insertOutbox,
  processEnv,
  Processes,
  readiness,
  report,
  startWorld,
  stopWorld,
  waitUntil,
} from './support.js';

/**
 * The worker's start-up and liveness checks on the built process:
 * - /health/ready turns 503 with worker "stalled" when jobs wait and none was processed for
 *   WORKER_STALL_SECONDS (here 3 s; 60 s by default). The stall is a real one: the only job
 *   slot (WORKER_CONCURRENCY=1) hangs on an SMTP server that takes 10 s to answer, as a hung
 *   connection would; once it answers and jobs flow again, ready is 200 again.
 * - the worker refuses to start against a Redis that may evict keys.
 */
const STALL_SECONDS = 3;
const HANG_MS = 10_000;

let procs: Processes;
let redis: OwnRedis;
let smtp: TestSmtp;
let dbName: string;
let db: pg.Pool;

beforeAll(async () => {
  ({ procs, dbName, redis, smtp, db } = await startWorld('9-worker-stall'));
}, 60_000);

afterAll(async () => {
  await stopWorld({ procs, db, smtp, redis, dbName });
}, 60_000);

describe('worker stall and start-up checks', () => {
  it(`/health/ready says 503 worker "stalled" after ${STALL_SECONDS} s without progress, and 200 once jobs flow again`, async () => {
    const t0 = Date.now();
    const ids = await insertOutbox(db, 5, 'stall');
    smtp.delayMs = HANG_MS;
    const env = processEnv(
      { databaseUrl: dbUrl(dbName), redisUrl: redis.url, smtpUrl: smtp.url },
      { WORKER_STALL_SECONDS: String(STALL_SECONDS), WORKER_CONCURRENCY: '1' },
    );
    const both = await procs.start('api,worker', env, { wait: 'listening' });
    const listeningAt = Date.now();

    let stalled: { status: number; body: any } | undefined;
    await waitUntil(
      async () => {
        const r = await readiness(both.baseUrl);
        if (r.body?.checks?.worker === 'stalled') stalled = r;
        return stalled !== undefined;
      },
      HANG_MS,
      'ready to report the worker stalled',
      () => readiness(both.baseUrl),
      250,
    );
    const stalledAt = Date.now();
    smtp.delayMs = 0; // the hung message still takes its time; the ones after it go at once
    await waitUntil(
      async () => (await readiness(both.baseUrl)).status === 200,
      HANG_MS + 15_000,
      'ready 200 again',
      () => readiness(both.baseUrl),
      250,
    );
    const readyAt = Date.now();
    await waitUntil(() => smtp.messages.length >= ids.length, 15_000, 'the waiting emails');

    report('stall', {
      stall_seconds: STALL_SECONDS,
      stalled_after_ms: stalledAt - listeningAt,
      ready_again_after_ms: readyAt - listeningAt,
      emails_after: smtp.messages.length,
      duration_ms: Date.now() - t0,
    });
    expect(stalled?.status).toBe(503);
    expect(stalled?.body).toMatchObject({
      status: 'unavailable',
      down: ['worker'],
      checks: { postgres: 'ok', redis: 'ok', worker: 'stalled' },
    });
  }, 90_000);

  it('the worker refuses a Redis that may evict keys', async () => {
    const evicting = await OwnRedis.create();
    const client = new Redis(evicting.url);
    try {
      await client.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      const env = processEnv({ databaseUrl: dbUrl(dbName), redisUrl: evicting.url, smtpUrl: smtp.url });
      const worker = await procs.start('worker', env, { wait: 'none', name: 'worker-evicting' });
      const code = await worker.exited;
      expect(code).not.toBe(0);
      expect(worker.tail(50)).toContain('maxmemory-policy is "allkeys-lru"');
    } finally {
      client.disconnect();
      await evicting.destroy();
    }
  }, 60_000);
});
