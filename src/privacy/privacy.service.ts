import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/events.repository.js';
import { escapeHtml } from '../notifications/templates.js';

export interface ReadLogQuery {
  reference?: string;
  userId?: string;
  limit: number;
}

export interface ReadLogItem {
  at: Date;
  route: string;
  userId: string;
  userName: string;
  reference: string;
}

/** What the body holds about a student (a data access request), and the staff read log. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Every case and contract with that email (not yet anonymised), with timelines and emails.
   * Each export is recorded in the audit log: who, when, which format, and a SHA-256 of the
   * address (so the log itself holds no address). [decision]
   */
  async exportData(email: string, today: string, by: { userId: string; format: string } | null) {
    const cases = await this.db.query(
      `SELECT id, type, reference, status, channel, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", student_name AS "name",
         student_email AS "email", student_phone AS "phone", student_language AS "language", subject, description,
         desired_outcome AS "desiredOutcome", outcome, decision_summary AS "decisionSummary", created_at AS "createdAt"
       FROM cases WHERE lower(student_email) = lower($1) AND anonymised_at IS NULL ORDER BY created_at`,
      [email],
    );
    const ids = cases.map((c: { id: string }) => c.id);
    const events = ids.length
      ? await this.db.query(
          `SELECT case_id AS "caseId", at, kind, visibility, data FROM case_events WHERE case_id = ANY($1) ORDER BY id`,
          [ids],
        )
      : [];
    const emails = ids.length
      ? await this.db.query(
          `SELECT case_id AS "caseId", template, status, created_at AS "createdAt", sent_at AS "sentAt" FROM outbox WHERE case_id = ANY($1) ORDER BY id`,
          [ids],
        )
      : [];
    const contracts = await this.db.query(
      `SELECT c.contract_number AS "contractNumber", s.name AS "school", c.student_name AS "name", c.student_email AS "email",
         to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.planned_end_date, 'YYYY-MM-DD') AS "plannedEndDate",
         c.course_type AS "courseType", c.hourly_rate_cents AS "hourlyRateCents", c.funder, c.status,
         (SELECT coalesce(json_agg(json_build_object('invoiceDate', to_char(i.invoice_date, 'YYYY-MM-DD'), 'amountCents', i.amount_cents, 'status', i.status) ORDER BY i.invoice_date), '[]')
            FROM invoices i WHERE i.contract_id = c.id) AS invoices,
         (SELECT coalesce(json_agg(json_build_object('ground', t.ground, 'requestedOn', to_char(t.requested_on, 'YYYY-MM-DD'), 'status', t.status,
            'effectiveDate', to_char(t.effective_date, 'YYYY-MM-DD'))), '[]') FROM terminations t WHERE t.contract_id = c.id) AS terminations
       FROM contracts c JOIN schools s ON s.id = c.school_id
       WHERE lower(c.student_email) = lower($1) AND c.anonymised_at IS NULL ORDER BY c.start_date`,
      [email],
    );
    const data = {
      email: email,
      exportedOn: today,
      contracts,
      cases: cases.map(({ id, ...c }: { id: string }) => ({
        ...c,
        events: events
          .filter((e: { caseId: string }) => e.caseId === id)
          .map(({ caseId: _c, ...e }: { caseId: string }) => e),
        emails: emails
          .filter((e: { caseId: string }) => e.caseId === id)
          .map(({ caseId: _c, ...e }: { caseId: string }) => e),
      })),
    };
    if (by) {
      await this.audit.record(this.db.manager, by.userId, 'data.exported', null, {
        emailSha256: createHash('sha256').update(email.toLowerCase()).digest('hex'),
        format: by.format,
        cases: cases.length,
        contracts: contracts.length,
      });
    }
    return data;
  }

  /** The export as one HTML page (every value escaped). */
  exportHtml(data: Awaited<ReturnType<PrivacyService['exportData']>>): string {
    const { contracts } = data;
    const rows = (o: Record<string, unknown>) =>
      Object.entries(o)
        .filter(([, v]) => typeof v !== 'object' || v === null || v instanceof Date)
        .map(
          ([k, v]) =>
            `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v instanceof Date ? v.toISOString() : v)}</td></tr>`,
        )
        .join('');
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gegevens / Data export</title></head><body>
<h1>Gegevens van ${escapeHtml(data.email)}</h1><p>Export van ${escapeHtml(data.exportedOn)}</p>
${contracts.map((c: Record<string, unknown>) => `<section><h2>Contract ${escapeHtml(c.contractNumber)}</h2><table>${rows(c)}</table><p>${escapeHtml(JSON.stringify({ invoices: c.invoices, terminations: c.terminations }))}</p></section>`).join('')}
${data.cases
  .map(
    (c: Record<string, unknown> & { events: Record<string, unknown>[]; emails: Record<string, unknown>[] }) =>
      `<section><h2>${escapeHtml(c.reference)}</h2><table>${rows(c)}</table><h3>Tijdlijn</h3><ul>${c.events
        .map(
          (e) =>
            `<li>${escapeHtml(new Date(e.at as string).toISOString())} ${escapeHtml(e.kind)} ${escapeHtml(JSON.stringify(e.data))}</li>`,
        )
        .join(
          '',
        )}</ul><h3>E-mails</h3><ul>${c.emails.map((e) => `<li>${escapeHtml(e.template)}: ${escapeHtml(e.status)}</li>`).join('')}</ul></section>`,
  )
  .join('')}</body></html>`;
    return html;
  }

  /**
   * A look-up before an export shows the cases it found (reference, subject, status): each one
   * goes into the read log like any other staff read of a case. [domain-rules.md section 6]
   */
  async logLookup(userId: string, references: readonly string[], route: string): Promise<void> {
    if (!references.length) return;
    await this.db.query(
      `INSERT INTO staff_reads (user_id, case_id, route) SELECT $1, id, $3 FROM cases WHERE reference = ANY($2::text[])`,
      [userId, references, route],
    );
  }

  /** Staff reads of cases, newest first, by case reference or by staff member. */
  async reads(q: ReadLogQuery): Promise<ReadLogItem[]> {
    return this.db.query(
      `SELECT r.at, r.route, u.id AS "userId", u.name AS "userName", c.reference
       FROM staff_reads r JOIN staff_users u ON u.id = r.user_id JOIN cases c ON c.id = r.case_id
       WHERE ($1::text IS NULL OR c.reference = upper($1)) AND ($2::uuid IS NULL OR r.user_id = $2)
       ORDER BY r.id DESC LIMIT $3`,
      [q.reference ?? null, q.userId ?? null, q.limit],
    );
  }
}
