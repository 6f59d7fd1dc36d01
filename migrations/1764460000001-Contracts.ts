import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts and what hangs off them: the lessons ledger, invoices, terminations with their
 * evidence, DUO refund instructions and the batches they are exported in, and the contract
 * timeline. Money is integer cents, time integer minutes; hours per week are integer hundredths
 * (2.5 hours = 250) so no float ever reaches the arithmetic. Lists are served by keyset indexes
 * that end in the sort key (created_at, id).
 */
export class Contracts1764460000001 implements MigrationInterface {
  name = 'Contracts1764460000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES schools(id),
        contract_number text NOT NULL,
        student_name text NOT NULL,
        student_email text NOT NULL,
        student_language text NOT NULL CHECK (student_language IN ('nl','en')),
        signed_on date NOT NULL,
        start_date date NOT NULL,
        planned_end_date date NOT NULL,
        course_type text NOT NULL CHECK (course_type IN ('nt2','ona','literacy')),
        education_level text NOT NULL CHECK (education_level IN ('high','middle','low','illiterate')),
        hourly_rate_cents integer NOT NULL CHECK (hourly_rate_cents >= 0),
        planned_hours integer NOT NULL CHECK (planned_hours > 0),
        hours_per_week_hundredths integer NOT NULL CHECK (hours_per_week_hundredths BETWEEN 0 AND 16800),
        funder text NOT NULL CHECK (funder IN ('duo_loan','municipality','self')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','terminated')),
        ended_on date,
        quality_mark_ground_on date,
        quality_mark_notice_id bigint,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contracts_number_per_school UNIQUE (school_id, contract_number),
        CHECK (planned_end_date >= start_date)
      )`);
    // Lists: all, by school, by status, by school and status; newest first. The school+status
    // index also serves the quality-mark fan-out (active contracts of one school).
    await q.query(`CREATE INDEX contracts_created_idx ON contracts (created_at, id)`);
    await q.query(`CREATE INDEX contracts_school_created_idx ON contracts (school_id, created_at, id)`);
    await q.query(`CREATE INDEX contracts_status_created_idx ON contracts (status, created_at, id)`);
    await q.query(
      `CREATE INDEX contracts_school_status_created_idx ON contracts (school_id, status, created_at, id)`,
    );
    // One student's contracts across schools (the quarterly invoice cap) and the student list filter.
    await q.query(
      `CREATE INDEX contracts_student_email_idx ON contracts (lower(student_email), created_at, id)`,
    );

    await q.query(`
      CREATE TABLE lessons (
        id bigserial PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        date date NOT NULL,
        minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
        mode text NOT NULL CHECK (mode IN ('classroom','online')),
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lessons_contract_date_idx ON lessons (contract_id, date, id)`);

    await q.query(`
      CREATE TABLE invoices (
        id bigserial PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        invoice_date date NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL CHECK (status IN ('paid','refused','disputed')),
        flags jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invoices_contract_date_idx ON invoices (contract_id, invoice_date, id)`);

    await q.query(`
      CREATE TABLE terminations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        ground text NOT NULL CHECK (ground IN ('notice','moved','long_illness','arbitration_vindicated','school_lost_quality_mark')),
        requested_on date NOT NULL,
        source text NOT NULL CHECK (source IN ('staff','student')),
        status text NOT NULL CHECK (status IN ('requested','approved','rejected','effective')),
        effective_date date,
        note text,
        complaint_reference text,
        complaint_id uuid REFERENCES cases(id),
        decided_by uuid REFERENCES staff_users(id),
        decided_at timestamptz,
        decision_reason text,
        quote jsonb,
        made_effective_by uuid REFERENCES staff_users(id),
        made_effective_at timestamptz,
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // At most one open termination per contract.
    await q.query(
      `CREATE UNIQUE INDEX terminations_one_open_idx ON terminations (contract_id) WHERE status IN ('requested','approved')`,
    );
    await q.query(`CREATE INDEX terminations_contract_idx ON terminations (contract_id, created_at)`);
    await q.query(`CREATE INDEX terminations_status_created_idx ON terminations (status, created_at, id)`);

    // Evidence files for weighty reasons, apart from the termination row so lists never load bytes.
    await q.query(`
      CREATE TABLE termination_evidence (
        id bigserial PRIMARY KEY,
        termination_id uuid NOT NULL REFERENCES terminations(id),
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf','image/png','image/jpeg')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES staff_users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX termination_evidence_termination_idx ON termination_evidence (termination_id, id)`,
    );

    await q.query(`
      CREATE TABLE refund_batches (
        id bigserial PRIMARY KEY,
        payer text NOT NULL CHECK (payer IN ('duo','municipality','self')),
        status text NOT NULL DEFAULT 'exported' CHECK (status IN ('exported','confirmed')),
        instruction_count integer NOT NULL,
        total_cents bigint NOT NULL,
        csv text NOT NULL,
        created_by uuid REFERENCES staff_users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid REFERENCES staff_users(id),
        confirmed_at timestamptz
      )`);
    await q.query(`CREATE INDEX refund_batches_created_idx ON refund_batches (created_at, id)`);

    await q.query(`
      CREATE TABLE refund_instructions (
        id bigserial PRIMARY KEY,
        termination_id uuid NOT NULL UNIQUE REFERENCES terminations(id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        payer text NOT NULL CHECK (payer IN ('duo','municipality','self')),
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','batched','confirmed')),
        batch_id bigint REFERENCES refund_batches(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'pending') = (batch_id IS NULL))
      )`);
    // The export claims pending instructions of one payer in id order.
    await q.query(
      `CREATE INDEX refund_instructions_pending_idx ON refund_instructions (payer, id) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX refund_instructions_batch_idx ON refund_instructions (batch_id, id)`);

    // The contract timeline, append only like case_events.
    await q.query(`
      CREATE TABLE contract_events (
        id bigserial PRIMARY KEY,
        contract_id uuid NOT NULL REFERENCES contracts(id),
        at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL CHECK (actor_type IN ('student','staff','school','system')),
        actor_id uuid,
        actor_name text,
        kind text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX contract_events_contract_idx ON contract_events (contract_id, id)`);
    await q.query(`
      CREATE FUNCTION contract_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('bow.allow_event_rewrite', true) = 'on' THEN
          RETURN COALESCE(NEW, OLD);
        END IF;
        RAISE EXCEPTION 'contract_events are append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER contract_events_append_only BEFORE UPDATE OR DELETE ON contract_events
      FOR EACH ROW EXECUTE FUNCTION contract_events_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'contract_events',
      'refund_instructions',
      'refund_batches',
      'termination_evidence',
      'terminations',
      'invoices',
      'lessons',
      'contracts',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS contract_events_append_only()`);
  }
}
