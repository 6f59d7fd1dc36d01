import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

// Type aliases, not interfaces: the HTML export walks them as plain records.
export type ExportedCase = {
  id: string;
  type: string;
  reference: string;
  status: string;
  channel: string;
  receivedOn: string;
  name: string;
  email: string;
  phone: string | null;
  language: string;
  subject: string;
  description: string;
  desiredOutcome: string | null;
  outcome: string | null;
  decisionSummary: string | null;
  createdAt: Date;
};

export type ExportedEvent = {
  caseId: string;
  at: Date;
  kind: string;
  visibility: string;
  data: Record<string, unknown>;
};

export type ExportedEmail = {
  caseId: string;
  template: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
};

export type ExportedContract = {
  contractNumber: string;
  school: string;
  name: string;
  email: string;
  startDate: string;
  plannedEndDate: string;
  courseType: string;
  hourlyRateCents: number;
  funder: string;
  status: string;
  invoices: { invoiceDate: string; amountCents: number; status: string }[];
  terminations: { ground: string; requestedOn: string; status: string; effectiveDate: string | null }[];
};

/** What a data access request exports: the student's cases, timelines, emails and contracts. Thin: SQL only. */
@Injectable()
export class PrivacyRepository {
  constructor(private readonly db: DataSource) {}

  /** Cases with this student address (any case), not yet anonymised, oldest first. */
  casesByEmail(email: string): Promise<ExportedCase[]> {
    return this.db.query(
      `SELECT id, type, reference, status, channel, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", student_name AS "name",
         student_email AS "email", student_phone AS "phone", student_language AS "language", subject, description,
         desired_outcome AS "desiredOutcome", outcome, decision_summary AS "decisionSummary", created_at AS "createdAt"
       FROM cases WHERE lower(student_email) = lower($1) AND anonymised_at IS NULL ORDER BY created_at`,
      [email],
    );
  }

  async eventsOf(caseIds: readonly string[]): Promise<ExportedEvent[]> {
    if (!caseIds.length) return [];
    return this.db.query(
      `SELECT case_id AS "caseId", at, kind, visibility, data FROM case_events WHERE case_id = ANY($1) ORDER BY id`,
      [caseIds],
    );
  }

  async emailsOf(caseIds: readonly string[]): Promise<ExportedEmail[]> {
    if (!caseIds.length) return [];
    return this.db.query(
      `SELECT case_id AS "caseId", template, status, created_at AS "createdAt", sent_at AS "sentAt" FROM outbox WHERE case_id = ANY($1) ORDER BY id`,
      [caseIds],
    );
  }

  /** Contracts with this student address, not yet anonymised, with their invoices and terminations. */
  contractsByEmail(email: string): Promise<ExportedContract[]> {
    return this.db.query(
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
  }
}
