import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Public } from '../auth/policy.js';
import { Clock } from '../common/clock.js';
import { ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { SchoolsService } from '../schools/schools.service.js';
import {
  Button,
  ButtonGroup,
  DefaultSubmit,
  Checkbox,
  DataList,
  ErrorSummary,
  type FieldError,
  Heading,
  Hidden,
  Link,
  Notice,
  P,
  RadioGroup,
  TextArea,
  TextField,
} from './components.js';
import { FormCheck, isUuid, localize } from './forms.js';
import { formatDate, formatDateTime, messages, type Lang, type Messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { SchoolChooser, schoolsToChoose } from './school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from './web.http.js';

const STEPS = 5;
const REFERENCE = /^[A-Z]{1,3}-\d{4}-\d{6}$/;

/** What the student has answered so far; carried from step to step in hidden fields (no JavaScript, no server state). */
interface Draft {
  schoolId: string;
  q: string;
  subject: string;
  description: string;
  filed: string;
  filedWithSchoolOn: string;
  schoolFinalAnswerOn: string;
  desiredOutcome: string;
  name: string;
  email: string;
  phone: string;
}

const DRAFT_FIELDS: (keyof Draft)[] = [
  'schoolId',
  'q',
  'subject',
  'description',
  'filed',
  'filedWithSchoolOn',
  'schoolFinalAnswerOn',
  'desiredOutcome',
  'name',
  'email',
  'phone',
];

/** The fields each step shows; the others travel along hidden. */
const STEP_FIELDS: Record<number, (keyof Draft)[]> = {
  1: ['schoolId', 'q'],
  2: ['subject', 'description'],
  3: ['filed', 'filedWithSchoolOn', 'schoolFinalAnswerOn'],
  4: ['desiredOutcome', 'name', 'email', 'phone'],
  5: [],
};

function draftFrom(body: Record<string, string>): Draft {
  return Object.fromEntries(
    DRAFT_FIELDS.map((k) => [k, (body[k] ?? '').slice(0, 25_000)]),
  ) as unknown as Draft;
}

function fieldLabels(m: Messages): Record<string, string> {
  const f = m.complaintForm;
  return {
    schoolId: f.schoolLegend,
    subject: f.subjectLabel,
    description: f.descriptionLabel,
    filed: f.filedLegend,
    filedWithSchoolOn: f.filedOnLabel,
    schoolFinalAnswerOn: f.finalAnswerLabel,
    desiredOutcome: f.desiredLabel,
    name: f.nameLabel,
    email: f.emailLabel,
    phone: f.phoneLabel,
    'info-text': m.student.addInfoLabel,
    'escalate-reason': m.student.escalateReasonLabel,
    'withdraw-reason': m.student.withdrawReasonLabel,
    reference: m.linkPage.referenceLabel,
    'link-email': m.linkPage.emailLabel,
  };
}

type StudentView = Awaited<ReturnType<ComplaintsService['studentView']>>;

@ApiExcludeController()
@Controller()
@Public()
@UseFilters(PageErrorFilter)
export class PublicPagesController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ home, contact

  @Get()
  home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const h = m.home;
    sendPage(
      reply,
      <PublicLayout m={m} title={h.title} url={req.url}>
        <Heading level={1}>{h.title}</Heading>
        <P lead>{h.intro}</P>
        <P>{h.helpFiling}</P>
        <section aria-labelledby="what">
          <Heading level={2} id="what">
            {h.whatTitle}
          </Heading>
          <div class="bow-card-grid">
            {(
              [
                ['/klacht', h.fileComplaint, h.fileComplaintText],
                ['/link', h.followCase, h.followCaseText],
                ['/contact', h.contact, h.contactText],
              ] as const
            ).map(([href, title, text]) => (
              <div class="bow-card">
                <Heading level={3}>
                  <Link href={href}>{title}</Link>
                </Heading>
                <P>{text}</P>
              </div>
            ))}
          </div>
        </section>
        <section aria-labelledby="digid">
          <Heading level={2} id="digid">
            {h.digidTitle}
          </Heading>
          <P>{h.digidText}</P>
          <P>
            <Link href="/digid">{m.digid.homeLink}</Link>
          </P>
        </section>
        <section aria-labelledby="terminate">
          <Heading level={2} id="terminate">
            {m.terminate.homeTitle}
          </Heading>
          <P>{m.terminate.homeText}</P>
          <P>
            <Link href="/terminate">{m.terminate.homeLink}</Link>
          </P>
        </section>
        <P>
          <Link href="/console/login">{h.staffSignIn}</Link>
        </P>
      </PublicLayout>,
    );
  }

  @Get('contact')
  contact(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const c = m.contact;
    sendPage(
      reply,
      <PublicLayout m={m} title={c.title} url={req.url}>
        <Heading level={1}>{c.title}</Heading>
        <section aria-labelledby="desk">
          <Heading level={2} id="desk">
            {c.desk}
          </Heading>
          <DataList
            items={[
              [
                c.phone,
                <a class="utrecht-link utrecht-link--html-a utrecht-link--telephone" href="tel:+31303030645">
                  {c.phoneNumber}
                </a>,
              ],
              [c.hours, c.hoursValue],
              [
                c.email,
                <a class="utrecht-link utrecht-link--html-a" href={`mailto:${c.emailAddress}`}>
                  {c.emailAddress}
                </a>,
              ],
            ]}
          />
          <P>{c.duo}</P>
        </section>
        <section aria-labelledby="privacy">
          <Heading level={2} id="privacy">
            {c.privacyTitle}
          </Heading>
          <ul class="utrecht-unordered-list">
            {c.privacy.map((line) => (
              <li class="utrecht-unordered-list__item">{line}</li>
            ))}
          </ul>
        </section>
      </PublicLayout>,
    );
  }

  // ------------------------------------------------------------------ complaint form

  @Get('klacht')
  async complaintStart(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const draft = draftFrom({ q: query(req).q ?? '' });
    await this.renderStep(req, reply, lang, 1, draft, []);
  }

  @Post('klacht')
  @UseGuards(RateLimitGuard)
  async complaintStep(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const body = formBody(req);
    const draft = draftFrom(body);
    const step = Math.min(STEPS, Math.max(1, Number(body.step) || 1));
    // No go (Enter in a field): the step's main button, send on the last step and next before it.
    const go = body.go ?? (step === STEPS ? 'send' : 'next');

    if (go === 'search') return this.renderStep(req, reply, lang, 1, draft, []);
    if (go === 'back') return this.renderStep(req, reply, lang, Math.max(1, step - 1), draft, []);
    const edit = /^edit-([1-4])$/.exec(go);
    if (edit) return this.renderStep(req, reply, lang, Number(edit[1]), draft, []);

    if (go === 'send') {
      for (let s = 1; s <= 4; s++) {
        const check = await this.checkStep(s, draft);
        if (!check.ok) return this.renderStep(req, reply, lang, s, draft, check.issues, 422);
      }
      try {
        const r = await this.complaints.create(
          {
            student: {
              name: draft.name.trim(),
              email: draft.email.trim(),
              phone: draft.phone.trim() || undefined,
              language: lang,
            },
            schoolId: draft.schoolId,
            subject: draft.subject.trim(),
            description: draft.description.trim(),
            desiredOutcome: draft.desiredOutcome.trim() || undefined,
            filedWithSchoolOn: draft.filed === 'yes' ? draft.filedWithSchoolOn : undefined,
            schoolFinalAnswerOn:
              draft.filed === 'yes' && draft.schoolFinalAnswerOn ? draft.schoolFinalAnswerOn : undefined,
            needsHelpFiling: draft.filed === 'no',
          },
          { channel: 'web', actor: { type: 'student' } },
        );
        const params = new URLSearchParams({ ref: r.reference });
        if (r.schoolDeadline) params.set('tot', r.schoolDeadline);
        return redirect(reply, `/klacht/verstuurd?${params.toString()}`);
      } catch (e) {
        // The form checks what the service checks; a school deleted in between is the only way here.
        if (e instanceof ProblemError && e.status === 422) {
          return this.renderStep(req, reply, lang, 1, draft, [{ field: 'schoolId', key: 'school' }], 422);
        }
        throw e;
      }
    }

    const check = await this.checkStep(step, draft);
    if (!check.ok) return this.renderStep(req, reply, lang, step, draft, check.issues, 422);
    return this.renderStep(req, reply, lang, Math.min(STEPS, step + 1), draft, []);
  }

  private async checkStep(step: number, d: Draft): Promise<FormCheck> {
    const today = this.clock.today();
    const check = new FormCheck(d as unknown as Record<string, string>);
    if (step === 1) {
      if (!isUuid(d.schoolId) || !(await this.schools.exists(d.schoolId))) check.fail('schoolId', 'school');
    } else if (step === 2) {
      check.text('subject', { required: true, max: 200 });
      check.text('description', { required: true, max: 20_000 });
    } else if (step === 3) {
      const filed = check.oneOf('filed', ['yes', 'no'] as const, { required: true });
      if (filed === 'yes') {
        const filedOn = check.date('filedWithSchoolOn', { required: true, notAfter: today });
        check.date('schoolFinalAnswerOn', {
          notAfter: today,
          notBefore: filedOn,
          beforeKey: 'dateBeforeFiled',
        });
      }
    } else if (step === 4) {
      check.text('desiredOutcome', { max: 5_000 });
      check.personName('name', { required: true, max: 200 });
      check.email('email', { required: true });
      check.phone('phone');
    }
    return check;
  }

  private async renderStep(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    step: number,
    draft: Draft,
    issues: FormCheck['issues'],
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const f = m.complaintForm;
    const { summary, byField } = localize(issues, m, fieldLabels(m));
    const today = this.clock.today();
    const stepName = f.steps[step - 1];
    const hidden = DRAFT_FIELDS.filter((k) => !STEP_FIELDS[step].includes(k)).map((k) => (
      <Hidden name={k} value={draft[k]} />
    ));

    let content;
    if (step === 1) {
      const schools = await schoolsToChoose(this.schools, draft.q, draft.schoolId, 25);
      content = (
        <SchoolChooser
          as="radios"
          texts={{
            searchLabel: f.searchLabel,
            searchHint: f.schoolHint,
            searchButton: f.searchButton,
            schoolLabel: f.schoolLegend,
            noSchools: f.noSchools,
          }}
          schools={schools}
          q={draft.q}
          value={draft.schoolId}
          error={byField.schoolId}
        />
      );
    } else if (step === 2) {
      content = (
        <>
          <TextField
            id="subject"
            label={f.subjectLabel}
            hint={f.subjectHint}
            value={draft.subject}
            error={byField.subject}
            required
          />
          <TextArea
            id="description"
            label={f.descriptionLabel}
            hint={f.descriptionHint}
            value={draft.description}
            error={byField.description}
            required
            rows={8}
          />
        </>
      );
    } else if (step === 3) {
      content = (
        <>
          <section class="utrecht-alert utrecht-alert--info" aria-labelledby="six-weeks">
            <div class="utrecht-alert__content">
              <h2 class="utrecht-heading-3" id="six-weeks">
                {f.sixWeeksTitle}
              </h2>
              <p class="utrecht-paragraph">{f.sixWeeksText}</p>
            </div>
          </section>
          <RadioGroup
            id="filed"
            name="filed"
            legend={f.filedLegend}
            options={[
              { value: 'yes', label: f.filedYes },
              { value: 'no', label: f.filedNo },
            ]}
            value={draft.filed}
            error={byField.filed}
          />
          <TextField
            id="filedWithSchoolOn"
            type="date"
            label={f.filedOnLabel}
            hint={f.filedOnHint}
            value={draft.filedWithSchoolOn}
            error={byField.filedWithSchoolOn}
            max={today}
          />
          <TextField
            id="schoolFinalAnswerOn"
            type="date"
            label={f.finalAnswerLabel}
            optional={m.common.optional}
            hint={f.finalAnswerHint}
            value={draft.schoolFinalAnswerOn}
            error={byField.schoolFinalAnswerOn}
            max={today}
          />
        </>
      );
    } else if (step === 4) {
      content = (
        <>
          <TextArea
            id="desiredOutcome"
            label={f.desiredLabel}
            optional={m.common.optional}
            hint={f.desiredHint}
            value={draft.desiredOutcome}
            error={byField.desiredOutcome}
            rows={4}
          />
          <TextField
            id="name"
            label={f.nameLabel}
            value={draft.name}
            error={byField.name}
            autocomplete="name"
            required
          />
          <TextField
            id="email"
            type="email"
            label={f.emailLabel}
            hint={f.emailHint}
            value={draft.email}
            error={byField.email}
            autocomplete="email"
            required
            spellcheck={false}
          />
          <TextField
            id="phone"
            type="tel"
            label={f.phoneLabel}
            optional={m.common.optional}
            value={draft.phone}
            error={byField.phone}
            autocomplete="tel"
          />
        </>
      );
    } else {
      const school = isUuid(draft.schoolId) ? await this.schools.get(draft.schoolId).catch(() => null) : null;
      const change = (n: number) => (
        <Button variant="subtle" name="go" value={`edit-${n}`} hiddenText={f.steps[n - 1]}>
          {f.change}
        </Button>
      );
      content = (
        <>
          <DataList
            items={[
              [
                f.summarySchool,
                <>
                  {school ? `${school.name} (${school.city})` : m.common.dash} {change(1)}
                </>,
              ],
              [
                f.summarySubject,
                <>
                  {draft.subject} {change(2)}
                </>,
              ],
              [
                f.summaryDescription,
                <>
                  <span class="bow-pre">{draft.description}</span> {change(2)}
                </>,
              ],
              draft.filed === 'yes'
                ? [
                    f.summaryFiled,
                    <>
                      {formatDate(draft.filedWithSchoolOn, m)} {change(3)}
                    </>,
                  ]
                : [
                    f.summaryFiled,
                    <>
                      {f.summaryNotFiled} {change(3)}
                    </>,
                  ],
              ...(draft.filed === 'yes' && draft.schoolFinalAnswerOn
                ? ([
                    [
                      f.summaryFinalAnswer,
                      <>
                        {formatDate(draft.schoolFinalAnswerOn, m)} {change(3)}
                      </>,
                    ],
                  ] as [string, ComponentChildren][])
                : []),
              [
                f.summaryDesired,
                <>
                  {draft.desiredOutcome || m.common.dash} {change(4)}
                </>,
              ],
              [
                f.summaryName,
                <>
                  {draft.name} {change(4)}
                </>,
              ],
              [
                f.summaryEmail,
                <>
                  {draft.email} {change(4)}
                </>,
              ],
              [
                f.summaryPhone,
                <>
                  {draft.phone || m.common.dash} {change(4)}
                </>,
              ],
            ]}
          />
          <section class="utrecht-alert utrecht-alert--info" aria-labelledby="six-weeks">
            <div class="utrecht-alert__content">
              <h2 class="utrecht-heading-3" id="six-weeks">
                {f.sixWeeksTitle}
              </h2>
              <p class="utrecht-paragraph">{f.sixWeeksText}</p>
            </div>
          </section>
          <P>
            {f.privacyNote} <Link href="/contact">{f.privacyLink}</Link>
          </P>
        </>
      );
    }

    sendPage(
      reply,
      <PublicLayout m={m} title={`${f.title}: ${stepName}`} url={req.url} hasErrors={summary.length > 0}>
        <P>
          <span class="bow-steps">{f.stepOf(step, STEPS)}</span>
        </P>
        <Heading level={1}>{step === STEPS ? f.checkTitle : stepName}</Heading>
        <ErrorSummary m={m} errors={summary} />
        <form method="post" action="/klacht" novalidate class="utrecht-form">
          <DefaultSubmit />
          <input type="hidden" name="step" value={String(step)} />
          {hidden}
          {content}
          <ButtonGroup>
            {step === STEPS ? (
              <Button name="go" value="send">
                {f.send}
              </Button>
            ) : (
              <Button name="go" value="next">
                {m.common.next}
              </Button>
            )}
            {step > 1 ? (
              <Button variant="secondary" name="go" value="back">
                {m.common.back}
              </Button>
            ) : null}
          </ButtonGroup>
        </form>
      </PublicLayout>,
      status,
    );
  }

  @Get('klacht/verstuurd')
  confirmation(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const c = m.confirmation;
    const q = query(req);
    const reference = REFERENCE.test(q.ref ?? '') ? q.ref : null;
    const until = /^\d{4}-\d{2}-\d{2}$/.test(q.tot ?? '') ? q.tot : null;
    sendPage(
      reply,
      <PublicLayout m={m} title={c.title} url={req.url} noindex>
        <Heading level={1}>{c.title}</Heading>
        {reference ? (
          <div class="utrecht-alert utrecht-alert--ok" role="status">
            <div class="utrecht-alert__content">
              <p class="utrecht-paragraph">{c.reference}</p>
              <p class="utrecht-paragraph bow-reference" id="reference">
                {reference}
              </p>
              <p class="utrecht-paragraph">{c.referenceHint}</p>
            </div>
          </div>
        ) : null}
        <P>{c.emailSent}</P>
        <P>{c.emailMissing}</P>
        <Heading level={2}>{c.nextTitle}</Heading>
        <P>{until ? c.nextSchool(formatDate(until, m)) : c.nextIntake}</P>
        <P>
          <Link href="/link">{c.newLink}</Link>
        </P>
      </PublicLayout>,
    );
  }

  // ------------------------------------------------------------------ new private link

  @Get('link')
  linkForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.renderLinkPage(req, reply, m, { done: query(req).done === '1' });
  }

  @Post('link')
  @UseGuards(RateLimitGuard)
  async linkResend(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(publicLang(req, reply));
    const body = formBody(req);
    const check = new FormCheck(body);
    const reference = check.text('reference', { required: true, max: 40 });
    const email = check.email('email', { required: true, field: 'link-email' });
    if (!check.ok) {
      const { summary, byField } = localize(check.issues, m, fieldLabels(m));
      return this.renderLinkPage(req, reply, m, { errors: summary, byField, values: body }, 422);
    }
    await this.complaints.resendLink(reference!, email!);
    redirect(reply, '/link?done=1');
  }

  private renderLinkPage(
    req: FastifyRequest,
    reply: FastifyReply,
    m: Messages,
    o: {
      done?: boolean;
      invalid?: boolean;
      errors?: FieldError[];
      byField?: Record<string, string>;
      values?: Record<string, string>;
    },
    status = 200,
  ): void {
    const l = m.linkPage;
    const title = o.invalid ? l.invalidLinkTitle : l.title;
    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={title}
        url={o.invalid ? '/link' : req.url}
        hasErrors={Boolean(o.errors?.length)}
        noindex={o.invalid}
      >
        <Heading level={1}>{title}</Heading>
        {o.invalid ? <Notice kind="warning">{l.invalidLinkText}</Notice> : null}
        {o.done ? <Notice title={m.common.noticeTitle}>{l.done}</Notice> : null}
        <ErrorSummary m={m} errors={o.errors} />
        <P>{l.intro}</P>
        <form method="post" action="/link" novalidate class="utrecht-form">
          <TextField
            id="reference"
            label={l.referenceLabel}
            hint={l.referenceHint}
            value={o.values?.reference}
            error={o.byField?.reference}
            required
            autocomplete="off"
          />
          <TextField
            id="link-email"
            name="email"
            type="email"
            label={l.emailLabel}
            value={o.values?.email}
            error={o.byField?.['link-email']}
            required
            autocomplete="email"
            spellcheck={false}
          />
          <ButtonGroup>
            <Button>{l.button}</Button>
          </ButtonGroup>
        </form>
      </PublicLayout>,
      status,
    );
  }

  // ------------------------------------------------------------------ the student's case page

  @Get('c/:token')
  async studentPage(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.loadView(token);
    if (!view) return this.invalidLink(req, reply);
    const done = query(req).done;
    this.renderStudentPage(req, reply, token, view, { done });
  }

  @Post('c/:token/informatie')
  @UseGuards(RateLimitGuard)
  async studentInfo(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.loadView(token);
    if (!view) return this.invalidLink(req, reply);
    const check = new FormCheck(formBody(req));
    const text = check.text('text', { required: true, max: 10_000, field: 'info-text' });
    if (!check.ok)
      return this.renderStudentPage(
        req,
        reply,
        token,
        view,
        { issues: check.issues, values: formBody(req) },
        422,
      );
    await this.complaints.studentAddInfo(token, text!);
    redirect(reply, `/c/${token}?done=info#info`);
  }

  @Post('c/:token/intrekken')
  @UseGuards(RateLimitGuard)
  async studentWithdraw(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.loadView(token);
    if (!view) return this.invalidLink(req, reply);
    const check = new FormCheck(formBody(req));
    const reason = check.text('reason', { max: 2_000, field: 'withdraw-reason' });
    if (!check.ok)
      return this.renderStudentPage(
        req,
        reply,
        token,
        view,
        { issues: check.issues, values: formBody(req) },
        422,
      );
    try {
      await this.complaints.studentWithdraw(token, reason);
    } catch (e) {
      if (e instanceof ProblemError && e.status === 409)
        return this.renderStudentPage(req, reply, token, await this.complaints.studentView(token), {}, 409);
      throw e;
    }
    redirect(reply, `/c/${token}?done=withdrawn`);
  }

  @Post('c/:token/voorleggen')
  @UseGuards(RateLimitGuard)
  async studentEscalate(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.loadView(token);
    if (!view) return this.invalidLink(req, reply);
    const body = formBody(req);
    const check = new FormCheck(body);
    const reason = check.text('reason', { required: true, max: 5_000, field: 'escalate-reason' });
    if (!check.ok)
      return this.renderStudentPage(req, reply, token, view, { issues: check.issues, values: body }, 422);
    try {
      await this.complaints.studentEscalate(token, reason!, check.checked('rejects') || undefined);
    } catch (e) {
      if (e instanceof ProblemError && e.status === 409) {
        return this.renderStudentPage(
          req,
          reply,
          token,
          await this.complaints.studentView(token),
          { escalationRefused: true, values: body },
          409,
        );
      }
      throw e;
    }
    redirect(reply, `/c/${token}?done=escalated`);
  }

  private async loadView(token: string): Promise<StudentView | null> {
    try {
      return await this.complaints.studentView(token);
    } catch (e) {
      if (e instanceof ProblemError && e.status === 404) return null;
      throw e;
    }
  }

  private invalidLink(req: FastifyRequest, reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    this.renderLinkPage(req, reply, m, { invalid: true }, 404);
  }

  private renderStudentPage(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    v: StudentView,
    o: {
      done?: string;
      issues?: FormCheck['issues'];
      values?: Record<string, string>;
      escalationRefused?: boolean;
    },
    status = 200,
  ): void {
    const m = messages(publicLang(req, reply, v.studentLanguage));
    const s = m.student;
    const { summary, byField } = localize(o.issues ?? [], m, fieldLabels(m));
    const errors: FieldError[] = o.escalationRefused
      ? [{ field: 'escalate-reason', message: s.escalateRefused }, ...summary]
      : summary;
    const open = v.status !== 'closed' && v.status !== 'withdrawn';
    const canEscalate = v.status === 'intake' || v.status === 'school_stage';
    const doneText =
      o.done === 'info'
        ? s.addInfoDone
        : o.done === 'withdrawn'
          ? s.withdrawDone
          : o.done === 'escalated'
            ? s.escalateDone
            : null;
    const base = `/c/${token}`;

    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={s.title(v.reference)}
        url={req.method === 'GET' ? req.url : base}
        hasErrors={errors.length > 0}
        noindex
      >
        <Heading level={1}>{s.title(v.reference)}</Heading>
        {doneText ? <Notice title={m.common.noticeTitle}>{doneText}</Notice> : null}
        <ErrorSummary m={m} errors={errors} />

        <section aria-labelledby="status">
          <Heading level={2} id="status">
            {s.statusTitle}
          </Heading>
          <P lead>
            <span id="status-text">{s.status[v.status]}</span>
          </P>
        </section>

        {v.outcome && v.outcome !== 'withdrawn' && v.decisionSummary ? (
          <section aria-labelledby="decision" class="bow-section">
            <Heading level={2} id="decision">
              {s.decisionTitle}
            </Heading>
            <P>
              <strong>{s.outcome[v.outcome] ?? v.outcome}</strong>
            </P>
            <p class="utrecht-paragraph bow-pre" id="decision-summary">
              {v.decisionSummary}
            </p>
          </section>
        ) : null}

        <section aria-labelledby="dates" class="bow-section">
          <Heading level={2} id="dates">
            {s.deadlinesTitle}
          </Heading>
          {v.deadlines.length ? (
            <DataList
              items={v.deadlines.map((d) => [
                s.deadline[d.kind] ?? d.kind,
                <>
                  {formatDate(d.dueOn, m)}
                  {d.status === 'paused' ? <> ({s.pausedNote})</> : null}
                </>,
              ])}
            />
          ) : (
            <P>{s.noDeadlines}</P>
          )}
        </section>

        <section aria-labelledby="complaint" class="bow-section">
          <Heading level={2} id="complaint">
            {s.yourComplaint}
          </Heading>
          <DataList
            items={[
              [s.school, v.schoolName ?? m.common.dash],
              [s.subject, <span id="case-subject">{v.subject}</span>],
              [
                s.description,
                <span class="bow-pre" id="case-description">
                  {v.description}
                </span>,
              ],
            ]}
          />
        </section>

        <section aria-labelledby="timeline" class="bow-section">
          <Heading level={2} id="timeline">
            {s.timelineTitle}
          </Heading>
          <ol class="bow-timeline">
            {v.events.map((e) => (
              <li class="bow-timeline__item">
                <p class="bow-timeline__meta">
                  {formatDateTime(e.at, m)} {s.by[e.by] ?? ''}
                </p>
                <p class="utrecht-paragraph bow-timeline__text">{s.events[e.kind] ?? s.eventOther}</p>
                {studentEventDetail(e, m)}
              </li>
            ))}
          </ol>
        </section>

        {canEscalate ? (
          <section aria-labelledby="escalate" class="bow-section">
            <Heading level={2} id="escalate">
              {s.escalateTitle}
            </Heading>
            <P>{s.escalateIntro}</P>
            {v.escalation.possible ? (
              <form method="post" action={`${base}/voorleggen`} novalidate class="utrecht-form">
                <TextArea
                  id="escalate-reason"
                  name="reason"
                  label={s.escalateReasonLabel}
                  value={o.values?.reason}
                  error={byField['escalate-reason']}
                  required
                  rows={4}
                />
                <Checkbox
                  id="escalate-rejects"
                  name="rejects"
                  label={s.escalateRejectLabel}
                  checked={o.values?.rejects === 'true'}
                />
                <ButtonGroup>
                  <Button>{s.escalateButton}</Button>
                </ButtonGroup>
              </form>
            ) : v.escalation.earliestOn && v.schoolDeadline ? (
              <Notice kind="info">
                <p class="utrecht-paragraph" id="escalate-not-yet">
                  {s.escalateNotYet(formatDate(v.schoolDeadline, m))}{' '}
                  {s.escalateFrom(formatDate(v.escalation.earliestOn, m))}
                </p>
              </Notice>
            ) : (
              <Notice kind="info">
                <p class="utrecht-paragraph" id="escalate-not-yet">
                  {s.escalateNotFiled}
                </p>
              </Notice>
            )}
          </section>
        ) : null}

        {open ? (
          <section aria-labelledby="info" class="bow-section">
            <Heading level={2} id="info">
              {s.addInfoTitle}
            </Heading>
            <form method="post" action={`${base}/informatie`} novalidate class="utrecht-form">
              <TextArea
                id="info-text"
                name="text"
                label={s.addInfoLabel}
                hint={s.addInfoHint}
                value={o.values?.text}
                error={byField['info-text']}
                required
                rows={5}
              />
              <ButtonGroup>
                <Button>{s.addInfoButton}</Button>
              </ButtonGroup>
            </form>
          </section>
        ) : null}

        {v.canWithdraw ? (
          <section aria-labelledby="withdraw" class="bow-section">
            <Heading level={2} id="withdraw">
              {s.withdrawTitle}
            </Heading>
            <P>{s.withdrawIntro}</P>
            <form method="post" action={`${base}/intrekken`} novalidate class="utrecht-form">
              <TextArea
                id="withdraw-reason"
                name="reason"
                label={s.withdrawReasonLabel}
                optional={m.common.optional}
                value={o.values?.reason}
                error={byField['withdraw-reason']}
                rows={3}
              />
              <ButtonGroup>
                <Button variant="danger">{s.withdrawButton}</Button>
              </ButtonGroup>
            </form>
          </section>
        ) : null}

        <P>
          <span class="bow-muted">{s.keepLink}</span>
        </P>
      </PublicLayout>,
      status,
    );
  }
}

/** The details of a timeline entry that a student may see: their own words and ours, and new dates. */
function studentEventDetail(e: StudentView['events'][number], m: Messages) {
  const d = e.data as Record<string, unknown>;
  const text = (v: unknown) =>
    typeof v === 'string' && v ? <p class="utrecht-paragraph bow-timeline__text">{v}</p> : null;
  if (e.kind === 'note') return text(d.text);
  if (e.kind === 'escalated' || e.kind === 'withdrawn') return text(d.reason);
  if (e.kind === 'decided') return text(d.summary);
  // The final answer in the school's own words, when the school recorded it through its link.
  if (e.kind === 'school_final_answer') return text(d.answer);
  if (e.kind === 'extended') {
    return (
      <>
        {text(d.reason)}
        {typeof d.decisionDeadline === 'string'
          ? text(m.student.newDate(formatDate(d.decisionDeadline, m)))
          : null}
      </>
    );
  }
  if (e.kind === 'resumed' && typeof d.decisionDeadline === 'string')
    return text(m.student.newDate(formatDate(d.decisionDeadline, m)));
  return null;
}
