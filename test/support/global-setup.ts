import pg from 'pg';

/**
 * Runs once before the suite (outside Jest's ESM runtime, so it imports nothing of ours):
 * drops databases left by an earlier run, including the template, so that the first test file
 * migrates a fresh template (see harness.ts).
 */
export default async function globalSetup(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'bow_t_%' OR datname = 'bow_test_template'`);
    for (const row of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
