import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DigiD misuse reports. The case itself is a row in `cases` (type `digid_report`, one list and
 * one search for every case type); what only a DigiD report has lives here, one row per case:
 * who is suspected, what happened, when the student noticed, the triage and investigation
 * dates, the contract it was linked to, the recommendation on the school's quality mark and the
 * referral to the DigiD operator. The invoices the student says were approved without consent
 * are rows of their own; `disputed_invoice_id` points at the contract's invoice once matched.
 * No free text here: texts live in `cases` and `case_events`, where retention anonymises them.
 */
export class DigidReports1764460001000 implements MigrationInterface {
  name = 'DigidReports1764460001000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digid_reports (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        suspected_party text NOT NULL CHECK (suspected_party IN ('school','other')),
        what_happened text[] NOT NULL DEFAULT '{}',
        noticed_on date NOT NULL,
        triaged_on date,
        investigation_started_on date,
        contract_id uuid REFERENCES contracts(id),
        linked_on date,
        recommendation text CHECK (recommendation IN ('warning','suspension','withdrawal')),
        referred_to text,
        referred_on date,
        CHECK (what_happened <@ ARRAY['logged_in','asked_details','approved_invoices','other']::text[])
      )`);
    await q.query(
      `CREATE INDEX digid_reports_contract_idx ON digid_reports (contract_id) WHERE contract_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE digid_report_invoices (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        invoice_date date NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        disputed_invoice_id bigint REFERENCES invoices(id)
      )`);
    await q.query(`CREATE INDEX digid_report_invoices_case_idx ON digid_report_invoices (case_id, id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS digid_report_invoices`);
    await q.query(`DROP TABLE IF EXISTS digid_reports`);
  }
}
