import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { auditActor, type AuditActor, type Caller } from '../audit/actors.js';
import { EventsRepository } from '../audit/events.repository.js';
import { AccessLinksService } from '../auth/access-links.service.js';
import { DeferredRequestsRepository } from '../auth/deferred-requests.repository.js';
import type { Viewer } from '../auth/access.rules.js';
import { can } from '../auth/policy.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CaseActions, type CaseRunner } from '../cases/case-actions.js';
import { caseDecision, caseHandling, caseHead, caseParties, caseTail } from '../cases/case-view.js';
import { type CaseFields, type CaseOf, CasesRepository } from '../cases/cases.repository.js';
import type { IsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { conflict, forbidden, ProblemError, unprocessable } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { DeadlinesService, ReminderSpec } from '../deadlines/deadlines.service.js';
import { schoolReminderAt, studentStageEndedAt } from '../deadlines/deadlines.rules.js';
import { HandlingDeadline, staffReminders } from '../deadlines/handling-deadline.js';
import { ReminderContext, ReminderNotifiers } from '../deadlines/reminders.processor.js';
import { EmailSentHooks, type SentEmail } from '../notifications/email-sent-hooks.js';
import { OutboxRepository, NewOutboxRow } from '../notifications/outbox.repository.js';
import { emailJob, JobName } from '../queue/jobs.js';
import { JobHandlers } from '../queue/worker.service.js';
import { SchoolsRepository } from '../schools/schools.repository.js';
import type { ListQuery, PublicComplaintBody } from './complaints.dto.js';
import { ObjectionsRepository } from './objections.repository.js';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  allowedActions,
  ComplaintAction,
  complaintActionAllowed,
  ComplaintStatus,
  DEADLINE_LABELS,
  DECISION_WEEKS,
  escalationCheck,
  isAllowed,
  OUTCOME_LABELS,
  Outcome,
  SCHOOL_STAGE_WEEKS,
  schoolLinkAllowed,
  type SchoolLinkAction,
  STATUSES,
} from './complaints.rules.js';

/** A case that is a complaint, its status one of the complaint statuses. */
export type Complaint = CaseOf<ComplaintStatus>;

/** Whoever holds a school's private link: the school's complaints officer. */
const SCHOOL: AuditActor = { type: 'school' };

/** What the school stage needs to know about a case to tell the school. */
interface SchoolStageCase {
  id: string;
  reference: string;
  schoolName: string | null;
  schoolEmail: string | null;
}

const ARBITRATION_BODY = 'College Arbitrage Inburgeren';

@Injectable()
export class ComplaintsService implements OnModuleInit {
  /** The jurist's decision: DECISION_WEEKS from the escalation. */
  private readonly decision: HandlingDeadline;
  /** The shared case machinery, for complaints. */
  private readonly cases: CaseRunner<ComplaintStatus, ComplaintAction | SchoolLinkAction>;

  constructor(
    private readonly repo: CasesRepository,
    private readonly tx: TxRunner,
    private readonly events: EventsRepository,
    private readonly deadlines: DeadlinesService,
    private readonly calendar: CalendarService,
    private readonly outbox: OutboxRepository,
    private readonly schools: SchoolsRepository,
    private readonly links: AccessLinksService,
    private readonly notifiers: ReminderNotifiers,
    private readonly clock: Clock,
    private readonly deferred: DeferredRequestsRepository,
    private readonly handlers: JobHandlers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly objections: ObjectionsRepository,
    private readonly sentHooks: EmailSentHooks,
    private readonly actions: CaseActions,
  ) {
    this.decision = new HandlingDeadline(deadlines, calendar, clock, 'decision', DECISION_WEEKS);
    this.cases = actions.forType({
      type: 'complaint',
      noun: 'complaint',
      statuses: STATUSES,
      isAllowed: complaintActionAllowed,
      allowedActions,
      consolePath: (reference) => `/console/cases/${reference}`,
      handling: {
        deadline: this.decision,
        startedOn: async (c) => c.escalatedOn!,
        paused: 'paused',
        running: 'under_review',
        extendedTemplate: 'complaint_extended',
      },
    });
  }

  onModuleInit(): void {
    this.sentHooks.register('case_link', (sent) => this.onLinkEmailSent(sent));
    this.notifiers.register('school_stage', (tx, ctx) => this.onSchoolStageReminder(tx, ctx));
    this.notifiers.register('acknowledge', (tx, ctx) => this.cases.remindStaff(tx, ctx, DEADLINE_LABELS));
    this.notifiers.register('decision', (tx, ctx) => this.cases.remindStaff(tx, ctx, DEADLINE_LABELS));
    this.handlers.register(JobName.CaseLinkRequest, (p) => this.handleLinkRequest(p.requestId));
  }

  // ---------------------------------------------------------------- intake

  async create(
    body: PublicComplaintBody,
    source: { channel: 'web' | 'phone' | 'email' | 'letter'; receivedOn?: IsoDate; actor: AuditActor },
  ): Promise<{ id: string; reference: string; status: string; schoolDeadline: IsoDate | null }> {
    const today = this.clock.today();
    const receivedOn = source.receivedOn ?? today;
    const errors: { field: string; message: string }[] = [];
    if (receivedOn > today) errors.push({ field: 'receivedOn', message: 'cannot be in the future' });
    if (body.filedWithSchoolOn && body.filedWithSchoolOn > today) {
      errors.push({ field: 'filedWithSchoolOn', message: 'cannot be in the future' });
    }
    if (body.schoolFinalAnswerOn) {
      if (!body.filedWithSchoolOn)
        errors.push({ field: 'schoolFinalAnswerOn', message: 'needs filedWithSchoolOn' });
      else if (body.schoolFinalAnswerOn < body.filedWithSchoolOn) {
        errors.push({ field: 'schoolFinalAnswerOn', message: 'cannot be before filedWithSchoolOn' });
      }
      if (body.schoolFinalAnswerOn > today)
        errors.push({ field: 'schoolFinalAnswerOn', message: 'cannot be in the future' });
    }
    const school = await this.schools.find(body.schoolId);
    if (!school) errors.push({ field: 'schoolId', message: 'no school with this id' });
    if (errors.length)
      throw unprocessable('The complaint cannot be registered as given', 'invalid_complaint', errors);

    const schoolStage = body.filedWithSchoolOn
      ? await this.schoolStageExplanation(body.filedWithSchoolOn)
      : null;
    const now = this.clock.now();
    const result = await this.tx.run(async (tx) => {
      const reference = await this.repo.nextReference(tx.m, 'K', Number(today.slice(0, 4)));
      const status = schoolStage ? 'school_stage' : 'intake';
      const id = await this.repo.insert(tx.m, {
        type: 'complaint',
        reference,
        status,
        channel: source.channel,
        receivedOn,
        schoolId: body.schoolId,
        studentName: body.student.name,
        studentEmail: body.student.email,
        studentPhone: body.student.phone ?? null,
        studentLanguage: body.student.language,
        subject: body.subject,
        description: body.description,
        desiredOutcome: body.desiredOutcome ?? null,
        needsHelpFiling: body.needsHelpFiling ?? false,
        filedWithSchoolOn: body.filedWithSchoolOn ?? null,
        schoolDeadline: schoolStage?.deadline ?? null,
        schoolFinalAnswerOn: body.schoolFinalAnswerOn ?? null,
      });
      await this.events.append(tx.m, id, source.actor, 'complaint_received', 'student', {
        channel: source.channel,
        receivedOn,
        needsHelpFiling: body.needsHelpFiling ?? false,
      });
      if (schoolStage) {
        await this.startSchoolStage(
          tx,
          { id, reference, schoolName: school!.name, schoolEmail: school!.complaintsEmail },
          schoolStage,
          now,
        );
      }
      const token = await this.links.create(tx.m, id, 'student', this.config.auth.studentLinkDays);
      await this.email(tx, {
        caseId: id,
        template: 'complaint_received',
        language: body.student.language,
        recipient: body.student.email,
        data: {
          reference,
          studentName: body.student.name,
          schoolName: school!.name,
          schoolDeadline: schoolStage?.deadline ?? null,
        },
        secret: this.studentUrl(token),
      });
      return { id, reference, status, schoolDeadline: schoolStage?.deadline ?? null };
    });
    return result;
  }

  private async schoolStageExplanation(filedOn: IsoDate) {
    return this.calendar.explain({ from: filedOn, period: { unit: 'weeks', amount: SCHOOL_STAGE_WEEKS } });
  }

  /** The school's six weeks start: the deadline with its reminders, and the school gets its private link by email. */
  private async startSchoolStage(
    tx: Tx,
    c: SchoolStageCase,
    explanation: Awaited<ReturnType<CalendarService['explain']>>,
    now: Date,
  ) {
    const reminders: ReminderSpec[] = [
      { kind: 'school_before', fireAt: schoolReminderAt(explanation.deadline) },
      { kind: 'student_stage_ended', fireAt: studentStageEndedAt(explanation.deadline) },
    ];
    await this.deadlines.set(tx, c.id, 'school_stage', explanation, reminders, now);
    await this.sendSchoolLink(tx, c, explanation.deadline, false);
  }

  /**
   * A new private link for the school, emailed to its complaints address in Dutch (schools have
   * no language setting). The link travels as the outbox row's secret, erased once sent.
   */
  private async sendSchoolLink(
    tx: Tx,
    c: SchoolStageCase,
    schoolDeadline: IsoDate | null,
    resent: boolean,
  ): Promise<void> {
    if (!c.schoolEmail) return;
    const days = this.config.auth.schoolLinkDays;
    const token = await this.links.create(tx.m, c.id, 'school', days);
    await this.email(tx, {
      caseId: c.id,
      template: 'school_new_complaint',
      language: 'nl',
      recipient: c.schoolEmail,
      data: {
        reference: c.reference,
        schoolName: c.schoolName,
        schoolDeadline,
        linkDays: days,
        ...(resent ? { resent: 1 } : {}),
      },
      secret: this.schoolUrl(token),
    });
  }

  // ---------------------------------------------------------------- reads

  getByReference(reference: string): Promise<Complaint> {
    return this.cases.find(reference);
  }

  async detail(reference: string) {
    const c = await this.getByReference(reference);
    const [history, objections] = await Promise.all([
      this.cases.history(c.id),
      this.objections.forCase(c.id),
    ]);
    return {
      ...present(c),
      allowedActions: allowedActions(c.status),
      objections: objections.map(({ caseId: _c, ...o }) => o),
      ...history,
    };
  }

  list(q: ListQuery, viewer: Viewer) {
    return this.repo.list({ ...q, type: q.type ?? 'complaint' }, viewer);
  }

  // ---------------------------------------------------------------- staff actions

  /** Every change runs through the shared action runner; the answer is the complaint as it stands after the commit. */
  private async act(
    reference: string,
    action: ComplaintAction | SchoolLinkAction,
    expectedVersion: number | undefined,
    work: (c: Complaint, tx: Tx, today: IsoDate) => Promise<CaseFields>,
  ): Promise<Complaint> {
    return this.reload(await this.cases.act(reference, action, expectedVersion, work));
  }

  private async reload(id: string | Promise<string>): Promise<Complaint> {
    return (await this.cases.findById(await id))!;
  }

  fileWithSchool(reference: string, filedOn: IsoDate, actor: Caller, version?: number) {
    return this.act(reference, 'fileWithSchool', version, async (c, tx, today) => {
      if (filedOn > today)
        throw unprocessable('The date cannot be in the future', 'invalid_date', [
          { field: 'filedWithSchoolOn', message: 'cannot be in the future' },
        ]);
      const explanation = await this.schoolStageExplanation(filedOn);
      await this.startSchoolStage(tx, c, explanation, this.clock.now());
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'filed_with_school', 'student', {
        filedWithSchoolOn: filedOn,
        schoolDeadline: explanation.deadline,
      });
      return { status: 'school_stage', filedWithSchoolOn: filedOn, schoolDeadline: explanation.deadline };
    });
  }

  /**
   * The school's final answer: its date, a staff note (internal) and, when the school records it
   * through its own link, the answer itself (the student reads it on their page). The status
   * stays `school_stage` and nobody is emailed: the student may now escalate (basis (b)).
   */
  recordSchoolAnswer(
    reference: string,
    answeredOn: IsoDate,
    note: string | undefined,
    actor: AuditActor,
    version?: number,
    answer?: string,
  ) {
    return this.act(reference, 'recordSchoolAnswer', version, async (c, tx, today) => {
      // Through its link the school records its final answer once; a correction goes through Blik op Werk.
      // Also when staff recorded the school's answer already: the student's escalation may rest on that date.
      if (
        actor.type === 'school' &&
        (c.schoolFinalAnswerOn || (await this.hasSchoolEvent(tx, c.id, 'school_final_answer')))
      ) {
        throw conflict('The school has already recorded its final answer', 'school_answer_already_recorded');
      }
      if (answeredOn > today || (c.filedWithSchoolOn && answeredOn < c.filedWithSchoolOn)) {
        throw unprocessable(
          'The answer date must lie between filing with the school and today',
          'invalid_date',
          [{ field: 'schoolFinalAnswerOn', message: 'must lie between filing with the school and today' }],
        );
      }
      await this.events.append(tx.m, c.id, actor, 'school_final_answer', 'student', {
        schoolFinalAnswerOn: answeredOn,
        note: note ?? null,
        ...(answer ? { answer } : {}),
      });
      return { schoolFinalAnswerOn: answeredOn };
    });
  }

  /** Staff send the school a new private link (a lost email, another officer); older school links stop working. */
  resendSchoolLink(reference: string, actor: Caller, version?: number) {
    return this.act(reference, 'resendSchoolLink', version, async (c, tx) => {
      if (!c.schoolEmail)
        throw conflict('The school has no complaints email address on record', 'school_without_email');
      await this.links.revokeAll(tx.m, c.id, 'school');
      await this.sendSchoolLink(tx, c, c.schoolDeadline, true);
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'school_link_resent', 'internal', {});
      return {};
    });
  }

  resolveBySchool(reference: string, actor: AuditActor, version?: number) {
    return this.act(reference, 'resolveBySchool', version, async (c, tx, today) => {
      await this.deadlines.close(tx, c.id, 'school_stage', 'met');
      await this.events.append(tx.m, c.id, actor, 'resolved_by_school', 'student', {});
      return { status: 'resolved_by_school', closedOn: today, open: false };
    });
  }

  async escalate(
    reference: string,
    input: {
      reason: string;
      studentRejectsFinalAnswer?: boolean;
      schoolRefused?: boolean;
      override?: boolean;
    },
    actor: Caller | { type: 'student' },
    version?: number,
  ) {
    if (input.override && (actor.type !== 'staff' || !can(actor.user.roles, 'case.override'))) {
      throw forbidden('Only a supervisor may escalate before it is allowed');
    }
    const a: AuditActor = actor.type === 'staff' ? auditActor(actor.user) : actor;
    return this.act(reference, 'escalate', version, async (c, tx, today) => {
      const check = escalationCheck({
        status: c.status,
        today,
        schoolDeadline: c.schoolDeadline,
        schoolFinalAnswerOn: c.schoolFinalAnswerOn,
        studentRejectsFinalAnswer: input.studentRejectsFinalAnswer ?? false,
        // (c) also when the school has no complaints regulation on record. [decision]
        schoolRefused: (input.schoolRefused ?? false) || c.schoolRefused || c.schoolHasRegulation === false,
        override: input.override ?? false,
      });
      if (!check.allowed) {
        throw new ProblemError(409, 'Conflict', check.reason, 'escalation_not_yet_allowed', {
          earliestOn: check.earliestOn,
        });
      }
      const now = this.clock.now();
      const cal = await this.calendar.calendar();
      const ack = await this.calendar.explain({
        from: today,
        period: { unit: 'workingDays', amount: ACKNOWLEDGE_WORKING_DAYS },
      });
      const decision = await this.calendar.explain({
        from: today,
        period: { unit: 'weeks', amount: DECISION_WEEKS },
      });
      if (c.schoolDeadline) {
        await this.deadlines.close(
          tx,
          c.id,
          'school_stage',
          check.basis === 'deadline_passed' ? 'breached' : 'met',
        );
      }
      for (const [kind, e] of [
        ['acknowledge', ack],
        ['decision', decision],
      ] as const) {
        await this.deadlines.set(tx, c.id, kind, e, staffReminders(cal, e.deadline), now);
      }
      await this.events.append(tx.m, c.id, a, 'escalated', 'student', {
        basis: check.basis,
        reason: input.reason,
      });
      if (check.basis === 'override') {
        await this.events.append(tx.m, c.id, a, 'escalation_override', 'internal', { reason: input.reason });
      }
      await this.cases.emailStudent(tx, c, 'complaint_escalated', {
        acknowledgeBy: ack.deadline,
        decideBy: decision.deadline,
      });
      return {
        status: 'escalated',
        escalatedOn: today,
        escalationBasis: check.basis,
        escalationReason: input.reason,
        ...(input.schoolRefused ? { schoolRefused: true } : {}),
      };
    });
  }

  acknowledge(reference: string, actor: Caller, version?: number) {
    return this.act(reference, 'acknowledge', version, async (c, tx, today) => {
      await this.deadlines.close(tx, c.id, 'acknowledge', 'met');
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'acknowledged', 'student', {});
      return {
        status: 'under_review',
        acknowledgedOn: today,
        ...(c.assigneeId ? {} : { assigneeId: actor.user.id }),
      };
    });
  }

  assign(reference: string, assigneeId: string | null, actor: Caller, version?: number) {
    return this.reload(this.cases.assign(reference, assigneeId, actor, version));
  }

  pause(reference: string, reasonCode: string, note: string | undefined, actor: Caller, version?: number) {
    return this.reload(this.cases.pause(reference, reasonCode, note, actor, version));
  }

  resume(reference: string, actor: Caller, version?: number) {
    return this.reload(this.cases.resume(reference, actor, version));
  }

  extend(reference: string, weeks: number, reason: string, actor: Caller, version?: number) {
    return this.reload(this.cases.extend(reference, weeks, reason, actor, version));
  }

  decide(reference: string, outcome: Outcome, summary: string, actor: Caller, version?: number) {
    return this.act(reference, 'decide', version, async (c, tx, today) => {
      await this.deadlines.close(tx, c.id, 'decision', 'met');
      await this.deadlines.close(tx, c.id, 'acknowledge', 'met');
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'decided', 'student', {
        outcome,
        summary,
      });
      const token = await this.links.create(tx.m, c.id, 'student', this.config.auth.studentLinkDays);
      await this.cases.emailStudent(
        tx,
        c,
        'complaint_decided',
        { outcomeNl: OUTCOME_LABELS[outcome].nl, outcomeEn: OUTCOME_LABELS[outcome].en, summary },
        { secret: this.studentUrl(token) },
      );
      return { status: 'decided', outcome, decisionSummary: summary, decidedOn: today };
    });
  }

  referToArbitration(reference: string, body: string | undefined, actor: Caller, version?: number) {
    return this.act(reference, 'referToArbitration', version, async (c, tx, today) => {
      const to = body ?? ARBITRATION_BODY;
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'referred_to_arbitration', 'student', {
        body: to,
      });
      return { status: 'arbitration', arbitrationBody: to, arbitrationReferredOn: today };
    });
  }

  recordArbitrationOutcome(
    reference: string,
    outcome: string,
    note: string | undefined,
    actor: Caller,
    version?: number,
  ) {
    return this.act(reference, 'recordArbitrationOutcome', version, async (c, tx, today) => {
      // "Student vindicated" gives the student a weighty reason to end the contract with this school. [seed]
      await this.events.append(tx.m, c.id, auditActor(actor.user), 'arbitration_outcome', 'student', {
        outcome,
        note: note ?? null,
        weightyReasonForTermination: outcome === 'student_vindicated',
      });
      return {
        status: 'closed',
        arbitrationOutcome: outcome,
        arbitrationOutcomeOn: today,
        closedOn: today,
        open: false,
      };
    });
  }

  withdraw(reference: string, reason: string | undefined, actor: AuditActor, version?: number) {
    return this.act(reference, 'withdraw', version, async (c, tx, today) => {
      for (const kind of ['school_stage', 'acknowledge', 'decision'])
        await this.deadlines.close(tx, c.id, kind, 'cancelled');
      await this.events.append(tx.m, c.id, actor, 'withdrawn', 'student', { reason: reason ?? null });
      return { status: 'withdrawn', outcome: 'withdrawn', closedOn: today, open: false };
    });
  }

  close(reference: string, actor: Caller, version?: number) {
    return this.reload(this.cases.close(reference, actor, version));
  }

  addNote(reference: string, text: string, visibleToStudent: boolean, actor: AuditActor, version?: number) {
    return this.reload(this.cases.addNote(reference, text, visibleToStudent, actor, version));
  }

  // ---------------------------------------------------------------- student's private link

  caseForStudent(token: string): Promise<Complaint> {
    return this.caseByLink(token, 'student', 'This link is not valid (any more). Ask for a new link.');
  }

  /** The complaint a live link of this kind opens; 404 `link_invalid` (with `detail`) for anything else. */
  private async caseByLink(token: string, kind: 'student' | 'school', detail: string): Promise<Complaint> {
    const caseId = await this.links.resolve(token, kind);
    const c = caseId ? await this.cases.findById(caseId) : null;
    if (!c) throw new ProblemError(404, 'Not Found', detail, 'link_invalid');
    return c;
  }

  async studentView(token: string) {
    const c = await this.caseForStudent(token);
    const [deadlines, events] = await Promise.all([
      this.deadlines.forCase(c.id),
      this.events.forCase(c.id, { studentVisibleOnly: true }),
    ]);
    const today = this.clock.today();
    const check = escalationCheck({
      status: c.status,
      today,
      schoolDeadline: c.schoolDeadline,
      schoolFinalAnswerOn: c.schoolFinalAnswerOn,
      studentRejectsFinalAnswer: c.schoolFinalAnswerOn !== null,
      schoolRefused: c.schoolRefused || c.schoolHasRegulation === false,
      override: false,
    });
    return {
      reference: c.reference,
      status: c.status,
      schoolName: c.schoolName,
      subject: c.subject,
      description: c.description,
      studentLanguage: c.studentLanguage,
      schoolDeadline: c.schoolDeadline,
      outcome: c.outcome,
      decisionSummary: c.decisionSummary,
      deadlines: deadlines
        .filter((d) => d.status === 'running' || d.status === 'paused')
        .map((d) => ({ kind: d.kind, dueOn: d.dueOn, status: d.status })),
      escalation: check.allowed
        ? { possible: true }
        : { possible: false, reason: check.reason, earliestOn: check.earliestOn },
      canWithdraw: isAllowed(c.status, 'withdraw'),
      events: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        by: e.actorType,
        data: studentSafeData(e.kind, e.data),
      })),
    };
  }

  async studentAddInfo(token: string, text: string) {
    const c = await this.caseForStudent(token);
    return this.addNote(c.reference, text, true, { type: 'student' });
  }

  async studentWithdraw(token: string, reason?: string) {
    const c = await this.caseForStudent(token);
    return this.withdraw(c.reference, reason, { type: 'student' });
  }

  async studentEscalate(token: string, reason: string, studentRejectsFinalAnswer?: boolean) {
    const c = await this.caseForStudent(token);
    return this.escalate(c.reference, { reason, studentRejectsFinalAnswer }, { type: 'student' });
  }

  /**
   * Sends a new private link to the email on the case. The answer never tells whether they
   * matched, and takes the same time either way: the request is stored and a job queued, the
   * same two steps whatever was asked; the job compares and sends (handleLinkRequest).
   */
  async resendLink(reference: string, email: string): Promise<void> {
    await this.deferred.add('case_link', email.trim(), reference.trim().toUpperCase().slice(0, 40));
  }

  /** A new link's email was accepted by the mail server: the student's older links stop working. */
  private async onLinkEmailSent(sent: SentEmail): Promise<void> {
    const token = sent.secret?.split('/').pop();
    if (sent.caseId && token) await this.links.revokeOlderThan(sent.caseId, 'student', token);
  }

  /** The job of a link request: a complaint whose student email matches gets a new link. */
  async handleLinkRequest(requestId: string): Promise<void> {
    await this.tx.run(async (tx) => {
      const request = await this.deferred.take(tx.m, requestId, 'case_link');
      if (!request?.reference) return;
      // DigiD reports have no private link (their student gets emails only).
      const c = await this.repo.findByReference(request.reference);
      if (!this.cases.isOf(c) || c.studentEmail.toLowerCase() !== request.email.toLowerCase()) return;
      const token = await this.links.create(tx.m, c.id, 'student', this.config.auth.studentLinkDays);
      const { id, suppressed } = await this.outbox.insertWithStatus(tx.m, {
        caseId: c.id,
        template: 'case_link',
        language: c.studentLanguage,
        recipient: c.studentEmail,
        data: { reference: c.reference, studentName: c.studentName },
        secret: this.studentUrl(token),
      });
      // Anyone who knows the reference and the email can ask for this. Past the per-recipient
      // cap the email is kept as suppressed and never sent: then the links the student has must
      // keep working (and the new one, never sent, must not). Only a link whose email was really
      // sent replaces the older ones ("older links no longer work", as the email says): see
      // onLinkEmailSent.
      if (suppressed) {
        await this.links.revoke(tx.m, token);
        return;
      }
      tx.afterCommit(emailJob(id));
    });
  }

  // ---------------------------------------------------------------- the school's private link

  /** The complaint a live school link opens; 404 `link_invalid` for anything else (unknown, expired, revoked, a student's link). */
  caseForSchool(token: string): Promise<Complaint> {
    return this.caseByLink(
      token,
      'school',
      'This link is not valid (any more). Ask Blik op Werk for a new link.',
    );
  }

  /**
   * The complaint as the school sees it: the complaint's own text and the student's name, the
   * school's deadline, and what the school itself did through its link. Never the student's
   * contact details, internal notes or the body's own timeline.
   */
  async schoolView(token: string) {
    const c = await this.caseForSchool(token);
    const own = (await this.events.forCase(c.id)).filter((e) => e.actorType === 'school');
    const acknowledged = own.find((e) => e.kind === 'school_acknowledged');
    const answered = own.find((e) => e.kind === 'school_final_answer');
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      reference: c.reference,
      status: c.status,
      schoolName: c.schoolName,
      studentName: c.studentName,
      subject: c.subject,
      description: c.description,
      desiredOutcome: c.desiredOutcome,
      filedWithSchoolOn: c.filedWithSchoolOn,
      schoolDeadline: c.schoolDeadline,
      acknowledgedAt: acknowledged?.at ?? null,
      // The school's own answer, or the date staff recorded for it (then without the school's text).
      finalAnswer: answered
        ? { on: text(answered.data.schoolFinalAnswerOn), text: text(answered.data.answer), at: answered.at }
        : c.schoolFinalAnswerOn
          ? { on: c.schoolFinalAnswerOn, text: null, at: null }
          : null,
      /** The school may act only while the school stage runs. */
      open: schoolLinkAllowed(c.status, 'schoolAcknowledge'),
    };
  }

  /** The school confirms it has received the complaint (once; the student sees it). */
  async schoolAcknowledge(token: string): Promise<Complaint> {
    const c = await this.caseForSchool(token);
    return this.act(c.reference, 'schoolAcknowledge', undefined, async (k, tx) => {
      if (await this.hasSchoolEvent(tx, k.id, 'school_acknowledged')) {
        throw conflict('The school has already confirmed receipt', 'school_already_acknowledged');
      }
      await this.events.append(tx.m, k.id, SCHOOL, 'school_acknowledged', 'student', {});
      return {};
    });
  }

  /** The school records its final answer through its link: the same rule as staff recording it, plus the answer text. */
  async schoolFinalAnswer(token: string, answeredOn: IsoDate, answer: string): Promise<Complaint> {
    const c = await this.caseForSchool(token);
    return this.recordSchoolAnswer(c.reference, answeredOn, undefined, SCHOOL, undefined, answer);
  }

  private hasSchoolEvent(tx: Tx, caseId: string, kind: string): Promise<boolean> {
    return this.repo.hasEventBy(tx.m, caseId, kind, SCHOOL.type);
  }

  // ---------------------------------------------------------------- reminders

  private async onSchoolStageReminder(tx: Tx, ctx: ReminderContext): Promise<void> {
    const c = await this.repo.findById(ctx.deadline.caseId, tx.m);
    if (!c) return;
    if (ctx.reminderKind === 'school_before' && c.schoolEmail) {
      // Links are stored hashed, so the reminder carries a fresh one; the first link keeps working.
      const token = await this.links.create(tx.m, c.id, 'school', this.config.auth.schoolLinkDays);
      await this.email(tx, {
        caseId: c.id,
        template: 'school_deadline_reminder',
        language: 'nl',
        recipient: c.schoolEmail,
        data: {
          reference: c.reference,
          schoolName: c.schoolName,
          dueOn: ctx.deadline.dueOn,
        },
        secret: this.schoolUrl(token),
      });
      await this.events.append(tx.m, c.id, { type: 'system' }, 'school_reminded', 'internal', {
        dueOn: ctx.deadline.dueOn,
        late: ctx.late,
      });
    }
    if (ctx.reminderKind === 'student_stage_ended') {
      const token = await this.links.create(tx.m, c.id, 'student', this.config.auth.studentLinkDays);
      await this.cases.emailStudent(
        tx,
        c,
        'school_stage_ended',
        { dueOn: ctx.deadline.dueOn },
        { secret: this.studentUrl(token) },
      );
      await this.events.append(tx.m, c.id, { type: 'system' }, 'school_stage_ended', 'student', {
        dueOn: ctx.deadline.dueOn,
        late: ctx.late,
      });
    }
  }

  // ---------------------------------------------------------------- helpers

  private email(tx: Tx, row: NewOutboxRow): Promise<void> {
    return this.actions.email(tx, row);
  }

  studentUrl(token: string): string {
    return `${this.config.http.appUrl}/c/${token}`;
  }

  schoolUrl(token: string): string {
    return `${this.config.http.appUrl}/school/${token}`;
  }
}

/** Internal details never reach the student's page. */
function studentSafeData(kind: string, data: Record<string, unknown>): Record<string, unknown> {
  if (
    kind === 'note' ||
    kind === 'decided' ||
    kind === 'escalated' ||
    kind === 'extended' ||
    kind === 'withdrawn'
  )
    return data;
  // The school's own answer is for the student; a staff note on it is not.
  if (kind === 'school_final_answer') return definedOf(data, ['schoolFinalAnswerOn', 'answer']);
  return definedOf(data, [
    'reasonCode',
    'outcome',
    'dueOn',
    'schoolDeadline',
    'filedWithSchoolOn',
    'decisionDeadline',
    'schoolFinalAnswerOn',
    'weightyReasonForTermination',
  ]);
}

/** These fields of the data, in this order, leaving out those it does not have. */
function definedOf(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((k) => (data[k] === undefined ? [] : [[k, data[k]]])));
}

/** The staff view of a complaint (API field names as in the contract). */
export function present(c: Complaint) {
  return {
    ...caseHead(c),
    ...caseParties(c),
    subject: c.subject,
    description: c.description,
    desiredOutcome: c.desiredOutcome,
    needsHelpFiling: c.needsHelpFiling,
    filedWithSchoolOn: c.filedWithSchoolOn,
    schoolDeadline: c.schoolDeadline,
    schoolFinalAnswerOn: c.schoolFinalAnswerOn,
    schoolRefused: c.schoolRefused,
    escalatedOn: c.escalatedOn,
    escalationBasis: c.escalationBasis,
    escalationReason: c.escalationReason,
    acknowledgedOn: c.acknowledgedOn,
    ...caseHandling(c),
    ...caseDecision(c),
    arbitration: c.arbitrationReferredOn
      ? {
          body: c.arbitrationBody,
          referredOn: c.arbitrationReferredOn,
          outcome: c.arbitrationOutcome,
          outcomeOn: c.arbitrationOutcomeOn,
        }
      : null,
    ...caseTail(c),
  };
}
