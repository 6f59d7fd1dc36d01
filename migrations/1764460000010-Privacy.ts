import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data and staff accounts: the staff read log, anonymisation after the retention period
 * (with a hold), suppressed emails (per-recipient limit), sign-in throttling, password reset
 * links, TOTP second factor with recovery codes, and a record of daily jobs.
 */
export class Privacy1764460000010 implements MigrationInterface {
  name = 'Privacy1764460000010';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_reads (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id uuid NOT NULL REFERENCES staff_users(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        route text NOT NULL
      )`);
    await q.query(`CREATE INDEX staff_reads_case_idx ON staff_reads (case_id, id)`);
    await q.query(`CREATE INDEX staff_reads_user_idx ON staff_reads (user_id, id)`);

    await q.query(
      `ALTER TABLE cases ADD COLUMN anonymised_at timestamptz, ADD COLUMN legal_hold boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `CREATE INDEX cases_retention_idx ON cases (closed_on) WHERE anonymised_at IS NULL AND closed_on IS NOT NULL`,
    );

    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending','sent','failed','suppressed'))`,
    );
    await q.query(`CREATE INDEX outbox_recipient_recent_idx ON outbox (lower(recipient), created_at)`);

    await q.query(`
      CREATE TABLE auth_throttle (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE password_resets (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      ALTER TABLE staff_users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending text,
        ADD COLUMN recovery_codes jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now()`);
    // A session of someone whose role requires a second factor they have not set up yet: it may only set it up.
    await q.query(
      `ALTER TABLE staff_sessions ADD COLUMN mfa_enrollment_required boolean NOT NULL DEFAULT false`,
    );

    await q.query(`
      CREATE TABLE maintenance_runs (
        job text NOT NULL,
        run_on date NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        PRIMARY KEY (job, run_on)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS maintenance_runs, auth_throttle, staff_reads, password_resets`);
    await q.query(`ALTER TABLE staff_sessions DROP COLUMN mfa_enrollment_required`);
    await q.query(
      `ALTER TABLE staff_users DROP COLUMN totp_secret, DROP COLUMN totp_pending, DROP COLUMN recovery_codes, DROP COLUMN password_changed_at`,
    );
    await q.query(`DROP INDEX IF EXISTS outbox_recipient_recent_idx`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending','sent','failed'))`,
    );
    await q.query(`ALTER TABLE cases DROP COLUMN anonymised_at, DROP COLUMN legal_hold`);
  }
}
