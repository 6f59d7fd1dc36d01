import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Financial records are kept seven years after a contract ended; then its personal data go. */
export class ContractRetention1764460000020 implements MigrationInterface {
  name = 'ContractRetention1764460000020';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN anonymised_at timestamptz`);
    await q.query(
      `CREATE INDEX contracts_retention_idx ON contracts (planned_end_date) WHERE anonymised_at IS NULL`,
    );
    // Evidence files may hold health data: after retention only their metadata (type, size, hash) stay.
    await q.query(
      `ALTER TABLE termination_evidence ALTER COLUMN content DROP NOT NULL, ADD COLUMN erased_at timestamptz`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE termination_evidence DROP COLUMN erased_at`);
    await q.query(`DROP INDEX contracts_retention_idx`);
    await q.query(`ALTER TABLE contracts DROP COLUMN anonymised_at`);
  }
}
