import {
  Controller,
  Get,
  Inject,
  Logger,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/events.repository.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow, can, PERMISSIONS, Public, ROLES, type Permission } from '../auth/policy.js';
import { randomToken, safeEqual, SESSION_COOKIE, SessionsService } from '../auth/sessions.service.js';
import { SignInService } from '../auth/sign-in.service.js';
import { UsersRepository } from '../auth/users.repository.js';
import { statutoryClosedDays } from '../calendar/calendar.rules.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ClosedDaysService } from '../deadlines/closed-days.service.js';
import { addDays } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { notFound, ProblemError } from '../common/problem.js';
import { RateLimitGuard } from '../common/rate-limit.js';
import { CaseCountsRepository } from '../complaints/case-counts.repository.js';
import { CasesRepository, type ListItem } from '../complaints/complaints.repository.js';
import { STATUSES } from '../complaints/complaints.rules.js';
import { DIGID_STATUSES } from '../digid-reports/digid-reports.rules.js';
import { DigidReportsService } from '../digid-reports/digid-reports.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { emailJob } from '../queue/jobs.js';
import { QueueService, withTimeout } from '../queue/queue.service.js';
import { SchoolsService } from '../schools/schools.service.js';
import {
  Button,
  ButtonGroup,
  Csrf,
  DataList,
  ErrorSummary,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  Select,
  StatusBadge,
  Table,
  TextField,
} from './components.js';
import { ConsoleRepository } from './console.repository.js';
import { DigidReportsOfSchool } from '../digid-reports/web/school-reports.section.js';
import { QualityMarkDone, SchoolContractLinks } from '../contracts/web/register.views.js';
import { CaseTable, consoleContext, sendConsolePage, type ConsoleContext } from './console.views.js';
import { FormCheck, isUuid, localize } from './forms.js';
import { formatDate, formatDateTime, isLang, LANG_COOKIE, messages, type Messages } from './i18n.js';
import { ConsoleLayout, type ConsoleSection } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { formBody, isLocalPath, publicLang, query, redirect, sendPage } from './web.http.js';

/** Double-submit token against login CSRF (someone signing a victim into another account). */
const LOGIN_COOKIE = 'bow_login';
const PAGE_SIZE = 50;
const CSV_MAX_ROWS = 100_000;

interface ListFilters {
  type?: 'complaint' | 'digid_report';
  status?: (typeof STATUSES)[number];
  schoolId?: string;
  assigneeId?: string;
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  cursor?: string;
}

const LIST_STATUSES = [...new Set<string>([...STATUSES, ...DIGID_STATUSES])];

/** Reads the list filters from the query string; what is not valid is reported, not silently used. */
function parseFilters(q: Record<string, string>): { filters: ListFilters; issues: FormCheck['issues'] } {
  const check = new FormCheck(q);
  const filters: ListFilters = {
    type: check.oneOf('type', ['complaint', 'digid_report'] as const),
    // DigiD reports share the list; their own statuses are filters too (the SQL compares text).
    status: check.oneOf('status', LIST_STATUSES) as ListFilters['status'],
    dueFrom: check.date('dueFrom'),
    dueTo: check.date('dueTo'),
  };
  const school = check.raw('schoolId');
  if (school) {
    if (isUuid(school)) filters.schoolId = school;
    else check.fail('schoolId', 'chooseOne');
  }
  const assignee = check.raw('assigneeId');
  if (assignee) {
    if (assignee === 'none' || isUuid(assignee)) filters.assigneeId = assignee;
    else check.fail('assigneeId', 'chooseOne');
  }
  const text = check.text('q', { max: 200 });
  if (text && text.length >= 2) filters.q = text;
  const cursor = check.raw('cursor');
  if (cursor && cursor.length <= 200) filters.cursor = cursor;
  return { filters, issues: check.issues };
}

function filterQuery(f: ListFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: undefined, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Spreadsheet programs run cells that start with = + - @ as formulas; such text gets a leading quote. */
export function csvSafe(value: string | null): string {
  const v = value ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class ConsolePagesController {
  private readonly logger = new Logger('web');

  constructor(
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly users: UsersRepository,
    private readonly cases: CasesRepository,
    private readonly schools: SchoolsService,
    private readonly repo: ConsoleRepository,
    private readonly counts: CaseCountsRepository,
    private readonly calendar: CalendarService,
    private readonly closedDays: ClosedDaysService,
    private readonly outbox: OutboxRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditLog,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly digid: DigidReportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private page(
    req: StaffRequest,
    reply: FastifyReply,
    c: ConsoleContext,
    title: string,
    section: ConsoleSection | undefined,
    body: ComponentChildren,
    status = 200,
    hasErrors = false,
  ) {
    sendConsolePage(req, reply, c, title, section, body, status, hasErrors);
  }

  // ------------------------------------------------------------------ sign in and out

  @Get('login')
  @Public()
  loginPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const m = messages(publicLang(req, reply));
    const q = query(req);
    const notice =
      q.expired === '1'
        ? m.console.login.expired
        : q.signedOut === '1'
          ? m.console.login.signedOut
          : q.reset === '1'
            ? m.account.resetDone
            : q.next
              ? m.console.login.signInFirst
              : null;
    this.renderLogin(req, reply, m, { notice, next: q.next });
  }

  @Post('login')
  @Public()
  @UseGuards(RateLimitGuard)
  async login(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const m = messages(publicLang(req, reply));
    const body = formBody(req);
    const next = isLocalPath(body.next) && body.next.startsWith('/console') ? body.next : '/console';
    const check = new FormCheck(body);
    const email = check.email('email', { required: true });
    check.text('password', { required: true, max: 1024 });
    const loginToken = req.cookies?.[LOGIN_COOKIE];
    if (!loginToken || !body._login || !safeEqual(loginToken, body._login)) {
      return this.renderLogin(
        req,
        reply,
        m,
        { errors: [{ field: 'email', message: m.errors.csrfText }], email: body.email, next },
        403,
      );
    }
    if (!check.ok) {
      const { summary, byField } = localize(check.issues, m, {
        email: m.console.login.email,
        password: m.console.login.password,
      });
      return this.renderLogin(req, reply, m, { errors: summary, byField, email: body.email, next }, 422);
    }
    // The same steps as the JSON sign-in (SignInService): throttle, password, second factor, new session.
    let session: Awaited<ReturnType<SignInService['startSession']>>;
    let language: string;
    try {
      const user = await this.signIn.verifyPassword(email!, body.password ?? '', req.ip);
      const code = (body.totp ?? '').trim();
      await this.signIn.verifySecondFactor(
        user,
        req.ip,
        /^\d{6}$/.test(code) ? { totp: code } : code ? { recoveryCode: code } : {},
      );
      session = await this.signIn.startSession(user, req.ip, req.cookies?.[SESSION_COOKIE]);
      language = user.language;
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      if (e.status === 429 && e.extra.retryAfter)
        void reply.header('retry-after', String(e.extra.retryAfter));
      const message =
        e.status === 429
          ? m.errors.tooManyText
          : e.code === 'totp_required'
            ? m.console.login.totpRequired
            : e.code === 'invalid_second_factor'
              ? m.console.login.totpInvalid
              : m.console.login.invalid;
      const field = e.code === 'totp_required' || e.code === 'invalid_second_factor' ? 'totp' : 'email';
      return this.renderLogin(
        req,
        reply,
        m,
        { errors: [{ field, message }], email: body.email, next, askTotp: field === 'totp' },
        e.status,
      );
    }
    this.sessions.setCookie(reply, session.token);
    void reply.clearCookie(LOGIN_COOKIE, { path: '/console' });
    // Remembered for the pages seen without a session (sign-in again after expiry) in the user's language.
    void reply.setCookie(LANG_COOKIE, language, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      maxAge: 365 * 24 * 3600,
    });
    redirect(reply, session.mfaEnrollmentRequired ? '/console/account' : next);
  }

  private renderLogin(
    req: FastifyRequest,
    reply: FastifyReply,
    m: Messages,
    o: {
      notice?: string | null;
      errors?: FieldError[];
      byField?: Record<string, string>;
      email?: string;
      next?: string;
      askTotp?: boolean;
    },
    status = 200,
  ): void {
    const l = m.console.login;
    const loginToken = randomToken(18);
    void reply.setCookie(LOGIN_COOKIE, loginToken, {
      path: '/console',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.env === 'production',
    });
    sendPage(
      reply,
      <ConsoleLayout
        m={m}
        title={l.title}
        url={req.method === 'GET' ? req.url : '/console/login'}
        hasErrors={Boolean(o.errors?.length)}
      >
        <Heading level={1}>{l.title}</Heading>
        <P>{l.intro}</P>
        {o.notice ? <Notice kind="info">{o.notice}</Notice> : null}
        <ErrorSummary m={m} errors={o.errors} />
        <form method="post" action="/console/login" novalidate class="utrecht-form">
          <input type="hidden" name="_login" value={loginToken} />
          {o.next && isLocalPath(o.next) ? <input type="hidden" name="next" value={o.next} /> : null}
          <TextField
            id="email"
            type="email"
            label={l.email}
            value={o.email}
            error={o.byField?.email}
            autocomplete="username"
            required
            spellcheck={false}
          />
          <TextField
            id="password"
            type="password"
            label={l.password}
            error={o.byField?.password}
            autocomplete="current-password"
            required
          />
          <TextField
            id="totp"
            label={l.totp}
            hint={l.totpHint}
            error={o.byField?.totp ?? (o.askTotp ? o.errors?.[0]?.message : undefined)}
            autocomplete="one-time-code"
            inputMode="numeric"
            spellcheck={false}
          />
          <ButtonGroup>
            <Button>{l.button}</Button>
          </ButtonGroup>
        </form>
        <P>
          <Link href="/console/forgot">{l.forgot}</Link>
        </P>
      </ConsoleLayout>,
      status,
    );
  }

  @Post('logout')
  @Allow('session.self')
  async logout(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    if (req.staff) await this.sessions.destroy(req.staff.tokenHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    redirect(reply, '/console/login?signedOut=1');
  }

  /** The user's own language setting (staff_users.language); the console follows it everywhere. */
  @Post('language')
  @Allow('session.self')
  async language(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = formBody(req);
    if (isLang(body.language)) {
      await this.repo.setLanguage(req.staff!.user.id, body.language);
      void reply.setCookie(LANG_COOKIE, body.language, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 365 * 24 * 3600,
      });
    }
    redirect(
      reply,
      isLocalPath(body.returnTo) && body.returnTo.startsWith('/console') ? body.returnTo : '/console',
    );
  }

  // ------------------------------------------------------------------ start page

  @Get()
  @Allow('session.self')
  async start(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const d = c.m.console.dashboard;
    const today = this.clock.today();
    if (!can(c.user.roles, 'case.read')) {
      return this.page(req, reply, c, d.title, 'start', <Heading level={1}>{d.title}</Heading>);
    }
    const [mine, dueSoon, overdue, counts, breaches] = await Promise.all([
      this.repo.myCases(c.user.id),
      this.repo.dueBetween(c.user, today, addDays(today, 7)),
      this.repo.overdue(c.user, today),
      this.counts.perStatus(),
      this.repo.schoolBreaches(today),
    ]);
    this.page(
      req,
      reply,
      c,
      d.title,
      'start',
      <>
        <Heading level={1}>{d.title}</Heading>
        {(
          [
            ['mine', d.myCases, mine],
            ['overdue', d.overdue, overdue],
            ['due-soon', d.dueSoon, dueSoon],
          ] as const
        ).map(([id, title, items]) => (
          <section aria-labelledby={id}>
            <Heading level={2} id={id}>
              {title}
            </Heading>
            <CaseTable m={c.m} items={items} caption={title} today={today} hideCaption />
          </section>
        ))}
        <div class="bow-card-grid">
          <section aria-labelledby="per-status">
            <Heading level={2} id="per-status">
              {d.perStatus}
            </Heading>
            {counts.length ? (
              <Table
                hideCaption
                caption={d.perStatus}
                head={[c.m.console.list.status, d.count]}
                rows={counts.map((r) => [
                  <Link href={`/console/cases?status=${r.status}`}>
                    {c.m.console.statuses[r.status] ?? r.status}
                  </Link>,
                  String(r.n),
                ])}
              />
            ) : (
              <P>{d.noCases}</P>
            )}
          </section>
          <section aria-labelledby="per-school">
            <Heading level={2} id="per-school">
              {d.perSchool}
            </Heading>
            {breaches.length ? (
              <Table
                hideCaption
                caption={d.perSchool}
                head={[c.m.console.list.school, d.breaches]}
                rows={breaches.map((r) => [
                  <Link href={`/console/schools/${r.schoolId}`}>{r.schoolName}</Link>,
                  String(r.n),
                ])}
              />
            ) : (
              <P>{d.noCases}</P>
            )}
          </section>
        </div>
        <P>
          <Link href="/console/cases">{d.allCases}</Link>
        </P>
      </>,
    );
  }

  // ------------------------------------------------------------------ case list and export

  @Get('cases')
  @Allow('case.read')
  async list(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const l = c.m.console.list;
    const today = this.clock.today();
    const { filters, issues } = parseFilters(query(req));
    let result: { items: ListItem[]; nextCursor: string | null };
    let badCursor = false;
    try {
      result = await this.cases.list({ ...filters, limit: PAGE_SIZE }, c.user);
    } catch (e) {
      if (!(e instanceof ProblemError) || e.status !== 400) throw e;
      badCursor = true;
      result = await this.cases.list({ ...filters, cursor: undefined, limit: PAGE_SIZE }, c.user);
    }
    const [schools, assignees] = await Promise.all([
      this.schools.search(undefined, 200),
      this.assignableUsers(),
    ]);
    const { summary, byField } = localize(issues, c.m, {
      type: l.type,
      status: l.status,
      schoolId: l.school,
      assigneeId: l.assignee,
      dueFrom: l.dueFrom,
      dueTo: l.dueTo,
      q: l.search,
    });
    this.page(
      req,
      reply,
      c,
      l.title,
      'cases',
      <>
        <Heading level={1}>{l.title}</Heading>
        <ErrorSummary m={c.m} errors={summary} />
        {badCursor ? <Notice kind="warning">{l.badCursor}</Notice> : null}
        <form method="get" action="/console/cases" class="utrecht-form" role="search" aria-label={l.filters}>
          <div class="bow-filters">
            <div class="bow-filters__wide">
              <TextField
                id="q"
                type="search"
                label={l.search}
                value={filters.q ?? query(req).q}
                error={byField.q}
              />
            </div>
            <Select
              id="type"
              label={l.type}
              value={filters.type}
              options={[
                { value: '', label: l.anyType },
                ...Object.entries(l.types).map(([value, label]) => ({ value, label })),
              ]}
              error={byField.type}
            />
            <Select
              id="status"
              label={l.status}
              value={filters.status}
              options={[
                { value: '', label: l.anyStatus },
                ...LIST_STATUSES.map((s) => ({ value: s, label: c.m.console.statuses[s] ?? s })),
              ]}
              error={byField.status}
            />
            <Select
              id="schoolId"
              label={l.school}
              value={filters.schoolId}
              options={[
                { value: '', label: l.anySchool },
                ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
              ]}
              error={byField.schoolId}
            />
            <Select
              id="assigneeId"
              label={l.assignee}
              value={filters.assigneeId}
              options={[
                { value: '', label: l.anyAssignee },
                { value: 'none', label: l.unassigned },
                ...assignees.map((u) => ({ value: u.id, label: u.name })),
              ]}
              error={byField.assigneeId}
            />
            <TextField
              id="dueFrom"
              type="date"
              label={l.dueFrom}
              value={filters.dueFrom ?? query(req).dueFrom}
              error={byField.dueFrom}
            />
            <TextField
              id="dueTo"
              type="date"
              label={l.dueTo}
              value={filters.dueTo ?? query(req).dueTo}
              error={byField.dueTo}
            />
          </div>
          <ButtonGroup>
            <Button>{l.apply}</Button>
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href="/console/cases"
            >
              {l.reset}
            </a>
            <a
              class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href={`/console/cases.csv${filterQuery(filters)}`}
            >
              {l.exportCsv}
            </a>
          </ButtonGroup>
        </form>
        {result.items.length ? (
          <CaseTable m={c.m} items={result.items} caption={l.caption} today={today} />
        ) : (
          <P>{l.none}</P>
        )}
        <nav class="utrecht-pagination" aria-label={l.pagination}>
          <ul class="bow-inline-list">
            {filters.cursor && !badCursor ? (
              <li>
                <Link href={`/console/cases${filterQuery(filters)}`}>{l.firstPage}</Link>
              </li>
            ) : null}
            {result.nextCursor ? (
              <li>
                <a
                  class="utrecht-link utrecht-link--html-a"
                  rel="next"
                  href={`/console/cases${filterQuery(filters, { cursor: result.nextCursor })}`}
                >
                  {l.nextPage}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </>,
      200,
      summary.length > 0,
    );
  }

  /** The filtered list as CSV (csv-stringify does the quoting), walking the keyset pages. */
  @Get('cases.csv')
  @Allow('case.read')
  async exportCsv(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const h = c.m.console.list.csvHeaders;
    const { filters } = parseFilters(query(req));
    const rows: ListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({ ...filters, cursor, limit: 1000 }, c.user);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < CSV_MAX_ROWS);
    const csv = stringify(
      rows.map((r) => ({
        reference: r.reference,
        type: c.m.console.list.types[r.type] ?? r.type,
        status: c.m.console.statuses[r.status] ?? r.status,
        school: csvSafe(r.schoolName),
        assignee: csvSafe(r.assigneeName),
        subject: csvSafe(r.subject),
        receivedOn: r.receivedOn,
        nextDueOn: r.nextDueOn ?? '',
      })),
      { header: true, columns: Object.entries(h).map(([key, header]) => ({ key, header })), bom: true },
    );
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="zaken-${this.clock.today()}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }

  private async assignableUsers() {
    const [jurists, supervisors] = await Promise.all([
      this.users.withRole('jurist'),
      this.users.withRole('supervisor'),
    ]);
    const all = new Map([...jurists, ...supervisors].map((u) => [u.id, u]));
    return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  // ------------------------------------------------------------------ schools

  @Get('schools')
  @Allow('school.read')
  async schoolList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const s = c.m.console.schools;
    const q = (query(req).q ?? '').trim().slice(0, 100);
    const items = await this.schools.search(q || undefined, 200);
    this.page(
      req,
      reply,
      c,
      s.title,
      'schools',
      <>
        <Heading level={1}>{s.title}</Heading>
        <form method="get" action="/console/schools" class="utrecht-form" role="search" aria-label={s.title}>
          <TextField id="q" type="search" label={s.search} value={q} />
          <ButtonGroup>
            <Button>{s.button}</Button>
          </ButtonGroup>
        </form>
        {items.length ? (
          <Table
            hideCaption
            caption={s.title}
            head={[s.name, s.city, s.qualityMark, s.regulation]}
            rows={items.map((x) => [
              <Link href={`/console/schools/${x.id}`}>{x.name}</Link>,
              x.city,
              s.marks[x.qualityMark] ?? x.qualityMark,
              x.complaintsRegulationUrl ? (
                c.m.common.yes
              ) : (
                <StatusBadge kind="warning">{s.regulationMissing}</StatusBadge>
              ),
            ])}
          />
        ) : (
          <P>{s.none}</P>
        )}
      </>,
    );
  }

  @Get('schools/:id')
  @Allow('school.read')
  async schoolDetail(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isUuid(id)) throw notFound('School');
    const c = consoleContext(req);
    const s = c.m.console.schools;
    const school = await this.schools.get(id);
    const history: { status: string; effectiveOn: string; reason: string; recordedAt: Date }[] =
      await this.schools.history(id);
    const digidReports = can(c.user.roles, 'case.read') ? await this.digid.forSchool(id, c.user) : null;
    this.page(
      req,
      reply,
      c,
      school.name,
      'schools',
      <>
        <Heading level={1}>{school.name}</Heading>
        <QualityMarkDone m={c.m} q={query(req)} />
        <DataList
          items={[
            [s.city, school.city],
            [s.qualityMark, s.marks[school.qualityMark] ?? school.qualityMark],
            [s.complaintsEmail, school.complaintsEmail],
            [
              s.regulation,
              school.complaintsRegulationUrl && /^https?:\/\//.test(school.complaintsRegulationUrl) ? (
                <a
                  class="utrecht-link utrecht-link--html-a"
                  href={school.complaintsRegulationUrl}
                  rel="noopener noreferrer"
                >
                  {s.regulationLink}
                </a>
              ) : (
                s.regulationMissing
              ),
            ],
            [s.regulationChecked, formatDate(school.regulationCheckedOn, c.m)],
          ]}
        />
        {can(c.user.roles, 'case.read') ? (
          <P>
            <Link href={`/console/cases?schoolId=${school.id}`}>{s.complaints}</Link>
          </P>
        ) : null}
        <SchoolContractLinks m={c.m} roles={c.user.roles} schoolId={school.id} />
        {digidReports ? <DigidReportsOfSchool m={c.m} items={digidReports} /> : null}
        <section aria-labelledby="history">
          <Heading level={2} id="history">
            {s.history}
          </Heading>
          <Table
            hideCaption
            caption={s.history}
            head={[s.effectiveOn, s.qualityMark, s.reason, s.recordedAt]}
            rows={history.map((r) => [
              formatDate(r.effectiveOn, c.m),
              s.marks[r.status] ?? r.status,
              r.reason,
              formatDateTime(r.recordedAt, c.m),
            ])}
          />
        </section>
      </>,
    );
  }

  // ------------------------------------------------------------------ admin: users and roles

  @Get('admin/users')
  @Allow('user.admin')
  async userList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const u = c.m.console.users;
    const users = await this.users.list();
    this.page(
      req,
      reply,
      c,
      u.title,
      'users',
      <>
        <Heading level={1}>{u.title}</Heading>
        <Table
          hideCaption
          caption={u.title}
          head={[u.name, u.email, u.roles, u.language, u.active]}
          rows={users.map((x) => [
            x.name,
            x.email,
            x.roles.map((r) => u.roleNames[r] ?? r).join(', '),
            u.languages[x.language] ?? x.language,
            x.active ? c.m.common.yes : c.m.common.no,
          ])}
        />
        <section aria-labelledby="permissions">
          <Heading level={2} id="permissions">
            {u.permissionsTitle}
          </Heading>
          <Table
            hideCaption
            caption={u.permissionsTitle}
            head={[u.permission, ...ROLES.map((r) => u.roleNames[r] ?? r)]}
            rows={(Object.keys(PERMISSIONS) as Permission[]).map((p) => [
              u.permissions[p] ?? p,
              ...ROLES.map((r) =>
                (PERMISSIONS[p] as readonly string[]).includes(r) ? c.m.common.yes : c.m.common.no,
              ),
            ])}
          />
        </section>
      </>,
    );
  }

  // ------------------------------------------------------------------ admin: closed days

  @Get('admin/calendar')
  @Allow('calendar.admin')
  async calendarPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderCalendar(req, reply, { done: query(req).done === '1' });
  }

  @Post('admin/calendar')
  @Allow('calendar.admin')
  async addClosedDay(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = formBody(req);
    const check = new FormCheck(body);
    const today = this.clock.today();
    const date = check.date('date', { required: true, notBefore: today });
    const reasonNl = check.text('reasonNl', { required: true, max: 200 });
    const reason = check.text('reason', { required: true, max: 200 });
    if (date && (await this.calendar.calendar()).isClosed(date)) check.fail('date', 'alreadyClosed');
    if (!check.ok) return this.renderCalendar(req, reply, { issues: check.issues, values: body }, 422);
    try {
      // Also computes again every running deadline the new day touches (ClosedDaysService).
      await this.closedDays.add({ date: date!, reason: reason!, reasonNl: reasonNl! }, req.staff!.user.id);
    } catch (e) {
      if (!(e instanceof ProblemError) || e.code !== 'already_closed') throw e;
      return this.renderCalendar(
        req,
        reply,
        { issues: [{ field: 'date', key: 'alreadyClosed' }], values: body },
        422,
      );
    }
    redirect(reply, '/console/admin/calendar?done=1');
  }

  private async renderCalendar(
    req: StaffRequest,
    reply: FastifyReply,
    o: { done?: boolean; issues?: FormCheck['issues']; values?: Record<string, string> },
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const k = c.m.console.calendar;
    const year = Number(this.clock.today().slice(0, 4));
    const extra = await this.calendar.extraClosedDays();
    const { summary, byField } = localize(o.issues ?? [], c.m, {
      date: k.date,
      reasonNl: k.reasonNl,
      reason: k.reasonEn,
    });
    const dayName = (d: { reason: string; reasonNl: string }) => (c.m.lang === 'nl' ? d.reasonNl : d.reason);
    this.page(
      req,
      reply,
      c,
      k.title,
      'calendar',
      <>
        <Heading level={1}>{k.title}</Heading>
        {o.done ? <Notice title={c.m.common.noticeTitle}>{k.added}</Notice> : null}
        <ErrorSummary m={c.m} errors={summary} />
        <P>{k.intro}</P>
        <section aria-labelledby="office">
          <Heading level={2} id="office">
            {k.officeTitle}
          </Heading>
          {extra.length ? (
            <Table
              hideCaption
              caption={k.officeTitle}
              head={[k.date, k.reasonNl, k.reasonEn]}
              rows={extra.map((d) => [formatDate(d.date, c.m), d.reasonNl, d.reason])}
            />
          ) : (
            <P>{k.none}</P>
          )}
        </section>
        <section aria-labelledby="add-day" class="bow-action">
          <Heading level={2} id="add-day">
            {k.addTitle}
          </Heading>
          <form method="post" action="/console/admin/calendar" novalidate class="utrecht-form">
            <Csrf token={c.csrf} />
            <TextField
              id="date"
              type="date"
              label={k.date}
              value={o.values?.date}
              error={byField.date}
              required
            />
            <TextField
              id="reasonNl"
              label={k.reasonNl}
              value={o.values?.reasonNl}
              error={byField.reasonNl}
              required
            />
            <TextField
              id="reason"
              label={k.reasonEn}
              value={o.values?.reason}
              error={byField.reason}
              required
            />
            <ButtonGroup>
              <Button>{k.addButton}</Button>
            </ButtonGroup>
          </form>
        </section>
        {[year, year + 1].map((y) => (
          <section aria-labelledby={`statutory-${y}`}>
            <Heading level={2} id={`statutory-${y}`}>
              {k.statutoryTitle(y)}
            </Heading>
            <Table
              hideCaption
              caption={k.statutoryTitle(y)}
              head={[k.date, k.reasonNl]}
              rows={statutoryClosedDays(y).map((d) => [formatDate(d.date, c.m), dayName(d)])}
            />
          </section>
        ))}
      </>,
      status,
      summary.length > 0,
    );
  }

  // ------------------------------------------------------------------ admin: failed emails

  @Get('admin/emails')
  @Allow('email.resend')
  async failedEmails(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const e = c.m.console.emails;
    const cs = c.m.console.case;
    const done = query(req).done;
    const failed = await this.outbox.failed(200);
    const refs = await this.repo.references(
      failed.map((f) => f.caseId).filter((x): x is string => Boolean(x)),
    );
    this.page(
      req,
      reply,
      c,
      e.title,
      'emails',
      <>
        <Heading level={1}>{e.title}</Heading>
        {done === '1' ? <Notice title={c.m.common.noticeTitle}>{e.resent}</Notice> : null}
        {done === '0' ? <Notice kind="warning">{e.notFailed}</Notice> : null}
        <P>{e.intro}</P>
        {failed.length ? (
          <Table
            hideCaption
            caption={e.title}
            head={[
              e.id,
              e.case,
              cs.emailTemplate,
              cs.emailRecipient,
              cs.emailAttempts,
              cs.emailError,
              cs.emailCreated,
              e.resend,
            ]}
            rows={failed.map((f) => [
              f.id,
              f.caseId && refs.get(f.caseId) ? (
                <Link href={`/console/cases/${refs.get(f.caseId)}`}>{refs.get(f.caseId)}</Link>
              ) : (
                c.m.common.dash
              ),
              f.template,
              f.recipient,
              String(f.attempts),
              f.lastError ?? c.m.common.dash,
              formatDateTime(f.createdAt, c.m),
              <form method="post" action={`/console/admin/emails/${f.id}/resend`} class="bow-inline-form">
                <Csrf token={c.csrf} />
                <Button variant="secondary" hiddenText={e.resendLabel(f.id)}>
                  {e.resend}
                </Button>
              </form>,
            ])}
          />
        ) : (
          <P>{e.none}</P>
        )}
      </>,
    );
  }

  @Post('admin/emails/:id/resend')
  @Allow('email.resend')
  async resendEmail(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Email');
    const requeued = await this.outbox.requeue(id);
    if (requeued) {
      const job = emailJob(id);
      // The failed run keeps its job id in Redis; remove it, or adding the same id again is a no-op.
      try {
        const old = await withTimeout(this.queue.queue.getJob(job.jobId), 2000);
        if (old) await withTimeout(old.remove(), 2000);
      } catch (e) {
        this.logger.warn({
          msg: 'could not remove the failed email job; the reconciler will retry',
          outboxId: id,
          error: (e as Error).message,
        });
      }
      await this.queue.enqueue([job]);
      await this.db.transaction((m) => this.audit.record(m, req.staff!.user.id, 'email.resend', id, {}));
    }
    redirect(reply, `/console/admin/emails?done=${requeued ? 1 : 0}`);
  }
}
