import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../../auth/policy.js';
import { Clock } from '../../common/clock.js';
import type { IsoDate } from '../../common/dates.js';
import { RateLimitGuard } from '../../common/rate-limit.js';
import { submitForm, type FormState } from '../../web/form-flow.js';
import { localize } from '../../web/forms.js';
import { messages } from '../../web/i18n.js';
import { PageErrorFilter } from '../../web/page-errors.js';
import { publicLang, query, redirect, sendPage } from '../../web/web.http.js';
import { emptyBody, schoolAnswerBody } from '../complaints.dto.js';
import { ComplaintsService } from '../complaints.service.js';
import { addFormIssue, dateOutside, issuesAt, noticeFor, openLink } from './public-forms.js';
import { InvalidSchoolLinkPage, type Refusal, SchoolLinkPage, type SchoolView } from './school-link.views.js';

/**
 * The school's final answer as its page asks it: the date as staff record it (not in the future,
 * not before the complaint was filed with the school: the service checks the same), and the answer
 * in the school's words, as long as the note staff add to the same action.
 */
function schoolAnswerForm(today: IsoDate, filedOn: IsoDate | null) {
  const { schoolFinalAnswerOn, note } = schoolAnswerBody.shape;
  return z
    .object({
      schoolFinalAnswerOn: schoolFinalAnswerOn.superRefine((on, ctx) => {
        const problem = dateOutside(on, today, filedOn, 'answerBeforeFiled');
        if (problem) addFormIssue(ctx, problem);
      }),
      answer: note.unwrap(),
    })
    .strict();
}

const ANSWER_FIELDS = { answeredOn: 'answer-date', answer: 'answer-text' };

/**
 * The school's private page for one complaint (`/school/<token>`, from the email sent when the
 * school stage starts), with two actions while the school stage runs: confirm receipt, record
 * the final answer. No sign-in: the link is the key, like the student's `/c/<token>`; a link
 * that does not open a complaint (unknown, expired, revoked, a student's link) gets the same
 * "link not valid" page, 404.
 */
@ApiExcludeController()
@Controller('school/:token')
@Public()
@UseFilters(PageErrorFilter)
export class SchoolLinkPagesController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async page(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const view = await this.open(token, req, reply);
    if (view) this.render(req, reply, token, view, {}, 200, query(req).done);
  }

  @Post('ontvangst')
  @UseGuards(RateLimitGuard)
  async acknowledge(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    if (!(await this.open(token, req, reply))) return;
    await submitForm(req, reply, {
      schema: emptyBody,
      spec: {},
      run: () => this.complaints.schoolAcknowledge(token),
      done: () => `/school/${token}?done=ontvangen`,
      rerender: async ({ problem }) => {
        if (problem?.status !== 409) throw problem;
        const now = await this.complaints.schoolView(token);
        // A second click (or two at once): nothing changes, and the page says so.
        if (now.acknowledgedAt) return redirect(reply, `/school/${token}?done=al-ontvangen`);
        this.render(req, reply, token, now, { refused: now.open ? 'changed' : 'stageEnded' }, 409);
      },
    });
  }

  @Post('eindantwoord')
  @UseGuards(RateLimitGuard)
  async answer(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const view = await this.open(token, req, reply);
    if (!view) return;
    const refused = refusal(view);
    if (refused) return this.render(req, reply, token, view, { refused }, 409);
    await submitForm(req, reply, {
      schema: schoolAnswerForm(this.clock.today(), view.filedWithSchoolOn),
      spec: { answeredOn: { path: 'schoolFinalAnswerOn' }, answer: 'text' },
      run: (v) => this.complaints.schoolFinalAnswer(token, v.schoolFinalAnswerOn, v.answer),
      done: () => `/school/${token}?done=eindantwoord`,
      rerender: async (state, status) => {
        if (!state.problem) return this.render(req, reply, token, view, state, status);
        if (state.problem.status !== 409) throw state.problem;
        const now = await this.complaints.schoolView(token);
        this.render(
          req,
          reply,
          token,
          now,
          { refused: refusal(now) ?? 'changed', values: state.values },
          409,
        );
      },
    });
  }

  /** The complaint this link opens, or the "link not valid" page (and null). */
  private async open(token: string, req: FastifyRequest, reply: FastifyReply): Promise<SchoolView | null> {
    const view = await openLink(() => this.complaints.schoolView(token));
    if (view) return view;
    const m = messages(publicLang(req, reply));
    sendPage(reply, <InvalidSchoolLinkPage m={m} url={req.method === 'GET' ? req.url : '/contact'} />, 404);
    return null;
  }

  private render(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    v: SchoolView,
    shown: Partial<FormState> & { refused?: Refusal },
    status: number,
    done?: string,
  ): void {
    const m = messages(publicLang(req, reply));
    const labels = { 'answer-date': m.school.answerDateLabel, 'answer-text': m.school.answerTextLabel };
    const { summary, byField } = localize(issuesAt(shown.issues, ANSWER_FIELDS), m, labels);
    const notice = noticeFor(done, [
      ['ontvangen', m.school.acknowledgeDone],
      ['al-ontvangen', m.school.acknowledgeAlready],
      ['eindantwoord', m.school.answerDone],
    ]);
    const o = { notice, errors: summary, byField, values: shown.values, refused: shown.refused };
    const url = req.method === 'GET' ? req.url : `/school/${token}`;
    const page = <SchoolLinkPage m={m} url={url} token={token} today={this.clock.today()} v={v} o={o} />;
    sendPage(reply, page, status);
  }
}

/** Why the school can no longer record its answer: the stage ended, or it answered already. */
function refusal(v: SchoolView): Refusal | null {
  if (!v.open) return 'stageEnded';
  return v.finalAnswer ? 'answerAlready' : null;
}
