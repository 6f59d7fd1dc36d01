import pg from 'pg';

/**
 * Runs once before the suite, outside Jest's ESM runtime, so it imports nothing of ours. Names this
 * run, whose databases are `bow_t_<run>_...` (the template is migrated lazily by the first test
 * file, see harness.ts), and drops what runs older than a few hours left behind.
 *
 * A suite names its databases `bow_t_<run>_...`, `<run>` being its start time in base 36. Another
 * suite may be running beside this one (a second checkout, a developer's run next to CI), and a
 * database with no open connection may still be in use (a drill restarting its processes), so only
 * this run's databases and those of runs older than STALE_AFTER_MS are dropped.
 */
export const STALE_AFTER_MS = 6 * 3600_000;

export function runStartedAt(datname: string): number | null {
  const m = /^bow_t_([0-9a-z]{6,10})_/.exec(datname);
  if (!m) return null;
  const ms = parseInt(m[1], 36);
  return Number.isSafeInteger(ms) && ms > Date.UTC(2020, 0, 1) ? ms : null;
}

export function mayDrop(datname: string, now: number, ownRun?: string): boolean {
  if (ownRun && datname.startsWith(`bow_t_${ownRun}_`)) return true;
  const started = runStartedAt(datname);
  return started !== null && now - started > STALE_AFTER_MS;
}

export async function dropTestDatabases(adminUrl: string, now: number, ownRun?: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const all = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'bow\\_t\\_%'`,
    );
    for (const { datname } of all.rows) {
      if (!mayDrop(datname, now, ownRun)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}

/**
 * TEST_TODAY (YYYY-MM-DD) as an offset from the machine's clock: the run starts at 11:00 UTC on that
 * day (noon or 1 pm in Amsterdam), so it stays that day for the whole run.
 */
export function clockOffsetFor(testToday: string | undefined, now: number): number {
  if (!testToday) return 0;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(testToday) || Number.isNaN(Date.parse(`${testToday}T11:00:00Z`))) {
    throw new Error(`TEST_TODAY must be a date as YYYY-MM-DD, not ${JSON.stringify(testToday)}`);
  }
  return Date.parse(`${testToday}T11:00:00Z`) - now;
}

export default async function globalSetup(): Promise<void> {
  const now = Date.now();
  process.env.BOW_TEST_RUN = now.toString(36);
  process.env.BOW_TEST_TEMPLATE = `bow_t_${process.env.BOW_TEST_RUN}_template`;
  process.env.BOW_TEST_CLOCK_OFFSET_MS = String(clockOffsetFor(process.env.TEST_TODAY, now));
  await dropTestDatabases(
    process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    now,
  );
}
