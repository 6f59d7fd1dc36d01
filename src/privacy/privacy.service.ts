import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/events.repository.js';
import { ReadsRepository, type ReadLogItem, type ReadLogQuery } from '../audit/reads.repository.js';
import { TxRunner } from '../database/tx.js';
import { escapeHtml } from '../notifications/templates.js';
import { PrivacyRepository } from './privacy.repository.js';

export type { ReadLogItem, ReadLogQuery } from '../audit/reads.repository.js';

/** What the body holds about a student (a data access request), and the staff read log. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly readLog: ReadsRepository,
    private readonly audit: AuditLog,
    private readonly tx: TxRunner,
  ) {}

  /**
   * Every case and contract with that email (not yet anonymised), with timelines and emails.
   * Each export is recorded in the audit log: who, when, which format, and a SHA-256 of the
   * address (so the log itself holds no address). [decision]
   */
  async exportData(email: string, today: string, by: { userId: string; format: string } | null) {
    const cases = await this.repo.casesByEmail(email);
    const ids = cases.map((c) => c.id);
    const events = await this.repo.eventsOf(ids);
    const emails = await this.repo.emailsOf(ids);
    const contracts = await this.repo.contractsByEmail(email);
    const data = {
      email: email,
      exportedOn: today,
      contracts,
      cases: cases.map(({ id, ...c }) => ({
        ...c,
        events: events.filter((e) => e.caseId === id).map(({ caseId: _c, ...e }) => e),
        emails: emails.filter((e) => e.caseId === id).map(({ caseId: _c, ...e }) => e),
      })),
    };
    if (by) {
      await this.tx.run((tx) =>
        this.audit.record(tx.m, by.userId, 'data.exported', null, {
          emailSha256: createHash('sha256').update(email.toLowerCase()).digest('hex'),
          format: by.format,
          cases: cases.length,
          contracts: contracts.length,
        }),
      );
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
    await this.readLog.insert(userId, references, route);
  }

  /** Staff reads of cases, newest first, by case reference or by staff member. */
  async reads(q: ReadLogQuery): Promise<ReadLogItem[]> {
    return this.readLog.list(q);
  }
}
