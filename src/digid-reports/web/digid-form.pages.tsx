import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { ProblemError } from '../../common/problem.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { SchoolsService } from '../../schools/schools.service.js';
import { parseForm, problemIssues } from '../../web/form-flow.js';
import { type FormIssue, localize } from '../../web/forms.js';
import { type Lang, messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { schoolsToChoose } from '../../web/school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from '../../web/web.http.js';
import { DigidReportsService } from '../digid-reports.service.js';
import {
  compactRows,
  type Draft,
  digidFormSpec,
  digidReportForm,
  draftFrom,
  MAX_INVOICE_ROWS,
  sentQuery,
} from './digid-form.js';
import { DigidReportFormBody, formLabels, SentBody } from './digid-form.views.js';

// The public DigiD report form: a student reports misuse of their DigiD, and the receipt.

@ApiExcludeController()
@Controller()
@Public()
@UseFilters(PageErrorFilter)
export class DigidPublicPagesController {
  constructor(
    private readonly reports: DigidReportsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  @Get('digid')
  async form(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    await this.render(req, reply, lang, draftFrom({ q: query(req).q ?? '' }), []);
  }

  /** Three buttons: search the schools, add an invoice row (the form again), or send. */
  @Post('digid')
  @UseGuards(RateLimitGuard)
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const values = compactRows(formBody(req));
    const draft = draftFrom(values);
    const go = values.go ?? 'send';
    if (go === 'search') return this.render(req, reply, lang, draft, []);
    if (go === 'addInvoice') {
      if (draft.invoices.length < MAX_INVOICE_ROWS) draft.invoices.push({ date: '', amount: '' });
      return this.render(req, reply, lang, draft, []);
    }
    const spec = digidFormSpec(draft.invoices.length);
    const parsed = parseForm(digidReportForm, values, spec);
    if (!parsed.ok) return this.render(req, reply, lang, draft, parsed.issues, 422);
    const { name, email, ...b } = parsed.value;
    try {
      const r = await this.reports.create(
        {
          ...b,
          student: { name, email, language: lang },
          schoolId: b.suspectedParty === 'school' ? b.schoolId : null,
        },
        { channel: 'web', actor: { type: 'student' } },
      );
      // A report about someone else is referred at once: the receipt says where to go now (no triage date).
      const params = new URLSearchParams({
        ref: r.reference,
        ...(r.triageDueOn ? { tot: r.triageDueOn } : {}),
        p: r.status === 'referred' ? 'other' : b.suspectedParty,
      });
      return redirect(reply, `/digid/verstuurd?${params.toString()}`);
    } catch (e) {
      // What the service checks beyond the form: a school that must be named or is gone, a date in the future.
      const issues = e instanceof ProblemError ? problemIssues(e, spec) : undefined;
      if (issues) return this.render(req, reply, lang, draft, issues, 422);
      throw e;
    }
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    d: Draft,
    issues: FormIssue[],
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const { summary, byField } = localize(issues, m, formLabels(m, d));
    const schools = await schoolsToChoose(this.schools, d.q, d.schoolId, 50);
    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={m.digid.form.title}
        url={req.method === 'GET' ? req.url : '/digid'}
        hasErrors={summary.length > 0}
      >
        <DigidReportFormBody
          m={m}
          d={d}
          byField={byField}
          summary={summary}
          schools={schools}
          today={this.clock.today()}
        />
      </PublicLayout>,
      status,
    );
  }

  @Get('digid/verstuurd')
  sent(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const q = sentQuery.parse(query(req));
    sendPage(
      reply,
      <PublicLayout m={m} title={m.digid.sent.title} url={req.url} noindex>
        <SentBody m={m} reference={q.ref} until={q.tot} other={q.p === 'other'} />
      </PublicLayout>,
    );
  }
}
