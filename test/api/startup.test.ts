import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createDataSource } from '../../src/database/data-source.js';
import { migrateWithLock } from '../../src/database/migrate.js';
import { preflight } from '../../src/preflight.js';
import { assertNoEviction } from '../../src/queue/worker.service.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { dbUrl, PG_ADMIN_URL, REDIS_URL, testDbName } from '../support/env.js';
import { dropTestDatabase } from '../support/harness.js';
import { freePort, OwnRedis } from '../support/redis-server.js';
import pg from 'pg';

/** What happens at start: migrations under a lock, clear failures, and the eviction check. */
const EMPTY_DB = testDbName('empty');

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${EMPTY_DB}`);
  await admin.end();
});
afterAll(async () => {
  await dropTestDatabase(EMPTY_DB);
});

describe('migrations', () => {
  it('are applied once when two processes start together', async () => {
    const a = createDataSource(dbUrl(EMPTY_DB), 3);
    const b = createDataSource(dbUrl(EMPTY_DB), 3);
    await Promise.all([a.initialize(), b.initialize()]);
    const [ra, rb] = await Promise.all([migrateWithLock(a), migrateWithLock(b)]);
    expect([...ra, ...rb].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    const rows = await a.query('SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(await a.showMigrations()).toBe(false);
    await Promise.all([a.destroy(), b.destroy()]);
  });
});

describe('preflight', () => {
  it('names the URL that failed and how to start it', async () => {
    const port = await freePort();
    const pgMsg = await preflight(`postgres://postgres:secret@127.0.0.1:${port}/x`, REDIS_URL);
    expect(pgMsg).toMatch(
      new RegExp(
        `^Cannot reach Postgres at postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:${port}/x .*Start it`,
      ),
    );
    expect(pgMsg).not.toContain('secret');
    const redisMsg = await preflight(dbUrl(EMPTY_DB), `redis://127.0.0.1:${port}`);
    expect(redisMsg).toMatch(new RegExp(`^Cannot reach Redis at redis://127\\.0\\.0\\.1:${port}.*Start it`));
    expect(await preflight(dbUrl(EMPTY_DB), REDIS_URL)).toBeNull();
  });
});

describe('the worker and Redis eviction', () => {
  it('refuses a Redis that may evict keys', async () => {
    const own = await OwnRedis.create();
    const client = new Redis(own.url);
    try {
      await expect(assertNoEviction(client)).resolves.toBeUndefined();
      await client.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(assertNoEviction(client)).rejects.toThrow(/maxmemory-policy is "allkeys-lru"/);
    } finally {
      client.disconnect();
      await own.destroy();
    }
  });
});

describe('the built process', () => {
  const main = 'dist/src/main.js';
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('stops with one line naming a bad or missing setting', () => {
    if (!existsSync(main)) throw new Error('run `npm run build` first (scripts/test-all.sh does)');
    const bad = run({ PORT: 'eighty' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('Setting PORT is invalid: Invalid input: expected number, received NaN');
    const missing = run({ NODE_ENV: 'production' });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^Setting \w+ is missing/);
  });

  it('stops naming the unreachable Postgres', async () => {
    const port = await freePort();
    const r = run({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/bow`, REDIS_URL });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`Cannot reach Postgres at postgres://postgres@127.0.0.1:${port}/bow`);
  });
});
