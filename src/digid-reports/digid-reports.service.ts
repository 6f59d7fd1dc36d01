import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { auditActor, type AuditActor, type Caller } from '../audit/actors.js';
import { EventsRepository } from '../audit/events.repository.js';
import type { Viewer } from '../auth/access.rules.js';
import { UsersRepository } from '../auth/users.repository.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CaseActions, type CaseRunner } from '../cases/case-actions.js';
import { caseDecision, caseHandling, caseHead, caseParties, caseTail } from '../cases/case-view.js';
import { type CaseFields, type CaseOf, CasesRepository } from '../cases/cases.repository.js';
import type { IsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { conflict, ProblemError, unprocessable, type FieldError } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { breachAt } from '../deadlines/deadlines.rules.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import { HandlingDeadline } from '../deadlines/handling-deadline.js';
import { ReminderNotifiers } from '../deadlines/reminders.processor.js';
import { NewOutboxRow } from '../notifications/outbox.repository.js';
import { SchoolsRepository } from '../schools/schools.repository.js';
import type { DigidListQuery, PublicDigidReportBody } from './digid-reports.dto.js';
import {
  DigidReportRow,
  DigidReportsRepository,
  ReportFields,
  ReportInvoiceRow,
} from './digid-reports.repository.js';
import {
  allowedDigidActions,
  CREDENTIAL_REFUSAL,
  credentialCheck,
  decisionCheck,
  DEADLINE_KINDS,
  DIGID_DEADLINE_LABELS,
  DigidAction,
  DigidStatus,
  DIGID_STATUSES,
  DecisionOutcome,
  INVESTIGATION_WEEKS,
  intakeStatus,
  isDigidActionAllowed,
  matchInvoices,
  Recommendation,
  RECOMMENDATION_LABELS,
  REFERRAL,
  TRIAGE_WORKING_DAYS,
  triageReminderAt,
  WhatHappened,
} from './digid-reports.rules.js';

/** A case that is a DigiD report, its status one of the report statuses. */
export type DigidCase = CaseOf<DigidStatus>;

/** The path of a DigiD report in the console. */
export const digidConsolePath = (reference: string) => `/console/digid/${reference}`;

/**
 * DigiD misuse reports (domain-rules.md section 3): intake from the public form and from staff,
 * triage within two working days, referral to the DigiD operator, investigation with the
 * complaint decision's deadline machinery, linking to the student's contract (disputing the
 * invoices the student did not approve), and the outcome with a recommendation on the quality mark.
 */
@Injectable()
export class DigidReportsService implements OnModuleInit {
  /** The investigation: INVESTIGATION_WEEKS from its start, paused and extended as a complaint's decision. */
  private readonly investigation: HandlingDeadline;
  /** The shared case machinery, for DigiD reports. */
  private readonly reports: CaseRunner<DigidStatus, DigidAction>;

  constructor(
    private readonly cases: CasesRepository,
    private readonly repo: DigidReportsRepository,
    private readonly tx: TxRunner,
    private readonly events: EventsRepository,
    private readonly deadlines: DeadlinesService,
    private readonly calendar: CalendarService,
    private readonly schools: SchoolsRepository,
    private readonly contracts: ContractsService,
    private readonly users: UsersRepository,
    private readonly notifiers: ReminderNotifiers,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly actions: CaseActions,
  ) {
    this.investigation = new HandlingDeadline(
      deadlines,
      calendar,
      clock,
      DEADLINE_KINDS.investigation,
      INVESTIGATION_WEEKS,
    );
    this.reports = actions.forType<DigidStatus, DigidAction>({
      type: 'digid_report',
      noun: 'DigiD report',
      statuses: DIGID_STATUSES,
      isAllowed: isDigidActionAllowed,
      allowedActions: allowedDigidActions,
      consolePath: digidConsolePath,
      handling: {
        deadline: this.investigation,
        startedOn: async (c, tx) => (await this.repo.find(c.id, tx.m))!.investigationStartedOn!,
        paused: 'paused',
        running: 'investigation',
        extendedTemplate: 'digid_report_extended',
      },
    });
  }

  onModuleInit(): void {
    for (const kind of [DEADLINE_KINDS.triage, DEADLINE_KINDS.investigation])
      this.notifiers.register(kind, (tx, ctx) => this.reports.remindStaff(tx, ctx, DIGID_DEADLINE_LABELS));
  }

  // ---------------------------------------------------------------- intake

  /**
   * Registers a report. A description that looks like it holds a password or SMS code is
   * refused first, before anything is read or stored, with the reason in the student's language.
   */
  async create(
    body: PublicDigidReportBody & { student: { phone?: string } },
    source: { channel: 'web' | 'phone' | 'email' | 'letter'; receivedOn?: IsoDate; actor: AuditActor },
  ): Promise<{ id: string; reference: string; status: DigidStatus; triageDueOn: IsoDate | null }> {
    if (credentialCheck(body.description)) throw credentialsRefused(body.student.language, 'description');

    const today = this.clock.today();
    const receivedOn = source.receivedOn ?? today;
    const invoices = body.invoicesApprovedWithoutConsent ?? [];
    const errors: FieldError[] = [];
    if (receivedOn > today) errors.push({ field: 'receivedOn', message: 'cannot be in the future' });
    if (body.noticedOn > today) errors.push({ field: 'noticedOn', message: 'cannot be in the future' });
    invoices.forEach((i, n) => {
      if (i.invoiceDate > today)
        errors.push({
          field: `invoicesApprovedWithoutConsent.${n}.invoiceDate`,
          message: 'cannot be in the future',
        });
    });
    if (body.suspectedParty === 'school' && !body.schoolId) {
      errors.push({ field: 'schoolId', message: 'required when the suspected party is the school' });
    }
    const school = body.schoolId ? await this.schools.find(body.schoolId) : null;
    if (body.schoolId && !school) errors.push({ field: 'schoolId', message: 'no school with this id' });
    if (errors.length)
      throw unprocessable('The DigiD report cannot be registered as given', 'invalid_digid_report', errors);

    const whatHappened = [...new Set<WhatHappened>(body.whatHappened ?? [])];
    const status = intakeStatus(body.suspectedParty);
    const triage =
      status === 'triage'
        ? await this.calendar.explain({
            from: receivedOn,
            period: { unit: 'workingDays', amount: TRIAGE_WORKING_DAYS },
          })
        : null;
    const now = this.clock.now();
    return this.tx.run(async (tx) => {
      const reference = await this.cases.nextReference(tx.m, 'D', Number(today.slice(0, 4)));
      const id = await this.cases.insert(tx.m, {
        type: 'digid_report',
        reference,
        status,
        channel: source.channel,
        receivedOn,
        schoolId: school?.id ?? null,
        studentName: body.student.name,
        studentEmail: body.student.email,
        studentPhone: body.student.phone ?? null,
        studentLanguage: body.student.language,
        subject:
          body.suspectedParty === 'school'
            ? `DigiD-misbruik: ${school!.name}`
            : 'DigiD-misbruik: iemand anders dan de school',
        description: body.description,
        desiredOutcome: null,
        needsHelpFiling: false,
        filedWithSchoolOn: null,
        schoolDeadline: null,
        schoolFinalAnswerOn: null,
      });
      await this.repo.insert(
        tx.m,
        { caseId: id, suspectedParty: body.suspectedParty, whatHappened, noticedOn: body.noticedOn },
        invoices,
      );
      await this.events.append(tx.m, id, source.actor, 'digid_report_received', 'student', {
        channel: source.channel,
        receivedOn,
        suspectedParty: body.suspectedParty,
        whatHappened,
        invoices: invoices.length,
      });
      if (!triage) {
        // Referred at intake: recorded, the student told where to go now; nothing runs.
        await this.events.append(tx.m, id, { type: 'system' }, 'referred', 'student', {
          to: REFERRAL.to,
          atIntake: true,
        });
        await this.repo.update(tx.m, id, { triagedOn: today, referredTo: REFERRAL.to, referredOn: today });
        const version = (await this.cases.findById(id, tx.m))!.version;
        await this.cases.update(tx.m, id, version, { outcome: 'referred', closedOn: today, open: false });
        await this.email(tx, {
          caseId: id,
          template: 'digid_report_referred',
          language: body.student.language,
          recipient: body.student.email,
          data: { reference, studentName: body.student.name },
        });
        return { id, reference, status, triageDueOn: null };
      }
      await this.deadlines.set(
        tx,
        id,
        DEADLINE_KINDS.triage,
        triage,
        [
          { kind: 'staff_before', fireAt: triageReminderAt(triage.deadline) },
          { kind: 'breach', fireAt: breachAt(triage.deadline) },
        ],
        now,
      );
      await this.email(tx, {
        caseId: id,
        template: 'digid_report_received',
        language: body.student.language,
        recipient: body.student.email,
        data: {
          reference,
          studentName: body.student.name,
          suspectedParty: body.suspectedParty,
          schoolName: school?.name ?? null,
          triageDueOn: triage.deadline,
          invoiceCount: invoices.length,
          invoiceTotalCents: invoices.reduce((sum, i) => sum + i.amountCents, 0),
        },
      });
      return { id, reference, status, triageDueOn: triage.deadline };
    });
  }

  // ---------------------------------------------------------------- reads

  private getCase(reference: string): Promise<DigidCase> {
    return this.reports.find(reference);
  }

  /** The staff view of a report. */
  async view(reference: string) {
    const c = await this.getCase(reference);
    const [r, invoices] = await Promise.all([this.repo.find(c.id), this.repo.invoices(c.id)]);
    return present(c, r!, invoices);
  }

  async detail(reference: string) {
    const c = await this.getCase(reference);
    const [r, invoices, history] = await Promise.all([
      this.repo.find(c.id),
      this.repo.invoices(c.id),
      this.reports.history(c.id),
    ]);
    return { ...present(c, r!, invoices), allowedActions: allowedDigidActions(c.status), ...history };
  }

  list(q: DigidListQuery, viewer: Viewer) {
    return this.cases.list({ ...q, type: 'digid_report' }, viewer);
  }

  /** The school's DigiD reports and their outcomes, as far as the viewer may see them. */
  forSchool(schoolId: string, viewer: Viewer) {
    return this.repo.forSchool(schoolId, viewer);
  }

  // ---------------------------------------------------------------- staff actions

  /**
   * Every change runs through the shared action runner; `work` may also change the report's own
   * row, in the same transaction. The answer is the staff view after the commit.
   */
  private async act(
    reference: string,
    action: DigidAction,
    expectedVersion: number | undefined,
    work: (
      c: DigidCase,
      r: DigidReportRow,
      tx: Tx,
      today: IsoDate,
    ) => Promise<{ case?: CaseFields; report?: ReportFields } | void>,
  ) {
    await this.reports.act(reference, action, expectedVersion, async (c, tx, today) => {
      const r = (await this.repo.find(c.id, tx.m))!;
      const changes = (await work(c, r, tx, today)) ?? {};
      if (changes.report) await this.repo.update(tx.m, c.id, changes.report);
      return changes.case;
    });
    return this.view(reference);
  }

  /** The shared actions answer the staff view too. */
  private async viewAfter(reference: string, done: Promise<string>) {
    await done;
    return this.view(reference);
  }

  /** Triage done: a jurist investigates. The report must name a school (it may be named now). */
  async startInvestigation(reference: string, schoolId: string | undefined, actor: Caller, version?: number) {
    const named = schoolId ? await this.schools.find(schoolId) : null;
    if (schoolId && !named) {
      throw unprocessable('There is no school with this id', 'invalid_school', [
        { field: 'schoolId', message: 'no school with this id' },
      ]);
    }
    return this.act(reference, 'startInvestigation', version, async (c, _r, tx, today) => {
      const school = named ?? (c.schoolId ? { id: c.schoolId, name: c.schoolName ?? '' } : null);
      if (!school) {
        throw unprocessable('An investigation is about a school: name the school first', 'school_required', [
          { field: 'schoolId', message: 'required: the report names no school' },
        ]);
      }
      await this.deadlines.close(tx, c.id, DEADLINE_KINDS.triage, 'met');
      const e = await this.investigation.explain(today, 0, 0);
      await this.investigation.set(tx, c.id, e, 'running');
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'investigation_started', 'student', {
        decisionDeadline: e.deadline,
        ...(school.id !== c.schoolId ? { schoolId: school.id, schoolName: school.name } : {}),
      });
      await this.reports.emailStudent(tx, c, 'digid_investigation_started', {
        schoolName: school.name,
        decideBy: e.deadline,
      });
      return {
        case: {
          status: 'investigation',
          schoolId: school.id,
          ...(c.assigneeId ? {} : { assigneeId: actor.user.id }),
        },
        report: { triagedOn: today, investigationStartedOn: today, suspectedParty: 'school' },
      };
    });
  }

  /** Misuse by someone other than the school goes to the DigiD operator: recorded, the student told, the report `referred` (not open). */
  refer(reference: string, note: string | undefined, actor: Caller, version?: number) {
    if (note && credentialCheck(note)) throw credentialsRefused(actor.user.language, 'note');
    return this.act(reference, 'refer', version, async (c, _r, tx, today) => {
      await this.deadlines.close(tx, c.id, DEADLINE_KINDS.triage, 'met');
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'referred', 'student', {
        to: REFERRAL.to,
      });
      if (note)
        await this.events.append(tx.m, c.id, auditActor(actor.user), 'note', 'internal', { text: note });
      // Staff chose to send it: the public cap is for emails strangers can cause.
      await this.reports.emailStudent(tx, c, 'digid_report_referred', {}, { capped: false });
      return {
        case: { status: 'referred', outcome: 'referred', closedOn: today, open: false },
        report: { triagedOn: today, referredTo: REFERRAL.to, referredOn: today },
      };
    });
  }

  /**
   * A referred report that is about a school after all (misclassified at intake or by staff):
   * it becomes a report about that school in triage, with the triage deadline counted from
   * today, the reason on the timeline (internal), and the student told by email. (2026-12) [decision]
   */
  async reopenAsSchool(reference: string, schoolId: string, reason: string, actor: Caller, version?: number) {
    if (credentialCheck(reason)) throw credentialsRefused(actor.user.language, 'reason');
    const school = await this.schools.find(schoolId);
    if (!school) {
      throw unprocessable('There is no school with this id', 'invalid_school', [
        { field: 'schoolId', message: 'no school with this id' },
      ]);
    }
    const triage = await this.calendar.explain({
      from: this.clock.today(),
      period: { unit: 'workingDays', amount: TRIAGE_WORKING_DAYS },
    });
    const now = this.clock.now();
    return this.act(reference, 'reopenAsSchool', version, async (c, _r, tx) => {
      if (await this.cases.lockAndCheckAnonymised(tx.m, c.id)) {
        throw conflict('This report was anonymised: it can no longer be reopened', 'case_anonymised');
      }
      await this.deadlines.set(
        tx,
        c.id,
        DEADLINE_KINDS.triage,
        triage,
        [
          { kind: 'staff_before', fireAt: triageReminderAt(triage.deadline) },
          { kind: 'breach', fireAt: breachAt(triage.deadline) },
        ],
        now,
      );
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'reopened_as_school', 'student', {
        schoolId: school.id,
        schoolName: school.name,
        triageDueOn: triage.deadline,
      });
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'note', 'internal', { text: reason });
      await this.reports.emailStudent(tx, c, 'digid_report_reopened', {
        schoolName: school.name,
        triageDueOn: triage.deadline,
      });
      return {
        case: {
          status: 'triage',
          schoolId: school.id,
          subject: `DigiD-misbruik: ${school.name}`,
          outcome: null,
          closedOn: null,
          open: true,
        },
        report: { suspectedParty: 'school', triagedOn: null, referredTo: null, referredOn: null },
      };
    });
  }

  assign(reference: string, assigneeId: string | null, actor: Caller, version?: number) {
    return this.viewAfter(reference, this.reports.assign(reference, assigneeId, actor, version));
  }

  pause(reference: string, reasonCode: string, note: string | undefined, actor: Caller, version?: number) {
    if (note && credentialCheck(note)) throw credentialsRefused(actor.user.language, 'note');
    return this.viewAfter(reference, this.reports.pause(reference, reasonCode, note, actor, version));
  }

  resume(reference: string, actor: Caller, version?: number) {
    return this.viewAfter(reference, this.reports.resume(reference, actor, version));
  }

  /** One extension of at most 4 weeks, announced before the deadline: the complaint rule. [decision] */
  extend(reference: string, weeks: number, reason: string, actor: Caller, version?: number) {
    return this.viewAfter(reference, this.reports.extend(reference, weeks, reason, actor, version));
  }

  /**
   * Links the report to the student's contract with the same school and, in the same
   * transaction, marks the invoices the student listed (same date and amount) as disputed on
   * that contract, so they no longer count as paid in a termination quote. [decision]
   */
  linkContract(reference: string, contractId: string, actor: Caller, version?: number) {
    return this.act(reference, 'linkContract', version, async (c, r, tx, today) => {
      if (r.contractId)
        throw conflict('The report is linked to a contract already', 'contract_already_linked', {
          contractId: r.contractId,
        });
      if (!c.schoolId) {
        throw unprocessable('Only a report about a school can be linked to a contract', 'school_required', [
          { field: 'contractId', message: 'the report names no school' },
        ]);
      }
      const listed = await this.repo.invoices(c.id, tx.m);
      let match: ReturnType<typeof matchInvoices> = { matched: [], unmatched: [] };
      const result = await this.contracts
        .disputeInvoices(
          tx,
          contractId,
          (k, invoices) => {
            if (k.schoolId !== c.schoolId) {
              throw unprocessable(
                'The contract is with another school than the report',
                'contract_other_school',
                [{ field: 'contractId', message: 'a contract with another school' }],
              );
            }
            match = matchInvoices(listed, invoices);
            return match.matched.filter((x) => !x.alreadyDisputed).map((x) => x.invoiceId);
          },
          auditActor(actor.user),
          { digidReport: c.reference },
        )
        .catch((e: unknown) => {
          if (e instanceof ProblemError && e.status === 404) {
            throw unprocessable('There is no contract with this id', 'invalid_contract', [
              { field: 'contractId', message: 'no contract with this id' },
            ]);
          }
          throw e;
        });
      await this.repo.setDisputedInvoices(
        tx.m,
        c.id,
        match.matched.map((x) => ({ listedId: listed[x.index].id, invoiceId: x.invoiceId })),
      );
      const k = result.contract;
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'contract_linked', 'internal', {
        contractId: k.id,
        contractNumber: k.contractNumber,
        studentEmailMatches: k.studentEmail.toLowerCase() === c.studentEmail.toLowerCase(),
      });
      const pick = (i: number) => ({
        invoiceDate: listed[i].invoiceDate,
        amountCents: listed[i].amountCents,
      });
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'invoices_disputed', 'student', {
        disputed: match.matched.map((x) => pick(x.index)),
        unmatched: match.unmatched.map(pick),
        disputedCents: match.matched.reduce((sum, x) => sum + listed[x.index].amountCents, 0),
      });
      return { report: { contractId: k.id, linkedOn: today } };
    });
  }

  /** Confirmed or not; a confirmed misuse records a recommendation on the quality mark for the supervisor. [decision] */
  decide(
    reference: string,
    outcome: DecisionOutcome,
    summary: string,
    recommendation: Recommendation | undefined,
    actor: Caller,
    version?: number,
  ) {
    const check = decisionCheck(outcome, recommendation);
    if (!check.ok)
      throw unprocessable(check.message, check.code, [{ field: 'recommendation', message: check.message }]);
    if (credentialCheck(summary)) throw credentialsRefused(actor.user.language, 'summary');
    return this.act(reference, 'decide', version, async (c, r, tx, today) => {
      await this.deadlines.close(tx, c.id, DEADLINE_KINDS.investigation, 'met');
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'decided', 'student', {
        outcome,
        summary,
      });
      const mine = (await this.repo.invoices(c.id, tx.m)).flatMap((i) =>
        i.disputedInvoiceId ? [i.disputedInvoiceId] : [],
      );
      let disputed = mine.length;
      if (outcome === 'not_confirmed' && r.contractId && mine.length) {
        // Misuse not found: the invoices this report disputed count as paid again, unless another
        // report that is still open or found misuse disputes them too. Decided under the contract's
        // lock, so two reports decided at once cannot both hold an invoice back for each other.
        const restored = await this.contracts.restoreInvoices(
          tx,
          r.contractId,
          async () => {
            const held = new Set(await this.repo.heldByOtherReports(tx.m, c.id, mine));
            return mine.filter((id) => !held.has(id));
          },
          auditActor(actor.user),
          { digidReport: c.reference },
        );
        if (restored.length)
          await this.events.append(tx.m, c.id, auditActor(actor.user), 'invoices_restored', 'student', {
            count: restored.length,
          });
        disputed = 0;
      }
      await this.reports.emailStudent(tx, c, 'digid_report_decided', {
        schoolName: c.schoolName,
        outcome,
        summary,
        disputedCount: disputed,
      });
      if (outcome === 'confirmed' && recommendation) {
        await this.events.append(tx.m, c.id, auditActor(actor.user), 'quality_mark_recommended', 'internal', {
          recommendation,
          schoolId: c.schoolId,
          schoolName: c.schoolName,
        });
        for (const s of await this.users.withRole('supervisor')) {
          await this.email(tx, {
            caseId: c.id,
            template: 'digid_recommendation',
            language: s.language,
            recipient: s.email,
            data: {
              reference: c.reference,
              schoolName: c.schoolName,
              recommendationNl: RECOMMENDATION_LABELS[recommendation].nl,
              recommendationEn: RECOMMENDATION_LABELS[recommendation].en,
              caseUrl: `${this.config.http.appUrl}${digidConsolePath(c.reference)}`,
              schoolUrl: `${this.config.http.appUrl}/console/schools/${c.schoolId}`,
            },
          });
        }
      }
      return {
        case: { status: 'decided', outcome, decisionSummary: summary, decidedOn: today },
        report: { recommendation: recommendation ?? null },
      };
    });
  }

  close(reference: string, actor: Caller, version?: number) {
    return this.viewAfter(reference, this.reports.close(reference, actor, version));
  }

  addNote(reference: string, text: string, visibleToStudent: boolean, actor: Caller) {
    if (credentialCheck(text)) throw credentialsRefused(actor.user.language, 'text');
    return this.viewAfter(
      reference,
      this.reports.addNote(reference, text, visibleToStudent, auditActor(actor.user)),
    );
  }

  // ---------------------------------------------------------------- helpers

  private email(tx: Tx, row: NewOutboxRow): Promise<void> {
    return this.actions.email(tx, row);
  }
}

/** 422 naming the field, with the reason in the reader's language; the text itself is never echoed. */
export function credentialsRefused(language: 'nl' | 'en', field: string): ProblemError {
  const message = CREDENTIAL_REFUSAL[language];
  return unprocessable(message, 'credentials_in_text', [{ field, message }]);
}

/** The staff view of a DigiD report. */
export function present(c: DigidCase, r: DigidReportRow, invoices: ReportInvoiceRow[]) {
  return {
    ...caseHead(c),
    suspectedParty: r.suspectedParty,
    ...caseParties(c),
    whatHappened: r.whatHappened,
    noticedOn: r.noticedOn,
    description: c.description,
    invoicesApprovedWithoutConsent: invoices.map((i) => ({
      invoiceDate: i.invoiceDate,
      amountCents: i.amountCents,
      disputedInvoiceId: i.disputedInvoiceId,
    })),
    triagedOn: r.triagedOn,
    investigationStartedOn: r.investigationStartedOn,
    ...caseHandling(c),
    contract: r.contractId
      ? { id: r.contractId, contractNumber: r.contractNumber, linkedOn: r.linkedOn }
      : null,
    ...caseDecision(c),
    recommendation: r.recommendation,
    referral: r.referredOn ? { to: r.referredTo, referredOn: r.referredOn } : null,
    ...caseTail(c),
  };
}
