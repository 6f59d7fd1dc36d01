import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractNumberIndex1796007158521 implements MigrationInterface {
  name = 'ContractNumberIndex1796007158521';

  /** Staff look a contract up by its number (a student on the phone), across schools, newest first. */
  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX contracts_number_created_idx ON contracts (upper(contract_number), created_at, id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS contracts_number_created_idx`);
  }
}
