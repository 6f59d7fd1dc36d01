import pg from 'pg';

/** Drops every database this run made (the template, and any a failed test left). Imports nothing of ours. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.BOW_TEST_RUN;
  if (!run) return;
  const admin = new pg.Client({
    connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    const own = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`bow\\_t\\_${run}\\_%`],
    );
    for (const { datname } of own.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
