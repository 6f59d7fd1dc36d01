import { randomBytes } from 'node:crypto';

/** Settings shared by the tests. Postgres and Redis are the machine's own unless a test starts its own. */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * This run's id: the time global-setup.ts started, in base 36. Every database the run makes is named
 * `bow_t_<run>_...`, so the run drops its own at the end and a later run can tell how old a leftover
 * is without touching a database another suite on the same machine is using (see global-setup.ts).
 */
export const TEST_RUN = process.env.BOW_TEST_RUN ?? Date.now().toString(36);
/** This run's template database, migrated lazily by the first test file (harness.ts). */
export const TEMPLATE_DB = process.env.BOW_TEST_TEMPLATE ?? `bow_t_${TEST_RUN}_template`;

/**
 * How far the clock of this run is shifted: `TEST_TODAY=2026-12-24 npm run test:all` runs the suite
 * as if it were that day (global-setup.ts turns the day into this offset, once, so that the test
 * code, the app under test and every process a drill starts agree). 0 without TEST_TODAY.
 */
export const CLOCK_OFFSET_MS = Number(process.env.BOW_TEST_CLOCK_OFFSET_MS ?? 0);

/** SQL for this run's "now", for tests that move a row's time (a reminder due two minutes ago). */
export const SQL_NOW = `(now() + interval '${CLOCK_OFFSET_MS} milliseconds')`;

/** A database name of this run, e.g. `bow_t_mi3x0k2a_empty_4f2a`. */
export function testDbName(tag = 'db'): string {
  return `bow_t_${TEST_RUN}_${tag}_${randomBytes(4).toString('hex')}`;
}

export function dbUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
