import { auditActor } from '../audit/actors.js';
import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { StaffRequest } from '../auth/auth.guard.js';
import { Allow, can } from '../auth/policy.js';
import { isIsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { formatEuro, formatMinutes, parseEuroCents } from '../common/money.js';
import { notFound, ProblemError } from '../common/problem.js';
import { ContractDetailService } from '../contracts/contract-detail.service.js';
import { IMPORT_COLUMNS } from '../contracts/contracts.csv.js';
import {
  CONTRACT_STATUSES,
  createContractBody,
  COURSE_TYPES,
  EDUCATION_LEVELS,
  JUSTIFICATION_MAX,
  INVOICE_STATUSES,
  LESSON_MODES,
  TERMINATION_STATUSES,
} from '../contracts/contracts.dto.js';
import { TERMINATION_GROUNDS } from '../contracts/contracts.rules.js';
import type { TerminationGround } from '../contracts/contracts.rules.js';
import type { ContractRow } from '../contracts/contracts.repository.js';
import { ContractsService, type QuoteView } from '../contracts/contracts.service.js';
import { RefundsService } from '../contracts/refunds.service.js';
import {
  FUNDERS,
  PAYERS,
  allowedTerminationActions,
  isWeighty,
  payerFor,
  type Payer,
  type TerminationStatus,
} from '../contracts/terminations.rules.js';
import { TerminationsService } from '../contracts/terminations.service.js';
import { QUALITY_MARKS } from '../schools/schools.dto.js';
import { SchoolsService } from '../schools/schools.service.js';
import {
  Button,
  ButtonGroup,
  Csrf,
  DataList,
  ErrorSummary,
  errorFor,
  type FieldError,
  Heading,
  Hidden,
  Link,
  Notice,
  P,
  Select,
  StatusBadge,
  Table,
  TextArea,
  TextField,
} from './components.js';
import { consoleContext, sendConsolePage, type ConsoleContext } from './console.views.js';
import { isUuid } from './forms.js';
import { formatDate, formatDateTime, type Messages } from './i18n.js';
import type { ConsoleSection } from './layout.js';
import { PageErrorFilter } from './page-errors.js';
import { uploadedFiles } from './multipart.js';
import { formBody, query, redirect } from './web.http.js';

/** Lessons shown on the contract page; the ledger may hold thousands (the API returns them all). */
const LESSONS_SHOWN = 50;
const PAGE_SIZE = 50;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

type Detail = Awaited<ReturnType<ContractDetailService['detail']>>;
type TerminationView = Detail['terminations'][number];
type Lang = 'nl' | 'en';

/** Which form on the contract page a message belongs to (its id is the error summary's anchor). */
type FormName = 'lesson' | 'invoice' | 'quote' | 'terminate' | `t-${string}`;

interface DetailState {
  done?: string;
  form?: FormName;
  errors?: FieldError[];
  values?: Record<string, string>;
}

function schoolId(id: string): string {
  if (!isUuid(id)) throw notFound('School');
  return id.toLowerCase();
}

function contractId(id: string): string {
  if (!isUuid(id)) throw notFound('Contract');
  return id.toLowerCase();
}

/** "8" or "2,5" or "2.25" as hundredths of an hour, or null. */
function hundredths(v: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(v.trim());
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return value > 0 && value <= 16_800 ? value : null;
}

/** The text of a refused action: the reason in the reader's language, and the rule's own detail. */
function refusal(m: Messages, e: ProblemError): string {
  const r = m.contracts.refusals;
  const reason = r[e.code ?? 'other'] ?? r.other;
  const fields = (e.errors ?? []).map((x) => `${x.field}: ${x.message}`).join('; ');
  return `${reason} ${m.contracts.systemDetail} ${fields || e.detail}`;
}

function isUserProblem(e: unknown): e is ProblemError {
  return (
    e instanceof ProblemError && e.status < 500 && e.status !== 404 && e.status !== 401 && e.status !== 403
  );
}

/**
 * The staff pages for contracts: the register (list, register, CSV import), a contract with its
 * lessons, invoices, quote calculator and terminations, the terminations waiting for a decision,
 * and the DUO refund batches. Every action calls the same service as the JSON API and declares
 * the same permission.
 */
@ApiExcludeController()
@Controller('console')
@UseFilters(PageErrorFilter)
export class ContractPagesController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly details: ContractDetailService,
    private readonly terminations: TerminationsService,
    private readonly refunds: RefundsService,
    private readonly schools: SchoolsService,
    private readonly clock: Clock,
  ) {}

  // ================================================================== the register

  @Get('contracts')
  @Allow('contract.read')
  async list(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const l = c.m.contracts.list;
    const q = query(req);
    const schoolId = isUuid(q.schoolId) ? q.schoolId : undefined;
    const status = (CONTRACT_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as (typeof CONTRACT_STATUSES)[number])
      : undefined;
    const email = (q.studentEmail ?? '').trim().slice(0, 320);
    const studentEmail = /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
    const number = (q.contractNumber ?? '').trim().slice(0, 50);
    const contractNumber = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(number) ? number : undefined;
    const cursor = CURSOR.test(q.cursor ?? '') ? q.cursor : undefined;
    const [page, schools] = await Promise.all([
      this.contracts.list({ schoolId, status, studentEmail, contractNumber, cursor, limit: PAGE_SIZE }),
      this.schools.search(undefined, 1000),
    ]);
    const filters = new URLSearchParams({
      ...(schoolId ? { schoolId } : {}),
      ...(status ? { status } : {}),
      ...(studentEmail ? { studentEmail } : {}),
      ...(contractNumber ? { contractNumber } : {}),
    });
    const write = can(c.user.roles, 'contract.write');
    this.page(
      req,
      reply,
      c,
      l.title,
      'contracts',
      <>
        <Heading level={1}>{l.title}</Heading>
        <P>{l.intro}</P>
        <ul class="utrecht-unordered-list bow-link-list">
          {write ? (
            <li class="utrecht-unordered-list__item">
              <Link href="/console/contracts/new">{l.register}</Link>
            </li>
          ) : null}
          {write ? (
            <li class="utrecht-unordered-list__item">
              <Link href="/console/contracts/import">{l.import}</Link>
            </li>
          ) : null}
          <li class="utrecht-unordered-list__item">
            <Link href="/console/terminations">{l.terminations}</Link>
          </li>
          {can(c.user.roles, 'refund.export') ? (
            <li class="utrecht-unordered-list__item">
              <Link href="/console/refunds">{l.refunds}</Link>
            </li>
          ) : null}
        </ul>
        <form method="get" action="/console/contracts" class="utrecht-form" aria-label={l.filters}>
          <Select
            id="schoolId"
            label={l.school}
            value={schoolId ?? ''}
            options={[
              { value: '', label: l.anySchool },
              ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
            ]}
          />
          <Select
            id="status"
            label={l.status}
            value={status ?? ''}
            options={[
              { value: '', label: l.anyStatus },
              ...CONTRACT_STATUSES.map((s) => ({ value: s, label: c.m.contracts.statuses[s] })),
            ]}
          />
          <TextField id="contractNumber" label={l.number} value={number} />
          <TextField id="studentEmail" type="email" label={l.studentEmail} value={email} />
          <ButtonGroup>
            <Button variant="secondary">{l.apply}</Button>
          </ButtonGroup>
        </form>
        {page.items.length ? (
          <Table
            caption={l.title}
            hideCaption
            head={[l.number, l.student, l.school, l.status, l.start, l.plannedEnd, l.funder]}
            rows={page.items.map((x) => [
              <Link href={`/console/contracts/${x.id}`}>{x.contractNumber}</Link>,
              x.studentName,
              x.schoolName,
              <StatusBadge kind={x.status === 'active' ? 'active' : 'neutral'}>
                {c.m.contracts.statuses[x.status] ?? x.status}
              </StatusBadge>,
              formatDate(x.startDate, c.m),
              formatDate(x.endedOn ?? x.plannedEndDate, c.m),
              c.m.contracts.funders[x.funder] ?? x.funder,
            ])}
          />
        ) : (
          <P>{l.none}</P>
        )}
        {page.nextCursor ? (
          <P>
            <Link
              href={`/console/contracts?${filters.toString()}${filters.size ? '&' : ''}cursor=${encodeURIComponent(page.nextCursor)}`}
            >
              {l.next}
            </Link>
          </P>
        ) : null}
      </>,
    );
  }

  @Get('contracts/new')
  @Allow('contract.write')
  async registerForm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const school = query(req).school;
    await this.renderRegister(
      req,
      reply,
      { schoolId: isUuid(school) ? school : '', studentLanguage: 'nl', funder: 'duo_loan' },
      [],
    );
  }

  @Post('contracts/new')
  @Allow('contract.write')
  async register(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const r = c.m.contracts.register;
    const f = formBody(req);
    const errors: FieldError[] = [];
    const need = (field: keyof typeof r, ok: boolean, message = c.m.fieldErrors.required) => {
      if (!ok) errors.push({ field, message: `${String(r[field])}: ${message}` });
    };
    const v = (k: string) => (f[k] ?? '').trim();
    need('school', isUuid(v('schoolId')), c.m.fieldErrors.school);
    need('studentName', v('studentName').length > 0 && v('studentName').length <= 200);
    need('studentEmail', /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v('studentEmail')), c.m.fieldErrors.email);
    need(
      'contractNumber',
      /^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$/.test(v('contractNumber')),
      c.m.fieldErrors.invalid,
    );
    for (const d of ['signedOn', 'startDate', 'plannedEndDate'] as const)
      need(d, isIsoDate(v(d)), c.m.fieldErrors.date);
    if (isIsoDate(v('startDate')) && isIsoDate(v('plannedEndDate')) && v('plannedEndDate') <= v('startDate'))
      errors.push({ field: 'plannedEndDate', message: r.endBeforeStart });
    if (isIsoDate(v('startDate')) && isIsoDate(v('signedOn')) && v('startDate') < v('signedOn'))
      errors.push({ field: 'startDate', message: r.startBeforeSigned });
    need(
      'courseType',
      (COURSE_TYPES as readonly string[]).includes(v('courseType')),
      c.m.fieldErrors.chooseOne,
    );
    need(
      'educationLevel',
      (EDUCATION_LEVELS as readonly string[]).includes(v('educationLevel')),
      c.m.fieldErrors.chooseOne,
    );
    need('funder', (FUNDERS as readonly string[]).includes(v('funder')), c.m.fieldErrors.chooseOne);
    need(
      'studentLanguage',
      v('studentLanguage') === 'nl' || v('studentLanguage') === 'en',
      c.m.fieldErrors.chooseOne,
    );
    const rate = parseEuroCents(v('hourlyRate'));
    need('hourlyRate', rate !== null && rate <= 100_000, c.m.fieldErrors.invalid);
    const planned = /^\d{1,4}$/.test(v('plannedHours')) ? Number(v('plannedHours')) : 0;
    need('plannedHours', planned >= 1 && planned <= 5_000, c.m.fieldErrors.number);
    const perWeek = hundredths(v('hoursPerWeek'));
    need('hoursPerWeek', perWeek !== null, c.m.fieldErrors.invalid);
    // Map the error ids to the inputs (the school select's id is schoolId).
    for (const e of errors) if (e.field === 'school') e.field = 'schoolId';
    if (errors.length) return this.renderRegister(req, reply, f, errors, 422);
    // The API's own schema too, so the console never stores what POST /api/contracts refuses.
    const parsed = createContractBody.safeParse({
      schoolId: v('schoolId'),
      student: {
        name: v('studentName'),
        email: v('studentEmail'),
        language: v('studentLanguage') as Lang,
      },
      contractNumber: v('contractNumber'),
      signedOn: v('signedOn'),
      startDate: v('startDate'),
      plannedEndDate: v('plannedEndDate'),
      courseType: v('courseType') as (typeof COURSE_TYPES)[number],
      educationLevel: v('educationLevel') as (typeof EDUCATION_LEVELS)[number],
      hourlyRateCents: rate!,
      plannedHours: planned,
      hoursPerWeek: perWeek! / 100,
      funder: v('funder') as (typeof FUNDERS)[number],
    });
    if (!parsed.success) {
      const fieldOf = (path: PropertyKey[]): string =>
        path[0] === 'student'
          ? `student${String(path[1] ?? 'Name').replace(/^./, (x) => x.toUpperCase())}`
          : String(path[0]);
      const labels = r as unknown as Record<string, string>;
      const bad = parsed.error.issues.map((i) => ({
        field: fieldOf(i.path),
        message: `${typeof labels[fieldOf(i.path)] === 'string' ? labels[fieldOf(i.path)] : i.path.join('.')}: ${c.m.fieldErrors.invalid}`,
      }));
      return this.renderRegister(req, reply, f, bad, 422);
    }
    try {
      const created = await this.contracts.create(parsed.data, auditActor(c.user));
      redirect(reply, `/console/contracts/${created.id}?done=created`);
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      const field =
        e.code === 'contract_number_taken'
          ? 'contractNumber'
          : e.code === 'school_not_certified_for_loan'
            ? 'funder'
            : e.code === 'school_suspended'
              ? 'signedOn'
              : 'schoolId';
      return this.renderRegister(req, reply, f, [{ field, message: refusal(c.m, e) }], e.status);
    }
  }

  private async renderRegister(
    req: StaffRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const r = c.m.contracts.register;
    const ct = c.m.contracts;
    const schools = await this.schools.search(undefined, 1000);
    const err = (f: string) => errorFor(errors, f);
    const options = (values: readonly string[], labels: Record<string, string>) =>
      values.map((x) => ({ value: x, label: labels[x] ?? x }));
    this.page(
      req,
      reply,
      c,
      r.title,
      'contracts',
      <>
        <Heading level={1}>{r.title}</Heading>
        <ErrorSummary m={c.m} errors={errors} />
        <P>
          <Link href="/console/contracts/import">{r.importInstead}</Link>
        </P>
        <PostForm action="/console/contracts/new" csrf={c.csrf} button={r.button}>
          <Select
            id="schoolId"
            label={r.school}
            value={values.schoolId}
            error={err('schoolId')}
            required
            options={[
              { value: '', label: r.chooseSchool },
              ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
            ]}
          />
          <TextField
            id="studentName"
            label={r.studentName}
            value={values.studentName}
            error={err('studentName')}
            required
          />
          <TextField
            id="studentEmail"
            type="email"
            label={r.studentEmail}
            value={values.studentEmail}
            error={err('studentEmail')}
            required
          />
          <Select
            id="studentLanguage"
            label={r.studentLanguage}
            value={values.studentLanguage}
            error={err('studentLanguage')}
            options={[
              { value: 'nl', label: 'Nederlands' },
              { value: 'en', label: 'English' },
            ]}
          />
          <TextField
            id="contractNumber"
            label={r.contractNumber}
            hint={r.contractNumberHint}
            value={values.contractNumber}
            error={err('contractNumber')}
            required
          />
          <TextField
            id="signedOn"
            type="date"
            label={r.signedOn}
            value={values.signedOn}
            error={err('signedOn')}
            required
          />
          <TextField
            id="startDate"
            type="date"
            label={r.startDate}
            value={values.startDate}
            error={err('startDate')}
            required
          />
          <TextField
            id="plannedEndDate"
            type="date"
            label={r.plannedEndDate}
            value={values.plannedEndDate}
            error={err('plannedEndDate')}
            required
          />
          <Select
            id="courseType"
            label={r.courseType}
            value={values.courseType}
            error={err('courseType')}
            options={options(COURSE_TYPES, ct.courseTypes)}
          />
          <Select
            id="educationLevel"
            label={r.educationLevel}
            value={values.educationLevel}
            error={err('educationLevel')}
            options={options(EDUCATION_LEVELS, ct.levels)}
          />
          <TextField
            id="hourlyRate"
            label={r.hourlyRate}
            hint={r.hourlyRateHint}
            value={values.hourlyRate}
            error={err('hourlyRate')}
            inputMode="decimal"
            required
          />
          <TextField
            id="plannedHours"
            label={r.plannedHours}
            value={values.plannedHours}
            error={err('plannedHours')}
            inputMode="numeric"
            required
          />
          <TextField
            id="hoursPerWeek"
            label={r.hoursPerWeek}
            hint={r.hoursPerWeekHint}
            value={values.hoursPerWeek}
            error={err('hoursPerWeek')}
            inputMode="decimal"
            required
          />
          <Select
            id="funder"
            label={r.funder}
            value={values.funder}
            error={err('funder')}
            options={options(FUNDERS, ct.funders)}
          />
        </PostForm>
      </>,
      status,
    );
  }

  @Get('contracts/import')
  @Allow('contract.write')
  async importForm(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderImport(req, reply, {}, []);
  }

  @Post('contracts/import')
  @Allow('contract.write')
  async import(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const f = formBody(req);
    const csv = f.csv ?? '';
    const schoolId = isUuid(f.schoolId) ? f.schoolId : undefined;
    if (!csv.trim()) {
      return this.renderImport(
        req,
        reply,
        f,
        [{ field: 'csv', message: `${c.m.contracts.import.csv}: ${c.m.fieldErrors.required}` }],
        422,
      );
    }
    try {
      const result = await this.contracts.importCsv(csv, schoolId, auditActor(c.user));
      await this.renderImport(req, reply, {}, [], 200, c.m.contracts.import.imported(result.imported));
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      const rows = (e.errors ?? []).map((x) => {
        const [, row, field] = /^rows\.(\d+)\.(.*)$/.exec(x.field) ?? [];
        return c.m.contracts.import.row(Number(row ?? 0), field ?? '', x.message);
      });
      const message = rows.length
        ? `${c.m.contracts.refusals[e.code ?? 'other'] ?? e.detail} ${rows.join(' ')}`
        : refusal(c.m, e);
      return this.renderImport(req, reply, f, [{ field: 'csv', message }], e.status);
    }
  }

  private async renderImport(
    req: StaffRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
    status = 200,
    done?: string,
  ): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.contracts.import;
    const schools = await this.schools.search(undefined, 1000);
    this.page(
      req,
      reply,
      c,
      t.title,
      'contracts',
      <>
        <Heading level={1}>{t.title}</Heading>
        {done ? <Notice title={c.m.common.noticeTitle}>{done}</Notice> : null}
        <ErrorSummary m={c.m} errors={errors} />
        <P>{t.intro}</P>
        <P>
          {t.columns} <code>{IMPORT_COLUMNS.join(',')}</code>
        </P>
        <PostForm action="/console/contracts/import" csrf={c.csrf} button={t.button}>
          <Select
            id="schoolId"
            label={t.defaultSchool}
            value={values.schoolId}
            options={[
              { value: '', label: t.noDefaultSchool },
              ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
            ]}
          />
          <TextArea
            id="csv"
            label={t.csv}
            value={values.csv}
            rows={12}
            error={errorFor(errors, 'csv')}
            required
          />
        </PostForm>
      </>,
      status,
    );
  }

  // ================================================================== one contract

  @Get('contracts/:id')
  @Allow('contract.read')
  async show(@Param('id') id: string, @Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = query(req);
    await this.renderDetail(req, reply, contractId(id), {
      done: q.done,
      values: { ground: q.ground ?? '', requestedOn: q.requestedOn ?? '' },
    });
  }

  @Post('contracts/:id/lessons')
  @Allow('contract.write')
  async addLesson(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    const f = formBody(req);
    const errors: FieldError[] = [];
    const date = (f.lessonDate ?? '').trim();
    const minutes = /^\d{1,4}$/.test((f.lessonMinutes ?? '').trim()) ? Number(f.lessonMinutes) : 0;
    const mode = (LESSON_MODES as readonly string[]).includes(f.lessonMode ?? '')
      ? (f.lessonMode as (typeof LESSON_MODES)[number])
      : null;
    if (!isIsoDate(date)) errors.push({ field: 'lessonDate', message: `${d.date}: ${c.m.fieldErrors.date}` });
    if (minutes < 1)
      errors.push({ field: 'lessonMinutes', message: `${d.lessonMinutes}: ${c.m.fieldErrors.number}` });
    if (!mode) errors.push({ field: 'lessonMode', message: `${d.lessonMode}: ${c.m.fieldErrors.chooseOne}` });
    await this.act(
      req,
      reply,
      cid,
      'lesson',
      errors,
      f,
      () => this.contracts.addLessons(cid, [{ date, minutes, mode: mode! }], auditActor(c.user)),
      'lessonDate',
    );
  }

  @Post('contracts/:id/invoices')
  @Allow('contract.write')
  async addInvoice(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    const f = formBody(req);
    const errors: FieldError[] = [];
    const date = (f.invoiceDate ?? '').trim();
    const cents = parseEuroCents(f.invoiceAmount ?? '');
    const status = (INVOICE_STATUSES as readonly string[]).includes(f.invoiceStatus ?? '')
      ? (f.invoiceStatus as (typeof INVOICE_STATUSES)[number])
      : null;
    if (!isIsoDate(date))
      errors.push({ field: 'invoiceDate', message: `${d.invoiceDate}: ${c.m.fieldErrors.date}` });
    if (cents === null)
      errors.push({ field: 'invoiceAmount', message: `${d.amountLabel}: ${c.m.fieldErrors.invalid}` });
    if (!status)
      errors.push({ field: 'invoiceStatus', message: `${d.invoiceStatus}: ${c.m.fieldErrors.chooseOne}` });
    await this.act(
      req,
      reply,
      cid,
      'invoice',
      errors,
      f,
      () =>
        this.contracts.addInvoice(
          cid,
          { invoiceDate: date, amountCents: cents!, status: status! },
          auditActor(c.user),
        ),
      'invoiceDate',
    );
  }

  @Post('contracts/:id/terminations')
  @Allow('contract.write')
  async terminate(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const c = consoleContext(req);
    const d = c.m.contracts.detail;
    const f = formBody(req);
    const errors: FieldError[] = [];
    const ground = (TERMINATION_GROUNDS as readonly string[]).includes(f.ground ?? '')
      ? (f.ground as TerminationGround)
      : null;
    const requestedOn = (f.requestedOn ?? '').trim();
    const complaintReference = (f.complaintReference ?? '').trim().toUpperCase();
    const note = (f.note ?? '').trim();
    const justification = (f.justification ?? '').trim();
    if (!ground) errors.push({ field: 'ground', message: `${d.ground}: ${c.m.fieldErrors.chooseOne}` });
    if (ground === 'other_weighty_reason' && !justification)
      errors.push({ field: 'justification', message: `${d.justification}: ${c.m.fieldErrors.required}` });
    if (justification.length > JUSTIFICATION_MAX)
      errors.push({ field: 'justification', message: `${d.justification}: ${c.m.fieldErrors.tooLong}` });
    if (!isIsoDate(requestedOn))
      errors.push({ field: 'requestedOn', message: `${d.requestedOn}: ${c.m.fieldErrors.date}` });
    if (complaintReference && !/^[A-Z]{1,3}-\d{4}-\d{6}$/.test(complaintReference))
      errors.push({
        field: 'complaintReference',
        message: `${d.complaintReference}: ${c.m.fieldErrors.invalid}`,
      });
    if (ground === 'arbitration_vindicated' && !complaintReference)
      errors.push({
        field: 'complaintReference',
        message: `${d.complaintReference}: ${c.m.fieldErrors.required}`,
      });
    if (note.length > 5_000) errors.push({ field: 'note', message: `${d.note}: ${c.m.fieldErrors.tooLong}` });
    await this.act(
      req,
      reply,
      cid,
      'terminate',
      errors,
      f,
      () =>
        this.terminations.request(
          cid,
          {
            ground: ground!,
            requestedOn,
            ...(complaintReference ? { complaintReference } : {}),
            // The field is always on the form; it belongs to the other weighty reason only.
            ...(justification && ground === 'other_weighty_reason' ? { justification } : {}),
            ...(note ? { note } : {}),
          },
          auditActor(c.user),
        ),
      'ground',
      'terminated',
    );
  }

  @Post('contracts/:id/terminations/:tid/evidence')
  @Allow('contract.write')
  async evidence(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const t = contractId(tid);
    const c = consoleContext(req);
    const file = uploadedFiles(req).find((x) => x.field === 'file');
    const errors: FieldError[] = [];
    if (!file || file.bytes.length === 0)
      errors.push({
        field: `t-${t}-file`,
        message: `${c.m.contracts.termination.upload}: ${c.m.fieldErrors.required}`,
      });
    await this.act(
      req,
      reply,
      cid,
      `t-${t}`,
      errors,
      {},
      () =>
        this.terminations.uploadEvidence(
          cid,
          t,
          { bytes: file!.bytes, fileName: file!.fileName, viaJson: false },
          auditActor(c.user),
        ),
      `t-${t}-file`,
      'evidence',
    );
  }

  @Post('contracts/:id/terminations/:tid/approve')
  @Allow('termination.decide')
  async approve(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const t = contractId(tid);
    const c = consoleContext(req);
    const f = formBody(req);
    const reason = (f.reason ?? '').trim();
    const errors: FieldError[] =
      reason.length > 5_000 ? [{ field: `t-${t}-approve`, message: c.m.fieldErrors.tooLong }] : [];
    await this.act(
      req,
      reply,
      cid,
      `t-${t}`,
      errors,
      f,
      () => this.terminations.approve(cid, t, reason || undefined, auditActor(c.user), c.user.roles),
      `t-${t}-approve`,
      'approved',
    );
  }

  @Post('contracts/:id/terminations/:tid/reject')
  @Allow('termination.decide')
  async reject(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const t = contractId(tid);
    const c = consoleContext(req);
    const f = formBody(req);
    const reason = (f.reason ?? '').trim();
    const errors: FieldError[] = [];
    if (!reason)
      errors.push({
        field: `t-${t}-reason`,
        message: `${c.m.contracts.termination.rejectReason}: ${c.m.fieldErrors.required}`,
      });
    else if (reason.length > 5_000)
      errors.push({
        field: `t-${t}-reason`,
        message: `${c.m.contracts.termination.rejectReason}: ${c.m.fieldErrors.tooLong}`,
      });
    await this.act(
      req,
      reply,
      cid,
      `t-${t}`,
      errors,
      f,
      () => this.terminations.reject(cid, t, reason, auditActor(c.user)),
      `t-${t}-reason`,
      'rejected',
    );
  }

  @Post('contracts/:id/terminations/:tid/make-effective')
  @Allow('termination.decide')
  async makeEffective(
    @Param('id') id: string,
    @Param('tid') tid: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const cid = contractId(id);
    const t = contractId(tid);
    const c = consoleContext(req);
    // The amounts on the screen: the termination takes effect only with that quote.
    const f = formBody(req);
    const cents = (v: string | undefined) => (/^\d{1,12}$/.test(v ?? '') ? Number(v) : null);
    const fees = cents(f.feesDueCents);
    const refund = cents(f.refundToLoanCents);
    const expected =
      fees !== null && refund !== null ? { feesDueCents: fees, refundToLoanCents: refund } : undefined;
    await this.act(
      req,
      reply,
      cid,
      `t-${t}`,
      [],
      {},
      () => this.terminations.makeEffective(cid, t, auditActor(c.user), expected),
      `t-${t}-effective`,
      'effective',
    );
  }

  /**
   * Runs one action of the contract page: with form errors, or when the service refuses (a
   * 409/422 with its code), the page is shown again with the message at that form; otherwise
   * POST-redirect-GET with a "done" notice.
   */
  private async act(
    req: StaffRequest,
    reply: FastifyReply,
    id: string,
    form: FormName,
    errors: FieldError[],
    values: Record<string, string>,
    run: () => Promise<unknown>,
    anchor: string,
    done: string = form,
  ): Promise<void> {
    const c = consoleContext(req);
    if (errors.length) return this.renderDetail(req, reply, id, { form, errors, values }, 422);
    try {
      await run();
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      return this.renderDetail(
        req,
        reply,
        id,
        { form, errors: [{ field: anchor, message: refusal(c.m, e) }], values },
        e.status,
      );
    }
    redirect(reply, `/console/contracts/${id}?done=${done}${form.startsWith('t-') ? `#${form}` : ''}`);
  }

  private async renderDetail(
    req: StaffRequest,
    reply: FastifyReply,
    id: string,
    o: DetailState,
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const m = c.m;
    const ct = m.contracts;
    const d = ct.detail;
    const lang = m.lang as Lang;
    // One read of the contract: its row serves the calculator and every termination's quote.
    const { row: contract, view: x } = await this.details.detailWithRow(id);
    const active = x.status === 'active';
    const write = can(c.user.roles, 'contract.write') && active;
    const open = x.terminations.find((t) => t.status === 'requested' || t.status === 'approved');
    const values = o.values ?? {};
    const err = (f: string) => errorFor(o.errors, f);
    const done = o.done ? ct.done[o.done] : undefined;
    const today = this.clock.today();

    // The quote calculator: a what-if on a ground and date (GET, nothing is stored).
    let quote:
      { view?: QuoteView; problem?: string; ground: TerminationGround; requestedOn: string } | undefined;
    const qGround = (TERMINATION_GROUNDS as readonly string[]).includes(values.ground ?? '')
      ? (values.ground as TerminationGround)
      : null;
    if (o.form === undefined && qGround && isIsoDate(values.requestedOn ?? '')) {
      quote = { ground: qGround, requestedOn: values.requestedOn };
      try {
        quote.view = await this.contracts.quote(contract, qGround, values.requestedOn, {
          groundApproved: isWeighty(qGround) ? false : undefined,
        });
      } catch (e) {
        if (!isUserProblem(e)) throw e;
        quote.problem = refusal(m, e);
      }
    }
    const terminations = await Promise.all(x.terminations.map((t) => this.terminationQuote(contract, t, m)));
    const recentLessons = x.lessons.slice(-LESSONS_SHOWN).reverse();
    const payer = ct.payers[payerFor(x.funder)];

    this.page(
      req,
      reply,
      c,
      d.title(x.contractNumber),
      'contracts',
      <>
        <Heading level={1}>{d.title(x.contractNumber)}</Heading>
        {done ? <Notice title={m.common.noticeTitle}>{done}</Notice> : null}
        <ErrorSummary m={m} errors={o.errors} />
        {!active ? <Notice kind="info">{d.ended}</Notice> : null}
        <section aria-labelledby="terms">
          <Heading level={2} id="terms">
            {d.terms}
          </Heading>
          <DataList
            items={[
              [d.student, `${x.student.name} (${x.student.email})`],
              [d.school, <Link href={`/console/schools/${x.school.id}`}>{x.school.name}</Link>],
              [
                d.status,
                <StatusBadge kind={active ? 'active' : 'neutral'}>
                  {ct.statuses[x.status] ?? x.status}
                </StatusBadge>,
              ],
              ...(x.endedOn ? ([[d.endedOn, formatDate(x.endedOn, m)]] as [string, string][]) : []),
              ...(x.qualityMarkGroundOn
                ? ([[d.qualityMarkGround, formatDate(x.qualityMarkGroundOn, m)]] as [string, string][])
                : []),
              [d.signedOn, formatDate(x.signedOn, m)],
              [d.period, `${formatDate(x.startDate, m)} – ${formatDate(x.plannedEndDate, m)}`],
              [d.courseType, ct.courseTypes[x.courseType] ?? x.courseType],
              [d.educationLevel, ct.levels[x.educationLevel] ?? x.educationLevel],
              [d.rate, formatEuro(x.hourlyRateCents, lang)],
              [d.plannedHours, String(x.plannedHours)],
              [d.hoursPerWeek, String(x.hoursPerWeek).replace('.', lang === 'nl' ? ',' : '.')],
              [d.funder, ct.funders[x.funder] ?? x.funder],
              [d.paid, formatEuro(x.paidCents, lang)],
            ]}
          />
        </section>

        <section aria-labelledby="terminations">
          <Heading level={2} id="terminations">
            {d.terminationsTitle}
          </Heading>
          {terminations.length ? (
            terminations.map((t) => this.termination(c, x, t, o))
          ) : (
            <P>{d.terminationsNone}</P>
          )}
        </section>

        <section aria-labelledby="quote">
          <Heading level={2} id="quote">
            {d.quoteTitle}
          </Heading>
          <P>{d.quoteIntro}</P>
          {active ? (
            <form
              method="get"
              action={`/console/contracts/${x.id}#quote-result`}
              class="utrecht-form"
              novalidate
            >
              <Select
                id="quote-ground"
                name="ground"
                label={d.ground}
                value={qGround ?? 'notice'}
                options={TERMINATION_GROUNDS.map((g) => ({ value: g, label: ct.grounds[g] }))}
              />
              <TextField
                id="quote-requestedOn"
                name="requestedOn"
                type="date"
                label={d.requestedOn}
                hint={d.requestedOnHint}
                value={values.requestedOn || today}
              />
              <ButtonGroup>
                <Button variant="secondary">{d.quoteButton}</Button>
              </ButtonGroup>
            </form>
          ) : null}
          {quote ? (
            <div id="quote-result">
              <Heading level={3}>
                {d.quoteFor(ct.grounds[quote.ground], formatDate(quote.requestedOn, m))}
              </Heading>
              {quote.view ? (
                <>
                  {isWeighty(quote.ground) ? <P>{d.whatIf}</P> : null}
                  <QuoteTable m={m} quote={quote.view} payer={payer} />
                </>
              ) : (
                <Notice kind="warning" title={ct.termination.quoteRefused}>
                  {quote.problem}
                </Notice>
              )}
            </div>
          ) : null}
        </section>

        {write && !open ? (
          <section aria-labelledby="terminate">
            <Heading level={2} id="terminate">
              {d.terminateTitle}
            </Heading>
            <P>{d.terminateIntro}</P>
            <PostForm
              action={`/console/contracts/${x.id}/terminations`}
              csrf={c.csrf}
              button={d.terminateButton}
            >
              <Select
                id="ground"
                label={d.ground}
                value={o.form === 'terminate' ? values.ground : (qGround ?? 'notice')}
                error={err('ground')}
                options={TERMINATION_GROUNDS.map((g) => ({ value: g, label: ct.grounds[g] }))}
              />
              <TextField
                id="requestedOn"
                type="date"
                label={d.requestedOn}
                hint={d.requestedOnHint}
                value={o.form === 'terminate' ? values.requestedOn : values.requestedOn || today}
                error={err('requestedOn')}
                required
              />
              <TextField
                id="complaintReference"
                label={d.complaintReference}
                hint={d.complaintReferenceHint}
                value={o.form === 'terminate' ? values.complaintReference : ''}
                error={err('complaintReference')}
              />
              <TextArea
                id="justification"
                label={d.justification}
                hint={d.justificationHint}
                optional={m.common.optional}
                value={o.form === 'terminate' ? values.justification : ''}
                error={err('justification')}
                rows={3}
              />
              <TextArea
                id="note"
                label={d.note}
                optional={m.common.optional}
                value={o.form === 'terminate' ? values.note : ''}
                error={err('note')}
                rows={3}
              />
            </PostForm>
          </section>
        ) : null}

        <section aria-labelledby="lessons">
          <Heading level={2} id="lessons">
            {d.lessonsTitle}
          </Heading>
          {x.lessonsSummary.count ? (
            <>
              <P>
                {d.lessonsSummary(
                  x.lessonsSummary.count,
                  formatMinutes(x.lessonsSummary.totalMinutes, lang),
                  formatMinutes(x.lessonsSummary.classroomMinutes, lang),
                  formatMinutes(x.lessonsSummary.onlineMinutes, lang),
                )}
              </P>
              {x.lessonsSummary.count > LESSONS_SHOWN ? (
                <P>{d.lessonsShown(LESSONS_SHOWN, x.lessonsSummary.count)}</P>
              ) : null}
              <Table
                caption={d.lessonsTitle}
                hideCaption
                head={[d.date, d.minutes, d.mode]}
                rows={recentLessons.map((l) => [
                  formatDate(l.date, m),
                  String(l.minutes),
                  ct.modes[l.mode] ?? l.mode,
                ])}
              />
            </>
          ) : (
            <P>{d.lessonsNone}</P>
          )}
          <Heading level={3}>{d.exemptionTitle}</Heading>
          <DataList
            items={[
              [
                d.onaCountable,
                `${formatMinutes(x.exemptionHours.onaCountableMinutes, lang)} / ${formatMinutes(x.exemptionHours.onaNormMinutes, lang)}`,
              ],
              [
                d.languageCountable,
                `${formatMinutes(x.exemptionHours.languageCountableMinutes, lang)} / ${formatMinutes(x.exemptionHours.languageNormMinutes, lang)}`,
              ],
              [d.notCounted, formatMinutes(x.exemptionHours.notCountedMinutes, lang)],
            ]}
          />
          {write ? (
            <PostForm
              action={`/console/contracts/${x.id}/lessons`}
              csrf={c.csrf}
              button={d.addLessonButton}
              variant="secondary"
              label={d.addLesson}
              title={d.addLesson}
            >
              <TextField
                id="lessonDate"
                type="date"
                label={d.date}
                value={o.form === 'lesson' ? values.lessonDate : ''}
                error={err('lessonDate')}
                required
              />
              <TextField
                id="lessonMinutes"
                label={d.lessonMinutes}
                inputMode="numeric"
                value={o.form === 'lesson' ? values.lessonMinutes : ''}
                error={err('lessonMinutes')}
                required
              />
              <Select
                id="lessonMode"
                label={d.lessonMode}
                value={o.form === 'lesson' ? values.lessonMode : 'classroom'}
                error={err('lessonMode')}
                options={LESSON_MODES.map((x) => ({ value: x, label: ct.modes[x] }))}
              />
            </PostForm>
          ) : null}
        </section>

        <section aria-labelledby="invoices">
          <Heading level={2} id="invoices">
            {d.invoicesTitle}
          </Heading>
          {x.invoices.length ? (
            <Table
              caption={d.invoicesTitle}
              hideCaption
              head={[d.invoiceDate, d.amount, d.invoiceStatus, d.invoiceFlags]}
              rows={x.invoices.map((i) => [
                formatDate(i.invoiceDate, m),
                formatEuro(i.amountCents, lang),
                ct.invoiceStatuses[i.status] ?? i.status,
                i.flags.length ? (
                  <>
                    {i.flags.map((f) => (
                      <StatusBadge kind="warning">{ct.flags[f.code] ?? f.code}</StatusBadge>
                    ))}
                  </>
                ) : (
                  m.common.dash
                ),
              ])}
            />
          ) : (
            <P>{d.invoicesNone}</P>
          )}
          {write ? (
            <PostForm
              action={`/console/contracts/${x.id}/invoices`}
              csrf={c.csrf}
              button={d.addInvoiceButton}
              variant="secondary"
              label={d.addInvoice}
              title={d.addInvoice}
            >
              <TextField
                id="invoiceDate"
                type="date"
                label={d.invoiceDate}
                value={o.form === 'invoice' ? values.invoiceDate : ''}
                error={err('invoiceDate')}
                required
              />
              <TextField
                id="invoiceAmount"
                label={d.amountLabel}
                hint={d.amountHint}
                inputMode="decimal"
                value={o.form === 'invoice' ? values.invoiceAmount : ''}
                error={err('invoiceAmount')}
                required
              />
              <Select
                id="invoiceStatus"
                label={d.invoiceStatus}
                value={o.form === 'invoice' ? values.invoiceStatus : 'paid'}
                error={err('invoiceStatus')}
                options={INVOICE_STATUSES.map((s) => ({ value: s, label: ct.invoiceStatuses[s] }))}
              />
            </PostForm>
          ) : null}
        </section>

        <section aria-labelledby="refunds">
          <Heading level={2} id="refunds">
            {d.refundsTitle}
          </Heading>
          {x.refundInstructions.length ? (
            <Table
              caption={d.refundsTitle}
              hideCaption
              head={[d.payer, d.amount, d.refundStatus, d.batch]}
              rows={x.refundInstructions.map((r) => [
                ct.payers[r.payer] ?? r.payer,
                formatEuro(r.amountCents, lang),
                d.refundStatuses[r.status] ?? r.status,
                r.batchId ?? m.common.dash,
              ])}
            />
          ) : (
            <P>{d.refundsNone}</P>
          )}
        </section>

        <section aria-labelledby="timeline">
          <Heading level={2} id="timeline">
            {d.timelineTitle}
          </Heading>
          {x.events.length ? (
            <ol class="utrecht-ordered-list bow-timeline">
              {x.events.map((e) => (
                <li class="utrecht-ordered-list__item">
                  <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, m)}</time> —{' '}
                  {eventText(m, e)}
                  {e.actorName ? ` (${e.actorName})` : ''}
                </li>
              ))}
            </ol>
          ) : (
            <P>{d.timelineNone}</P>
          )}
        </section>
      </>,
      status,
    );
  }

  /** A termination's quote: the stored final one once effective, else what it would be now. */
  private async terminationQuote(contract: ContractRow, t: TerminationView, m: Messages) {
    if (t.status === 'effective' || t.status === 'rejected')
      return { t, quote: (t.quote as QuoteView | null) ?? undefined, final: true };
    try {
      const quote = await this.contracts.quote(contract, t.ground, t.requestedOn, {
        groundApproved: t.status === 'approved' ? true : isWeighty(t.ground) ? false : undefined,
      });
      return { t, quote, final: false };
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      return { t, problem: refusal(m, e), final: false };
    }
  }

  private termination(
    c: ConsoleContext,
    x: Detail,
    { t, quote, problem, final }: { t: TerminationView; quote?: QuoteView; problem?: string; final: boolean },
    o: DetailState,
  ) {
    const m = c.m;
    const ct = m.contracts;
    const tt = ct.termination;
    const anchor = `t-${t.id}`;
    const actions = allowedTerminationActions(t.status as TerminationStatus);
    const decide = can(c.user.roles, 'termination.decide');
    const write = can(c.user.roles, 'contract.write');
    const mine = o.form === anchor;
    const err = (f: string) => (mine ? errorFor(o.errors, f) : undefined);
    const payer = ct.payers[payerFor(x.funder)];
    return (
      <article class="bow-termination" id={anchor} aria-labelledby={`${anchor}-title`}>
        <Heading level={3} id={`${anchor}-title`}>
          {tt.title(ct.grounds[t.ground] ?? t.ground)}
        </Heading>
        <DataList
          items={[
            [
              tt.status,
              <StatusBadge
                kind={t.status === 'rejected' ? 'neutral' : t.status === 'effective' ? 'success' : 'active'}
              >
                {ct.terminationStatuses[t.status] ?? t.status}
              </StatusBadge>,
            ],
            [tt.requestedOn, formatDate(t.requestedOn, m)],
            [tt.source, ct.sources[t.source] ?? t.source],
            ...(t.effectiveDate
              ? ([[tt.effectiveDate, formatDate(t.effectiveDate, m)]] as [string, string][])
              : []),
            ...(t.complaintReference
              ? ([
                  [
                    tt.complaint,
                    <Link href={`/console/cases/${t.complaintReference}`}>{t.complaintReference}</Link>,
                  ],
                ] as [string, unknown][] as [string, string][])
              : []),
            ...(t.justification ? ([[tt.justification, t.justification]] as [string, string][]) : []),
            ...(t.note ? ([[tt.note, t.note]] as [string, string][]) : []),
            ...(t.decisionReason ? ([[tt.decision, t.decisionReason]] as [string, string][]) : []),
            [
              tt.evidence,
              t.evidence.length ? (
                <ul class="utrecht-unordered-list">
                  {t.evidence.map((e) => (
                    <li class="utrecht-unordered-list__item">
                      <Link href={`/api/contracts/${x.id}/terminations/${t.id}/evidence/${e.id}`}>
                        {e.fileName}
                      </Link>{' '}
                      ({Math.ceil(e.sizeBytes / 1024)} KiB)
                    </li>
                  ))}
                </ul>
              ) : isWeighty(t.ground) ? (
                tt.evidenceNeeded
              ) : (
                tt.evidenceNone
              ),
            ],
          ]}
        />
        {quote ? (
          <>
            <Heading level={3}>{final ? tt.finalQuote : tt.currentQuote}</Heading>
            <QuoteTable m={m} quote={quote} payer={payer} />
          </>
        ) : problem ? (
          <Notice kind="warning" title={tt.quoteRefused}>
            {problem}
          </Notice>
        ) : null}
        {actions.includes('uploadEvidence') && write && x.status === 'active' ? (
          <PostForm
            action={`/console/contracts/${x.id}/terminations/${t.id}/evidence`}
            csrf={c.csrf}
            button={tt.uploadButton}
            variant="secondary"
            multipart
          >
            <div
              class={`utrecht-form-field utrecht-form-field--distanced${err(`${anchor}-file`) ? ' utrecht-form-field--invalid' : ''}`}
            >
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" htmlFor={`${anchor}-file`}>
                  {tt.upload}
                </label>
              </div>
              {err(`${anchor}-file`) ? (
                <div class="utrecht-form-field__error-message" id={`${anchor}-file-error`}>
                  <div class="utrecht-form-field-error-message">{err(`${anchor}-file`)}</div>
                </div>
              ) : null}
              <div class="utrecht-form-field__input">
                <input
                  type="file"
                  id={`${anchor}-file`}
                  name="file"
                  accept="application/pdf,image/png,image/jpeg"
                  class="utrecht-textbox utrecht-textbox--html-input"
                  aria-describedby={err(`${anchor}-file`) ? `${anchor}-file-error` : undefined}
                />
              </div>
            </div>
          </PostForm>
        ) : null}
        {decide && actions.includes('approve') ? (
          <PostForm
            action={`/console/contracts/${x.id}/terminations/${t.id}/approve`}
            csrf={c.csrf}
            button={tt.approve}
          >
            <TextField
              id={`${anchor}-approve`}
              name="reason"
              label={tt.approveReason}
              value={mine ? o.values?.reason : ''}
              error={err(`${anchor}-approve`)}
            />
          </PostForm>
        ) : null}
        {decide && actions.includes('makeEffective') ? (
          <PostForm
            action={`/console/contracts/${x.id}/terminations/${t.id}/make-effective`}
            csrf={c.csrf}
            button={tt.makeEffective}
          >
            {quote ? <Hidden name="feesDueCents" value={String(quote.feesDueCents)} /> : null}
            {quote ? <Hidden name="refundToLoanCents" value={String(quote.refundToLoanCents)} /> : null}
            <P>{tt.makeEffectiveHint}</P>
            <div id={`${anchor}-effective`} tabIndex={-1}>
              {err(`${anchor}-effective`) ? (
                <p class="utrecht-form-field-error-message">{err(`${anchor}-effective`)}</p>
              ) : null}
            </div>
          </PostForm>
        ) : null}
        {decide && actions.includes('reject') ? (
          <PostForm
            action={`/console/contracts/${x.id}/terminations/${t.id}/reject`}
            csrf={c.csrf}
            button={tt.reject}
            variant="danger"
          >
            <TextField
              id={`${anchor}-reason`}
              name="reason"
              label={tt.rejectReason}
              value={mine ? o.values?.reason : ''}
              error={err(`${anchor}-reason`)}
              required
            />
          </PostForm>
        ) : null}
      </article>
    );
  }

  // ================================================================== terminations waiting

  @Get('terminations')
  @Allow('contract.read')
  async terminationList(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const tl = c.m.contracts.terminations;
    const q = query(req);
    const status = (TERMINATION_STATUSES as readonly string[]).includes(q.status ?? '')
      ? (q.status as TerminationStatus)
      : 'requested';
    const cursor = CURSOR.test(q.cursor ?? '') ? q.cursor : undefined;
    const page = (await this.terminations.list({ status, cursor, limit: PAGE_SIZE })) as {
      items: {
        id: string;
        contractId: string;
        contractNumber: string;
        schoolName: string;
        studentName: string;
        ground: string;
        requestedOn: string;
        source: string;
        status: string;
      }[];
      nextCursor: string | null;
    };
    const ct = c.m.contracts;
    this.page(
      req,
      reply,
      c,
      tl.title,
      'contracts',
      <>
        <Heading level={1}>{tl.title}</Heading>
        <P>{tl.intro}</P>
        <form method="get" action="/console/terminations" class="utrecht-form" aria-label={tl.title}>
          <Select
            id="status"
            label={ct.list.status}
            value={status}
            options={TERMINATION_STATUSES.map((s) => ({ value: s, label: ct.terminationStatuses[s] }))}
          />
          <ButtonGroup>
            <Button variant="secondary">{ct.list.apply}</Button>
          </ButtonGroup>
        </form>
        {page.items.length ? (
          <Table
            caption={tl.title}
            hideCaption
            head={[
              tl.contract,
              tl.student,
              ct.list.school,
              ct.detail.ground,
              ct.detail.requestedOn,
              ct.termination.source,
            ]}
            rows={page.items.map((t) => [
              <Link href={`/console/contracts/${t.contractId}#t-${t.id}`}>{t.contractNumber}</Link>,
              t.studentName,
              t.schoolName,
              ct.grounds[t.ground] ?? t.ground,
              formatDate(t.requestedOn, c.m),
              ct.sources[t.source] ?? t.source,
            ])}
          />
        ) : (
          <P>{tl.none}</P>
        )}
        {page.nextCursor ? (
          <P>
            <Link
              href={`/console/terminations?status=${status}&cursor=${encodeURIComponent(page.nextCursor)}`}
            >
              {ct.list.next}
            </Link>
          </P>
        ) : null}
      </>,
    );
  }

  // ================================================================== refunds to DUO

  @Get('refunds')
  @Allow('refund.export')
  async refundsPage(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const q = query(req);
    await this.renderRefunds(req, reply, {
      done: q.done,
      batch: /^\d{1,18}$/.test(q.batch ?? '') ? q.batch : undefined,
      count: Number(q.count) || 0,
    });
  }

  @Post('refunds/export')
  @Allow('refund.export')
  async exportBatch(@Req() req: StaffRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = consoleContext(req);
    const f = formBody(req);
    const payer = (PAYERS as readonly string[]).includes(f.payer ?? '') ? (f.payer as Payer) : null;
    if (!payer)
      return this.renderRefunds(
        req,
        reply,
        {
          errors: [
            { field: 'payer', message: `${c.m.contracts.refunds.exportPayer}: ${c.m.fieldErrors.chooseOne}` },
          ],
        },
        422,
      );
    try {
      const b = await this.refunds.exportBatch(payer, auditActor(c.user));
      redirect(reply, `/console/refunds?done=exported&batch=${b.id}&count=${b.instructionCount}`);
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      return this.renderRefunds(
        req,
        reply,
        {
          errors: [{ field: 'payer', message: c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e) }],
        },
        e.status,
      );
    }
  }

  @Post('refunds/batches/:id/confirm')
  @Allow('refund.export')
  async confirmBatch(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Refund batch');
    const c = consoleContext(req);
    try {
      await this.refunds.confirm(id, auditActor(c.user));
      redirect(reply, `/console/refunds?done=confirmed&batch=${id}`);
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      return this.renderRefunds(
        req,
        reply,
        {
          errors: [
            { field: `batch-${id}`, message: c.m.contracts.refusals[e.code ?? 'other'] ?? refusal(c.m, e) },
          ],
        },
        e.status,
      );
    }
  }

  private async renderRefunds(
    req: StaffRequest,
    reply: FastifyReply,
    o: { done?: string; batch?: string; count?: number; errors?: FieldError[] },
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const m = c.m;
    const r = m.contracts.refunds;
    const lang = m.lang as Lang;
    const [pending, batches] = await Promise.all([
      this.refunds.pending(undefined, 500),
      this.refunds.list(100),
    ]);
    const done =
      o.done === 'exported' && o.batch
        ? r.exported(o.batch, o.count ?? 0)
        : o.done === 'confirmed' && o.batch
          ? r.confirmed(o.batch)
          : undefined;
    this.page(
      req,
      reply,
      c,
      r.title,
      'refunds',
      <>
        <Heading level={1}>{r.title}</Heading>
        {done ? <Notice title={m.common.noticeTitle}>{done}</Notice> : null}
        <ErrorSummary m={m} errors={o.errors} />
        <P>{r.intro}</P>
        <section aria-labelledby="pending">
          <Heading level={2} id="pending">
            {r.pendingTitle}
          </Heading>
          {pending.items.length ? (
            <Table
              caption={r.pendingTitle}
              hideCaption
              head={[r.contract, r.payer, r.amount, r.created]}
              rows={pending.items.map((i) => [
                <Link href={`/console/contracts/${i.contractId}`}>{r.contract}</Link>,
                m.contracts.payers[i.payer] ?? i.payer,
                formatEuro(i.amountCents, lang),
                formatDateTime(i.createdAt, m),
              ])}
            />
          ) : (
            <P>{r.pendingNone}</P>
          )}
          <PostForm
            action="/console/refunds/export"
            csrf={c.csrf}
            button={r.exportButton}
            label={r.exportTitle}
            title={r.exportTitle}
          >
            <Select
              id="payer"
              label={r.exportPayer}
              value="duo"
              error={errorFor(o.errors, 'payer')}
              options={PAYERS.map((p) => ({ value: p, label: m.contracts.payers[p] }))}
            />
          </PostForm>
        </section>
        <section aria-labelledby="batches">
          <Heading level={2} id="batches">
            {r.batchesTitle}
          </Heading>
          {batches.items.length ? (
            <Table
              caption={r.batchesTitle}
              hideCaption
              head={[r.batch, r.payer, r.count, r.total, r.created, r.status, '']}
              rows={batches.items.map((b) => [
                <span id={`batch-${b.id}`}>{b.id}</span>,
                m.contracts.payers[b.payer] ?? b.payer,
                String(b.instructionCount),
                formatEuro(Number(b.totalCents), lang),
                formatDateTime(b.createdAt, m),
                r.batchStatuses[b.status] ?? b.status,
                <>
                  <Link href={b.csvUrl}>
                    {r.download}
                    <span class="bow-visually-hidden"> {r.downloadLabel(b.id)}</span>
                  </Link>
                  {b.status === 'exported' ? (
                    <form
                      method="post"
                      action={`/console/refunds/batches/${b.id}/confirm`}
                      class="bow-inline-form"
                    >
                      <Csrf token={c.csrf} />
                      <Button variant="secondary" hiddenText={r.downloadLabel(b.id)}>
                        {r.confirm}
                      </Button>
                    </form>
                  ) : null}
                </>,
              ])}
            />
          ) : (
            <P>{r.batchesNone}</P>
          )}
        </section>
      </>,
      status,
    );
  }

  // ================================================================== the school's quality mark

  @Get('schools/:id/quality-mark')
  @Allow('school.write')
  async qualityMarkForm(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderQualityMark(req, reply, schoolId(id), { effectiveOn: this.clock.today() }, []);
  }

  /** The same service as POST /api/schools/:id/quality-mark: a withdrawal fans out to every student once. */
  @Post('schools/:id/quality-mark')
  @Allow('school.write')
  async qualityMark(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const sid = schoolId(id);
    const c = consoleContext(req);
    const t = c.m.contracts.qualityMark;
    const f = formBody(req);
    const status = (QUALITY_MARKS as readonly string[]).includes(f.status ?? '')
      ? (f.status as (typeof QUALITY_MARKS)[number])
      : null;
    const effectiveOn = (f.effectiveOn ?? '').trim();
    const reason = (f.reason ?? '').trim();
    const errors: FieldError[] = [];
    if (!status) errors.push({ field: 'status', message: `${t.status}: ${c.m.fieldErrors.chooseOne}` });
    if (!isIsoDate(effectiveOn))
      errors.push({ field: 'effectiveOn', message: `${t.effectiveOn}: ${c.m.fieldErrors.date}` });
    else if (status === 'withdrawn' && effectiveOn > this.clock.today())
      errors.push({ field: 'effectiveOn', message: t.withdrawalInFuture });
    if (!reason) errors.push({ field: 'reason', message: `${t.reason}: ${c.m.fieldErrors.required}` });
    else if (reason.length > 2_000)
      errors.push({ field: 'reason', message: `${t.reason}: ${c.m.fieldErrors.tooLong}` });
    if (errors.length) return this.renderQualityMark(req, reply, sid, f, errors, 422);
    try {
      const r = await this.contracts.changeQualityMark(
        sid,
        { status: status!, effectiveOn, reason },
        auditActor(c.user),
      );
      const extra =
        status === 'withdrawn' ? `&affected=${r.affectedContracts}&notified=${r.studentsNotified}` : '';
      redirect(reply, `/console/schools/${sid}?done=qualityMark${extra}`);
    } catch (e) {
      if (!isUserProblem(e)) throw e;
      return this.renderQualityMark(
        req,
        reply,
        sid,
        f,
        [{ field: 'status', message: refusal(c.m, e) }],
        e.status,
      );
    }
  }

  private async renderQualityMark(
    req: StaffRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    errors: FieldError[],
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const t = c.m.contracts.qualityMark;
    const school = await this.schools.get(id);
    const err = (f: string) => errorFor(errors, f);
    this.page(
      req,
      reply,
      c,
      t.title(school.name),
      'schools',
      <>
        <Heading level={1}>{t.title(school.name)}</Heading>
        <ErrorSummary m={c.m} errors={errors} />
        <P>{t.intro}</P>
        <Notice kind="info">{t.withdrawWarning}</Notice>
        <PostForm action={`/console/schools/${school.id}/quality-mark`} csrf={c.csrf} button={t.button}>
          <Select
            id="status"
            label={t.status}
            value={values.status ?? school.qualityMark}
            error={err('status')}
            options={QUALITY_MARKS.map((q) => ({ value: q, label: c.m.console.schools.marks[q] ?? q }))}
          />
          <TextField
            id="effectiveOn"
            type="date"
            label={t.effectiveOn}
            value={values.effectiveOn}
            error={err('effectiveOn')}
            required
          />
          <TextArea
            id="reason"
            label={t.reason}
            value={values.reason}
            error={err('reason')}
            rows={3}
            required
          />
        </PostForm>
        <P>
          <Link href={`/console/schools/${school.id}`}>{school.name}</Link>
        </P>
      </>,
      status,
    );
  }

  // ================================================================== shared

  private page(
    req: StaffRequest,
    reply: FastifyReply,
    c: ConsoleContext,
    title: string,
    section: ConsoleSection,
    body: ComponentChildren,
    status = 200,
  ): void {
    sendConsolePage(req, reply, c, title, section, body, status);
  }
}

/** The quote's figures and its lines, in the reader's language. Money in whole cents, time in minutes. */
export function QuoteTable({ m, quote, payer }: { m: Messages; quote: QuoteView; payer: string }) {
  const q = m.contracts.quote;
  const lang = m.lang as Lang;
  return (
    <>
      <DataList
        items={[
          [q.effectiveDate, formatDate(quote.effectiveDate, m)],
          [q.chargeable, formatMinutes(quote.chargeableMinutes, lang)],
          [q.feesDue, formatEuro(quote.feesDueCents, lang)],
          [q.paid, formatEuro(quote.paidCents, lang)],
          [q.refund(payer), <strong>{formatEuro(quote.refundToLoanCents, lang)}</strong>],
          [q.stillInvoiceable, formatEuro(quote.stillInvoiceableCents, lang)],
        ]}
      />
      {quote.paidInAdvance ? <P>{q.paidInAdvance}</P> : null}
      <Table
        caption={q.lines}
        head={[q.line, q.value]}
        rows={quote.lines.map((l) => [
          lang === 'nl' ? l.labelNl : l.label,
          l.cents !== undefined
            ? formatEuro(l.cents, lang)
            : l.minutes !== undefined
              ? formatMinutes(l.minutes, lang)
              : m.common.dash,
        ])}
      />
    </>
  );
}

/** A timeline entry of the contract in words. */
function eventText(m: Messages, e: Detail['events'][number]): string {
  const ct = m.contracts;
  const data = e.data ?? {};
  const ground = typeof data.ground === 'string' ? (ct.grounds[data.ground] ?? data.ground) : '';
  // Invoices paid again after the contract ended: the stored refund left them out.
  const kind = e.kind === 'invoices_restored' && data.afterEnd ? 'invoices_restored_after_end' : e.kind;
  const label = EVENT_LABELS[kind]?.[m.lang as Lang] ?? e.kind;
  return ground ? `${label}: ${ground}` : label;
}

const EVENT_LABELS: Record<string, Record<Lang, string>> = {
  contract_registered: { nl: 'Contract geregistreerd', en: 'Contract registered' },
  lessons_added: { nl: 'Lessen vastgelegd', en: 'Lessons recorded' },
  invoice_recorded: { nl: 'Factuur vastgelegd', en: 'Invoice recorded' },
  invoices_disputed: { nl: 'Facturen betwist (DigiD-melding)', en: 'Invoices disputed (DigiD report)' },
  invoices_restored: {
    nl: 'Facturen tellen weer als betaald (DigiD-melding)',
    en: 'Invoices count as paid again (DigiD report)',
  },
  invoices_restored_after_end: {
    nl: 'Facturen tellen weer als betaald, na het einde van het contract: controleer de terugbetaling',
    en: 'Invoices count as paid again after the contract ended: check the refund',
  },
  termination_requested: { nl: 'Beëindiging aangevraagd', en: 'Termination requested' },
  evidence_uploaded: { nl: 'Bewijs toegevoegd', en: 'Evidence added' },
  termination_approved: { nl: 'Beëindiging goedgekeurd', en: 'Termination approved' },
  termination_rejected: { nl: 'Beëindiging afgewezen', en: 'Termination rejected' },
  termination_effective: { nl: 'Beëindiging ingegaan', en: 'Termination took effect' },
  quality_mark_ground: {
    nl: 'School verloor het keurmerk: de cursist mag stoppen',
    en: 'School lost its quality mark: the student may stop',
  },
  refund_batched: { nl: 'Terugbetaling in een batch gezet', en: 'Refund put in a batch' },
  refund_confirmed: { nl: 'Terugbetaling bevestigd', en: 'Refund confirmed' },
};

/** On a school's page: its contracts, registering one, and changing its quality mark (by permission). */
export function SchoolContractLinks({
  m,
  roles,
  schoolId,
}: {
  m: Messages;
  roles: readonly string[];
  schoolId: string;
}) {
  const t = m.contracts.qualityMark;
  const links: [string, string][] = [];
  if (can(roles, 'contract.read')) links.push([`/console/contracts?schoolId=${schoolId}`, t.contractsLink]);
  if (can(roles, 'contract.write')) links.push([`/console/contracts/new?school=${schoolId}`, t.registerLink]);
  if (can(roles, 'school.write')) links.push([`/console/schools/${schoolId}/quality-mark`, t.link]);
  if (!links.length) return null;
  return (
    <ul class="utrecht-unordered-list bow-link-list">
      {links.map(([href, text]) => (
        <li class="utrecht-unordered-list__item">
          <Link href={href}>{text}</Link>
        </li>
      ))}
    </ul>
  );
}

/** The notice after a quality-mark change, with how many contracts and students a withdrawal reached. */
export function QualityMarkDone({ m, q }: { m: Messages; q: Record<string, string> }) {
  if (q.done !== 'qualityMark') return null;
  const t = m.contracts.qualityMark;
  const count = (v: string | undefined) => (/^\d{1,9}$/.test(v ?? '') ? Number(v) : null);
  const affected = count(q.affected);
  const notified = count(q.notified);
  return (
    <Notice title={m.common.noticeTitle}>
      {affected !== null && notified !== null ? t.done(affected, notified) : t.doneOther}
    </Notice>
  );
}

/**
 * A POST form of the console: the CSRF token, an optional heading, the fields, one submit button.
 * `label` names the form for screen readers when it has no heading of its own.
 */
function PostForm({
  action,
  csrf,
  button,
  variant = 'primary',
  label,
  title,
  multipart,
  children,
}: {
  action: string;
  csrf: string;
  button: string;
  variant?: 'primary' | 'secondary' | 'danger';
  label?: string;
  title?: string;
  multipart?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form
      method="post"
      action={action}
      class="utrecht-form"
      encType={multipart ? 'multipart/form-data' : undefined}
      novalidate
      aria-label={label}
    >
      {title ? <Heading level={3}>{title}</Heading> : null}
      <Csrf token={csrf} />
      {children}
      <ButtonGroup>
        <Button variant={variant}>{button}</Button>
      </ButtonGroup>
    </form>
  );
}
