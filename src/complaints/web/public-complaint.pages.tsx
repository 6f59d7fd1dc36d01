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
import { ConfirmationPage } from './public-complaint.sent.js';
import { ComplaintStepPage } from './public-complaint.views.js';

/** The shape of a case reference (K-2026-000123): the confirmation shows only that from its URL. */
const REFERENCE = /^[A-Z]{1,3}-\d{4}-\d{6}$/;

/** The buttons that go back to a step to change it, on the check step. */
const EDIT_STEPS = new Map([
  ['edit-1', 1],
  ['edit-2', 2],
  ['edit-3', 3],
  ['edit-4', 4],
]);

/** One request of the form: where to answer, in which language, and the answers so far. */
interface Visit {
  req: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  draft: Draft;
}

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
  start(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const draft = draftFrom({ q: query(req).q ?? '' });
    return this.show({ req, reply, lang: publicLang(req, reply), draft }, 1);
  }

  @Post()
  @UseGuards(RateLimitGuard)
  async step(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = formBody(req);
    const at: Visit = { req, reply, lang: publicLang(req, reply), draft: draftFrom(body) };
    const step = Math.min(STEPS, Math.max(1, Number(body.step) || 1));
    // No go (Enter in a field): the step's main button, send on the last step and next before it.
    const go = body.go ?? (step === STEPS ? 'send' : 'next');

    if (go === 'search') return this.show(at, 1);
    if (go === 'back') return this.show(at, Math.max(1, step - 1));
    const edit = EDIT_STEPS.get(go);
    if (edit) return this.show(at, edit);
    if (go === 'send') return this.send(at);

    const issues = await this.check(step, at);
    return this.show(at, issues.length ? step : Math.min(STEPS, step + 1), issues);
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
  private async send(at: Visit): Promise<void> {
    for (let s = 1; s < STEPS; s++) {
      const issues = await this.check(s, at);
      if (issues.length) return this.show(at, s, issues);
    }
    const body = parseForm(publicComplaintBody, complaintValues(at.draft, at.lang), COMPLAINT_SPEC);
    if (!body.ok) return this.show(at, stepOf(body.issues[0].field), body.issues);
    try {
      const r = await this.complaints.create(body.value, { channel: 'web', actor: { type: 'student' } });
      const params = new URLSearchParams({ ref: r.reference });
      if (r.schoolDeadline) params.set('tot', r.schoolDeadline);
      redirect(at.reply, `/klacht/verstuurd?${params.toString()}`);
    } catch (e) {
      // The steps ask what the service checks; a school deleted in between is the way here.
      const issues = e instanceof ProblemError ? problemIssues(e, COMPLAINT_SPEC) : undefined;
      if (!issues) throw e;
      return this.show(at, stepOf(issues[0].field), issues);
    }
  }

  /** The problems with one step's answers; the school must still exist. */
  private async check(step: number, { draft, lang }: Visit): Promise<FormIssue[]> {
    const { schema, spec } = stepForm(step, this.clock.today());
    const parsed = parseForm(schema, complaintValues(draft, lang), spec);
    if (!parsed.ok) return parsed.issues;
    if (step === 1 && !(await this.schools.exists(draft.schoolId)))
      return [{ field: 'schoolId', key: 'school' }];
    return [];
  }

  /** A step of the form, with the problems that keep the student there (422). */
  private async show(
    { req, reply, lang, draft }: Visit,
    step: number,
    issues: FormIssue[] = [],
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
      issues.length ? 422 : 200,
    );
  }

  private async chosenSchool(id: string) {
    const parsed = publicComplaintBody.shape.schoolId.safeParse(id);
    return parsed.success ? this.schools.get(id).catch(() => null) : null;
  }
}
