import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Public } from '../../auth/policy.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import type { FieldError } from '../../web/components.js';
import { submitForm, type FormSpec, type FormState, type FormValues } from '../../web/form-flow.js';
import { localize, type FormIssue } from '../../web/forms.js';
import { messages } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { publicLang, query, sendPage } from '../../web/web.http.js';
import { studentEscalateBody, studentInfoBody, withdrawBody } from '../complaints.dto.js';
import { ComplaintsService } from '../complaints.service.js';
import { issuesAt, noticeFor, openLink } from './public-forms.js';
import { StudentCasePage, type StudentView } from './student-case.views.js';
import { invalidStudentLink } from './student-link.pages.js';

/** What the page shows after a form: its problems, what was typed, and whether escalating was refused. */
interface Shown {
  issues?: FormIssue[];
  values?: FormValues;
  escalationRefused?: boolean;
}

/** One of the student's forms: the JSON API's schema, where the page goes after it, and a refusal (409) it shows. */
interface StudentForm<S extends z.ZodType> {
  schema: S;
  spec: FormSpec;
  /** The id of each field on the page, where it differs from its name. */
  ids: Record<string, string>;
  run: (value: z.output<S>) => Promise<unknown>;
  done: string;
  refused?: (values: FormValues) => Shown;
}

/**
 * The student's private case page (`/c/<token>`, from their emails): no sign-in, the link is
 * the key; a link that opens nothing gets the link page (404) with the way to a new one.
 */
@ApiExcludeController()
@Controller('c/:token')
@Public()
@UseFilters(PageErrorFilter)
export class StudentCasePagesController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Get()
  async page(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const view = await openLink(() => this.complaints.studentView(token));
    if (!view) return invalidStudentLink(req, reply);
    this.render(req, reply, token, view, {}, 200, query(req).done);
  }

  @Post('informatie')
  @UseGuards(RateLimitGuard)
  addInfo(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.submit(token, req, reply, {
      schema: studentInfoBody,
      spec: { text: 'text' },
      ids: { text: 'info-text' },
      run: (v) => this.complaints.studentAddInfo(token, v.text),
      done: 'info#info',
    });
  }

  @Post('intrekken')
  @UseGuards(RateLimitGuard)
  withdraw(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.submit(token, req, reply, {
      schema: withdrawBody,
      spec: { reason: 'text' },
      ids: { reason: 'withdraw-reason' },
      run: (v) => this.complaints.studentWithdraw(token, v.reason),
      done: 'withdrawn',
      // No longer possible (decided, or withdrawn in another tab): the page as it is now.
      refused: () => ({}),
    });
  }

  @Post('voorleggen')
  @UseGuards(RateLimitGuard)
  escalate(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.submit(token, req, reply, {
      schema: studentEscalateBody,
      spec: { reason: 'text', rejects: { kind: 'checkbox', path: 'studentRejectsFinalAnswer' } },
      ids: { reason: 'escalate-reason' },
      run: (v) => this.complaints.studentEscalate(token, v.reason, v.studentRejectsFinalAnswer),
      done: 'escalated',
      refused: (values) => ({ escalationRefused: true, values }),
    });
  }

  private async submit<S extends z.ZodType>(
    token: string,
    req: FastifyRequest,
    reply: FastifyReply,
    form: StudentForm<S>,
  ): Promise<void> {
    const view = await openLink(() => this.complaints.studentView(token));
    if (!view) return invalidStudentLink(req, reply);
    const rerender = async ({ issues, problem, values }: FormState, status: number) => {
      if (!problem)
        return this.render(req, reply, token, view, { issues: issuesAt(issues, form.ids), values }, status);
      if (problem.status !== 409 || !form.refused) throw problem;
      this.render(req, reply, token, await this.complaints.studentView(token), form.refused(values), 409);
    };
    await submitForm(req, reply, { ...form, done: () => `/c/${token}?done=${form.done}`, rerender });
  }

  private render(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    v: StudentView,
    shown: Shown,
    status: number,
    done?: string,
  ): void {
    const m = messages(publicLang(req, reply, v.studentLanguage));
    const s = m.student;
    const labels = {
      'info-text': s.addInfoLabel,
      'escalate-reason': s.escalateReasonLabel,
      'withdraw-reason': s.withdrawReasonLabel,
    };
    const { summary, byField } = localize(shown.issues ?? [], m, labels);
    const errors: FieldError[] = shown.escalationRefused
      ? [{ field: 'escalate-reason', message: s.escalateRefused }, ...summary]
      : summary;
    const url = req.method === 'GET' ? req.url : `/c/${token}`;
    const notice = noticeFor(done, [
      ['info', s.addInfoDone],
      ['withdrawn', s.withdrawDone],
      ['escalated', s.escalateDone],
    ]);
    const o = { notice, errors, byField, values: shown.values };
    sendPage(reply, <StudentCasePage m={m} url={url} token={token} v={v} o={o} />, status);
  }
}
