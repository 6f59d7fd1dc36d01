import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: schools, staff and sessions, cases (complaints), their timeline,
 * deadlines with reminders, the email outbox, private access links and the calendar's
 * extra closed days. Lists are served by keyset indexes on (filter, next_due_on, id).
 */
export class Initial1764460000000 implements MigrationInterface {
  name = 'Initial1764460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE schools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        city text NOT NULL,
        complaints_email text NOT NULL,
        quality_mark text NOT NULL CHECK (quality_mark IN ('aspirant','keurmerk','suspended','withdrawn')),
        complaints_regulation_url text,
        regulation_checked_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX schools_name_idx ON schools (lower(name), id)`);
    await q.query(`
      CREATE TABLE quality_mark_history (
        id bigserial PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools(id),
        status text NOT NULL CHECK (status IN ('aspirant','keurmerk','suspended','withdrawn')),
        effective_on date NOT NULL,
        reason text NOT NULL,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX quality_mark_history_school_idx ON quality_mark_history (school_id, effective_on)`,
    );

    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl','en')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_idx ON staff_users (lower(email))`);
    await q.query(`
      CREATE TABLE staff_sessions (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id)`);

    await q.query(`
      CREATE TABLE reference_counters (
        prefix text NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (prefix, year)
      )`);

    // One table for every case type, so one list, one search and one index set serve them all.
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('complaint','digid_report')),
        reference text NOT NULL UNIQUE,
        status text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('web','phone','email','letter')),
        received_on date NOT NULL,
        school_id uuid REFERENCES schools(id),
        assignee_id uuid REFERENCES staff_users(id),
        student_name text NOT NULL,
        student_email text NOT NULL,
        student_phone text,
        student_language text NOT NULL CHECK (student_language IN ('nl','en')),
        subject text NOT NULL,
        description text NOT NULL,
        desired_outcome text,
        needs_help_filing boolean NOT NULL DEFAULT false,
        filed_with_school_on date,
        school_deadline date,
        school_final_answer_on date,
        school_refused boolean NOT NULL DEFAULT false,
        escalated_on date,
        escalation_basis text,
        escalation_reason text,
        acknowledged_on date,
        paused_since date,
        pause_reason text,
        paused_days integer NOT NULL DEFAULT 0,
        extension_weeks integer NOT NULL DEFAULT 0,
        extension_reason text,
        outcome text,
        decided_on date,
        decision_summary text,
        arbitration_body text,
        arbitration_referred_on date,
        arbitration_outcome text,
        arbitration_outcome_on date,
        closed_on date,
        next_due_on date NOT NULL DEFAULT '9999-12-31',
        open boolean NOT NULL DEFAULT true,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', coalesce(reference,'') || ' ' || coalesce(subject,'')), 'A') ||
          setweight(to_tsvector('simple', coalesce(description,'')), 'B')
        ) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_due_idx ON cases (next_due_on, id)`);
    await q.query(`CREATE INDEX cases_status_due_idx ON cases (status, next_due_on, id)`);
    await q.query(`CREATE INDEX cases_assignee_due_idx ON cases (assignee_id, next_due_on, id)`);
    await q.query(`CREATE INDEX cases_school_due_idx ON cases (school_id, next_due_on, id)`);
    await q.query(`CREATE INDEX cases_type_due_idx ON cases (type, next_due_on, id)`);
    await q.query(`CREATE INDEX cases_search_idx ON cases USING gin (search)`);
    await q.query(`CREATE INDEX cases_student_email_idx ON cases (lower(student_email))`);

    // The timeline: append only. Updates and deletes are refused by a trigger.
    await q.query(`
      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL CHECK (actor_type IN ('student','staff','school','system')),
        actor_id uuid,
        actor_name text,
        kind text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('student','internal')),
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, id)`);
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('bow.allow_event_rewrite', true) = 'on' THEN
          RETURN COALESCE(NEW, OLD);
        END IF;
        RAISE EXCEPTION 'case_events are append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);

    await q.query(`
      CREATE TABLE deadlines (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        due_on date NOT NULL,
        explanation jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('running','paused','met','breached','cancelled')),
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, kind)
      )`);
    await q.query(
      `CREATE INDEX deadlines_open_due_idx ON deadlines (due_on) WHERE status IN ('running','paused')`,
    );

    await q.query(`
      CREATE TABLE reminders (
        id bigserial PRIMARY KEY,
        deadline_id bigint NOT NULL REFERENCES deadlines(id),
        kind text NOT NULL,
        fire_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','sent','skipped','cancelled')),
        sent_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        UNIQUE (deadline_id, kind)
      )`);
    await q.query(`CREATE INDEX reminders_pending_idx ON reminders (fire_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        case_id uuid REFERENCES cases(id),
        template text NOT NULL,
        language text NOT NULL CHECK (language IN ('nl','en')),
        recipient text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        secret text,
        status text NOT NULL CHECK (status IN ('pending','sent','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_failed_idx ON outbox (id) WHERE status = 'failed'`);
    await q.query(`CREATE INDEX outbox_case_idx ON outbox (case_id, id)`);

    await q.query(`
      CREATE TABLE access_links (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        purpose text NOT NULL CHECK (purpose IN ('student','school')),
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX access_links_case_idx ON access_links (case_id)`);

    await q.query(`
      CREATE TABLE closed_days (
        date date PRIMARY KEY,
        reason text NOT NULL,
        reason_nl text NOT NULL,
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        subject text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit_log',
      'closed_days',
      'access_links',
      'outbox',
      'reminders',
      'deadlines',
      'case_events',
      'cases',
      'reference_counters',
      'staff_sessions',
      'staff_users',
      'quality_mark_history',
      'schools',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS case_events_append_only()`);
  }
}
