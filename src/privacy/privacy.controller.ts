import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Allow } from '../auth/policy.js';
import { Clock } from '../common/clock.js';
import { ZodPipe } from '../common/validation.js';
import { escapeHtml } from '../notifications/templates.js';
import { RetentionService } from './retention.service.js';

const exportQuery = z.object({ email: z.email().max(320), format: z.enum(['json', 'html']).default('json') }).strict();
const readsQuery = z
  .object({ reference: z.string().trim().max(40).optional(), userId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) })
  .strict();

@ApiTags('privacy')
@Controller('api/privacy')
export class PrivacyController {
  constructor(
    private readonly db: DataSource,
    private readonly retention: RetentionService,
    private readonly clock: Clock,
  ) {}

  /** Everything the body holds about a student (by email), for a data access request. */
  @Get('students/export')
  @Allow('data.export')
  @ApiOperation({ summary: "A student's data export: every case with that email, its timeline, deadlines and emails (JSON or HTML)" })
  async export(@Query(new ZodPipe(exportQuery)) q: z.infer<typeof exportQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const cases = await this.db.query(
      `SELECT id, type, reference, status, channel, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", student_name AS "name",
         student_email AS "email", student_phone AS "phone", student_language AS "language", subject, description,
         desired_outcome AS "desiredOutcome", outcome, decision_summary AS "decisionSummary", created_at AS "createdAt"
       FROM cases WHERE lower(student_email) = lower($1) AND anonymised_at IS NULL ORDER BY created_at`,
      [q.email],
    );
    const ids = cases.map((c: { id: string }) => c.id);
    const events = ids.length
      ? await this.db.query(`SELECT case_id AS "caseId", at, kind, visibility, data FROM case_events WHERE case_id = ANY($1) ORDER BY id`, [ids])
      : [];
    const emails = ids.length
      ? await this.db.query(`SELECT case_id AS "caseId", template, status, created_at AS "createdAt", sent_at AS "sentAt" FROM outbox WHERE case_id = ANY($1) ORDER BY id`, [ids])
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
      [q.email],
    );
    const data = {
      email: q.email,
      exportedOn: this.clock.today(),
      contracts,
      cases: cases.map(({ id, ...c }: { id: string }) => ({
        ...c,
        events: events.filter((e: { caseId: string }) => e.caseId === id).map(({ caseId: _c, ...e }: { caseId: string }) => e),
        emails: emails.filter((e: { caseId: string }) => e.caseId === id).map(({ caseId: _c, ...e }: { caseId: string }) => e),
      })),
    };
    if (q.format === 'json') {
      void reply.header('content-disposition', 'attachment; filename="data-export.json"');
      return data;
    }
    const rows = (o: Record<string, unknown>) =>
      Object.entries(o)
        .filter(([, v]) => typeof v !== 'object' || v === null || v instanceof Date)
        .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v instanceof Date ? v.toISOString() : v)}</td></tr>`)
        .join('');
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gegevens / Data export</title></head><body>
<h1>Gegevens van ${escapeHtml(q.email)}</h1><p>Export van ${escapeHtml(data.exportedOn)}</p>
${contracts.map((c: Record<string, unknown>) => `<section><h2>Contract ${escapeHtml(c.contractNumber)}</h2><table>${rows(c)}</table><p>${escapeHtml(JSON.stringify({ invoices: c.invoices, terminations: c.terminations }))}</p></section>`).join('')}
${data.cases
  .map(
    (c: Record<string, unknown> & { events: Record<string, unknown>[]; emails: Record<string, unknown>[] }) =>
      `<section><h2>${escapeHtml(c.reference)}</h2><table>${rows(c)}</table><h3>Tijdlijn</h3><ul>${c.events
        .map((e) => `<li>${escapeHtml(new Date(e.at as string).toISOString())} ${escapeHtml(e.kind)} ${escapeHtml(JSON.stringify(e.data))}</li>`)
        .join('')}</ul><h3>E-mails</h3><ul>${c.emails.map((e) => `<li>${escapeHtml(e.template)}: ${escapeHtml(e.status)}</li>`).join('')}</ul></section>`,
  )
  .join('')}</body></html>`;
    void reply.type('text/html; charset=utf-8').header('content-disposition', 'attachment; filename="data-export.html"');
    return html;
  }

  /** The staff read log: who read which case when. */
  @Get('reads')
  @Allow('audit.read')
  @ApiOperation({ summary: 'Staff reads of cases, newest first, by case reference or by staff member' })
  async reads(@Query(new ZodPipe(readsQuery)) q: z.infer<typeof readsQuery>) {
    const items = await this.db.query(
      `SELECT r.at, r.route, u.id AS "userId", u.name AS "userName", c.reference
       FROM staff_reads r JOIN staff_users u ON u.id = r.user_id JOIN cases c ON c.id = r.case_id
       WHERE ($1::text IS NULL OR c.reference = upper($1)) AND ($2::uuid IS NULL OR r.user_id = $2)
       ORDER BY r.id DESC LIMIT $3`,
      [q.reference ?? null, q.userId ?? null, q.limit],
    );
    return { items };
  }

  /** Runs retention now (it also runs daily in the worker). */
  @Post('retention/run')
  @Allow('user.admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anonymise every case file past its retention period now' })
  async run() {
    const today = this.clock.today();
    return { ...(await this.retention.anonymiseDue(today)), ...(await this.retention.anonymiseContractsDue(today)) };
  }
}
