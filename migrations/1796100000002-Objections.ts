import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objections (bezwaar) against a complaint's decision: received on, lodged by (student or school),
 * recorded by (staff), decided on, outcome (upheld, rejected, withdrawn). At most one open per
 * case. Retention skips a case while one is open (a query on decided_on IS NULL, not legal_hold,
 * so deciding the objection releases the case without a second write). Notes are free text:
 * retention empties them with the case.
 */
export class Objections1796100000002 implements MigrationInterface {
  name = 'Objections1796100000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_objections (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        received_on date NOT NULL,
        lodged_by text NOT NULL CHECK (lodged_by IN ('student','school')),
        note text,
        recorded_by uuid NOT NULL REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_on date,
        outcome text CHECK (outcome IN ('upheld','rejected','withdrawn')),
        decision_note text,
        decided_by uuid REFERENCES staff_users(id),
        decided_at timestamptz,
        CHECK ((decided_on IS NULL) = (outcome IS NULL)),
        CHECK (decided_on IS NULL OR decided_on >= received_on)
      )`);
    await q.query(`CREATE INDEX case_objections_case_idx ON case_objections (case_id, id)`);
    await q.query(
      `CREATE UNIQUE INDEX case_objections_one_open_idx ON case_objections (case_id) WHERE decided_on IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_objections`);
  }
}
