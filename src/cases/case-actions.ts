import { Inject, Injectable } from '@nestjs/common';
import { auditActor, type AuditActor, type Caller } from '../audit/actors.js';
import { EventsRepository } from '../audit/events.repository.js';
import { can } from '../auth/policy.js';
import { UsersRepository } from '../auth/users.repository.js';
import type { IsoDate } from '../common/dates.js';
import { Clock } from '../common/clock.js';
import { caseNotFound, conflict, forbidden, unprocessable } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TxRunner, type Tx } from '../database/tx.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import { remindStaff, type HandlingDeadline } from '../deadlines/handling-deadline.js';
import type { ReminderContext } from '../deadlines/reminders.processor.js';
import { NewOutboxRow, OutboxRepository } from '../notifications/outbox.repository.js';
import type { TemplateData, TemplateName } from '../notifications/templates.js';

/** What a student email's template needs besides the case reference and the student's name. */
export type StudentEmailData<N extends TemplateName> = N extends TemplateName
  ? Omit<TemplateData[N], 'reference' | 'studentName'>
  : never;
import { emailJob } from '../queue/jobs.js';
import { CaseFields, CaseOf, CaseRow, CasesRepository } from './cases.repository.js';
import { extensionCheck, mayBeAssigned, type CaseType, type SharedCaseAction } from './cases.rules.js';

/**
 * What the shared machinery needs to know of a case type: its statuses and state table (from
 * its rules), how errors name it, where the console shows it, and the deadline it is handled by.
 */
export interface CaseKind<S extends string, A extends string> {
  type: CaseType;
  /** How an error names a case of this type: "the complaint", "the DigiD report". */
  noun: string;
  statuses: readonly S[];
  /** The state table: may `action` be taken in `status`? (A names the shared actions too.) */
  isAllowed(status: S, action: A | SharedCaseAction): boolean;
  allowedActions(status: S): readonly string[];
  /** The case's page in the console, from the application's address on. */
  consolePath(reference: string): string;
  handling: {
    deadline: HandlingDeadline;
    /** The day the handling deadline counts from (the escalation, the investigation's start). */
    startedOn(c: CaseOf<S>, tx: Tx): Promise<IsoDate>;
    /** The status while the deadline stands still, and the status it runs in again. */
    paused: S;
    running: S;
    /** The student's email announcing an extension. */
    extendedTemplate: TemplateName;
  };
}

/**
 * The shared case machinery, bound to one case type by `forType`: every change to a case runs
 * through `act` (load, check the version and the state table, let the type write its events,
 * deadlines and emails, update the row at the version read), and the actions every case type
 * has (assign, notes, pause, resume, extend, close) are written once here.
 */
@Injectable()
export class CaseActions {
  constructor(
    readonly repo: CasesRepository,
    readonly tx: TxRunner,
    readonly events: EventsRepository,
    readonly deadlines: DeadlinesService,
    readonly outbox: OutboxRepository,
    readonly users: UsersRepository,
    readonly clock: Clock,
    @Inject(APP_CONFIG) readonly config: AppConfig,
  ) {}

  forType<S extends string, A extends string>(kind: CaseKind<S, A>): CaseRunner<S, A> {
    return new CaseRunner(this, kind);
  }

  /** An email decided now and sent after the commit (never within the request). */
  async email(tx: Tx, row: NewOutboxRow): Promise<void> {
    const id = await this.outbox.insert(tx.m, row);
    tx.afterCommit(emailJob(id));
  }
}

export class CaseRunner<S extends string, A extends string> {
  constructor(
    private readonly s: CaseActions,
    readonly kind: CaseKind<S, A>,
  ) {}

  /** Is this row a case of this type (and in one of its statuses)? */
  isOf(c: CaseRow | null): c is CaseOf<S> {
    return !!c && c.type === this.kind.type && (this.kind.statuses as readonly string[]).includes(c.status);
  }

  /** The case of this type with this reference; 404 for none, or a case of another type. */
  async find(reference: string, m?: Tx['m']): Promise<CaseOf<S>> {
    const c = await this.s.repo.findByReference(reference, m);
    if (!this.isOf(c)) throw caseNotFound();
    return c;
  }

  /** The case of this type with this id, or null. */
  async findById(id: string, m?: Tx['m']): Promise<CaseOf<S> | null> {
    const c = await this.s.repo.findById(id, m);
    return this.isOf(c) ? c : null;
  }

  /**
   * Every change goes through here: load, check the version the caller read and the transition,
   * let `work` write its events, deadlines and emails, then update the row at the version read
   * (optimistic locking), all in one transaction. Answers the case's id.
   */
  async act(
    reference: string,
    action: A | SharedCaseAction,
    expectedVersion: number | undefined,
    work: (c: CaseOf<S>, tx: Tx, today: IsoDate) => Promise<CaseFields | void>,
  ): Promise<string> {
    const today = this.s.clock.today();
    return this.s.tx.run(async (tx) => {
      const c = await this.find(reference, tx.m);
      if (expectedVersion !== undefined && expectedVersion !== c.version) throw versionConflict(c.version);
      if (!this.kind.isAllowed(c.status, action)) {
        throw conflict(
          `"${action}" is not possible while the ${this.kind.noun} is ${c.status}`,
          'illegal_transition',
          { state: c.status, allowedActions: this.kind.allowedActions(c.status) },
        );
      }
      const fields = (await work(c, tx, today)) ?? {};
      if (!(await this.s.repo.update(tx.m, c.id, c.version, fields))) throw versionConflict(c.version + 1);
      return c.id;
    });
  }

  /** Records an event on the case's timeline. */
  event(
    tx: Tx,
    c: { id: string },
    actor: AuditActor,
    kind: string,
    visibility: 'student' | 'internal',
    data: Record<string, unknown> = {},
  ): Promise<void> {
    return this.s.events.append(tx.m, c.id, actor, kind, visibility, data);
  }

  email(tx: Tx, row: NewOutboxRow): Promise<void> {
    return this.s.email(tx, row);
  }

  /** An email to the case's student, in their language; every one names the case and greets them by name. */
  emailStudent<N extends TemplateName>(
    tx: Tx,
    c: CaseRow,
    template: N,
    data: StudentEmailData<N>,
    options: Pick<NewOutboxRow, 'secret' | 'capped'> = {},
  ): Promise<void> {
    // The template's data type is checked at the call (StudentEmailData); the two names are added here.
    const row = {
      caseId: c.id,
      template,
      language: c.studentLanguage,
      recipient: c.studentEmail,
      data: { reference: c.reference, studentName: c.studentName, ...data },
      ...options,
    } as unknown as NewOutboxRow<N>;
    return this.email(tx, row);
  }

  // ---------------------------------------------------------------- the actions every case type has

  /** Jurists take cases themselves; a supervisor or intake assigns to others. */
  async assign(reference: string, assigneeId: string | null, caller: Caller, version?: number) {
    if (assigneeId) {
      if (!mayBeAssigned(await this.s.users.findById(assigneeId))) {
        throw unprocessable(
          'Cases can be assigned to active jurists and supervisors only',
          'invalid_assignee',
          [{ field: 'assigneeId', message: 'not an active jurist or supervisor' }],
        );
      }
      if (
        assigneeId !== caller.user.id &&
        !can(caller.user.roles, 'case.override') &&
        !caller.user.roles.includes('intake')
      ) {
        throw forbidden('Jurists assign cases to themselves; a supervisor or intake assigns to others');
      }
    }
    return this.act(reference, 'assign', version, async (c, tx) => {
      await this.event(tx, c, auditActor(caller.user), 'assigned', 'internal', { assigneeId });
      return { assigneeId };
    });
  }

  addNote(reference: string, text: string, visibleToStudent: boolean, actor: AuditActor, version?: number) {
    return this.act(reference, 'addNote', version, async (c, tx) => {
      await this.event(tx, c, actor, 'note', visibleToStudent ? 'student' : 'internal', { text });
    });
  }

  /** The handling deadline stands still; the reason is for the student, a note stays internal. */
  pause(reference: string, reasonCode: string, note: string | undefined, caller: Caller, version?: number) {
    const by = auditActor(caller.user);
    return this.act(reference, 'pause', version, async (c, tx, today) => {
      await this.kind.handling.deadline.pause(tx, c.id);
      await this.event(tx, c, by, 'paused', 'student', { reasonCode });
      if (note) await this.event(tx, c, by, 'note', 'internal', { text: note });
      return { status: this.kind.handling.paused, pausedSince: today, pauseReason: reasonCode };
    });
  }

  /** The deadline runs again, as far later as the pause lasted. */
  resume(reference: string, caller: Caller, version?: number) {
    const h = this.kind.handling;
    return this.act(reference, 'resume', version, async (c, tx, today) => {
      const { days, pausedDays, e } = await h.deadline.resume(tx, c, await h.startedOn(c, tx), today);
      await this.event(tx, c, auditActor(caller.user), 'resumed', 'student', {
        pausedDays: days,
        decisionDeadline: e.deadline,
      });
      return { status: h.running, pausedSince: null, pauseReason: null, pausedDays };
    });
  }

  /** One extension of at most 4 weeks, announced before the deadline; the student is told. [decision] */
  extend(reference: string, weeks: number, reason: string, caller: Caller, version?: number) {
    const h = this.kind.handling;
    return this.act(reference, 'extend', version, async (c, tx, today) => {
      // While paused, the deadline stands as far later as the pause has lasted.
      const dueNow = await h.deadline.dueNow(tx, c, today);
      const check = extensionCheck({ extensionWeeks: c.extensionWeeks, weeks, today, decisionDueOn: dueNow });
      if (!check.allowed) throw conflict(check.reason, check.code);
      const e = await h.deadline.extend(tx, c, await h.startedOn(c, tx), weeks);
      await this.event(tx, c, auditActor(caller.user), 'extended', 'student', {
        weeks,
        reason,
        decisionDeadline: e.deadline,
      });
      await this.emailStudent(tx, c, h.extendedTemplate, { weeks, reason, decideBy: e.deadline });
      return { extensionWeeks: weeks, extensionReason: reason };
    });
  }

  close(reference: string, caller: Caller, version?: number) {
    return this.act(reference, 'close', version, async (c, tx, today) => {
      await this.event(tx, c, auditActor(caller.user), 'closed', 'student');
      return { status: 'closed', closedOn: today, open: false };
    });
  }

  // ---------------------------------------------------------------- reads and reminders

  /** The staff view's deadlines (with their explanation), timeline and emails of a case. */
  async history(caseId: string) {
    const [deadlines, events, emails] = await Promise.all([
      this.s.deadlines.forCase(caseId),
      this.s.events.forCase(caseId),
      this.s.outbox.forCase(caseId),
    ]);
    return {
      deadlines: deadlines.map((d) => ({
        kind: d.kind,
        dueOn: d.dueOn,
        status: d.status,
        explanation: d.explanation,
      })),
      events,
      emails: emails.map((e) => ({
        id: e.id,
        template: e.template,
        recipient: e.recipient,
        status: e.status,
        attempts: e.attempts,
        lastError: e.lastError,
        createdAt: e.createdAt,
        sentAt: e.sentAt,
      })),
    };
  }

  /** A staff deadline's reminder or breach for a case of this type (see remindStaff). */
  async remindStaff(
    tx: Tx,
    ctx: ReminderContext,
    labels: Record<string, { nl: string; en: string }>,
  ): Promise<void> {
    const c = await this.s.repo.findById(ctx.deadline.caseId, tx.m);
    if (!c) return;
    const label = labels[ctx.deadline.kind] ?? { nl: ctx.deadline.kind, en: ctx.deadline.kind };
    const url = `${this.s.config.http.appUrl}${this.kind.consolePath(c.reference)}`;
    await remindStaff(tx, ctx, c, label, url, {
      users: this.s.users,
      events: this.s.events,
      email: (t, row) => this.email(t, row),
    });
  }
}

function versionConflict(current: number) {
  return conflict(
    'Someone else changed this case in the meantime. Reload it and try again.',
    'version_conflict',
    { currentVersion: current },
  );
}
