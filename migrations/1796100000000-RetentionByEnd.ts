import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts are kept seven years from their real end: the termination's effective date
 * (`ended_on`) when terminated, else the planned end. The retention index follows the query.
 */
export class RetentionByEnd1796100000000 implements MigrationInterface {
  name = 'RetentionByEnd1796100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contracts_retention_idx`);
    await q.query(
      `CREATE INDEX contracts_retention_idx ON contracts ((coalesce(ended_on, planned_end_date))) WHERE anonymised_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contracts_retention_idx`);
    await q.query(
      `CREATE INDEX contracts_retention_idx ON contracts (planned_end_date) WHERE anonymised_at IS NULL`,
    );
  }
}
