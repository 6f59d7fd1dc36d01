import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case counts per type, status, school and open/closed, kept by triggers in the same
 * transaction as every insert, change and delete of a case, so the console's start page reads a
 * few thousand rows instead of counting a million cases.
 *
 * Statement-level triggers with transition tables: one upsert per statement, whatever the number
 * of rows; keys whose count does not change (an update of a deadline, a note) write nothing. The
 * rows are upserted in key order, so two transactions that each change one case cannot deadlock.
 */
export class CaseCounts1764460000900 implements MigrationInterface {
  name = 'CaseCounts1764460000900';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_counts (
        type text NOT NULL,
        status text NOT NULL,
        school_id uuid,
        open boolean NOT NULL,
        n bigint NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_counts_key ON case_counts (type, status, (coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid)), open)`,
    );
    await q.query(`CREATE INDEX case_counts_school_idx ON case_counts (school_id) WHERE open`);
    const apply = (rows: string) => `
      INSERT INTO case_counts AS t (type, status, school_id, open, n)
      SELECT type, status, school_id, open, sum(d) FROM (${rows}) x
      GROUP BY type, status, school_id, open HAVING sum(d) <> 0
      ORDER BY type, status, coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid), open
      ON CONFLICT (type, status, (coalesce(school_id, '00000000-0000-0000-0000-000000000000'::uuid)), open)
      DO UPDATE SET n = t.n + EXCLUDED.n`;
    const plus = `SELECT type, status, school_id, open, 1::bigint AS d FROM new_rows`;
    const minus = `SELECT type, status, school_id, open, -1::bigint AS d FROM old_rows`;
    for (const [op, rows, referencing] of [
      ['insert', plus, 'NEW TABLE AS new_rows'],
      ['update', `${plus} UNION ALL ${minus}`, 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['delete', minus, 'OLD TABLE AS old_rows'],
    ] as const) {
      await q.query(`
        CREATE FUNCTION case_counts_after_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${apply(rows)};
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER case_counts_${op} AFTER ${op.toUpperCase()} ON cases
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION case_counts_after_${op}()`);
    }
    // Writers wait while the counts are filled, so none is missed or counted twice.
    await q.query(`LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      INSERT INTO case_counts (type, status, school_id, open, n)
      SELECT type, status, school_id, open, count(*) FROM cases GROUP BY type, status, school_id, open`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER IF EXISTS case_counts_${op} ON cases`);
      await q.query(`DROP FUNCTION IF EXISTS case_counts_after_${op}()`);
    }
    await q.query(`DROP TABLE IF EXISTS case_counts`);
  }
}
