import type { DataSource } from 'typeorm';

/** Any fixed number: every process that migrates takes the same Postgres advisory lock. */
const MIGRATION_LOCK = 7_264_012_001;

/**
 * Applies pending migrations while holding a session advisory lock, so that two processes
 * starting together run them once: the second waits, then finds nothing left to do.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
