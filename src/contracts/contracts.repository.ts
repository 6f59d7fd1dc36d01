import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/actors.js';
import { decodeCursor, keysetPage, TIMESTAMP_KEY } from '../database/keyset.js';
import { Filters, sql, type Queryable } from '../database/sql.js';
import type { ListContractsQuery } from './contracts.dto.js';
import type { CourseType, Invoice, Lesson } from './contracts.rules.js';
import type { Funder } from './terminations.rules.js';

export interface NewContract {
  schoolId: string;
  contractNumber: string;
  studentName: string;
  studentEmail: string;
  studentLanguage: 'nl' | 'en';
  signedOn: string;
  startDate: string;
  plannedEndDate: string;
  courseType: CourseType;
  educationLevel: string;
  hourlyRateCents: number;
  plannedHours: number;
  hoursPerWeekHundredths: number;
  funder: Funder;
  createdBy: string | null;
}

export interface ContractRow extends Omit<NewContract, 'createdBy'> {
  id: string;
  schoolName: string;
  schoolEmail: string;
  status: 'active' | 'terminated';
  endedOn: string | null;
  qualityMarkGroundOn: string | null;
  qualityMarkNoticeId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface InvoiceRow extends Invoice {
  id: string;
  flags: unknown[];
  createdAt: Date;
}

export interface ContractListItem {
  id: string;
  schoolId: string;
  schoolName: string;
  contractNumber: string;
  studentName: string;
  status: string;
  courseType: string;
  funder: string;
  startDate: string;
  plannedEndDate: string;
  endedOn: string | null;
  qualityMarkGroundOn: string | null;
  createdAt: Date;
}

export interface ContractEvent {
  id: string;
  at: Date;
  actorType: AuditActor['type'];
  actorName: string | null;
  kind: string;
  data: Record<string, unknown>;
}

const d = (col: string, as: string) => `to_char(c.${col}, 'YYYY-MM-DD') AS "${as}"`;
const COLUMNS = [
  'c.id',
  'c.school_id AS "schoolId"',
  's.name AS "schoolName"',
  's.complaints_email AS "schoolEmail"',
  'c.contract_number AS "contractNumber"',
  'c.student_name AS "studentName"',
  'c.student_email AS "studentEmail"',
  'c.student_language AS "studentLanguage"',
  d('signed_on', 'signedOn'),
  d('start_date', 'startDate'),
  d('planned_end_date', 'plannedEndDate'),
  'c.course_type AS "courseType"',
  'c.education_level AS "educationLevel"',
  'c.hourly_rate_cents AS "hourlyRateCents"',
  'c.planned_hours AS "plannedHours"',
  'c.hours_per_week_hundredths AS "hoursPerWeekHundredths"',
  'c.funder',
  'c.status',
  d('ended_on', 'endedOn'),
  d('quality_mark_ground_on', 'qualityMarkGroundOn'),
  'c.quality_mark_notice_id::text AS "qualityMarkNoticeId"',
  'c.version',
  'c.created_at AS "createdAt"',
  'c.updated_at AS "updatedAt"',
].join(', ');
const FROM = 'FROM contracts c JOIN schools s ON s.id = c.school_id';

/** Postgres' unique violation of the contract number per school. */
export function isDuplicateContractNumber(e: unknown): boolean {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = err.code ?? err.driverError?.code;
  const constraint = err.constraint ?? err.driverError?.constraint;
  return code === '23505' && constraint === 'contracts_number_per_school';
}

/** Contracts, their lessons ledger, invoices and timeline. Thin: SQL only, no rules. */
@Injectable()
export class ContractsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts all contracts in one statement; returns their ids in the order given. */
  async insertMany(m: EntityManager, rows: readonly NewContract[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof NewContract>(k: K) => rows.map((r) => r[k]);
    const inserted = await m.query(
      `INSERT INTO contracts (school_id, contract_number, student_name, student_email, student_language, signed_on, start_date,
         planned_end_date, course_type, education_level, hourly_rate_cents, planned_hours, hours_per_week_hundredths, funder, created_by)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::date[], $9::text[],
         $10::text[], $11::int[], $12::int[], $13::int[], $14::text[], $15::uuid[])
       RETURNING id, school_id AS "schoolId", contract_number AS "contractNumber"`,
      [
        col('schoolId'),
        col('contractNumber'),
        col('studentName'),
        col('studentEmail'),
        col('studentLanguage'),
        col('signedOn'),
        col('startDate'),
        col('plannedEndDate'),
        col('courseType'),
        col('educationLevel'),
        col('hourlyRateCents'),
        col('plannedHours'),
        col('hoursPerWeekHundredths'),
        col('funder'),
        col('createdBy'),
      ],
    );
    const byKey = new Map<string, string>(
      (inserted as { id: string; schoolId: string; contractNumber: string }[]).map((r) => [
        `${r.schoolId}|${r.contractNumber}`,
        r.id,
      ]),
    );
    return rows.map((r) => byKey.get(`${r.schoolId}|${r.contractNumber}`)!);
  }

  /** Which of these (school, contract number) pairs exist already. */
  async existingNumbers(
    m: Queryable,
    pairs: readonly { schoolId: string; contractNumber: string }[],
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { key: string }[] = await m.query(
      `SELECT c.school_id || '|' || c.contract_number AS key FROM contracts c
       JOIN unnest($1::uuid[], $2::text[]) AS p(school_id, contract_number)
         ON p.school_id = c.school_id AND p.contract_number = c.contract_number`,
      [pairs.map((p) => p.schoolId), pairs.map((p) => p.contractNumber)],
    );
    return new Set(rows.map((r) => r.key));
  }

  async find(
    id: string,
    m: Queryable = this.db,
    opts: { forUpdate?: boolean } = {},
  ): Promise<ContractRow | null> {
    const rows = await m.query(
      `SELECT ${COLUMNS} ${FROM} WHERE c.id = $1 ${opts.forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByNumber(
    schoolId: string,
    contractNumber: string,
    m: Queryable = this.db,
  ): Promise<ContractRow | null> {
    const rows = await m.query(
      `SELECT ${COLUMNS} ${FROM} WHERE c.school_id = $1 AND c.contract_number = $2`,
      [schoolId, contractNumber],
    );
    return rows[0] ?? null;
  }

  /** Newest first, keyset pages over (created_at, id); each filter has an index ending in that key. */
  async list(q: ListContractsQuery): Promise<{ items: ContractListItem[]; nextCursor: string | null }> {
    const f = new Filters();
    if (q.schoolId) f.add((p) => `c.school_id = ${p}`, q.schoolId);
    if (q.status) f.add((p) => `c.status = ${p}`, q.status);
    if (q.studentEmail) f.add((p) => `lower(c.student_email) = lower(${p})`, q.studentEmail);
    if (q.contractNumber) f.add((p) => `upper(c.contract_number) = upper(${p})`, q.contractNumber);
    const cursor = decodeCursor(q.cursor, TIMESTAMP_KEY);
    if (cursor) {
      f.raw(
        `(c.created_at, c.id) < ((${f.param(cursor.key)}::timestamp AT TIME ZONE 'UTC'), ${f.param(cursor.id)}::uuid)`,
      );
    }
    const rows: (ContractListItem & { sortKey: string })[] = await this.db.query(
      `SELECT c.id, c.school_id AS "schoolId", s.name AS "schoolName", c.contract_number AS "contractNumber",
         c.student_name AS "studentName", c.status, c.course_type AS "courseType", c.funder,
         ${d('start_date', 'startDate')}, ${d('planned_end_date', 'plannedEndDate')}, ${d('ended_on', 'endedOn')},
         ${d('quality_mark_ground_on', 'qualityMarkGroundOn')}, c.created_at AS "createdAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "sortKey"
       ${FROM} ${f.where}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${f.param(q.limit + 1)}`,
      f.params,
    );
    return keysetPage(rows, q.limit);
  }

  /** Optimistic locking on the contract row: false when someone else changed it first. */
  async markTerminated(m: EntityManager, id: string, version: number, endedOn: string): Promise<boolean> {
    const rows = await sql(
      m,
      `UPDATE contracts SET status = 'terminated', ended_on = $3, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 AND status = 'active' RETURNING id`,
      [id, version, endedOn],
    );
    return rows.length === 1;
  }

  // ------------------------------------------------------------ quality mark

  /**
   * Gives the quality-mark ground to up to `limit` contracts of the school that are active on
   * `date` (signed on or before it, planned end on or after it, not terminated) and do not have
   * it yet. Called until it returns fewer than `limit`: rows it changed no longer match, so each
   * call takes the next batch. Returns what the notice email needs.
   */
  async grantQualityMarkGround(
    m: EntityManager,
    schoolId: string,
    date: string,
    limit: number,
  ): Promise<
    {
      id: string;
      contractNumber: string;
      studentName: string;
      studentEmail: string;
      studentLanguage: 'nl' | 'en';
      funder: Funder;
    }[]
  > {
    return sql(
      m,
      `UPDATE contracts c SET quality_mark_ground_on = $2, version = version + 1, updated_at = now()
       WHERE c.id IN (
         SELECT id FROM contracts
         WHERE school_id = $1 AND status = 'active' AND signed_on <= $2 AND planned_end_date >= $2
           AND quality_mark_ground_on IS NULL
         ORDER BY id LIMIT $3 FOR UPDATE)
       RETURNING c.id, c.contract_number AS "contractNumber", c.student_name AS "studentName", c.student_email AS "studentEmail",
         c.student_language AS "studentLanguage", c.funder`,
      [schoolId, date, limit],
    );
  }

  /** Contracts of the school that hold the ground from this date (for the response's count). */
  async countWithQualityMarkGround(m: Queryable, schoolId: string, date: string): Promise<number> {
    const [r] = await m.query(
      `SELECT count(*)::int AS n FROM contracts WHERE school_id = $1 AND quality_mark_ground_on IS NOT NULL AND quality_mark_ground_on <= $2`,
      [schoolId, date],
    );
    return r.n;
  }

  /** Which outbox row told each contract's student about the ground (one statement for all). */
  async setQualityMarkNotices(
    m: EntityManager,
    notices: readonly { contractId: string; outboxId: string }[],
  ): Promise<void> {
    if (notices.length === 0) return;
    await m.query(
      `UPDATE contracts c SET quality_mark_notice_id = n.outbox_id
       FROM unnest($1::uuid[], $2::bigint[]) AS n(contract_id, outbox_id) WHERE c.id = n.contract_id`,
      [notices.map((x) => x.contractId), notices.map((x) => x.outboxId)],
    );
  }

  // ------------------------------------------------------------ lessons

  async lessons(contractId: string, m: Queryable = this.db): Promise<Lesson[]> {
    return m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, minutes, mode FROM lessons WHERE contract_id = $1 ORDER BY date, id`,
      [contractId],
    );
  }

  async insertLessons(
    m: EntityManager,
    contractId: string,
    lessons: readonly Lesson[],
    by: string | null,
  ): Promise<number> {
    const rows = await m.query(
      `INSERT INTO lessons (contract_id, date, minutes, mode, created_by)
       SELECT $1::uuid, l.date, l.minutes, l.mode, $5::uuid FROM unnest($2::date[], $3::int[], $4::text[]) AS l(date, minutes, mode)
       RETURNING id`,
      [contractId, lessons.map((l) => l.date), lessons.map((l) => l.minutes), lessons.map((l) => l.mode), by],
    );
    return rows.length;
  }

  async lessonSummary(contractId: string): Promise<{
    count: number;
    totalMinutes: number;
    classroomMinutes: number;
    onlineMinutes: number;
    firstDate: string | null;
    lastDate: string | null;
  }> {
    const [r] = await this.db.query(
      `SELECT count(*)::int AS count, coalesce(sum(minutes), 0)::int AS "totalMinutes",
         coalesce(sum(minutes) FILTER (WHERE mode = 'classroom'), 0)::int AS "classroomMinutes",
         coalesce(sum(minutes) FILTER (WHERE mode = 'online'), 0)::int AS "onlineMinutes",
         to_char(min(date), 'YYYY-MM-DD') AS "firstDate", to_char(max(date), 'YYYY-MM-DD') AS "lastDate"
       FROM lessons WHERE contract_id = $1`,
      [contractId],
    );
    return r;
  }

  // ------------------------------------------------------------ invoices

  async invoices(contractId: string, m: Queryable = this.db): Promise<InvoiceRow[]> {
    return m.query(
      `SELECT id::text, to_char(invoice_date, 'YYYY-MM-DD') AS "invoiceDate", amount_cents AS "amountCents", status, flags,
         created_at AS "createdAt"
       FROM invoices WHERE contract_id = $1 ORDER BY invoice_date, id`,
      [contractId],
    );
  }

  /** The same student's invoices under their other contracts (any school), for the quarterly cap. */
  async otherInvoicesOfStudent(
    studentEmail: string,
    exceptContractId: string,
    m: Queryable = this.db,
  ): Promise<Invoice[]> {
    return m.query(
      `SELECT to_char(i.invoice_date, 'YYYY-MM-DD') AS "invoiceDate", i.amount_cents AS "amountCents", i.status
       FROM contracts c JOIN invoices i ON i.contract_id = c.id
       WHERE lower(c.student_email) = lower($1) AND c.id <> $2
       ORDER BY i.invoice_date, i.id`,
      [studentEmail, exceptContractId],
    );
  }

  async insertInvoice(
    m: EntityManager,
    contractId: string,
    invoice: Invoice,
    flags: unknown[],
    by: string | null,
  ): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO invoices (contract_id, invoice_date, amount_cents, status, flags, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [contractId, invoice.invoiceDate, invoice.amountCents, invoice.status, JSON.stringify(flags), by],
    );
    return r.id;
  }

  /** Marks paid invoices of this contract as disputed; returns the ids that changed. */
  disputeInvoices(m: EntityManager, contractId: string, invoiceIds: readonly string[]): Promise<string[]> {
    return this.moveInvoices(m, contractId, invoiceIds, 'paid', 'disputed');
  }

  /** Disputed invoices back to paid (a DigiD report that did not confirm the misuse). */
  restoreInvoices(m: EntityManager, contractId: string, invoiceIds: readonly string[]): Promise<string[]> {
    return this.moveInvoices(m, contractId, invoiceIds, 'disputed', 'paid');
  }

  private async moveInvoices(
    m: EntityManager,
    contractId: string,
    invoiceIds: readonly string[],
    from: 'paid' | 'disputed',
    to: 'paid' | 'disputed',
  ): Promise<string[]> {
    if (!invoiceIds.length) return [];
    const rows = await sql<{ id: string }>(
      m,
      `UPDATE invoices SET status = $4 WHERE contract_id = $1 AND id = ANY($2::bigint[]) AND status = $3 RETURNING id::text`,
      [contractId, invoiceIds, from, to],
    );
    return rows.map((r) => r.id);
  }

  // ------------------------------------------------------------ timeline

  async appendEvent(
    m: EntityManager,
    contractId: string,
    actor: AuditActor,
    kind: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await m.query(
      `INSERT INTO contract_events (contract_id, actor_type, actor_id, actor_name, kind, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        contractId,
        actor.type,
        actor.type === 'staff' ? actor.id : null,
        actor.type === 'staff' ? actor.name : null,
        kind,
        JSON.stringify(data),
      ],
    );
  }

  /** The same event on many contracts in one statement (imports, the quality-mark fan-out, batches). */
  async appendEventMany(
    m: EntityManager,
    contractIds: readonly string[],
    actor: AuditActor,
    kind: string,
    data: Record<string, unknown> = {},
  ) {
    if (contractIds.length === 0) return;
    await m.query(
      `INSERT INTO contract_events (contract_id, actor_type, actor_id, actor_name, kind, data)
       SELECT id, $2, $3::uuid, $4, $5, $6::jsonb FROM unnest($1::uuid[]) AS id`,
      [
        contractIds,
        actor.type,
        actor.type === 'staff' ? actor.id : null,
        actor.type === 'staff' ? actor.name : null,
        kind,
        JSON.stringify(data),
      ],
    );
  }

  async events(contractId: string, limit = 500): Promise<ContractEvent[]> {
    const rows = await this.db.query(
      `SELECT id::text, at, actor_type AS "actorType", actor_name AS "actorName", kind, data
       FROM contract_events WHERE contract_id = $1 ORDER BY contract_events.id DESC LIMIT $2`,
      [contractId, limit],
    );
    return rows.reverse();
  }
}
