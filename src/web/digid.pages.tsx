import type { Caller } from '../audit/actors.js';
import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { LogCaseRead } from '../audit/read-log.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { CaseAccessGuard } from '../auth/case-access.guard.js';
import { Allow, can, Public, type Permission } from '../auth/policy.js';
import { UsersRepository } from '../auth/users.repository.js';
import { isIsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { formatEuro } from '../common/money.js';
import { caseNotFound, ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { ContractsService } from '../contracts/contracts.service.js';
import type { SchoolReportItem } from '../digid-reports/digid-reports.repository.js';
import {
  allowedDigidActions,
  credentialCheck,
  DECISION_OUTCOMES,
  type DigidAction,
  type ListedInvoice,
  parseEuroCents,
  RECOMMENDATIONS,
  SUSPECTED_PARTIES,
  WHAT_HAPPENED,
  type WhatHappened,
} from '../digid-reports/digid-reports.rules.js';
import { DigidReportsService } from '../digid-reports/digid-reports.service.js';
import type { School } from '../schools/schools.repository.js';
import { SchoolsService } from '../schools/schools.service.js';
import {
  actionInput,
  AddNoteFields,
  assigneeChoices,
  AssignFields,
  CaseActionForm,
  caseActionErrors,
  CaseDeadlines,
  CaseEmails,
  type CasePageState,
  CaseSection,
  CaseTimeline,
  ExtendFields,
  PauseFields,
  readAssign,
  readExtend,
  readNote,
  readPause,
  sendCasePage,
  submitCaseAction,
} from './case.views.js';
import {
  Button,
  ButtonGroup,
  DefaultSubmit,
  Checkbox,
  DataList,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  P,
  RadioGroup,
  Select,
  StatusBadge,
  Table,
  TextArea,
  TextField,
} from './components.js';
import { CaseStatus, consoleContext, type ConsoleContext } from './console.views.js';
import { FormCheck, isUuid, localize } from './forms.js';
import { formatDate, messages, type Lang, type Messages } from './i18n.js';
import { PublicLayout } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { SchoolChooser, schoolsToChoose } from './school-chooser.js';
import { formBody, publicLang, query, redirect, sendPage } from './web.http.js';

const REFERENCE = /^D-\d{4}-\d{6}$/;
/** Rows for invoices on the public form; "add another" adds one, up to the most a report takes. */
const INVOICE_ROWS = 2;
const MAX_INVOICE_ROWS = 20;

// ====================================================================== public: the report form

interface Draft {
  suspectedParty: string;
  q: string;
  schoolId: string;
  what: WhatHappened[];
  noticedOn: string;
  invoices: { date: string; amount: string }[];
  description: string;
  name: string;
  email: string;
}

function draftFrom(body: Record<string, string>): Draft {
  const rows = Math.min(MAX_INVOICE_ROWS, Math.max(INVOICE_ROWS, Number(body.rows) || INVOICE_ROWS));
  const cut = (v: string | undefined, max = 25_000) => (v ?? '').slice(0, max);
  return {
    suspectedParty: cut(body.suspectedParty, 20),
    q: cut(body.q, 100),
    schoolId: cut(body.schoolId, 40),
    what: WHAT_HAPPENED.filter((w) => body[`what-${w}`] === 'true'),
    noticedOn: cut(body.noticedOn, 20),
    invoices: Array.from({ length: rows }, (_, i) => ({
      date: cut(body[`inv-${i}-date`], 20),
      amount: cut(body[`inv-${i}-amount`], 30),
    })),
    description: cut(body.description),
    name: cut(body.name, 300),
    email: cut(body.email, 400),
  };
}

/** A problem on the form: a field and its message in the reader's language. */
type Issue = FieldError;

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

  @Post('digid')
  @UseGuards(RateLimitGuard)
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const lang = publicLang(req, reply);
    const m = messages(lang);
    const draft = draftFrom(formBody(req));
    const go = formBody(req).go ?? 'send';
    if (go === 'search') return this.render(req, reply, lang, draft, []);
    if (go === 'addInvoice') {
      if (draft.invoices.length < MAX_INVOICE_ROWS) draft.invoices.push({ date: '', amount: '' });
      return this.render(req, reply, lang, draft, []);
    }
    const { issues, invoices } = await this.check(draft, m);
    if (issues.length) return this.render(req, reply, lang, draft, issues, 422);
    try {
      const r = await this.reports.create(
        {
          student: { name: draft.name.trim(), email: draft.email.trim(), language: lang },
          suspectedParty: draft.suspectedParty as (typeof SUSPECTED_PARTIES)[number],
          schoolId: draft.suspectedParty === 'school' ? draft.schoolId : null,
          noticedOn: draft.noticedOn,
          description: draft.description.trim(),
          invoicesApprovedWithoutConsent: invoices,
          whatHappened: draft.what,
        },
        { channel: 'web', actor: { type: 'student' } },
      );
      // A report about someone else is referred at once: the receipt says where to go now (no triage date).
      const params = new URLSearchParams({
        ref: r.reference,
        ...(r.triageDueOn ? { tot: r.triageDueOn } : {}),
        p: r.status === 'referred' ? 'other' : draft.suspectedParty,
      });
      return redirect(reply, `/digid/verstuurd?${params.toString()}`);
    } catch (e) {
      // The form checks what the service checks; only a school deleted in between gets here.
      if (e instanceof ProblemError && e.status === 422) {
        const field = e.errors?.[0]?.field === 'description' ? 'description' : 'schoolId';
        const message =
          field === 'description' ? m.digid.form.errors.credentials : m.digid.form.errors.school;
        return this.render(req, reply, lang, draft, [{ field, message }], 422);
      }
      throw e;
    }
  }

  /** Every problem of the form at once, as the service would see them; the invoices as cents. */
  private async check(d: Draft, m: Messages): Promise<{ issues: Issue[]; invoices: ListedInvoice[] }> {
    const f = m.digid.form;
    const today = this.clock.today();
    const check = new FormCheck({ ...d, what: '', invoices: '' } as unknown as Record<string, string>);
    const issues: Issue[] = [];
    const add = (field: string, message: string) => {
      if (!issues.some((i) => i.field === field)) issues.push({ field, message });
    };
    if (!(SUSPECTED_PARTIES as readonly string[]).includes(d.suspectedParty))
      add('suspectedParty', f.errors.party);
    if (d.suspectedParty === 'school' && (!isUuid(d.schoolId) || !(await this.schools.exists(d.schoolId))))
      add('schoolId', f.errors.school);
    if (!d.what.length) add(`what-${WHAT_HAPPENED[0]}`, f.errors.what);
    check.date('noticedOn', { required: true, notAfter: today });
    const invoices: ListedInvoice[] = [];
    d.invoices.forEach((row, i) => {
      if (!row.date.trim() && !row.amount.trim()) return;
      const date = row.date.trim();
      if (!isIsoDate(date)) add(`inv-${i}-date`, f.errors.invoiceDate);
      else if (date > today) add(`inv-${i}-date`, m.fieldErrors.dateFuture);
      const cents = parseEuroCents(row.amount);
      if (cents === null) add(`inv-${i}-amount`, f.errors.amount);
      if (isIsoDate(date) && date <= today && cents !== null)
        invoices.push({ invoiceDate: date, amountCents: cents });
    });
    const description = check.text('description', { required: true, max: 20_000 });
    if (description && credentialCheck(description)) add('description', f.errors.credentials);
    check.personName('name', { required: true, max: 200 });
    check.email('email', { required: true });
    for (const i of localize(check.issues, m, {}).summary) add(i.field, i.message);
    const order = [
      'suspectedParty',
      'schoolId',
      `what-${WHAT_HAPPENED[0]}`,
      'noticedOn',
      ...d.invoices.flatMap((_, i) => [`inv-${i}-date`, `inv-${i}-amount`]),
      'description',
      'name',
      'email',
    ];
    issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    return { issues, invoices };
  }

  private async render(
    req: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    d: Draft,
    issues: Issue[],
    status = 200,
  ): Promise<void> {
    const m = messages(lang);
    const f = m.digid.form;
    const labels: Record<string, string> = {
      suspectedParty: f.partyLegend,
      schoolId: f.schoolLabel,
      [`what-${WHAT_HAPPENED[0]}`]: f.whatLegend,
      noticedOn: f.noticedLabel,
      description: f.descriptionLabel,
      name: f.nameLabel,
      email: f.emailLabel,
      ...Object.fromEntries(
        d.invoices.flatMap((_, i) => [
          [`inv-${i}-date`, f.invoiceDate(i + 1)],
          [`inv-${i}-amount`, f.invoiceAmount(i + 1)],
        ]),
      ),
    };
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    const summary = issues.map((i) => ({
      field: i.field,
      message: labels[i.field] ? `${labels[i.field]}: ${i.message}` : i.message,
    }));
    const schools = await schoolsToChoose(this.schools, d.q, d.schoolId, 50);
    const today = this.clock.today();
    sendPage(
      reply,
      <PublicLayout
        m={m}
        title={f.title}
        url={req.method === 'GET' ? req.url : '/digid'}
        hasErrors={summary.length > 0}
      >
        <Heading level={1}>{f.title}</Heading>
        <ErrorSummary m={m} errors={summary} />
        <P lead>{f.intro}</P>
        <SafetyAdvice m={m} title={f.safetyTitle} id="safety" />
        <form method="post" action="/digid" novalidate class="utrecht-form">
          <DefaultSubmit />
          <input type="hidden" name="rows" value={String(d.invoices.length)} />
          <RadioGroup
            id="suspectedParty"
            name="suspectedParty"
            legend={f.partyLegend}
            hint={f.partyHint}
            options={[
              { value: 'school', label: f.partySchool },
              { value: 'other', label: f.partyOther },
            ]}
            value={d.suspectedParty}
            error={byField.suspectedParty}
          />
          <SchoolChooser
            as="select"
            texts={f}
            searchType="search"
            chooseSchool={f.chooseSchool}
            schools={schools}
            q={d.q}
            value={d.schoolId}
            error={byField.schoolId}
          />
          <CheckboxGroup
            id={`what-${WHAT_HAPPENED[0]}`}
            legend={f.whatLegend}
            hint={f.whatHint}
            error={byField[`what-${WHAT_HAPPENED[0]}`]}
            options={WHAT_HAPPENED.map((w) => ({
              id: `what-${w}`,
              label: f.what[w],
              checked: d.what.includes(w),
            }))}
          />
          <TextField
            id="noticedOn"
            type="date"
            label={f.noticedLabel}
            hint={f.noticedHint}
            value={d.noticedOn}
            error={byField.noticedOn}
            max={today}
            required
          />
          <div class="utrecht-form-fieldset utrecht-form-fieldset--distanced">
            <fieldset
              class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
              aria-describedby="invoices-hint"
            >
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
                {f.invoicesLegend}
              </legend>
              <div class="utrecht-form-field-description" id="invoices-hint">
                {f.invoicesHint}
              </div>
              {d.invoices.map((row, i) => (
                <>
                  <TextField
                    id={`inv-${i}-date`}
                    type="date"
                    label={f.invoiceDate(i + 1)}
                    optional={m.common.optional}
                    value={row.date}
                    error={byField[`inv-${i}-date`]}
                    max={today}
                  />
                  <TextField
                    id={`inv-${i}-amount`}
                    label={f.invoiceAmount(i + 1)}
                    optional={m.common.optional}
                    hint={f.amountHint}
                    value={row.amount}
                    error={byField[`inv-${i}-amount`]}
                    inputMode="decimal"
                    autocomplete="off"
                  />
                </>
              ))}
              {d.invoices.length < MAX_INVOICE_ROWS ? (
                <ButtonGroup>
                  <Button variant="secondary" name="go" value="addInvoice">
                    {f.addInvoice}
                  </Button>
                </ButtonGroup>
              ) : null}
            </fieldset>
          </div>
          <TextArea
            id="description"
            label={f.descriptionLabel}
            hint={f.descriptionHint}
            value={d.description}
            error={byField.description}
            required
            rows={7}
          />
          <TextField
            id="name"
            label={f.nameLabel}
            value={d.name}
            error={byField.name}
            autocomplete="name"
            required
          />
          <TextField
            id="email"
            type="email"
            label={f.emailLabel}
            hint={f.emailHint}
            value={d.email}
            error={byField.email}
            autocomplete="email"
            required
            spellcheck={false}
          />
          <ButtonGroup>
            <Button name="go" value="send">
              {f.send}
            </Button>
          </ButtonGroup>
        </form>
      </PublicLayout>,
      status,
    );
  }

  @Get('digid/verstuurd')
  sent(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const s = m.digid.sent;
    const q = query(req);
    const reference = REFERENCE.test(q.ref ?? '') ? q.ref : null;
    const until = isIsoDate(q.tot) ? q.tot : null;
    const other = q.p === 'other';
    sendPage(
      reply,
      <PublicLayout m={m} title={s.title} url={req.url} noindex>
        <Heading level={1}>{s.title}</Heading>
        {reference ? (
          <div class="utrecht-alert utrecht-alert--ok" role="status">
            <div class="utrecht-alert__content">
              <p class="utrecht-paragraph">{s.reference}</p>
              <p class="utrecht-paragraph bow-reference" id="reference">
                {reference}
              </p>
              <p class="utrecht-paragraph">{s.referenceHint}</p>
            </div>
          </div>
        ) : null}
        <P>{s.emailSent}</P>
        <Heading level={2}>{s.nextTitle}</Heading>
        <P>
          {other ? s.nextOther : until ? s.nextSchool(formatDate(until, m)) : s.nextSchool(m.common.dash)}
        </P>
        <SafetyAdvice m={m} title={s.safetyTitle} id="safety" />
        <P>
          <Link href="/">{m.errors.toHome}</Link>
        </P>
      </PublicLayout>,
    );
  }
}

/** Change the password, where to block DigiD, and that we never ask for the password or SMS code. */
function SafetyAdvice({ m, title, id }: { m: Messages; title: string; id: string }) {
  return (
    <section class="utrecht-alert utrecht-alert--warning" aria-labelledby={id} id="digid-safety">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-3" id={id}>
          {title}
        </h2>
        <ul class="utrecht-unordered-list">
          {m.digid.form.safety.map((line) => (
            <li class="utrecht-unordered-list__item">{line}</li>
          ))}
        </ul>
        <p class="utrecht-paragraph">
          <strong>{m.digid.form.neverAsk}</strong>
        </p>
      </div>
    </section>
  );
}

/** Checkboxes in a fieldset with a legend; the first box carries `id` so the error summary can link to it. */
function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { id: string; label: string; checked: boolean }[];
}) {
  const described = [
    props.hint ? `${props.id}-group-hint` : null,
    props.error ? `${props.id}-group-error` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      class={`utrecht-form-fieldset utrecht-form-fieldset--distanced${props.error ? ' utrecht-form-fieldset--invalid' : ''}`}
    >
      <fieldset
        class="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {props.legend}
        </legend>
        {props.hint ? (
          <div class="utrecht-form-field-description" id={`${props.id}-group-hint`}>
            {props.hint}
          </div>
        ) : null}
        {props.error ? (
          <div class="utrecht-form-field-error-message" id={`${props.id}-group-error`}>
            {props.error}
          </div>
        ) : null}
        {props.options.map((o) => (
          <Checkbox id={o.id} label={o.label} checked={o.checked} />
        ))}
      </fieldset>
    </div>
  );
}

// ====================================================================== console: the DigiD report page

/** The permission behind each action: the same as the JSON API's @Allow for that action. */
export const DIGID_ACTION_PERMISSION: Record<DigidAction, Permission> = {
  startInvestigation: 'case.handle',
  refer: 'case.intake',
  reopenAsSchool: 'case.intake',
  assign: 'case.assign',
  linkContract: 'case.handle',
  pause: 'case.handle',
  resume: 'case.handle',
  extend: 'case.handle',
  decide: 'case.handle',
  close: 'case.handle',
  addNote: 'case.note',
};

const ACTION_ORDER: DigidAction[] = [
  'startInvestigation',
  'refer',
  'reopenAsSchool',
  'decide',
  'linkContract',
  'pause',
  'resume',
  'extend',
  'close',
  'assign',
  'addNote',
];

const SLUG: Record<DigidAction, string> = {
  startInvestigation: 'start-investigation',
  refer: 'refer',
  reopenAsSchool: 'reopen-as-school',
  assign: 'assign',
  linkContract: 'link-contract',
  pause: 'pause',
  resume: 'resume',
  extend: 'extend',
  decide: 'decide',
  close: 'close',
  addNote: 'notes',
};

/** The actions this user may take on a report in this status: allowed by the lifecycle and by the role. */
export function visibleDigidActions(status: string, roles: readonly string[]): DigidAction[] {
  const allowed = allowedDigidActions(status);
  return ACTION_ORDER.filter((a) => allowed.includes(a) && can(roles, DIGID_ACTION_PERMISSION[a]));
}

type Detail = Awaited<ReturnType<DigidReportsService['detail']>>;

type PageState = CasePageState<DigidAction>;

function ref(reference: string): string {
  const r = reference.toUpperCase();
  if (!REFERENCE.test(r)) throw caseNotFound();
  return r;
}

@ApiExcludeController()
@Controller('console/digid')
@UseFilters(PageErrorFilter)
@UseGuards(CaseAccessGuard)
export class DigidCasePagesController {
  constructor(
    private readonly reports: DigidReportsService,
    private readonly users: UsersRepository,
    private readonly schools: SchoolsService,
    private readonly contracts: ContractsService,
  ) {}

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  async show(
    @Param('reference') reference: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(req, reply, ref(reference), { done: query(req).done });
  }

  @Post(':reference/start-investigation')
  @Allow('case.handle')
  startInvestigation(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'startInvestigation', (f) => {
      const school = f.raw('schoolId');
      if (school && !isUuid(school)) f.fail('startInvestigation-school', 'chooseOne');
      return (ref, actor, v) => this.reports.startInvestigation(ref, school || undefined, actor, v);
    });
  }

  @Post(':reference/refer')
  @Allow('case.intake')
  refer(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'refer', (f) => {
      const note = f.text('note', { max: 2_000, field: 'refer-note' });
      return (ref, actor, v) => this.reports.refer(ref, note, actor, v);
    });
  }

  @Post(':reference/reopen-as-school')
  @Allow('case.intake')
  reopenAsSchool(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'reopenAsSchool', (f) => {
      const school = f.raw('schoolId');
      if (!school || !isUuid(school)) f.fail('reopenAsSchool-school', 'chooseOne');
      const reason = f.text('reason', { required: true, max: 2_000, field: 'reopenAsSchool-reason' });
      return (ref, actor, v) => this.reports.reopenAsSchool(ref, school!, reason!, actor, v);
    });
  }

  @Post(':reference/assign')
  @Allow('case.assign')
  assign(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'assign', (f) => {
      const assigneeId = readAssign(f);
      return (ref, actor, v) => this.reports.assign(ref, assigneeId, actor, v);
    });
  }

  @Post(':reference/pause')
  @Allow('case.handle')
  pause(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'pause', (f) => {
      const { reason, note } = readPause(f);
      return (ref, actor, v) => this.reports.pause(ref, reason!, note, actor, v);
    });
  }

  @Post(':reference/resume')
  @Allow('case.handle')
  resume(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'resume', () => (ref, actor, v) => this.reports.resume(ref, actor, v));
  }

  @Post(':reference/extend')
  @Allow('case.handle')
  extend(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'extend', (f) => {
      const { weeks, reason } = readExtend(f);
      return (ref, actor, v) => this.reports.extend(ref, weeks!, reason!, actor, v);
    });
  }

  @Post(':reference/link-contract')
  @Allow('case.handle')
  linkContract(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'linkContract', (f) => {
      const id = f.raw('contractId');
      if (!isUuid(id)) f.fail('linkContract-contract', 'chooseOne');
      return (ref, actor, v) => this.reports.linkContract(ref, id, actor, v);
    });
  }

  @Post(':reference/decide')
  @Allow('case.handle')
  decide(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'decide', (f) => {
      const outcome = f.oneOf('outcome', DECISION_OUTCOMES, { required: true, field: 'decide-outcome' });
      const recommendation = f.oneOf('recommendation', RECOMMENDATIONS, { field: 'decide-recommendation' });
      const summary = f.text('summary', { required: true, max: 20_000, field: 'decide-summary' });
      return (ref, actor, v) => this.reports.decide(ref, outcome!, summary!, recommendation, actor, v);
    });
  }

  @Post(':reference/close')
  @Allow('case.handle')
  close(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'close', () => (ref, actor, v) => this.reports.close(ref, actor, v));
  }

  @Post(':reference/notes')
  @Allow('case.note')
  note(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'addNote', (f) => {
      const { text, visible } = readNote(f);
      return (ref, actor) => this.reports.addNote(ref, text!, visible, actor);
    });
  }

  /** Checks the form; runs the action at the version the user saw and redirects back, or shows the page again with the problem. */
  private async act(
    req: StaffRequest,
    reply: FastifyReply,
    reference: string,
    action: DigidAction,
    parse: (f: FormCheck) => (reference: string, actor: Caller, version?: number) => Promise<unknown>,
  ): Promise<void> {
    const r = ref(reference);
    return submitCaseAction(
      req,
      reply,
      action,
      (f) => {
        const run = parse(f);
        return (actor, version) => run(r, actor, version);
      },
      (o, status) => this.render(req, reply, r, o, status),
      `/console/digid/${r}?done=${action}`,
    );
  }

  private async render(
    req: StaffRequest,
    reply: FastifyReply,
    reference: string,
    o: PageState,
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const d = await this.reports.detail(reference);
    const actions = visibleDigidActions(d.status, c.user.roles);
    const [assignees, contracts, schools] = await Promise.all([
      actions.includes('assign') ? assigneeChoices(this.users, c) : Promise.resolve([]),
      actions.includes('linkContract') && d.school
        ? this.schoolContracts(d.school.id, d.student.email)
        : Promise.resolve([]),
      (actions.includes('startInvestigation') && !d.school) || actions.includes('reopenAsSchool')
        ? this.schools.search(undefined, 200)
        : Promise.resolve([]),
    ]);
    const dm = c.m.digid.console;
    const cs = c.m.console.case;
    const errors = this.errors(c.m, o);
    const doneText = o.done ? (dm.done[o.done] ?? c.m.console.done[o.done]) : undefined;
    sendCasePage(
      req,
      reply,
      c,
      {
        title: dm.title(d.reference),
        path: `/console/digid/${d.reference}`,
        errors,
        doneText,
        sections: (
          <>
            <CaseSection id="summary" title={cs.summary}>
              <Summary m={c.m} d={d} />
            </CaseSection>
            <CaseSection id="invoices" title={dm.invoices}>
              {d.invoicesApprovedWithoutConsent.length ? (
                <Table
                  hideCaption
                  caption={dm.invoices}
                  head={[dm.invoiceDate, dm.invoiceAmount, dm.invoiceDisputed]}
                  rows={d.invoicesApprovedWithoutConsent.map((i) => [
                    formatDate(i.invoiceDate, c.m),
                    formatEuro(i.amountCents, c.m.lang),
                    i.disputedInvoiceId ? (
                      <StatusBadge kind="warning">{c.m.common.yes}</StatusBadge>
                    ) : (
                      c.m.common.no
                    ),
                  ])}
                />
              ) : (
                <P>{dm.invoicesNone}</P>
              )}
            </CaseSection>
            <CaseSection id="deadlines" title={cs.deadlinesTitle}>
              <CaseDeadlines m={c.m} deadlines={d.deadlines} kinds={dm.deadlineKinds} />
            </CaseSection>
            <CaseSection id="timeline" title={cs.timelineTitle}>
              <CaseTimeline
                m={c.m}
                events={d.events}
                kindLabel={(kind) => dm.eventKinds[kind] ?? cs.eventKinds[kind] ?? kind}
                detail={(e) => <EventDetail m={c.m} kind={e.kind} data={e.data} />}
              />
            </CaseSection>
            <CaseSection id="emails" title={cs.emailsTitle}>
              <CaseEmails m={c.m} emails={d.emails} />
            </CaseSection>
          </>
        ),
        forms: actions.map((a) => (
          <ActionForm a={a} c={c} d={d} o={o} assignees={assignees} contracts={contracts} schools={schools} />
        )),
      },
      status,
    );
  }

  private errors(m: Messages, o: PageState): FieldError[] {
    return caseActionErrors(
      m,
      o,
      fieldLabels(m),
      (_problem, code) =>
        m.digid.console.actionErrors[code] ?? m.console.actionErrors[code] ?? m.console.actionErrors.other,
    );
  }

  /** The school's contracts, the student's own (by email) first. */
  private async schoolContracts(schoolId: string, studentEmail: string) {
    const [own, all] = await Promise.all([
      this.contracts.list({ schoolId, studentEmail, limit: 20 }),
      this.contracts.list({ schoolId, limit: 200 }),
    ]);
    const seen = new Set(own.items.map((k) => k.id));
    return [...own.items, ...all.items.filter((k) => !seen.has(k.id))];
  }
}

function fieldLabels(m: Messages): Record<string, string> {
  const a = m.console.actions;
  const da = m.digid.console.actions;
  return {
    'startInvestigation-school': da.startInvestigation.school,
    'refer-note': da.refer.note,
    'reopenAsSchool-school': da.reopenAsSchool.school,
    'reopenAsSchool-reason': da.reopenAsSchool.reason,
    'assign-assignee': a.assign.assignee,
    'pause-reason': a.pause.reason,
    'pause-note': a.pause.note,
    'extend-weeks': a.extend.weeks,
    'extend-reason': a.extend.reason,
    'linkContract-contract': da.linkContract.contract,
    'decide-outcome': da.decide.outcome,
    'decide-recommendation': da.decide.recommendation,
    'decide-summary': da.decide.summary,
    'addNote-text': a.addNote.text,
  };
}

function Summary({ m, d }: { m: Messages; d: Detail }) {
  const cs = m.console.case;
  const dm = m.digid.console;
  const date = (v: string | null) => formatDate(v, m);
  const items: [string, ComponentChildren][] = [
    [cs.status, <CaseStatus m={m} status={d.status} />],
    [dm.suspectedParty, dm.parties[d.suspectedParty] ?? d.suspectedParty],
    [
      cs.school,
      d.school ? (
        <Link href={`/console/schools/${d.school.id}`}>{d.school.name ?? d.school.id}</Link>
      ) : (
        m.common.dash
      ),
    ],
    [cs.student, `${d.student.name} <${d.student.email}>${d.student.phone ? `, ${d.student.phone}` : ''}`],
    [cs.studentLanguage, m.console.users.languages[d.student.language] ?? d.student.language],
    [cs.channel, m.console.channels[d.channel] ?? d.channel],
    [cs.received, date(d.receivedOn)],
    [dm.noticedOn, date(d.noticedOn)],
    [
      dm.whatHappened,
      d.whatHappened.length ? d.whatHappened.map((w) => dm.what[w] ?? w).join('; ') : m.common.dash,
    ],
    [
      cs.description,
      <span class="bow-pre" id="case-description">
        {d.description}
      </span>,
    ],
    [cs.assignee, d.assignee?.name ?? m.common.dash],
  ];
  if (d.triagedOn) items.push([dm.triagedOn, date(d.triagedOn)]);
  if (d.investigationStartedOn) items.push([dm.investigationStartedOn, date(d.investigationStartedOn)]);
  if (d.pausedSince)
    items.push([
      cs.paused,
      `${date(d.pausedSince)} (${m.console.pauseReasons[d.pauseReason ?? ''] ?? d.pauseReason ?? ''})`,
    ]);
  if (d.pausedDays) items.push([cs.pausedDays, String(d.pausedDays)]);
  if (d.extensionWeeks)
    items.push([cs.extension, cs.extensionValue(d.extensionWeeks, d.extensionReason ?? '')]);
  if (d.contract)
    items.push([
      dm.contract,
      dm.contractValue(d.contract.contractNumber ?? d.contract.id, date(d.contract.linkedOn)),
    ]);
  if (d.outcome) items.push([cs.outcome, dm.outcomes[d.outcome] ?? d.outcome]);
  if (d.decidedOn) items.push([cs.decided, date(d.decidedOn)]);
  if (d.decisionSummary) items.push([cs.decisionSummary, <span class="bow-pre">{d.decisionSummary}</span>]);
  if (d.recommendation) {
    items.push([
      dm.recommendation,
      <>
        <StatusBadge kind="danger">{dm.recommendations[d.recommendation] ?? d.recommendation}</StatusBadge>{' '}
        {dm.recommendationNote}
      </>,
    ]);
  }
  if (d.referral)
    items.push([dm.referral, dm.referralValue(d.referral.to ?? '', date(d.referral.referredOn))]);
  if (d.closedOn) items.push([cs.closed, date(d.closedOn)]);
  return <DataList items={items} />;
}

function EventDetail({ m, kind, data }: { m: Messages; kind: string; data: Record<string, unknown> }) {
  const dm = m.digid.console;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const parts: string[] = [];
  const t = (v: unknown) => {
    if (v === undefined || v === null || v === '') return;
    parts.push(typeof v === 'string' && isIsoDate(v) ? formatDate(v, m) : str(v));
  };
  switch (kind) {
    case 'note':
      t(data.text);
      break;
    case 'digid_report_received':
      t(m.console.channels[str(data.channel)]);
      t(dm.parties[str(data.suspectedParty)]);
      break;
    case 'investigation_started':
    case 'resumed':
      t(data.schoolName);
      t(data.decisionDeadline);
      break;
    case 'paused':
      t(m.console.pauseReasons[str(data.reasonCode)]);
      break;
    case 'extended':
      t(data.reason);
      t(data.decisionDeadline);
      break;
    case 'decided':
      t(dm.outcomes[str(data.outcome)]);
      t(data.summary);
      break;
    case 'referred':
      t(data.to);
      break;
    case 'contract_linked':
      t(data.contractNumber);
      break;
    case 'invoices_disputed': {
      const disputed = Array.isArray(data.disputed) ? data.disputed.length : 0;
      const unmatched = Array.isArray(data.unmatched) ? data.unmatched.length : 0;
      t(dm.disputedDetail(disputed, formatEuro(Number(data.disputedCents ?? 0), m.lang), unmatched));
      break;
    }
    case 'invoices_restored':
      t(dm.restoredDetail(Number(data.count ?? 0)));
      break;
    case 'quality_mark_recommended':
      t(dm.recommendations[str(data.recommendation)]);
      t(data.schoolName);
      break;
    case 'deadline_reminder':
    case 'deadline_breached':
      t(dm.deadlineKinds[str(data.deadline)]);
      t(data.dueOn);
      break;
  }
  if (!parts.length) return null;
  return <p class="utrecht-paragraph bow-timeline__text">{parts.join(' — ')}</p>;
}

function ActionForm({
  a,
  c,
  d,
  o,
  assignees,
  contracts,
  schools,
}: {
  a: DigidAction;
  c: ConsoleContext;
  d: Detail;
  o: PageState;
  assignees: { id: string; name: string }[];
  contracts: { id: string; contractNumber: string; studentName: string }[];
  schools: School[];
}) {
  const m = c.m;
  const t = m.console.actions;
  const dt = m.digid.console.actions;
  const f = actionInput(m, o, a);
  const { v, err } = f;
  let fields: ComponentChildren = null;
  let title = '';
  let button = '';
  switch (a) {
    case 'startInvestigation':
      title = dt.startInvestigation.title;
      button = dt.startInvestigation.button;
      fields = (
        <>
          <P>{dt.startInvestigation.text}</P>
          {d.school ? null : (
            <Select
              id="startInvestigation-school"
              name="schoolId"
              label={dt.startInvestigation.school}
              hint={dt.startInvestigation.schoolHint}
              value={v('schoolId') ?? ''}
              options={[
                { value: '', label: m.common.dash },
                ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
              ]}
              error={err('startInvestigation-school')}
              required
            />
          )}
        </>
      );
      break;
    case 'refer':
      title = dt.refer.title;
      button = dt.refer.button;
      fields = (
        <>
          <P>{dt.refer.text}</P>
          <TextArea
            id="refer-note"
            name="note"
            label={dt.refer.note}
            optional={m.common.optional}
            value={v('note')}
            error={err('refer-note')}
            rows={3}
          />
        </>
      );
      break;
    case 'reopenAsSchool':
      title = dt.reopenAsSchool.title;
      button = dt.reopenAsSchool.button;
      fields = (
        <>
          <P>{dt.reopenAsSchool.text}</P>
          <Select
            id="reopenAsSchool-school"
            name="schoolId"
            label={dt.reopenAsSchool.school}
            value={v('schoolId') ?? ''}
            options={[
              { value: '', label: m.common.dash },
              ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
            ]}
            error={err('reopenAsSchool-school')}
            required
          />
          <TextArea
            id="reopenAsSchool-reason"
            name="reason"
            label={dt.reopenAsSchool.reason}
            value={v('reason')}
            error={err('reopenAsSchool-reason')}
            rows={3}
            required
          />
        </>
      );
      break;
    case 'assign':
      title = t.assign.title;
      button = t.assign.button;
      fields = <AssignFields m={m} f={f} current={d.assignee?.id} assignees={assignees} />;
      break;
    case 'pause':
      title = t.pause.title;
      button = t.pause.button;
      fields = <PauseFields m={m} f={f} />;
      break;
    case 'resume':
      title = t.resume.title;
      button = t.resume.button;
      fields = <P>{t.resume.text}</P>;
      break;
    case 'extend':
      title = t.extend.title;
      button = t.extend.button;
      fields = <ExtendFields m={m} f={f} />;
      break;
    case 'linkContract':
      title = dt.linkContract.title;
      button = dt.linkContract.button;
      fields = (
        <>
          <P>{dt.linkContract.text}</P>
          {contracts.length ? (
            <Select
              id="linkContract-contract"
              name="contractId"
              label={dt.linkContract.contract}
              value={v('contractId') ?? ''}
              options={[
                { value: '', label: m.common.dash },
                ...contracts.map((k) => ({ value: k.id, label: `${k.contractNumber} – ${k.studentName}` })),
              ]}
              error={err('linkContract-contract')}
              required
            />
          ) : (
            <P>{dt.linkContract.none}</P>
          )}
        </>
      );
      break;
    case 'decide':
      title = dt.decide.title;
      button = dt.decide.button;
      fields = (
        <>
          <Select
            id="decide-outcome"
            name="outcome"
            label={dt.decide.outcome}
            value={v('outcome') ?? ''}
            options={[
              { value: '', label: m.common.dash },
              ...DECISION_OUTCOMES.map((x) => ({ value: x, label: m.digid.console.outcomes[x] ?? x })),
            ]}
            error={err('decide-outcome')}
            required
          />
          <Select
            id="decide-recommendation"
            name="recommendation"
            label={dt.decide.recommendation}
            hint={dt.decide.recommendationHint}
            value={v('recommendation') ?? ''}
            options={[
              { value: '', label: m.common.none },
              ...RECOMMENDATIONS.map((x) => ({ value: x, label: m.digid.console.recommendations[x] ?? x })),
            ]}
            error={err('decide-recommendation')}
          />
          <TextArea
            id="decide-summary"
            name="summary"
            label={dt.decide.summary}
            value={v('summary')}
            error={err('decide-summary')}
            rows={5}
            required
          />
        </>
      );
      break;
    case 'close':
      title = t.close.title;
      button = t.close.button;
      fields = <P>{t.close.text}</P>;
      break;
    case 'addNote':
      title = t.addNote.title;
      button = t.addNote.button;
      fields = <AddNoteFields m={m} f={f} />;
      break;
  }
  const disabled = a === 'linkContract' && !contracts.length;
  return (
    <CaseActionForm
      c={c}
      id={a}
      title={title}
      action={`/console/digid/${d.reference}/${SLUG[a]}`}
      version={d.version}
      button={disabled ? null : { label: button, variant: a === 'refer' ? 'secondary' : 'primary' }}
    >
      {fields}
    </CaseActionForm>
  );
}

/** The school's page in the console: its DigiD reports and their outcomes. */
export function DigidReportsOfSchool({ m, items }: { m: Messages; items: SchoolReportItem[] }) {
  const s = m.digid.console.school;
  return (
    <section aria-labelledby="digid-reports">
      <Heading level={2} id="digid-reports">
        {s.title}
      </Heading>
      {items.length ? (
        <Table
          hideCaption
          caption={s.title}
          head={[s.reference, s.status, s.received, s.outcome, s.recommendation, s.decided]}
          rows={items.map((r) => [
            <Link href={`/console/digid/${r.reference}`}>{r.reference}</Link>,
            <CaseStatus m={m} status={r.status} />,
            formatDate(r.receivedOn, m),
            r.outcome ? (m.digid.console.outcomes[r.outcome] ?? r.outcome) : m.common.dash,
            r.recommendation
              ? (m.digid.console.recommendations[r.recommendation] ?? r.recommendation)
              : m.common.dash,
            formatDate(r.decidedOn, m),
          ])}
        />
      ) : (
        <P>{s.none}</P>
      )}
    </section>
  );
}
