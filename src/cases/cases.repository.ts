import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { caseVisibilitySql, type Viewer } from '../auth/access.rules.js';
import { badRequest } from '../common/problem.js';
import { sql } from '../database/sql.js';
import type { CaseListQuery } from './cases.dto.js';
import type { CaseType } from './cases.rules.js';

/**
 * A case of any type, as the `cases` table holds it. Its status is text here; each case type
 * narrows it to its own statuses (CaseOf) when it loads one of its cases.
 */
export interface CaseRow {
  id: string;
  type: CaseType;
  reference: string;
  status: string;
  channel: string;
  receivedOn: string;
  schoolId: string | null;
  schoolName: string | null;
  schoolEmail: string | null;
  /** False when the school has no complaints regulation on record (null when no school). */
  schoolHasRegulation: boolean | null;
  assigneeId: string | null;
  assigneeName: string | null;
  studentName: string;
  studentEmail: string;
  studentPhone: string | null;
  studentLanguage: 'nl' | 'en';
  subject: string;
  description: string;
  desiredOutcome: string | null;
  needsHelpFiling: boolean;
  filedWithSchoolOn: string | null;
  schoolDeadline: string | null;
  schoolFinalAnswerOn: string | null;
  schoolRefused: boolean;
  escalatedOn: string | null;
  escalationBasis: string | null;
  escalationReason: string | null;
  acknowledgedOn: string | null;
  pausedSince: string | null;
  pauseReason: string | null;
  pausedDays: number;
  extensionWeeks: number;
  extensionReason: string | null;
  outcome: string | null;
  decidedOn: string | null;
  decisionSummary: string | null;
  arbitrationBody: string | null;
  arbitrationReferredOn: string | null;
  arbitrationOutcome: string | null;
  arbitrationOutcomeOn: string | null;
  closedOn: string | null;
  nextDueOn: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const d = (col: string, as: string) => `to_char(c.${col}, 'YYYY-MM-DD') AS "${as}"`;
const COLUMNS = [
  'c.id',
  'c.type',
  'c.reference',
  'c.status',
  'c.channel',
  d('received_on', 'receivedOn'),
  'c.school_id AS "schoolId"',
  's.name AS "schoolName"',
  's.complaints_email AS "schoolEmail"',
  '(s.complaints_regulation_url IS NOT NULL) AS "schoolHasRegulation"',
  'c.assignee_id AS "assigneeId"',
  'u.name AS "assigneeName"',
  'c.student_name AS "studentName"',
  'c.student_email AS "studentEmail"',
  'c.student_phone AS "studentPhone"',
  'c.student_language AS "studentLanguage"',
  'c.subject',
  'c.description',
  'c.desired_outcome AS "desiredOutcome"',
  'c.needs_help_filing AS "needsHelpFiling"',
  d('filed_with_school_on', 'filedWithSchoolOn'),
  d('school_deadline', 'schoolDeadline'),
  d('school_final_answer_on', 'schoolFinalAnswerOn'),
  'c.school_refused AS "schoolRefused"',
  d('escalated_on', 'escalatedOn'),
  'c.escalation_basis AS "escalationBasis"',
  'c.escalation_reason AS "escalationReason"',
  d('acknowledged_on', 'acknowledgedOn'),
  d('paused_since', 'pausedSince'),
  'c.pause_reason AS "pauseReason"',
  'c.paused_days AS "pausedDays"',
  'c.extension_weeks AS "extensionWeeks"',
  'c.extension_reason AS "extensionReason"',
  'c.outcome',
  d('decided_on', 'decidedOn'),
  'c.decision_summary AS "decisionSummary"',
  'c.arbitration_body AS "arbitrationBody"',
  d('arbitration_referred_on', 'arbitrationReferredOn'),
  'c.arbitration_outcome AS "arbitrationOutcome"',
  d('arbitration_outcome_on', 'arbitrationOutcomeOn'),
  d('closed_on', 'closedOn'),
  `CASE WHEN c.next_due_on = '9999-12-31' THEN NULL ELSE to_char(c.next_due_on, 'YYYY-MM-DD') END AS "nextDueOn"`,
  'c.version',
  'c.created_at AS "createdAt"',
  'c.updated_at AS "updatedAt"',
].join(', ');
const FROM = `FROM cases c LEFT JOIN schools s ON s.id = c.school_id LEFT JOIN staff_users u ON u.id = c.assignee_id`;

/** Columns a service may change, camelCase to SQL; anything else is refused. */
const UPDATABLE: Record<string, string> = {
  status: 'status',
  schoolId: 'school_id',
  assigneeId: 'assignee_id',
  filedWithSchoolOn: 'filed_with_school_on',
  schoolDeadline: 'school_deadline',
  schoolFinalAnswerOn: 'school_final_answer_on',
  schoolRefused: 'school_refused',
  escalatedOn: 'escalated_on',
  escalationBasis: 'escalation_basis',
  escalationReason: 'escalation_reason',
  acknowledgedOn: 'acknowledged_on',
  pausedSince: 'paused_since',
  pauseReason: 'pause_reason',
  pausedDays: 'paused_days',
  extensionWeeks: 'extension_weeks',
  extensionReason: 'extension_reason',
  outcome: 'outcome',
  decidedOn: 'decided_on',
  decisionSummary: 'decision_summary',
  arbitrationBody: 'arbitration_body',
  arbitrationReferredOn: 'arbitration_referred_on',
  arbitrationOutcome: 'arbitration_outcome',
  arbitrationOutcomeOn: 'arbitration_outcome_on',
  closedOn: 'closed_on',
  open: 'open',
  subject: 'subject', // a DigiD report reopened as one about a school names it
};

/** A case whose status its type has checked. */
export type CaseOf<S extends string> = CaseRow & { status: S };

/** The fields a case's type may change; any other name is refused at run time. */
export type CaseFields = Partial<Record<keyof typeof UPDATABLE, unknown>>;

/** What a new case is registered with; everything else starts empty. */
export type NewCase = Pick<
  CaseRow,
  | 'type'
  | 'reference'
  | 'status'
  | 'channel'
  | 'receivedOn'
  | 'schoolId'
  | 'studentName'
  | 'studentEmail'
  | 'studentPhone'
  | 'studentLanguage'
  | 'subject'
  | 'description'
  | 'desiredOutcome'
  | 'needsHelpFiling'
  | 'filedWithSchoolOn'
  | 'schoolDeadline'
  | 'schoolFinalAnswerOn'
>;

export interface ListItem {
  id: string;
  type: string;
  reference: string;
  status: string;
  schoolId: string | null;
  schoolName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  subject: string;
  receivedOn: string;
  nextDueOn: string | null;
}

@Injectable()
export class CasesRepository {
  constructor(private readonly db: DataSource) {}

  /** Year-scoped sequential reference, e.g. K-2026-000042; the counter row serialises concurrent intake. */
  async nextReference(m: EntityManager, prefix: string, year: number): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO reference_counters (prefix, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_counters.last_value + 1 RETURNING last_value`,
      [prefix, year],
    );
    return `${prefix}-${year}-${String(r.last_value).padStart(6, '0')}`;
  }

  async insert(m: EntityManager, c: NewCase): Promise<string> {
    const [r] = await m.query(
      `INSERT INTO cases (type, reference, status, channel, received_on, school_id, student_name, student_email, student_phone,
         student_language, subject, description, desired_outcome, needs_help_filing, filed_with_school_on, school_deadline,
         school_final_answer_on)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id`,
      [
        c.type,
        c.reference,
        c.status,
        c.channel,
        c.receivedOn,
        c.schoolId,
        c.studentName,
        c.studentEmail,
        c.studentPhone,
        c.studentLanguage,
        c.subject,
        c.description,
        c.desiredOutcome,
        c.needsHelpFiling,
        c.filedWithSchoolOn,
        c.schoolDeadline,
        c.schoolFinalAnswerOn,
      ],
    );
    return r.id;
  }

  /**
   * Locks the case row for the rest of the transaction (as retention does before it anonymises)
   * and says whether it was anonymised: such a case takes no new personal data.
   */
  async lockAndCheckAnonymised(m: EntityManager, id: string): Promise<boolean> {
    const [row] = await m.query(
      `SELECT anonymised_at IS NOT NULL AS anonymised FROM cases WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return Boolean(row?.anonymised);
  }

  async findByReference(reference: string, m: EntityManager | DataSource = this.db): Promise<CaseRow | null> {
    const rows = await m.query(`SELECT ${COLUMNS} ${FROM} WHERE c.reference = $1`, [reference]);
    return rows[0] ?? null;
  }

  async findById(id: string, m: EntityManager | DataSource = this.db): Promise<CaseRow | null> {
    const rows = await m.query(`SELECT ${COLUMNS} ${FROM} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Optimistic locking: the update applies only to the version that was read; false when someone else changed it first. */
  async update(m: EntityManager, id: string, version: number, fields: CaseFields): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [id, version];
    for (const [key, value] of Object.entries(fields)) {
      const column = UPDATABLE[key];
      if (!column) throw new Error(`not an updatable field: ${key}`);
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = await sql(
      m,
      `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2 RETURNING id`,
      params,
    );
    return rows.length === 1;
  }

  /** Has this kind of actor (the school through its link) recorded this kind of event on the case? */
  async hasEventBy(m: EntityManager, caseId: string, kind: string, actorType: string): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM case_events WHERE case_id = $1 AND kind = $2 AND actor_type = $3 LIMIT 1`,
      [caseId, kind, actorType],
    );
    return rows.length > 0;
  }

  /**
   * Keyset pagination over (next_due_on, id): every filter has an index that starts with it and
   * ends with the sort key, so a page costs the same at the millionth case as at the first.
   *
   * Text search never sorts every match. The planner's estimate of how many cases match (one
   * EXPLAIN, from the lexeme statistics) picks the plan shape explicitly: few matches are found
   * through the GIN index and only they are sorted; many matches walk the (…, next_due_on, id)
   * index in page order, testing each case, and stop after one page (the search is then written
   * as ts_match_vq(), which no index serves, so the planner cannot turn it back into a sort of
   * every match). Same rows, same order, same cursors either way. See docs/benchmarks.md.
   */
  async list(q: CaseListQuery, viewer?: Viewer): Promise<{ items: ListItem[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    // A list of one's own cases needs no visibility condition (one's own cases are always visible),
    // and repeating assignee_id in it would make the planner square that filter's selectivity.
    if (viewer && q.assigneeId !== viewer.id) {
      // Only the cases this staff member may see (access.rules.ts).
      const visible = caseVisibilitySql(viewer, (v) => {
        params.push(v);
        return `$${params.length}`;
      });
      if (visible) where.push(visible);
    }
    if (q.type) add((p) => `c.type = ${p}`, q.type);
    if (q.status) add((p) => `c.status = ${p}`, q.status);
    if (q.schoolId) add((p) => `c.school_id = ${p}`, q.schoolId);
    if (q.assigneeId === 'none') where.push('c.assignee_id IS NULL');
    else if (q.assigneeId) add((p) => `c.assignee_id = ${p}`, q.assigneeId);
    if (q.dueFrom) add((p) => `c.next_due_on >= ${p}`, q.dueFrom);
    if (q.dueTo) add((p) => `c.next_due_on <= ${p}`, q.dueTo);
    const sortMatches = q.q ? await this.fewMatches(where, params, q.q, q.limit) : false;
    if (q.q) {
      if (sortMatches) add((p) => `c.search @@ websearch_to_tsquery('simple', ${p})`, q.q);
      else add((p) => `ts_match_vq(c.search, websearch_to_tsquery('simple', ${p}))`, q.q);
    }
    const cursor = decodeCursor(q.cursor);
    if (cursor) {
      params.push(cursor.due, cursor.id);
      where.push(`(c.next_due_on, c.id) > ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    params.push(q.limit + 1);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const select = `SELECT c.id, c.type, c.reference, c.status, c.school_id AS "schoolId", s.name AS "schoolName",
         c.assignee_id AS "assigneeId", u.name AS "assigneeName", c.subject, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn",
         CASE WHEN c.next_due_on = '9999-12-31' THEN NULL ELSE to_char(c.next_due_on, 'YYYY-MM-DD') END AS "nextDueOn",
         to_char(c.next_due_on, 'YYYY-MM-DD') AS "sortDue"`;
    const rows: (ListItem & { sortDue: string })[] = await this.db.query(
      sortMatches
        ? `WITH matches AS MATERIALIZED (SELECT c.id, c.next_due_on FROM cases c ${filter}),
             page AS (SELECT id FROM matches ORDER BY next_due_on, id LIMIT $${params.length})
           ${select} FROM page JOIN cases c ON c.id = page.id
           LEFT JOIN schools s ON s.id = c.school_id LEFT JOIN staff_users u ON u.id = c.assignee_id
           ORDER BY c.next_due_on, c.id`
        : `${select} ${FROM} ${filter} ORDER BY c.next_due_on, c.id LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ sortDue: _s, ...item }) => item),
      nextCursor: more && last ? encodeCursor(last.sortDue, last.id) : null,
    };
  }

  private caseCount = { value: 0, at: 0 };

  /**
   * True when sorting every match costs less than walking the deadline index until a page is
   * full. Sorting fetches every case the text matches (S); the walk fetches cases in deadline
   * order until the page is full, about page × cases / M of them, where M is the number that pass
   * every filter. Sort when S × M ≤ page × cases (at a million cases and no other filter: up to
   * about 7,000 matches). Each fetch costs about the same either way (measured, see
   * docs/benchmarks.md). The numbers are the planner's estimates from one EXPLAIN of the filters
   * (about 0.3 ms; S is its GIN index scan's row count), and the table's size, cached a minute.
   */
  private async fewMatches(
    where: string[],
    params: unknown[],
    text: string,
    limit: number,
  ): Promise<boolean> {
    const filters = [...where, `c.search @@ websearch_to_tsquery('simple', $${params.length + 1})`];
    const [explained, total] = await Promise.all([
      this.db.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM cases c WHERE ${filters.join(' AND ')}`, [
        ...params,
        text,
      ]),
      this.casesEstimate(),
    ]);
    type Plan = { 'Plan Rows'?: number; 'Node Type'?: string; 'Index Cond'?: string; Plans?: Plan[] };
    const top: Plan | undefined = explained[0]?.['QUERY PLAN']?.[0]?.Plan;
    const find = (p: Plan | undefined): Plan | undefined =>
      !p
        ? undefined
        : p['Node Type'] === 'Bitmap Index Scan' && p['Index Cond']?.includes('@@')
          ? p
          : (p.Plans ?? []).map(find).find(Boolean);
    const gin = find(top);
    if (!gin) return false; // the planner would not even use the text index: the text is everywhere
    const matches = Number(gin['Plan Rows'] ?? 0);
    const passing = Math.max(1, Number(top?.['Plan Rows'] ?? 1));
    return matches <= SORT_MATCHES_MIN || matches * passing <= (limit + 1) * total;
  }

  private async casesEstimate(): Promise<number> {
    if (Date.now() - this.caseCount.at > 60_000) {
      const [r] = await this.db.query(
        `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'cases'::regclass`,
      );
      this.caseCount = { value: Number(r?.n ?? 0), at: Date.now() };
    }
    return this.caseCount.value;
  }
}

/** Below this many estimated matches the search always sorts them (a few thousand sort in milliseconds). */
const SORT_MATCHES_MIN = 2_000;

function encodeCursor(due: string, id: string): string {
  return Buffer.from(`${due}|${id}`).toString('base64url');
}

function decodeCursor(cursor?: string): { due: string; id: string } | null {
  if (!cursor) return null;
  const [due, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due ?? '') || !/^[0-9a-f-]{36}$/i.test(id ?? '')) {
    throw badRequest('The cursor is not valid; start again from the first page', [
      { field: 'cursor', message: 'not a cursor from this list' },
    ]);
  }
  return { due, id };
}
