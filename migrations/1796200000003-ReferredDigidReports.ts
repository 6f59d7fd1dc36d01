import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DigiD reports that staff referred to Logius before 2026-12 were stored as `closed` with outcome
 * `referred`; a referral now has status `referred`, from which staff may reopen a misclassified
 * report as one about the school. Those earlier referrals get the same status.
 */
export class ReferredDigidReports1796200000003 implements MigrationInterface {
  name = 'ReferredDigidReports1796200000003';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE cases SET status = 'referred' WHERE type = 'digid_report' AND status = 'closed' AND outcome = 'referred'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE cases SET status = 'closed' WHERE type = 'digid_report' AND status = 'referred' AND outcome = 'referred'`,
    );
  }
}
