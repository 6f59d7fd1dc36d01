import type { MigrationInterface, QueryRunner } from 'typeorm';

const NO_SCHOOL = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Measured at a million cases (docs/performance.md):
 * - a jurist's own cases in one status, by deadline (the console's "open work" list) took 30 ms
 *   through a bitmap AND of the status and assignee indexes; this index serves it in order;
 * - the start page summed `case_counts` (type × status × school × open: 9,000 rows at 1M) twice.
 *   The counts are now kept at the two grains the page reads: per status (spread over eight
 *   stripes by school, so concurrent intake for different schools does not queue on one row;
 *   about 100 rows) and per school (open and closed; one row each). Same triggers, same
 *   transaction, each table upserted in key order, by-status before by-school, so two
 *   transactions cannot deadlock.
 */
export class ListAndCounts1764460000903 implements MigrationInterface {
  name = 'ListAndCounts1764460000903';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS cases_assignee_status_due_idx ON cases (assignee_id, status, next_due_on, id)`,
    );

    await q.query(`
      CREATE TABLE case_counts_by_status (
        type text NOT NULL,
        status text NOT NULL,
        open boolean NOT NULL,
        stripe smallint NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (type, status, open, stripe)
      )`);
    await q.query(`
      CREATE TABLE case_counts_by_school (
        school_id uuid NOT NULL,
        open boolean NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (school_id, open)
      )`);
    const stripe = `(hashtext(coalesce(school_id, ${NO_SCHOOL})::text) & 7)::smallint`;
    const apply = (rows: string) => `
      INSERT INTO case_counts_by_status AS t (type, status, open, stripe, n)
      SELECT type, status, open, ${stripe}, sum(d)::int FROM (${rows}) x
      GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (type, status, open, stripe) DO UPDATE SET n = t.n + EXCLUDED.n;
      INSERT INTO case_counts_by_school AS t (school_id, open, n)
      SELECT school_id, open, sum(d)::int FROM (${rows}) x WHERE school_id IS NOT NULL
      GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
      ON CONFLICT (school_id, open) DO UPDATE SET n = t.n + EXCLUDED.n`;
    const plus = `SELECT type, status, school_id, open, 1 AS d FROM new_rows`;
    const minus = `SELECT type, status, school_id, open, -1 AS d FROM old_rows`;
    // The trigger functions of 1764460000900-CaseCounts, now writing the two tables.
    for (const [op, rows] of [
      ['insert', plus],
      ['update', `${plus} UNION ALL ${minus}`],
      ['delete', minus],
    ] as const) {
      await q.query(`
        CREATE OR REPLACE FUNCTION case_counts_after_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${apply(rows)};
          RETURN NULL;
        END $$`);
    }
    await q.query(`LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      INSERT INTO case_counts_by_status (type, status, open, stripe, n)
      SELECT type, status, open, ${stripe}, count(*) FROM cases GROUP BY 1, 2, 3, 4`);
    await q.query(`
      INSERT INTO case_counts_by_school (school_id, open, n)
      SELECT school_id, open, count(*) FROM cases WHERE school_id IS NOT NULL GROUP BY 1, 2`);
    await q.query(`DROP TABLE case_counts`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_counts (type text NOT NULL, status text NOT NULL, school_id uuid, open boolean NOT NULL, n bigint NOT NULL)`);
    await q.query(
      `CREATE UNIQUE INDEX case_counts_key ON case_counts (type, status, (coalesce(school_id, ${NO_SCHOOL})), open)`,
    );
    await q.query(`CREATE INDEX case_counts_school_idx ON case_counts (school_id) WHERE open`);
    const apply = (rows: string) => `
      INSERT INTO case_counts AS t (type, status, school_id, open, n)
      SELECT type, status, school_id, open, sum(d) FROM (${rows}) x
      GROUP BY type, status, school_id, open HAVING sum(d) <> 0
      ORDER BY type, status, coalesce(school_id, ${NO_SCHOOL}), open
      ON CONFLICT (type, status, (coalesce(school_id, ${NO_SCHOOL})), open) DO UPDATE SET n = t.n + EXCLUDED.n`;
    const plus = `SELECT type, status, school_id, open, 1::bigint AS d FROM new_rows`;
    const minus = `SELECT type, status, school_id, open, -1::bigint AS d FROM old_rows`;
    for (const [op, rows] of [
      ['insert', plus],
      ['update', `${plus} UNION ALL ${minus}`],
      ['delete', minus],
    ] as const) {
      await q.query(`
        CREATE OR REPLACE FUNCTION case_counts_after_${op}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${apply(rows)};
          RETURN NULL;
        END $$`);
    }
    await q.query(`LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`
      INSERT INTO case_counts (type, status, school_id, open, n)
      SELECT type, status, school_id, open, count(*) FROM cases GROUP BY type, status, school_id, open`);
    await q.query(`DROP TABLE case_counts_by_status`);
    await q.query(`DROP TABLE case_counts_by_school`);
    await q.query(`DROP INDEX IF EXISTS cases_assignee_status_due_idx`);
  }
}
