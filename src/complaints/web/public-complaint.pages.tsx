import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import { isIsoDate } from '../../common/dates.js';
import { ProblemError } from '../../common/problem.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { SchoolsService } from '../../schools/schools.service.js';
import { parseForm, problemIssues } from '../../web/form-flow.js';
import { localize, type FormIssue } from '../../web/forms.js';
import { messages, type Lang } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { schoolsToChoose } from '../../web/school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from '../../web/web.http.js';
import { publicComplaintBody } from '../complaints.dto.js';
import { ComplaintsService } from '../complaints.service.js';
import {
  COMPLAINT_SPEC,
  complaintValues,
  draftFrom,
  STEPS,
  stepForm,
  stepOf,
  type Draft,
} from './public-complaint.form.js';
import {
  AboutStep,
  CheckStep,
  complaintLabels,
  DetailsStep,
  SchoolStageStep,
  SchoolStep,
} from './public-complaint.steps.js';
import { ComplaintStepPage, ConfirmationPage } from './public-complaint.views.js';

/** The shape of a case reference (K-2026-000123): the confirmation shows only that from its URL. */
const REFERENCE = /^[A-Z]{1,3}-\d{4}-\d{6}$/;

/** The buttons that go back to a step to change it, on the check step. */
const EDIT_STEPS: Record<string, number> = { 'edit-1': 1, 'edit-2': 2, 'edit-3': 3, 'edit-4': 4 };

/**
 * The public complaint form (`/klacht`): five steps without JavaScript, the answers carried in
 * hidden fields, each step parsed with its part of the JSON API's schema; then the confirmation.
 */
@ApiExcludeController()
@Controller('klacht')
@Public()
@UseFilters(PageErrorFilter)
export class PublicComplaintPagesController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async start(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const draft = draftFrom({ q: query(req).q ?? '' });
    await this.renderStep(req, reply, publicLang(req, reply), 1, draft, []);
  }

  @Post()
  @UseGuards(RateLimitGuard)
  async step(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const body = formBody(req);
    const draft = draftFrom(body);
    const step = Math.min(STEPS, Math.max(1, Number(body.step) || 1));
    // No go (Enter in a field): the step's main button, send on the last step and next before it.
    const go = body.go ?? (step === STEPS ? 'send' : 'next');

    if (go === 'search') return this.renderStep(req, reply, lang, 1, draft, []);
    if (go === 'back') return this.renderStep(req, reply, lang, Math.max(1, step - 1), draft, []);
    if (EDIT_STEPS[go]) return this.renderStep(req, reply, lang, EDIT_STEPS[go], draft, []);
    if (go === 'send') return this.send(req, reply, lang, draft);

    const issues = await this.check(step, draft, lang);
    if (issues.length) return this.renderStep(req, reply, lang, step, draft, issues, 422);
    return this.renderStep(req, reply, lang, Math.min(STEPS, step + 1), draft, []);
  }

  @Get('verstuurd')
  confirmation(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const q = query(req);
    const reference = REFERENCE.test(q.ref ?? '') ? q.ref : null;
    const schoolDeadline = isIsoDate(q.tot) ? q.tot : null;
    sendPage(
      reply,
      <ConfirmationPage m={m} url={req.url} reference={reference} schoolDeadline={schoolDeadline} />,
    );
  }

  /** Every step once more (the hidden answers could have been changed), then the JSON API's schema and the service. */
  private async send(req: FastifyRequest, reply: FastifyReply, lang: Lang, draft: Draft): Promise<void> {
    for (let s = 1; s < STEPS; s++) {
      const issues = await this.check(s, draft, lang);
      if (issues.length) return this.renderStep(req, reply, lang, s, draft, issues, 422);
    }
    const body = parseForm(publicComplaintBody, complaintValues(draft, lang), COMPLAINT_SPEC);
    if (!body.ok) return this.renderIssues(req, reply, lang, draft, body.issues);
    try {
      const r = await this.complaints.create(body.value, { channel: 'web', actor: { type: 'student' } });
      const params = new URLSearchParams({ ref: r.reference });
      if (r.schoolDeadline) params.set('tot', r.schoolDeadline);
      redirect(reply, `/klacht/verstuurd?${params.toString()}`);
    } catch (e) {
      // The steps ask what the service checks; a school deleted in between is the way here.
      const issues = e instanceof ProblemError ? problemIssues(e, COMPLAINT_SPEC) : undefined;
      if (!issues) throw e;
      return this.renderIssues(req, reply, lang, draft, issues);
    }
  }

  /** The problems with one step's answers; the school must still exist. */
  private async check(step: number, draft: Draft, lang: Lang): Promise<FormIssue[]> {
    const { schema, spec } = stepForm(step, this.clock.today());
    const parsed = parseForm(schema, complaintValues(draft, lang), spec);
    if (!parsed.ok) return parsed.issues;
    if (step === 1 && !(await this.schools.exists(draft.schoolId)))
      return [{ field: 'schoolId', key: 'school' }];
    return [];
  }

  /** Back to the step that asks the first field with a problem. */
  private renderIssues(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    draft: Draft,
    issues: FormIssue[],
  ): Promise<void> {
    return this.renderStep(req, reply, lang, stepOf(issues[0].field), draft, issues, 422);
  }

  private async renderStep(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    step: number,
    draft: Draft,
    issues: FormIssue[],
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const { summary, byField } = localize(issues, m, complaintLabels(m));
    const p = { m, draft, byField };
    let content;
    if (step === 1)
      content = (
        <SchoolStep {...p} schools={await schoolsToChoose(this.schools, draft.q, draft.schoolId, 25)} />
      );
    else if (step === 2) content = <AboutStep {...p} />;
    else if (step === 3) content = <SchoolStageStep {...p} today={this.clock.today()} />;
    else if (step === 4) content = <DetailsStep {...p} />;
    else content = <CheckStep {...p} school={await this.chosenSchool(draft.schoolId)} />;
    sendPage(
      reply,
      <ComplaintStepPage m={m} url={req.url} step={step} draft={draft} errors={summary}>
        {content}
      </ComplaintStepPage>,
      status,
    );
  }

  private async chosenSchool(id: string) {
    const parsed = publicComplaintBody.shape.schoolId.safeParse(id);
    return parsed.success ? this.schools.get(id).catch(() => null) : null;
  }
}
