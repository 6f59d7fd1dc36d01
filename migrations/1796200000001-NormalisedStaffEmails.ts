import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseEmail } from '../src/common/validation.js';

/**
 * Staff email addresses are stored in their one normalised form (NFKC, then lower-cased:
 * `normaliseEmail`), so the sign-in look-up, the throttle key and the unique index all compare
 * the same string. Before, the look-up used Postgres' lower() and the throttle JavaScript's.
 */
export class NormalisedStaffEmails1796200000001 implements MigrationInterface {
  name = 'NormalisedStaffEmails1796200000001';

  public async up(q: QueryRunner): Promise<void> {
    const rows: { id: string; email: string }[] = await q.query(
      `SELECT id, email FROM staff_users ORDER BY created_at, id`,
    );
    const taken = new Set(rows.map((r) => r.email));
    for (const r of rows) {
      const normal = normaliseEmail(r.email);
      if (normal === r.email) continue;
      // Two accounts whose addresses only differed in a way normalising removes: the older one
      // keeps the address, the other stays as it was (it cannot sign in; an admin merges them).
      if (taken.has(normal)) continue;
      await q.query(`UPDATE staff_users SET email = $2 WHERE id = $1`, [r.id, normal]);
      taken.delete(r.email);
      taken.add(normal);
    }
    await q.query(`DROP INDEX IF EXISTS staff_users_email_idx`);
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS staff_users_email_key ON staff_users (email)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS staff_users_email_key`);
    await q.query(`CREATE UNIQUE INDEX IF NOT EXISTS staff_users_email_idx ON staff_users (lower(email))`);
  }
}
