import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The start page's "missed school deadlines per school" reads a one-year window through this index. */
export class StartPageIndexes1764460002000 implements MigrationInterface {
  name = 'StartPageIndexes1764460002000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX deadlines_kind_due_idx ON deadlines (kind, due_on) WHERE status IN ('breached','running','paused')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_kind_due_idx`);
  }
}
