import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seed's list of weighty reasons is open: `other_weighty_reason` joins the grounds, with its
 * written justification (free text: retention empties it with the note).
 */
export class OtherWeightyReason1796100000001 implements MigrationInterface {
  name = 'OtherWeightyReason1796100000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE terminations DROP CONSTRAINT terminations_ground_check`);
    await q.query(
      `ALTER TABLE terminations ADD CONSTRAINT terminations_ground_check CHECK (ground IN ('notice','moved','long_illness','arbitration_vindicated','other_weighty_reason','school_lost_quality_mark'))`,
    );
    await q.query(`ALTER TABLE terminations ADD COLUMN justification text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE terminations DROP COLUMN justification`);
    await q.query(`ALTER TABLE terminations DROP CONSTRAINT terminations_ground_check`);
    await q.query(
      `ALTER TABLE terminations ADD CONSTRAINT terminations_ground_check CHECK (ground IN ('notice','moved','long_illness','arbitration_vindicated','school_lost_quality_mark'))`,
    );
  }
}
