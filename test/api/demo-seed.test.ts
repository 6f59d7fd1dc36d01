import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { CLOCK_OFFSET_MS, dbUrl, REDIS_URL } from '../support/env.js';
import { createTestDatabase, dropTestDatabase } from '../support/harness.js';
import { TestSmtp } from '../support/smtp.js';

/**
 * The quick start's demo data (`npm run demo` runs dist/scripts/seed-demo.js): loads on an empty,
 * migrated database through the real services, covers every kind of case, and a second run
 * changes nothing.
 */
const SEED = 'dist/scripts/seed-demo.js';
let db = '';
let smtp: TestSmtp;

beforeAll(async () => {
  [db, smtp] = await Promise.all([createTestDatabase(), new TestSmtp().start()]);
}, 60_000);
afterAll(async () => {
  await smtp?.stop();
  if (db) await dropTestDatabase(db);
});

function seed() {
  if (!existsSync(SEED)) throw new Error('run `npm run build` first (scripts/test-all.sh does)');
  return spawnSync(process.execPath, [SEED], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'development',
      TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS),
      DATABASE_URL: dbUrl(db),
      REDIS_URL,
      QUEUE_PREFIX: `demo${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtp.url,
      APP_URL: 'http://localhost:3999',
    },
  });
}

async function counts() {
  const client = new pg.Client({ connectionString: dbUrl(db) });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query(sql)).rows[0].n as number;
    return {
      complaints: await one(`SELECT count(*)::int AS n FROM cases WHERE type = 'complaint'`),
      complaintStatuses: await one(
        `SELECT count(DISTINCT status)::int AS n FROM cases WHERE type = 'complaint'`,
      ),
      digidReports: await one(`SELECT count(*)::int AS n FROM cases WHERE type = 'digid_report'`),
      contracts: await one(`SELECT count(*)::int AS n FROM contracts`),
      terminated: await one(`SELECT count(*)::int AS n FROM contracts WHERE status = 'terminated'`),
      waitingTerminations: await one(
        `SELECT count(*)::int AS n FROM terminations WHERE status = 'requested'`,
      ),
      pendingRefunds: await one(
        `SELECT count(*)::int AS n FROM refund_instructions WHERE status = 'pending' AND amount_cents > 0`,
      ),
      staff: await one(`SELECT count(*)::int AS n FROM staff_users`),
    };
  } finally {
    await client.end();
  }
}

describe('the demo data', () => {
  it('loads every kind of case and a contract in each state, once', async () => {
    const first = seed();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('demo data loaded');
    const loaded = await counts();
    expect(loaded).toEqual({
      complaints: 11,
      complaintStatuses: 10,
      digidReports: 2,
      contracts: 3,
      terminated: 1,
      waitingTerminations: 1,
      pendingRefunds: 1,
      staff: 5,
    });
    const again = seed();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('demo data already loaded');
    expect(await counts()).toEqual(loaded);
  }, 240_000);
});
