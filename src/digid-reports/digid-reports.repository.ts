import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { caseVisibilitySql, type Viewer } from '../auth/access.rules.js';
import { sql, type Queryable } from '../database/sql.js';
import type { ListedInvoice, Recommendation, SuspectedParty, WhatHappened } from './digid-reports.rules.js';

/** What only a DigiD report has; the case itself is a row in `cases` (CasesRepository). */
export interface DigidReportRow {
  caseId: string;
  suspectedParty: SuspectedParty;
  whatHappened: WhatHappened[];
  noticedOn: string;
  triagedOn: string | null;
  investigationStartedOn: string | null;
  contractId: string | null;
  contractNumber: string | null;
  linkedOn: string | null;
  recommendation: Recommendation | null;
  referredTo: string | null;
  referredOn: string | null;
}

export interface ReportInvoiceRow extends ListedInvoice {
  id: string;
  disputedInvoiceId: string | null;
}

/** A DigiD report as the school's page lists it. */
export interface SchoolReportItem {
  reference: string;
  status: string;
  receivedOn: string;
  outcome: string | null;
  decidedOn: string | null;
  recommendation: Recommendation | null;
}

const d = (col: string, as: string) => `to_char(r.${col}, 'YYYY-MM-DD') AS "${as}"`;
const COLUMNS = [
  'r.case_id AS "caseId"',
  'r.suspected_party AS "suspectedParty"',
  'r.what_happened AS "whatHappened"',
  d('noticed_on', 'noticedOn'),
  d('triaged_on', 'triagedOn'),
  d('investigation_started_on', 'investigationStartedOn'),
  'r.contract_id AS "contractId"',
  'k.contract_number AS "contractNumber"',
  d('linked_on', 'linkedOn'),
  'r.recommendation',
  'r.referred_to AS "referredTo"',
  d('referred_on', 'referredOn'),
].join(', ');

/** Columns a service may change, camelCase to SQL; anything else is refused. */
const UPDATABLE: Record<string, string> = {
  suspectedParty: 'suspected_party',
  triagedOn: 'triaged_on',
  investigationStartedOn: 'investigation_started_on',
  contractId: 'contract_id',
  linkedOn: 'linked_on',
  recommendation: 'recommendation',
  referredTo: 'referred_to',
  referredOn: 'referred_on',
};
export type ReportFields = Partial<Record<keyof typeof UPDATABLE, unknown>>;

/** DigiD reports' own rows. Thin: SQL only, no rules. */
@Injectable()
export class DigidReportsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    m: EntityManager,
    r: {
      caseId: string;
      suspectedParty: SuspectedParty;
      whatHappened: readonly WhatHappened[];
      noticedOn: string;
    },
    invoices: readonly ListedInvoice[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO digid_reports (case_id, suspected_party, what_happened, noticed_on) VALUES ($1, $2, $3, $4)`,
      [r.caseId, r.suspectedParty, [...r.whatHappened], r.noticedOn],
    );
    if (invoices.length) {
      await m.query(
        `INSERT INTO digid_report_invoices (case_id, invoice_date, amount_cents)
         SELECT $1, d, a FROM unnest($2::date[], $3::int[]) WITH ORDINALITY AS x(d, a, n) ORDER BY n`,
        [r.caseId, invoices.map((i) => i.invoiceDate), invoices.map((i) => i.amountCents)],
      );
    }
  }

  async find(caseId: string, m: Queryable = this.db): Promise<DigidReportRow | null> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM digid_reports r LEFT JOIN contracts k ON k.id = r.contract_id WHERE r.case_id = $1`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  async invoices(caseId: string, m: Queryable = this.db): Promise<ReportInvoiceRow[]> {
    return m.query(
      `SELECT id::text, to_char(invoice_date, 'YYYY-MM-DD') AS "invoiceDate", amount_cents AS "amountCents",
         disputed_invoice_id::text AS "disputedInvoiceId"
       FROM digid_report_invoices WHERE case_id = $1 ORDER BY digid_report_invoices.id`,
      [caseId],
    );
  }

  async update(m: EntityManager, caseId: string, fields: ReportFields): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [caseId];
    for (const [key, value] of Object.entries(fields)) {
      const column = UPDATABLE[key];
      if (!column) throw new Error(`not an updatable field: ${key}`);
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length) await sql(m, `UPDATE digid_reports SET ${sets.join(', ')} WHERE case_id = $1`, params);
  }

  /** Records which of the contract's invoices a listed invoice was matched to. */
  async setDisputedInvoices(
    m: EntityManager,
    caseId: string,
    pairs: readonly { listedId: string; invoiceId: string }[],
  ): Promise<void> {
    if (!pairs.length) return;
    await m.query(
      `UPDATE digid_report_invoices i SET disputed_invoice_id = x.invoice_id
       FROM unnest($2::bigint[], $3::bigint[]) AS x(id, invoice_id) WHERE i.id = x.id AND i.case_id = $1`,
      [caseId, pairs.map((p) => p.listedId), pairs.map((p) => p.invoiceId)],
    );
  }

  /**
   * Of these contract invoices, the ones another report also disputes that is still undecided
   * (open, no outcome) or found the misuse confirmed: they stay disputed when this report is not
   * confirmed. A report closed without a finding, referred or found unconfirmed holds nothing.
   */
  async heldByOtherReports(
    m: EntityManager,
    caseId: string,
    invoiceIds: readonly string[],
  ): Promise<string[]> {
    if (!invoiceIds.length) return [];
    const rows: { id: string }[] = await m.query(
      `SELECT DISTINCT i.disputed_invoice_id::text AS id FROM digid_report_invoices i JOIN cases k ON k.id = i.case_id
       WHERE i.disputed_invoice_id = ANY($2::bigint[]) AND i.case_id <> $1 AND ((k.open AND k.outcome IS NULL) OR k.outcome = 'confirmed')`,
      [caseId, invoiceIds],
    );
    return rows.map((r) => r.id);
  }

  /** The DigiD reports about a school that this viewer may see, newest first. */
  async forSchool(schoolId: string, viewer: Viewer, limit = 200): Promise<SchoolReportItem[]> {
    const params: unknown[] = [schoolId];
    const visible = caseVisibilitySql(viewer, (v) => `$${params.push(v)}`);
    params.push(limit);
    return this.db.query(
      `SELECT c.reference, c.status, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn", c.outcome,
         to_char(c.decided_on, 'YYYY-MM-DD') AS "decidedOn", r.recommendation
       FROM cases c JOIN digid_reports r ON r.case_id = c.id
       WHERE c.type = 'digid_report' AND c.school_id = $1 AND r.suspected_party = 'school' ${visible ? `AND ${visible}` : ''}
       ORDER BY c.received_on DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
