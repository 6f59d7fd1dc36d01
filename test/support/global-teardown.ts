import pg from 'pg';

/** Drops this run's template database. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.BOW_TEST_TEMPLATE;
  if (!name) return;
  const admin = new pg.Client({
    connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
