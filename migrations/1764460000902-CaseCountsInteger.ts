import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_counts.n` as an integer: the start page sums a few thousand of them, and the sum of
 * bigints is numeric, several times slower than the sum of integers (a bigint).
 */
export class CaseCountsInteger1764460000902 implements MigrationInterface {
  name = 'CaseCountsInteger1764460000902';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_counts ALTER COLUMN n TYPE integer`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_counts ALTER COLUMN n TYPE bigint`);
  }
}
