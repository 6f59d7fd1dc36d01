import pg from 'pg';

/**
 * Runs once before the suite (outside Jest's ESM runtime, so it imports nothing of ours).
 * Names this run's template database (migrated lazily by the first test file, see harness.ts),
 * and drops databases that earlier runs left behind and nobody is connected to.
 */
export default async function globalSetup(): Promise<void> {
  process.env.BOW_TEST_TEMPLATE = `bow_tpl_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({
    connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    const old = await admin.query(
      `SELECT datname FROM pg_database d
       WHERE (datname LIKE 'bow\\_t\\_%' OR datname LIKE 'bow\\_tpl\\_%' OR datname = 'bow_test_template')
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const row of old.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined);
  } finally {
    await admin.end();
  }
}
