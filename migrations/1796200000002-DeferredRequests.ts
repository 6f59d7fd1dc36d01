import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public requests handled after the answer (password reset, a new private link), so that the
 * answer takes the same time whether or not the address is on file. Rows live for seconds.
 */
export class DeferredRequests1796200000002 implements MigrationInterface {
  name = 'DeferredRequests1796200000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deferred_requests (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('password_reset', 'case_link')),
        email text NOT NULL,
        reference text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS deferred_requests`);
  }
}
