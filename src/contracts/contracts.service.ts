import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor, StaffAuditActor } from '../audit/actors.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unprocessable, type FieldError } from '../common/problem.js';
import { parseOrThrow } from '../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';
import { emailJob } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { SchoolsRepository, type School } from '../schools/schools.repository.js';
import { importColumnOf, parseImportCsv } from './contracts.csv.js';
import {
  createContractBody,
  type CreateContractBody,
  type InvoiceBody,
  type ListContractsQuery,
  type QualityMarkBody,
} from './contracts.dto.js';
import {
  ContractRow,
  ContractsRepository,
  InvoiceRow,
  isDuplicateContractNumber,
  NewContract,
} from './contracts.repository.js';
import {
  exemptionHours,
  paidCents,
  quoteTermination,
  type ContractTerms,
  type Lesson,
  type TerminationGround,
  type TerminationQuote,
} from './contracts.rules.js';
import {
  contractDateErrors,
  flagsPerInvoice,
  lessonBatchErrors,
  registrationRefusal,
  toHundredths,
} from './register.rules.js';
import { quoteForFunder, type Funder, type Payer } from './terminations.rules.js';

/** The public termination form (served by the web pages), linked from the quality-mark email. */
export const TERMINATION_FORM_PATH = '/terminate';
/** Contracts granted the quality-mark ground per statement; one transaction in all. [decision] */
const FAN_OUT_BATCH = 500;
/** Email jobs handed to Redis per call after commit. */
const ENQUEUE_CHUNK = 500;

export type QuoteView = TerminationQuote & { funder: Funder; payer: Payer };

export function termsOf(c: ContractRow): ContractTerms {
  return {
    signedOn: c.signedOn,
    startDate: c.startDate,
    plannedEndDate: c.plannedEndDate,
    courseType: c.courseType,
    hourlyRateCents: c.hourlyRateCents,
    plannedHours: c.plannedHours,
    hoursPerWeek: c.hoursPerWeekHundredths / 100,
  };
}

/** The contract as the API shows it (field names as in POST /api/contracts). */
export function presentContract(c: ContractRow) {
  return {
    id: c.id,
    schoolId: c.schoolId,
    school: { id: c.schoolId, name: c.schoolName },
    student: { name: c.studentName, email: c.studentEmail, language: c.studentLanguage },
    contractNumber: c.contractNumber,
    signedOn: c.signedOn,
    startDate: c.startDate,
    plannedEndDate: c.plannedEndDate,
    courseType: c.courseType,
    educationLevel: c.educationLevel,
    hourlyRateCents: c.hourlyRateCents,
    plannedHours: c.plannedHours,
    hoursPerWeek: c.hoursPerWeekHundredths / 100,
    funder: c.funder,
    status: c.status,
    endedOn: c.endedOn,
    qualityMarkGroundOn: c.qualityMarkGroundOn,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/**
 * The contract register: contracts, the lessons ledger, invoices, the termination quote,
 * exemption hours and the quality-mark ground. Every quote goes through `quote()`, which calls
 * quoteTermination, so staff, emails and refunds see one computation.
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly repo: ContractsRepository,
    private readonly schools: SchoolsRepository,
    private readonly tx: TxRunner,
    private readonly outbox: OutboxRepository,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---------------------------------------------------------------- register

  async create(body: CreateContractBody, actor: AuditActor): Promise<ContractRow> {
    const errors = contractDateErrors(body);
    const school = await this.schools.find(body.schoolId);
    if (!school) errors.push({ field: 'schoolId', message: 'no school with this id' });
    if (errors.length)
      throw unprocessable('The contract cannot be registered as given', 'invalid_contract', errors);
    const refused = registrationRefusal({
      ...body,
      qualityMarkHistory: await this.schools.historyAsRecorded(body.schoolId),
    });
    if (refused)
      throw unprocessable(`The school cannot take this student: ${refused.message}`, refused.code, [
        { field: refused.field, message: refused.message },
      ]);
    if ((await this.repo.existingNumbers(this.tx.dataSource, [body])).size > 0)
      throw numberTaken(body.contractNumber);
    const { ids, emailIds } = await this.insertContracts([body], actor).catch((e) => {
      if (isDuplicateContractNumber(e)) throw numberTaken(body.contractNumber);
      throw e;
    });
    await this.enqueueEmails(emailIds);
    return (await this.repo.find(ids[0]))!;
  }

  /**
   * Bulk import: every row is checked first (schema, dates, school, contract number unique in
   * the file and in the register); one bad row refuses the whole file with its row number and
   * reason, and nothing is imported. Then all rows go in one transaction.
   */
  async importCsv(text: string, defaultSchoolId: string | undefined, actor: AuditActor) {
    const parsed = parseImportCsv(text, defaultSchoolId);
    if (!parsed.ok) {
      const p = parsed.problem;
      importRefused(p.row, [{ field: p.field, message: p.message }]);
    }
    const bodies = await this.checkImportRows(parsed.rows);
    const { ids, emailIds } = await this.insertContracts(bodies, actor).catch((e) => {
      // Registered by someone else between the check and the insert.
      if (isDuplicateContractNumber(e))
        throw conflict(
          'A contract number in the file was registered meanwhile. Nothing was imported.',
          'contract_number_taken',
        );
      throw e;
    });
    await this.enqueueEmails(emailIds);
    return {
      imported: ids.length,
      contracts: ids.map((id, i) => ({
        row: parsed.rows[i].row,
        id,
        contractNumber: bodies[i].contractNumber,
      })),
    };
  }

  /** Every row as a registration would check it, and unique in the file and in the register. */
  private async checkImportRows(
    rows: readonly { row: number; body: unknown }[],
  ): Promise<CreateContractBody[]> {
    const bodies: CreateContractBody[] = [];
    const schoolCache = new Map<string, School | null>();
    const marks = new Map<string, { status: string; effectiveOn: string }[]>();
    const seen = new Map<string, number>();
    for (const { row, body } of rows) {
      let valid: CreateContractBody;
      try {
        valid = parseOrThrow(createContractBody, body);
      } catch (e) {
        const errors = (e as { errors?: FieldError[] }).errors ?? [{ field: '(row)', message: 'invalid' }];
        return importRefused(
          row,
          errors.map((x) => ({ field: importColumnOf(x.field), message: x.message })),
        );
      }
      const dateErrors = contractDateErrors(valid);
      if (dateErrors.length) importRefused(row, dateErrors);
      if (!schoolCache.has(valid.schoolId))
        schoolCache.set(valid.schoolId, await this.schools.find(valid.schoolId));
      if (!schoolCache.get(valid.schoolId))
        importRefused(row, [{ field: 'schoolId', message: 'no school with this id' }]);
      if (!marks.has(valid.schoolId))
        marks.set(valid.schoolId, await this.schools.historyAsRecorded(valid.schoolId));
      const refused = registrationRefusal({ ...valid, qualityMarkHistory: marks.get(valid.schoolId)! });
      if (refused)
        importRefused(row, [{ field: refused.field, message: `${refused.code}: ${refused.message}` }]);
      const key = `${valid.schoolId}|${valid.contractNumber}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        importRefused(row, [
          { field: 'contractNumber', message: `the same contract number as row ${earlier}` },
        ]);
      seen.set(key, row);
      bodies.push(valid);
    }
    const existing = await this.repo.existingNumbers(this.tx.dataSource, bodies);
    rows.forEach(({ row }, i) => {
      if (existing.has(`${bodies[i].schoolId}|${bodies[i].contractNumber}`)) {
        importRefused(row, [
          {
            field: 'contractNumber',
            message: 'a contract with this number is already registered for this school',
          },
        ]);
      }
    });
    return bodies;
  }

  private async insertContracts(bodies: readonly CreateContractBody[], actor: AuditActor) {
    const createdBy = actor.type === 'staff' ? actor.id : null;
    const rows: NewContract[] = bodies.map((b) => ({
      schoolId: b.schoolId,
      contractNumber: b.contractNumber,
      studentName: b.student.name,
      studentEmail: b.student.email,
      studentLanguage: b.student.language,
      signedOn: b.signedOn,
      startDate: b.startDate,
      plannedEndDate: b.plannedEndDate,
      courseType: b.courseType,
      educationLevel: b.educationLevel,
      hourlyRateCents: b.hourlyRateCents,
      plannedHours: b.plannedHours,
      hoursPerWeekHundredths: toHundredths(b.hoursPerWeek),
      funder: b.funder,
      createdBy,
    }));
    return this.tx.run(async (tx) => {
      const ids = await this.repo.insertMany(tx.m, rows);
      await this.repo.appendEventMany(tx.m, ids, actor, 'contract_registered', {});
      // A contract registered after its school lost the mark still gains the ground. [decision]
      const emailIds: string[] = [];
      for (const schoolId of new Set(rows.map((r) => r.schoolId))) {
        const history: { status: string; effectiveOn: string }[] = await this.schools.history(schoolId, tx.m);
        const withdrawals = history.filter((x) => x.status === 'withdrawn');
        if (withdrawals.length === 0) continue;
        const school = (await this.schools.find(schoolId, tx.m))!;
        for (const w of withdrawals)
          emailIds.push(...(await this.grantQualityMarkGround(tx, school, w.effectiveOn)).emailIds);
      }
      return { ids, emailIds };
    });
  }

  // ---------------------------------------------------------------- reads

  async get(id: string, m?: EntityManager): Promise<ContractRow> {
    const c = await this.repo.find(id, m);
    if (!c) throw notFound('Contract');
    return c;
  }

  list(q: ListContractsQuery) {
    return this.repo.list(q);
  }

  async lessons(id: string): Promise<Lesson[]> {
    return this.repo.lessons(id);
  }

  /** Invoices with their current flags (lessons recorded later may clear or add a flag). */
  async invoicesWithFlags(c: ContractRow) {
    const [lessons, invoices, others] = await Promise.all([
      this.repo.lessons(c.id),
      this.repo.invoices(c.id),
      this.repo.otherInvoicesOfStudent(c.studentEmail, c.id),
    ]);
    const flags = flagsPerInvoice({ terms: termsOf(c), lessons, invoices, otherSchoolsInvoices: others });
    return {
      paidCents: paidCents(invoices),
      invoices: invoices.map((i, k) => ({
        id: i.id,
        invoiceDate: i.invoiceDate,
        amountCents: i.amountCents,
        status: i.status,
        flags: flags[k].map((f) => ({ code: f.code, detail: f.detail })),
        createdAt: i.createdAt,
      })),
    };
  }

  async exemptionHours(id: string) {
    const c = await this.get(id);
    return exemptionHours(termsOf(c), await this.repo.lessons(c.id));
  }

  async events(id: string) {
    return this.repo.events(id);
  }

  async lessonSummary(id: string) {
    return this.repo.lessonSummary(id);
  }

  // ---------------------------------------------------------------- lessons and invoices

  /** All or nothing: one refused lesson refuses the batch with 422 naming it. [seed; decision] */
  async addLessons(id: string, lessons: readonly Lesson[], actor: AuditActor): Promise<{ added: number }> {
    return this.tx.run(async (tx) => {
      const c = await this.repo.find(id, tx.m, { forUpdate: true });
      if (!c) throw notFound('Contract');
      const errors = lessonBatchErrors(termsOf(c), lessons, c.status === 'terminated' ? c.endedOn : null);
      if (errors.length) {
        throw unprocessable(
          `${errors.length} of the ${lessons.length} lesson(s) cannot be recorded; none were recorded. ${errors[0].message}`,
          'lesson_refused',
          errors,
        );
      }
      const added = await this.repo.insertLessons(
        tx.m,
        c.id,
        lessons,
        actor.type === 'staff' ? actor.id : null,
      );
      await this.repo.appendEvent(tx.m, c.id, actor, 'lessons_added', {
        count: added,
        minutes: lessons.reduce((sum, l) => sum + l.minutes, 0),
        from: lessons.reduce((a, l) => (l.date < a ? l.date : a), lessons[0].date),
        to: lessons.reduce((a, l) => (l.date > a ? l.date : a), lessons[0].date),
      });
      return { added };
    });
  }

  async addInvoice(id: string, body: InvoiceBody, actor: AuditActor) {
    return this.tx.run(async (tx) => {
      const c = await this.repo.find(id, tx.m, { forUpdate: true });
      if (!c) throw notFound('Contract');
      // One connection in a transaction: one query at a time.
      const lessons = await this.repo.lessons(c.id, tx.m);
      const invoices = await this.repo.invoices(c.id, tx.m);
      const others = await this.repo.otherInvoicesOfStudent(c.studentEmail, c.id, tx.m);
      const all = [...invoices, body];
      const flags = flagsPerInvoice({
        terms: termsOf(c),
        lessons,
        invoices: all,
        otherSchoolsInvoices: others,
      })[all.length - 1].map((f) => ({ code: f.code, detail: f.detail }));
      const invoiceId = await this.repo.insertInvoice(
        tx.m,
        c.id,
        body,
        flags,
        actor.type === 'staff' ? actor.id : null,
      );
      await this.repo.appendEvent(tx.m, c.id, actor, 'invoice_recorded', {
        invoiceId,
        ...body,
        flags: flags.map((f) => f.code),
      });
      return { id: invoiceId, contractId: c.id, ...body, flags, paidCents: paidCents(all) };
    });
  }

  /**
   * Disputes invoices inside the caller's transaction (a DigiD report: approved without the
   * student's consent). The contract is locked, `choose` picks the invoices from the contract
   * and its invoices (and may refuse by throwing); only paid ones change, so they drop out of
   * "paid" in every quote. [decision, domain-rules.md section 3]
   */
  async disputeInvoices(
    tx: Tx,
    contractId: string,
    choose: (c: ContractRow, invoices: InvoiceRow[]) => readonly string[],
    actor: AuditActor,
    data: Record<string, unknown> = {},
  ): Promise<{ contract: ContractRow; invoices: InvoiceRow[]; disputed: string[] }> {
    const c = await this.repo.find(contractId, tx.m, { forUpdate: true });
    if (!c) throw notFound('Contract');
    const invoices = await this.repo.invoices(c.id, tx.m);
    const disputed = await this.repo.disputeInvoices(tx.m, c.id, choose(c, invoices));
    if (disputed.length)
      await this.repo.appendEvent(tx.m, c.id, actor, 'invoices_disputed', { ...data, invoiceIds: disputed });
    return { contract: c, invoices, disputed };
  }

  /**
   * Undoes `disputeInvoices` inside the caller's transaction: the contract is locked first, then
   * `choose` picks the invoices (so a concurrent dispute or restore of the same contract waits),
   * and the still-disputed ones count as paid again in every quote. On a contract that has
   * ended, the refund was computed without them: the event says so, for finance to correct.
   * [decision]
   */
  async restoreInvoices(
    tx: Tx,
    contractId: string,
    choose: (c: ContractRow) => Promise<readonly string[]>,
    actor: AuditActor,
    data: Record<string, unknown> = {},
  ): Promise<string[]> {
    const c = await this.repo.find(contractId, tx.m, { forUpdate: true });
    if (!c) throw notFound('Contract');
    const restored = await this.repo.restoreInvoices(tx.m, c.id, await choose(c));
    if (restored.length) {
      const ended = c.status === 'terminated';
      await this.repo.appendEvent(tx.m, c.id, actor, 'invoices_restored', {
        ...data,
        invoiceIds: restored,
        ...(ended ? { afterEnd: true, endedOn: c.endedOn } : {}),
      });
    }
    return restored;
  }

  // ---------------------------------------------------------------- the quote

  /**
   * The one place a termination is computed (quoteTermination), for the quote route, the
   * termination request, approval, and the effective termination with its emails and refund.
   * A refusal becomes 409 with the rule's code.
   */
  async quote(
    c: ContractRow,
    ground: TerminationGround,
    requestedOn: string,
    opts: { m?: EntityManager; groundApproved?: boolean } = {},
  ): Promise<QuoteView> {
    if (c.status === 'terminated') {
      throw conflict(`The contract has ended already (on ${c.endedOn}).`, 'contract_already_ended', {
        endedOn: c.endedOn,
      });
    }
    const lessons = await this.repo.lessons(c.id, opts.m);
    const invoices = await this.repo.invoices(c.id, opts.m);
    const result = quoteTermination({
      terms: termsOf(c),
      lessons,
      paidCents: paidCents(invoices),
      ground,
      requestedOn,
      qualityMarkWithdrawnOn: c.qualityMarkGroundOn,
      groundApproved: opts.groundApproved,
    });
    if (!result.ok) {
      throw conflict(result.refusal.message, result.refusal.code, {
        ...(result.refusal.code === 'school_still_holds_mark'
          ? { qualityMarkGroundOn: c.qualityMarkGroundOn }
          : {}),
      });
    }
    return quoteForFunder(result.quote, c.funder);
  }

  // ---------------------------------------------------------------- quality mark

  /**
   * Records a quality-mark change. On `withdrawn`, every contract of the school active on
   * `effectiveOn` gains the quality-mark ground and each student gets one email in their
   * language, written as outbox rows in the same transaction. Contracts that already hold the
   * ground are left alone, so running it twice emails nobody twice. [seed; decision]
   */
  async changeQualityMark(schoolId: string, body: QualityMarkBody, actor: StaffAuditActor) {
    const today = this.clock.today();
    // The students are told at once that the school has no mark "since" the date, so a
    // withdrawal is recorded on or after the day it takes effect. [decision]
    if (body.status === 'withdrawn' && body.effectiveOn > today) {
      throw unprocessable(
        'A withdrawal is recorded on or after the day it takes effect',
        'withdrawal_in_future',
        [{ field: 'effectiveOn', message: `cannot be after today (${today}) for a withdrawal` }],
      );
    }
    const result = await this.tx.run(async (tx) => {
      const school = await this.schools.findForUpdate(tx.m, schoolId);
      if (!school) throw notFound('School');
      const history: { status: string; effectiveOn: string }[] = await this.schools.history(schoolId, tx.m);
      const last = history[history.length - 1];
      const replay = last && last.status === body.status && last.effectiveOn === body.effectiveOn;
      if (!replay)
        await this.schools.addHistory(tx.m, schoolId, body.status, body.effectiveOn, body.reason, actor.id);
      const updated = await this.schools.refreshQualityMark(tx.m, schoolId, today);
      if (body.status !== 'withdrawn')
        return { school: updated, affectedContracts: 0, newlyAffected: 0, studentsNotified: 0, emailIds: [] };
      const granted = await this.grantQualityMarkGround(tx, updated, body.effectiveOn);
      const affectedContracts = await this.repo.countWithQualityMarkGround(tx.m, schoolId, body.effectiveOn);
      return {
        school: updated,
        affectedContracts,
        newlyAffected: granted.contracts,
        studentsNotified: granted.emailIds.length,
        emailIds: granted.emailIds,
      };
    });
    await this.enqueueEmails(result.emailIds);
    const { emailIds: _e, ...response } = result;
    return { ...response, qualityMarkHistory: await this.schools.history(schoolId) };
  }

  /**
   * Grants the ground to the school's contracts active on `date` that lack it, in batches, and
   * writes one outbox row per student (a student with two such contracts gets one email).
   */
  private async grantQualityMarkGround(
    tx: Tx,
    school: School,
    date: string,
  ): Promise<{ contracts: number; emailIds: string[] }> {
    type Student = {
      name: string;
      email: string;
      language: 'nl' | 'en';
      funder: Funder;
      ids: string[];
      numbers: string[];
    };
    const students = new Map<string, Student>();
    let contracts = 0;
    for (;;) {
      const batch = await this.repo.grantQualityMarkGround(tx.m, school.id, date, FAN_OUT_BATCH);
      if (batch.length === 0) break;
      contracts += batch.length;
      await this.repo.appendEventMany(
        tx.m,
        batch.map((c) => c.id),
        { type: 'system' },
        'quality_mark_ground',
        { withdrawnOn: date },
      );
      for (const c of batch) {
        const key = c.studentEmail.toLowerCase();
        const s = students.get(key) ?? {
          name: c.studentName,
          email: c.studentEmail,
          language: c.studentLanguage,
          funder: c.funder,
          ids: [],
          numbers: [],
        };
        s.ids.push(c.id);
        s.numbers.push(c.contractNumber);
        students.set(key, s);
      }
      if (batch.length < FAN_OUT_BATCH) break;
    }
    const emailIds: string[] = [];
    const notices: { contractId: string; outboxId: string }[] = [];
    for (const s of students.values()) {
      const outboxId = await this.outbox.insert(tx.m, {
        template: 'quality_mark_withdrawn',
        language: s.language,
        recipient: s.email,
        data: {
          studentName: s.name,
          schoolName: school.name,
          withdrawnOn: date,
          contractNumbers: s.numbers.sort().join(', '),
          funder: s.funder,
          formUrl: `${this.config.http.appUrl}${TERMINATION_FORM_PATH}?school=${school.id}&ground=quality_mark_withdrawn`,
        },
      });
      for (const contractId of s.ids) notices.push({ contractId, outboxId });
      emailIds.push(outboxId);
    }
    await this.repo.setQualityMarkNotices(tx.m, notices);
    return { contracts, emailIds };
  }

  /**
   * After commit, in chunks. If Redis is away the rows stay pending and the reconciler sends
   * them; the sender skips a row that is already sent, so nobody gets an email twice.
   */
  private async enqueueEmails(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += ENQUEUE_CHUNK)
      await this.queue.enqueue(ids.slice(i, i + ENQUEUE_CHUNK).map(emailJob));
  }
}

function numberTaken(contractNumber: string) {
  return conflict(
    `Contract number ${contractNumber} is already registered for this school.`,
    'contract_number_taken',
  );
}

/** One bad row refuses the whole file, naming the row and its fields; nothing is imported. */
function importRefused(row: number, errors: readonly FieldError[]): never {
  const first = errors[0];
  throw unprocessable(
    `Row ${row}: ${first.field}: ${first.message}. Nothing was imported.`,
    'import_refused',
    errors.map((e) => ({ field: `rows.${row}.${e.field}`, message: e.message })),
    { row },
  );
}
