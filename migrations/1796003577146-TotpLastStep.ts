import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP replay protection: the last time step (30-second counter) whose code signed a user in.
 * A code whose step is not later than this one is refused, so a code seen over someone's
 * shoulder or in a proxy log cannot be used again within its window.
 */
export class TotpLastStep1796003577146 implements MigrationInterface {
  name = 'TotpLastStep1796003577146';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_users ADD COLUMN totp_last_step bigint`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE staff_users DROP COLUMN totp_last_step`);
  }
}
