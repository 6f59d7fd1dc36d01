import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/policy.js';
import { Clock } from '../common/clock.js';
import { ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import {
  Button,
  ButtonGroup,
  DataList,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  TextArea,
  TextField,
} from './components.js';
import { FormCheck, localize } from './forms.js';
import { formatDate, formatDateTime, messages, type Messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { formBody, publicLang, query, redirect, sendPage } from './web.http.js';

type SchoolView = Awaited<ReturnType<ComplaintsService['schoolView']>>;

/** Why an action was not carried out, as a key of the school texts. */
type Refusal = 'stageEnded' | 'answerAlready' | 'changed';

interface PageState {
  done?: string;
  issues?: FormCheck['issues'];
  /** The answer date lies before the day the complaint was filed with the school. */
  beforeFiled?: boolean;
  values?: Record<string, string>;
  refused?: Refusal;
}

function fieldLabels(m: Messages): Record<string, string> {
  return { 'answer-date': m.school.answerDateLabel, 'answer-text': m.school.answerTextLabel };
}

/**
 * The school's private page for one complaint (`/school/<token>`, from the email sent when the
 * school stage starts): the complaint's text and the student's name, the school's deadline, and
 * two actions while the school stage runs: confirm receipt, record the final answer. No sign-in:
 * the link is the key, like the student's `/c/<token>`; a link that does not open a complaint
 * (unknown, expired, revoked, a student's link) gets the same "link not valid" page, 404.
 */
@ApiExcludeController()
@Controller('school')
@Public()
@UseFilters(PageErrorFilter)
export class SchoolPagesController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly clock: Clock,
  ) {}

  @Get(':token')
  async page(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.load(token);
    if (!view) return this.invalidLink(req, reply);
    this.render(req, reply, token, view, { done: query(req).done });
  }

  @Post(':token/ontvangst')
  @UseGuards(RateLimitGuard)
  async acknowledge(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.load(token);
    if (!view) return this.invalidLink(req, reply);
    try {
      await this.complaints.schoolAcknowledge(token);
    } catch (e) {
      if (!(e instanceof ProblemError) || e.status !== 409) throw e;
      const now = await this.complaints.schoolView(token);
      // A second click (or two at once): nothing changes, and the page says so.
      if (now.acknowledgedAt) return redirect(reply, `/school/${token}?done=al-ontvangen`);
      return this.render(req, reply, token, now, { refused: now.open ? 'changed' : 'stageEnded' }, 409);
    }
    redirect(reply, `/school/${token}?done=ontvangen`);
  }

  @Post(':token/eindantwoord')
  @UseGuards(RateLimitGuard)
  async answer(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.load(token);
    if (!view) return this.invalidLink(req, reply);
    const body = formBody(req);
    if (!view.open) return this.render(req, reply, token, view, { refused: 'stageEnded' }, 409);
    if (view.finalAnswer) return this.render(req, reply, token, view, { refused: 'answerAlready' }, 409);
    const check = new FormCheck(body);
    const date = check.date('answeredOn', {
      required: true,
      notAfter: this.clock.today(),
      field: 'answer-date',
    });
    const text = check.text('answer', { required: true, max: 5_000, field: 'answer-text' });
    const beforeFiled = Boolean(date && view.filedWithSchoolOn && date < view.filedWithSchoolOn);
    if (!check.ok || beforeFiled) {
      return this.render(req, reply, token, view, { issues: check.issues, beforeFiled, values: body }, 422);
    }
    try {
      await this.complaints.schoolFinalAnswer(token, date!, text!);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      const now = await this.complaints.schoolView(token);
      if (e.status === 422)
        return this.render(req, reply, token, now, { beforeFiled: true, values: body }, 422);
      if (e.status === 409) {
        const refused: Refusal = !now.open ? 'stageEnded' : now.finalAnswer ? 'answerAlready' : 'changed';
        return this.render(req, reply, token, now, { refused, values: body }, 409);
      }
      throw e;
    }
    redirect(reply, `/school/${token}?done=eindantwoord`);
  }

  private async load(token: string): Promise<SchoolView | null> {
    try {
      return await this.complaints.schoolView(token);
    } catch (e) {
      if (e instanceof ProblemError && e.status === 404) return null;
      throw e;
    }
  }

  /** The same friendly page as a student's dead link, with the way to a new link that fits a school. */
  private invalidLink(req: FastifyRequest, reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const title = m.linkPage.invalidLinkTitle;
    sendPage(
      reply,
      <PublicLayout m={m} title={title} url={req.method === 'GET' ? req.url : '/contact'} noindex>
        <Heading level={1}>{title}</Heading>
        <Notice kind="warning">{m.school.invalidText}</Notice>
        <P>
          <Link href="/contact">{m.school.contactLink}</Link>
        </P>
      </PublicLayout>,
      404,
    );
  }

  private render(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    v: SchoolView,
    o: PageState,
    status = 200,
  ): void {
    const m = messages(publicLang(req, reply));
    const sc = m.school;
    const today = this.clock.today();
    const { summary, byField } = localize(o.issues ?? [], m, fieldLabels(m));
    const errors: FieldError[] = [...summary];
    if (o.beforeFiled && !byField['answer-date']) {
      byField['answer-date'] = sc.dateBeforeFiled;
      errors.unshift({ field: 'answer-date', message: `${sc.answerDateLabel}: ${sc.dateBeforeFiled}` });
    }
    const doneText =
      o.done === 'ontvangen'
        ? sc.acknowledgeDone
        : o.done === 'al-ontvangen'
          ? sc.acknowledgeAlready
          : o.done === 'eindantwoord'
            ? sc.answerDone
            : null;
    const base = `/school/${token}`;
    const notYet = <span class="bow-muted">{sc.notYet}</span>;

    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={sc.title(v.reference)}
        url={req.method === 'GET' ? req.url : base}
        hasErrors={errors.length > 0}
        noindex
      >
        <Heading level={1}>{sc.title(v.reference)}</Heading>
        {doneText ? <Notice title={m.common.noticeTitle}>{doneText}</Notice> : null}
        {o.refused ? (
          <Notice kind="error">
            <p class="utrecht-paragraph" id="school-refused">
              {sc[o.refused]}
            </p>
          </Notice>
        ) : null}
        <ErrorSummary m={m} errors={errors} />
        <P lead>{sc.intro(v.schoolName ?? sc.yourSchool)}</P>

        <section aria-labelledby="status">
          <Heading level={2} id="status">
            {sc.statusTitle}
          </Heading>
          <P>
            <span id="status-text">{sc.status[v.status] ?? v.status}</span>
          </P>
          {v.open ? null : (
            <Notice kind="info">
              <p class="utrecht-paragraph" id="stage-ended">
                {sc.stageEnded}
              </p>
            </Notice>
          )}
        </section>

        <section aria-labelledby="deadline" class="bow-section">
          <Heading level={2} id="deadline">
            {sc.deadlineTitle}
          </Heading>
          <DataList
            items={[
              [sc.filedOn, formatDate(v.filedWithSchoolOn, m)],
              [sc.deadline, <span id="school-deadline">{formatDate(v.schoolDeadline, m)}</span>],
            ]}
          />
          {v.open ? <P>{sc.deadlineText}</P> : null}
        </section>

        <section aria-labelledby="complaint" class="bow-section">
          <Heading level={2} id="complaint">
            {sc.complaintTitle}
          </Heading>
          <DataList
            items={[
              [sc.student, <span id="student-name">{v.studentName}</span>],
              [sc.subject, <span id="case-subject">{v.subject}</span>],
              [
                sc.description,
                <span class="bow-pre" id="case-description">
                  {v.description}
                </span>,
              ],
              [
                sc.desired,
                v.desiredOutcome ? (
                  <span class="bow-pre" id="case-desired">
                    {v.desiredOutcome}
                  </span>
                ) : (
                  m.common.dash
                ),
              ],
            ]}
          />
        </section>

        <section aria-labelledby="yours" class="bow-section">
          <Heading level={2} id="yours">
            {sc.yoursTitle}
          </Heading>
          <DataList
            items={[
              [
                sc.acknowledgedAt,
                v.acknowledgedAt ? (
                  <span id="school-acknowledged">{formatDateTime(v.acknowledgedAt, m)}</span>
                ) : (
                  notYet
                ),
              ],
              [
                sc.answerOn,
                v.finalAnswer?.on ? (
                  <span id="school-answer-on">{formatDate(v.finalAnswer.on, m)}</span>
                ) : (
                  notYet
                ),
              ],
              [
                sc.answer,
                v.finalAnswer?.text ? (
                  <span class="bow-pre" id="school-answer">
                    {v.finalAnswer.text}
                  </span>
                ) : (
                  notYet
                ),
              ],
            ]}
          />
        </section>

        {v.open && !v.acknowledgedAt ? (
          <section aria-labelledby="acknowledge" class="bow-section">
            <Heading level={2} id="acknowledge">
              {sc.acknowledgeTitle}
            </Heading>
            <P>{sc.acknowledgeText}</P>
            <form method="post" action={`${base}/ontvangst`} novalidate class="utrecht-form">
              <ButtonGroup>
                <Button>{sc.acknowledgeButton}</Button>
              </ButtonGroup>
            </form>
          </section>
        ) : null}

        {v.open && !v.finalAnswer ? (
          <section aria-labelledby="answer" class="bow-section">
            <Heading level={2} id="answer">
              {sc.answerTitle}
            </Heading>
            <P>{sc.answerIntro}</P>
            <form method="post" action={`${base}/eindantwoord`} novalidate class="utrecht-form">
              <TextField
                id="answer-date"
                name="answeredOn"
                type="date"
                label={sc.answerDateLabel}
                hint={sc.answerDateHint}
                value={o.values?.answeredOn ?? today}
                error={byField['answer-date']}
                max={today}
                required
              />
              <TextArea
                id="answer-text"
                name="answer"
                label={sc.answerTextLabel}
                hint={sc.answerTextHint}
                value={o.values?.answer}
                error={byField['answer-text']}
                required
                rows={8}
              />
              <ButtonGroup>
                <Button>{sc.answerButton}</Button>
              </ButtonGroup>
            </form>
          </section>
        ) : null}

        <P>
          <span class="bow-muted">{sc.keepLink}</span> <Link href="/contact">{sc.contactLink}</Link>
        </P>
      </PublicLayout>,
      status,
    );
  }
}
