import { auditActor, type Caller } from '../audit/actors.js';
import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { LogCaseRead } from '../audit/read-log.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { CaseAccessGuard } from '../auth/case-access.guard.js';
import { Allow, can, type Permission } from '../auth/policy.js';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { caseNotFound } from '../common/problem.js';
import {
  ARBITRATION_OUTCOMES,
  allowedActions,
  type ComplaintAction,
  escalationCheck,
  OUTCOMES,
  schoolLinkAllowed,
} from '../complaints/complaints.rules.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { OBJECTION_OUTCOMES, OBJECTION_PARTIES } from '../complaints/objections.rules.js';
import { ObjectionsService } from '../complaints/objections.service.js';
import {
  actionInput,
  AddNoteFields,
  assigneeChoices,
  AssignFields,
  CaseActionForm,
  caseActionErrors,
  CaseDeadlines,
  CaseEmails,
  type CasePageState as PageState,
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
import { Checkbox, DataList, type FieldError, Link, P, Select, TextArea, TextField } from './components.js';
import { CaseStatus, consoleContext, type ConsoleContext } from './console.views.js';
import { FormCheck } from './forms.js';
import { formatDate, formatDateTime, type Messages } from './i18n.js';
import { PageErrorFilter } from './page-errors.js';
import { query, redirect } from './web.http.js';

const REFERENCE = /^[A-Z]{1,3}-\d{4}-\d{6}$/;

/** The permission behind each action: the same as the JSON API's @Allow for that action. */
export const ACTION_PERMISSION: Record<ComplaintAction, Permission> = {
  fileWithSchool: 'case.intake',
  recordSchoolAnswer: 'case.intake',
  resolveBySchool: 'case.intake',
  escalate: 'case.intake',
  acknowledge: 'case.handle',
  assign: 'case.assign',
  pause: 'case.handle',
  resume: 'case.handle',
  extend: 'case.handle',
  decide: 'case.handle',
  referToArbitration: 'case.handle',
  recordArbitrationOutcome: 'case.handle',
  withdraw: 'case.handle',
  close: 'case.handle',
  addNote: 'case.note',
};

/** The order the action forms appear in on the case page. */
const ACTION_ORDER: ComplaintAction[] = [
  'acknowledge',
  'decide',
  'pause',
  'resume',
  'extend',
  'escalate',
  'fileWithSchool',
  'recordSchoolAnswer',
  'resolveBySchool',
  'referToArbitration',
  'recordArbitrationOutcome',
  'close',
  'assign',
  'addNote',
  'withdraw',
];

/** The actions this user may take on a case in this status: allowed by the lifecycle and by the role. */
export function visibleActions(
  status: Parameters<typeof allowedActions>[0],
  roles: readonly string[],
): ComplaintAction[] {
  const allowed = allowedActions(status);
  return ACTION_ORDER.filter((a) => allowed.includes(a) && can(roles, ACTION_PERMISSION[a]));
}

type Detail = Awaited<ReturnType<ComplaintsService['detail']>>;

/** The form a problem belongs to: a lifecycle action, the school link, or an objection form. */
type CasePageState = PageState<ComplaintAction | 'schoolLink' | 'recordObjection' | 'decideObjection'>;

function ref(reference: string): string {
  const r = reference.toUpperCase();
  if (!REFERENCE.test(r)) throw caseNotFound();
  return r;
}

@ApiExcludeController()
@Controller('console/cases')
@UseFilters(PageErrorFilter)
@UseGuards(CaseAccessGuard)
export class CasePagesController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly objections: ObjectionsService,
  ) {}

  @Get(':reference')
  @Allow('case.read')
  @LogCaseRead()
  async show(
    @Param('reference') reference: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // A DigiD report has its own page (digid.pages.tsx); links to /console/cases/<ref> lead there.
    if (/^D-/i.test(reference)) return redirect(reply, `/console/digid/${ref(reference)}`);
    await this.render(req, reply, ref(reference), { done: query(req).done });
  }

  // ------------------------------------------------------------------ actions (one route each, so each declares its permission)

  @Post(':reference/file-with-school')
  @Allow('case.intake')
  fileWithSchool(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'fileWithSchool', (f, today) => {
      const date = f.date('filedWithSchoolOn', {
        required: true,
        notAfter: today,
        field: 'fileWithSchool-date',
      });
      return (ref, actor, v) => this.complaints.fileWithSchool(ref, date!, actor, v);
    });
  }

  @Post(':reference/school-answer')
  @Allow('case.intake')
  schoolAnswer(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'recordSchoolAnswer', (f, today) => {
      const date = f.date('schoolFinalAnswerOn', {
        required: true,
        notAfter: today,
        field: 'recordSchoolAnswer-date',
      });
      const note = f.text('note', { max: 5_000, field: 'recordSchoolAnswer-note' });
      return (ref, actor, v) =>
        this.complaints.recordSchoolAnswer(ref, date!, note, auditActor(actor.user), v);
    });
  }

  @Post(':reference/resolved-by-school')
  @Allow('case.intake')
  resolvedBySchool(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(
      req,
      reply,
      r,
      'resolveBySchool',
      () => (ref, actor, v) => this.complaints.resolveBySchool(ref, auditActor(actor.user), v),
    );
  }

  @Post(':reference/escalate')
  @Allow('case.intake')
  escalate(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'escalate', (f) => {
      const reason = f.text('reason', { required: true, max: 5_000, field: 'escalate-reason' });
      const input = {
        reason: reason!,
        studentRejectsFinalAnswer: f.checked('rejects') || undefined,
        schoolRefused: f.checked('refused') || undefined,
        override: f.checked('override') || undefined,
      };
      return (ref, actor, v) => this.complaints.escalate(ref, input, actor, v);
    });
  }

  @Post(':reference/acknowledge')
  @Allow('case.handle')
  acknowledge(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(
      req,
      reply,
      r,
      'acknowledge',
      () => (ref, actor, v) => this.complaints.acknowledge(ref, actor, v),
    );
  }

  @Post(':reference/assign')
  @Allow('case.assign')
  assign(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'assign', (f) => {
      const assigneeId = readAssign(f);
      return (ref, actor, v) => this.complaints.assign(ref, assigneeId, actor, v);
    });
  }

  @Post(':reference/pause')
  @Allow('case.handle')
  pause(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'pause', (f) => {
      const { reason, note } = readPause(f);
      return (ref, actor, v) => this.complaints.pause(ref, reason!, note, actor, v);
    });
  }

  @Post(':reference/resume')
  @Allow('case.handle')
  resume(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'resume', () => (ref, actor, v) => this.complaints.resume(ref, actor, v));
  }

  @Post(':reference/extend')
  @Allow('case.handle')
  extend(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'extend', (f) => {
      const { weeks, reason } = readExtend(f);
      return (ref, actor, v) => this.complaints.extend(ref, weeks!, reason!, actor, v);
    });
  }

  @Post(':reference/decide')
  @Allow('case.handle')
  decide(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'decide', (f) => {
      const outcome = f.oneOf('outcome', OUTCOMES, { required: true, field: 'decide-outcome' });
      const summary = f.text('summary', { required: true, max: 20_000, field: 'decide-summary' });
      return (ref, actor, v) => this.complaints.decide(ref, outcome!, summary!, actor, v);
    });
  }

  @Post(':reference/arbitration')
  @Allow('case.handle')
  arbitration(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'referToArbitration', (f) => {
      const body = f.text('body', { max: 200, field: 'referToArbitration-body' });
      return (ref, actor, v) => this.complaints.referToArbitration(ref, body, actor, v);
    });
  }

  @Post(':reference/arbitration-outcome')
  @Allow('case.handle')
  arbitrationOutcome(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'recordArbitrationOutcome', (f) => {
      const outcome = f.oneOf('outcome', ARBITRATION_OUTCOMES, {
        required: true,
        field: 'recordArbitrationOutcome-outcome',
      });
      const note = f.text('note', { max: 5_000, field: 'recordArbitrationOutcome-note' });
      return (ref, actor, v) => this.complaints.recordArbitrationOutcome(ref, outcome!, note, actor, v);
    });
  }

  @Post(':reference/withdraw')
  @Allow('case.handle')
  withdraw(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'withdraw', (f) => {
      const reason = f.text('reason', { max: 2_000, field: 'withdraw-reason' });
      return (ref, actor, v) => this.complaints.withdraw(ref, reason, auditActor(actor.user), v);
    });
  }

  @Post(':reference/close')
  @Allow('case.handle')
  close(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'close', () => (ref, actor, v) => this.complaints.close(ref, actor, v));
  }

  @Post(':reference/notes')
  @Allow('case.note')
  note(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'addNote', (f) => {
      const { text, visible } = readNote(f);
      return (ref, actor) => this.complaints.addNote(ref, text!, visible, auditActor(actor.user));
    });
  }

  /** An objection (bezwaar) against the decision; the same permission as deciding. (2026-12) */
  @Post(':reference/objections')
  @Allow('case.handle')
  recordObjection(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(req, reply, r, 'recordObjection', (f, today) => {
      const receivedOn = f.date('receivedOn', {
        required: true,
        notAfter: today,
        field: 'recordObjection-date',
      });
      const lodgedBy = f.oneOf('lodgedBy', OBJECTION_PARTIES, {
        required: true,
        field: 'recordObjection-lodgedBy',
      });
      const note = f.text('note', { max: 5_000, field: 'recordObjection-note' });
      return (ref, actor) =>
        this.objections.record(ref, { receivedOn: receivedOn!, lodgedBy: lodgedBy!, note }, actor);
    });
  }

  @Post(':reference/objections/:objectionId/decide')
  @Allow('case.handle')
  decideObjection(
    @Param('reference') r: string,
    @Param('objectionId') objectionId: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(req, reply, r, 'decideObjection', (f, today) => {
      const decidedOn = f.date('decidedOn', {
        required: true,
        notAfter: today,
        field: 'decideObjection-date',
      });
      const outcome = f.oneOf('outcome', OBJECTION_OUTCOMES, {
        required: true,
        field: 'decideObjection-outcome',
      });
      const note = f.text('note', { max: 5_000, field: 'decideObjection-note' });
      return (ref, actor) =>
        this.objections.decide(ref, objectionId, { decidedOn: decidedOn!, outcome: outcome!, note }, actor);
    });
  }

  /** A new private link for the school (older ones stop working): who may handle the school stage may send it. */
  @Post(':reference/school-link')
  @Allow('case.intake')
  schoolLink(@Param('reference') r: string, @Req() req: StaffRequest, @Res() reply: FastifyReply) {
    return this.act(
      req,
      reply,
      r,
      'schoolLink',
      () => (ref, actor, v) => this.complaints.resendSchoolLink(ref, actor, v),
    );
  }

  /**
   * Checks the form; on success runs the action at the version the user saw and redirects back
   * (POST-redirect-GET); otherwise shows the case again with an error summary.
   */
  private async act(
    req: StaffRequest,
    reply: FastifyReply,
    reference: string,
    action: ComplaintAction | 'schoolLink' | 'recordObjection' | 'decideObjection',
    parse: (
      f: FormCheck,
      today: string,
    ) => (reference: string, actor: Caller, version?: number) => Promise<unknown>,
  ): Promise<void> {
    const r = ref(reference);
    return submitCaseAction(
      req,
      reply,
      action,
      (f) => {
        const run = parse(f, this.clock.today());
        return (actor, version) => run(r, actor, version);
      },
      (o, status) => this.render(req, reply, r, o, status),
      `/console/cases/${r}?done=${action}`,
    );
  }

  // ------------------------------------------------------------------ the page

  private async render(
    req: StaffRequest,
    reply: FastifyReply,
    reference: string,
    o: CasePageState,
    status = 200,
  ): Promise<void> {
    const c = consoleContext(req);
    const d = await this.complaints.detail(reference);
    const actions = visibleActions(d.status, c.user.roles);
    const assignees = actions.includes('assign') ? await assigneeChoices(this.users, c) : [];
    const cs = c.m.console.case;
    const errors = this.errors(c.m, o);
    const doneText =
      o.done === 'schoolLink'
        ? c.m.school.staff.done
        : o.done
          ? (c.m.console.done as Record<string, string>)[o.done]
          : undefined;
    // Objections: on a decided case, for who may decide. One open at a time. (2026-12)
    const objectionsAllowed = d.decidedOn !== null && can(c.user.roles, 'case.handle');
    const openObjection = d.objections.find((x) => x.decidedOn === null);
    const schoolLink =
      Boolean(d.school) &&
      schoolLinkAllowed(d.status, 'resendSchoolLink') &&
      can(c.user.roles, 'case.intake');

    sendCasePage(
      req,
      reply,
      c,
      {
        title: cs.title(d.reference),
        path: `/console/cases/${d.reference}`,
        errors,
        doneText,
        sections: (
          <>
            <CaseSection id="summary" title={cs.summary}>
              <Summary m={c.m} d={d} />
            </CaseSection>
            <CaseSection id="deadlines" title={cs.deadlinesTitle}>
              <CaseDeadlines m={c.m} deadlines={d.deadlines} kinds={c.m.console.deadlineKinds} />
            </CaseSection>
            <CaseSection id="timeline" title={cs.timelineTitle}>
              <CaseTimeline
                m={c.m}
                events={d.events}
                kindLabel={(kind) => cs.eventKinds[kind] ?? kind}
                detail={(e) => <EventDetail m={c.m} kind={e.kind} data={e.data} />}
              />
            </CaseSection>
            {d.objections.length ? (
              <CaseSection id="objections" title={c.m.console.objections.title}>
                <Objections m={c.m} d={d} />
              </CaseSection>
            ) : null}
            <CaseSection id="emails" title={cs.emailsTitle}>
              <CaseEmails m={c.m} emails={d.emails} withDelivery />
            </CaseSection>
          </>
        ),
        forms: actions.map((a) => (
          <ActionForm a={a} c={c} d={d} o={o} assignees={assignees} today={this.clock.today()} />
        )),
        afterForms: (
          <>
            {schoolLink ? <SchoolLinkForm c={c} d={d} /> : null}
            {objectionsAllowed ? (
              <ObjectionForm c={c} d={d} o={o} open={openObjection} today={this.clock.today()} />
            ) : null}
          </>
        ),
      },
      status,
    );
  }

  private errors(m: Messages, o: CasePageState): FieldError[] {
    return caseActionErrors(m, o, fieldLabels(m), (problem, code) => {
      const message = m.console.actionErrors[code] ?? m.console.actionErrors.other;
      const earliest = problem.extra.earliestOn;
      if (code === 'escalation_not_yet_allowed' && typeof earliest === 'string') {
        return `${message} ${m.console.actions.escalate.notYet(formatDate(earliest, m))}`;
      }
      return message;
    });
  }
}

function fieldLabels(m: Messages): Record<string, string> {
  const a = m.console.actions;
  return {
    'fileWithSchool-date': a.fileWithSchool.date,
    'recordSchoolAnswer-date': a.recordSchoolAnswer.date,
    'recordSchoolAnswer-note': a.recordSchoolAnswer.note,
    'escalate-reason': a.escalate.reason,
    'assign-assignee': a.assign.assignee,
    'pause-reason': a.pause.reason,
    'pause-note': a.pause.note,
    'extend-weeks': a.extend.weeks,
    'extend-reason': a.extend.reason,
    'decide-outcome': a.decide.outcome,
    'decide-summary': a.decide.summary,
    'referToArbitration-body': a.referToArbitration.body,
    'recordArbitrationOutcome-outcome': a.recordArbitrationOutcome.outcome,
    'recordArbitrationOutcome-note': a.recordArbitrationOutcome.note,
    'withdraw-reason': a.withdraw.reason,
    'addNote-text': a.addNote.text,
    'recordObjection-date': m.console.objections.receivedOn,
    'recordObjection-lodgedBy': m.console.objections.lodgedBy,
    'recordObjection-note': m.console.objections.note,
    'decideObjection-date': m.console.objections.decidedOn,
    'decideObjection-outcome': m.console.objections.outcome,
    'decideObjection-note': m.console.objections.decisionNote,
  };
}

/** The objections on the case, oldest first. */
function Objections({ m, d }: { m: Messages; d: Detail }) {
  const t = m.console.objections;
  return (
    <>
      {d.objections.map((x) => (
        <DataList
          items={[
            [t.receivedOn, formatDate(x.receivedOn, m)],
            [t.lodgedBy, t.parties[x.lodgedBy] ?? x.lodgedBy],
            [t.recordedBy, x.recordedBy?.name ?? m.common.dash],
            ...(x.note ? ([[t.note, x.note]] as [string, string][]) : []),
            [t.decidedOn, x.decidedOn ? formatDate(x.decidedOn, m) : t.open],
            ...(x.outcome ? ([[t.outcome, t.outcomes[x.outcome] ?? x.outcome]] as [string, string][]) : []),
            ...(x.decisionNote ? ([[t.decisionNote, x.decisionNote]] as [string, string][]) : []),
          ]}
        />
      ))}
    </>
  );
}

/** Record an objection, or decide the open one. */
function ObjectionForm({
  c,
  d,
  o,
  open,
  today,
}: {
  c: ConsoleContext;
  d: Detail;
  o: CasePageState;
  open: Detail['objections'][number] | undefined;
  today: string;
}) {
  const t = c.m.console.objections;
  const mine = (a: string) => o.action === a;
  const v = (a: string, name: string) => (mine(a) ? (o.values?.[name] ?? '') : '');
  const err = (field: string) => (o.issues ?? []).find((i) => i.field === field) && c.m.fieldErrors.invalid;
  if (!open) {
    return (
      <CaseActionForm
        c={c}
        id="recordObjection"
        title={t.recordTitle}
        action={`/console/cases/${d.reference}/objections`}
        version={d.version}
        button={{ label: t.recordButton, variant: 'secondary' }}
      >
        <P>{t.recordText}</P>
        <TextField
          id="recordObjection-date"
          name="receivedOn"
          type="date"
          label={t.receivedOn}
          value={v('recordObjection', 'receivedOn') || today}
          error={err('recordObjection-date')}
          required
        />
        <Select
          id="recordObjection-lodgedBy"
          name="lodgedBy"
          label={t.lodgedBy}
          value={v('recordObjection', 'lodgedBy')}
          options={[
            { value: '', label: c.m.common.dash },
            ...OBJECTION_PARTIES.map((p) => ({ value: p, label: t.parties[p] })),
          ]}
          error={err('recordObjection-lodgedBy')}
          required
        />
        <TextArea
          id="recordObjection-note"
          name="note"
          label={t.note}
          optional={c.m.common.optional}
          value={v('recordObjection', 'note')}
          error={err('recordObjection-note')}
          rows={3}
        />
      </CaseActionForm>
    );
  }
  return (
    <CaseActionForm
      c={c}
      id="decideObjection"
      title={t.decideTitle}
      action={`/console/cases/${d.reference}/objections/${open.id}/decide`}
      version={d.version}
      button={{ label: t.decideButton, variant: 'primary' }}
    >
      <P>{`${t.receivedOn}: ${formatDate(open.receivedOn, c.m)} (${t.parties[open.lodgedBy] ?? open.lodgedBy})`}</P>
      <TextField
        id="decideObjection-date"
        name="decidedOn"
        type="date"
        label={t.decidedOn}
        value={v('decideObjection', 'decidedOn') || today}
        error={err('decideObjection-date')}
        required
      />
      <Select
        id="decideObjection-outcome"
        name="outcome"
        label={t.outcome}
        value={v('decideObjection', 'outcome')}
        options={[
          { value: '', label: c.m.common.dash },
          ...OBJECTION_OUTCOMES.map((x) => ({ value: x, label: t.outcomes[x] })),
        ]}
        error={err('decideObjection-outcome')}
        required
      />
      <TextArea
        id="decideObjection-note"
        name="note"
        label={t.decisionNote}
        optional={c.m.common.optional}
        value={v('decideObjection', 'note')}
        error={err('decideObjection-note')}
        rows={3}
      />
    </CaseActionForm>
  );
}

function Summary({ m, d }: { m: Messages; d: Detail }) {
  const cs = m.console.case;
  const date = (v: string | null) => formatDate(v, m);
  const items: [string, ComponentChildren][] = [
    [cs.status, <CaseStatus m={m} status={d.status} />],
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
    [cs.subject, <span id="case-subject">{d.subject}</span>],
    [
      cs.description,
      <span class="bow-pre" id="case-description">
        {d.description}
      </span>,
    ],
    [cs.desired, d.desiredOutcome ? <span class="bow-pre">{d.desiredOutcome}</span> : m.common.dash],
    [cs.assignee, d.assignee?.name ?? m.common.dash],
    [cs.needsHelp, d.needsHelpFiling ? m.common.yes : m.common.no],
    [cs.filedWithSchool, date(d.filedWithSchoolOn)],
    [cs.schoolDeadline, date(d.schoolDeadline)],
  ];
  // What the school did through its own link.
  const bySchool = (kind: string) => d.events.find((e) => e.kind === kind && e.actorType === 'school');
  const schoolAck = bySchool('school_acknowledged');
  if (schoolAck) items.push([m.school.staff.acknowledged, formatDateTime(schoolAck.at, m)]);
  if (d.schoolFinalAnswerOn) items.push([cs.schoolAnswer, date(d.schoolFinalAnswerOn)]);
  const schoolAnswer = bySchool('school_final_answer')?.data.answer;
  if (typeof schoolAnswer === 'string') {
    items.push([
      m.school.staff.answer,
      <span class="bow-pre" id="school-answer">
        {schoolAnswer}
      </span>,
    ]);
  }
  if (d.escalatedOn) {
    items.push([cs.escalated, date(d.escalatedOn)]);
    items.push([
      cs.escalationBasis,
      `${m.console.escalationBases[d.escalationBasis ?? ''] ?? d.escalationBasis ?? ''}${d.escalationReason ? `: ${d.escalationReason}` : ''}`,
    ]);
  }
  if (d.acknowledgedOn) items.push([cs.acknowledged, date(d.acknowledgedOn)]);
  if (d.pausedSince)
    items.push([
      cs.paused,
      `${date(d.pausedSince)} (${m.console.pauseReasons[d.pauseReason ?? ''] ?? d.pauseReason ?? ''})`,
    ]);
  if (d.pausedDays) items.push([cs.pausedDays, String(d.pausedDays)]);
  if (d.extensionWeeks)
    items.push([cs.extension, cs.extensionValue(d.extensionWeeks, d.extensionReason ?? '')]);
  if (d.outcome) items.push([cs.outcome, m.console.outcomes[d.outcome] ?? d.outcome]);
  if (d.decidedOn) items.push([cs.decided, date(d.decidedOn)]);
  if (d.decisionSummary) items.push([cs.decisionSummary, <span class="bow-pre">{d.decisionSummary}</span>]);
  if (d.arbitration) {
    items.push([
      cs.arbitration,
      cs.arbitrationValue(d.arbitration.body ?? '', date(d.arbitration.referredOn)),
    ]);
    if (d.arbitration.outcome)
      items.push([
        cs.arbitrationOutcome,
        `${m.console.arbitrationOutcomes[d.arbitration.outcome] ?? d.arbitration.outcome} (${date(d.arbitration.outcomeOn)})`,
      ]);
  }
  if (d.closedOn) items.push([cs.closed, date(d.closedOn)]);
  return <DataList items={items} />;
}

function EventDetail({ m, kind, data }: { m: Messages; kind: string; data: Record<string, unknown> }) {
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const parts: string[] = [];
  const t = (v: unknown) =>
    v !== undefined && v !== null && v !== '' && parts.push(isDate(v) ? formatDate(v as string, m) : str(v));
  switch (kind) {
    case 'note':
    case 'escalation_override':
      t(data.text ?? data.reason);
      break;
    case 'escalated':
      t(m.console.escalationBases[str(data.basis)]);
      t(data.reason);
      break;
    case 'paused':
      t(m.console.pauseReasons[str(data.reasonCode)]);
      break;
    case 'resumed':
      t(data.decisionDeadline);
      break;
    case 'extended':
      t(data.reason);
      t(data.decisionDeadline);
      break;
    case 'decided':
      t(m.console.outcomes[str(data.outcome)]);
      t(data.summary);
      break;
    case 'withdrawn':
      t(data.reason);
      break;
    case 'filed_with_school':
      t(data.filedWithSchoolOn);
      t(data.schoolDeadline);
      break;
    case 'school_final_answer':
      t(data.schoolFinalAnswerOn);
      t(data.note);
      t(data.answer);
      break;
    case 'referred_to_arbitration':
      t(data.body);
      break;
    case 'arbitration_outcome':
      t(m.console.arbitrationOutcomes[str(data.outcome)]);
      t(data.note);
      break;
    case 'complaint_received':
      t(m.console.channels[str(data.channel)]);
      break;
    case 'deadline_reminder':
    case 'deadline_breached':
    case 'school_reminded':
    case 'school_stage_ended':
      t(m.console.deadlineKinds[str(data.deadline)]);
      t(data.dueOn);
      break;
  }
  if (!parts.length) return null;
  return <p class="utrecht-paragraph bow-timeline__text">{parts.join(' — ')}</p>;
}

/** Sends the school a new private link to this complaint (the school stage only). */
function SchoolLinkForm({ c, d }: { c: ConsoleContext; d: Detail }) {
  const t = c.m.school.staff;
  return (
    <CaseActionForm
      c={c}
      id="schoolLink"
      title={t.title}
      action={`/console/cases/${d.reference}/school-link`}
      version={d.version}
      button={{ label: t.button, variant: 'secondary' }}
    >
      <P>{t.text}</P>
    </CaseActionForm>
  );
}

function ActionForm({
  a,
  c,
  d,
  o,
  assignees,
  today,
}: {
  a: ComplaintAction;
  c: ConsoleContext;
  d: Detail;
  o: CasePageState;
  assignees: { id: string; name: string }[];
  today: string;
}) {
  const m = c.m;
  const t = m.console.actions;
  const f = actionInput(m, o, a);
  const { v, err } = f;
  const slug: Record<ComplaintAction, string> = {
    fileWithSchool: 'file-with-school',
    recordSchoolAnswer: 'school-answer',
    resolveBySchool: 'resolved-by-school',
    escalate: 'escalate',
    acknowledge: 'acknowledge',
    assign: 'assign',
    pause: 'pause',
    resume: 'resume',
    extend: 'extend',
    decide: 'decide',
    referToArbitration: 'arbitration',
    recordArbitrationOutcome: 'arbitration-outcome',
    withdraw: 'withdraw',
    close: 'close',
    addNote: 'notes',
  };
  let fields: ComponentChildren = null;
  let button = '';
  switch (a) {
    case 'fileWithSchool':
      fields = (
        <TextField
          id="fileWithSchool-date"
          name="filedWithSchoolOn"
          type="date"
          label={t.fileWithSchool.date}
          value={v('filedWithSchoolOn')}
          error={err('fileWithSchool-date')}
          max={today}
          required
        />
      );
      button = t.fileWithSchool.button;
      break;
    case 'recordSchoolAnswer':
      fields = (
        <>
          <TextField
            id="recordSchoolAnswer-date"
            name="schoolFinalAnswerOn"
            type="date"
            label={t.recordSchoolAnswer.date}
            value={v('schoolFinalAnswerOn')}
            error={err('recordSchoolAnswer-date')}
            max={today}
            required
          />
          <TextArea
            id="recordSchoolAnswer-note"
            name="note"
            label={t.recordSchoolAnswer.note}
            optional={m.common.optional}
            value={v('note')}
            error={err('recordSchoolAnswer-note')}
            rows={3}
          />
        </>
      );
      button = t.recordSchoolAnswer.button;
      break;
    case 'resolveBySchool':
      fields = <P>{t.resolveBySchool.text}</P>;
      button = t.resolveBySchool.button;
      break;
    case 'escalate': {
      const check = escalationCheck({
        status: d.status,
        today,
        schoolDeadline: d.schoolDeadline,
        schoolFinalAnswerOn: d.schoolFinalAnswerOn,
        studentRejectsFinalAnswer: false,
        schoolRefused: d.schoolRefused,
        override: false,
      });
      fields = (
        <>
          <P>
            {check.allowed
              ? t.escalate.possible
              : d.schoolDeadline
                ? t.escalate.notYet(formatDate(d.schoolDeadline, m))
                : t.escalate.notFiled}
          </P>
          <TextArea
            id="escalate-reason"
            name="reason"
            label={t.escalate.reason}
            value={v('reason')}
            error={err('escalate-reason')}
            rows={3}
            required
          />
          {d.schoolFinalAnswerOn ? (
            <Checkbox
              id="escalate-rejects"
              name="rejects"
              label={t.escalate.rejects}
              checked={v('rejects') === 'true'}
            />
          ) : null}
          <Checkbox
            id="escalate-refused"
            name="refused"
            label={t.escalate.refused}
            checked={v('refused') === 'true'}
          />
          {can(c.user.roles, 'case.override') ? (
            <Checkbox
              id="escalate-override"
              name="override"
              label={t.escalate.override}
              checked={v('override') === 'true'}
            />
          ) : null}
        </>
      );
      button = t.escalate.button;
      break;
    }
    case 'acknowledge':
      fields = <P>{t.acknowledge.text}</P>;
      button = t.acknowledge.button;
      break;
    case 'assign':
      fields = <AssignFields m={m} f={f} current={d.assignee?.id} assignees={assignees} />;
      button = t.assign.button;
      break;
    case 'pause':
      fields = <PauseFields m={m} f={f} />;
      button = t.pause.button;
      break;
    case 'resume':
      fields = <P>{t.resume.text}</P>;
      button = t.resume.button;
      break;
    case 'extend':
      fields = <ExtendFields m={m} f={f} />;
      button = t.extend.button;
      break;
    case 'decide':
      fields = (
        <>
          <Select
            id="decide-outcome"
            name="outcome"
            label={t.decide.outcome}
            value={v('outcome') ?? ''}
            options={[
              { value: '', label: m.common.dash },
              ...OUTCOMES.map((x) => ({ value: x, label: m.console.outcomes[x] ?? x })),
            ]}
            error={err('decide-outcome')}
            required
          />
          <TextArea
            id="decide-summary"
            name="summary"
            label={t.decide.summary}
            value={v('summary')}
            error={err('decide-summary')}
            rows={5}
            required
          />
        </>
      );
      button = t.decide.button;
      break;
    case 'referToArbitration':
      fields = (
        <TextField
          id="referToArbitration-body"
          name="body"
          label={t.referToArbitration.body}
          hint={t.referToArbitration.bodyHint}
          optional={m.common.optional}
          value={v('body')}
          error={err('referToArbitration-body')}
        />
      );
      button = t.referToArbitration.button;
      break;
    case 'recordArbitrationOutcome':
      fields = (
        <>
          <Select
            id="recordArbitrationOutcome-outcome"
            name="outcome"
            label={t.recordArbitrationOutcome.outcome}
            value={v('outcome') ?? ''}
            options={[
              { value: '', label: m.common.dash },
              ...ARBITRATION_OUTCOMES.map((x) => ({
                value: x,
                label: m.console.arbitrationOutcomes[x] ?? x,
              })),
            ]}
            error={err('recordArbitrationOutcome-outcome')}
            required
          />
          <TextArea
            id="recordArbitrationOutcome-note"
            name="note"
            label={t.recordArbitrationOutcome.note}
            optional={m.common.optional}
            value={v('note')}
            error={err('recordArbitrationOutcome-note')}
            rows={3}
          />
        </>
      );
      button = t.recordArbitrationOutcome.button;
      break;
    case 'withdraw':
      fields = (
        <TextArea
          id="withdraw-reason"
          name="reason"
          label={t.withdraw.reason}
          optional={m.common.optional}
          value={v('reason')}
          error={err('withdraw-reason')}
          rows={3}
        />
      );
      button = t.withdraw.button;
      break;
    case 'close':
      fields = <P>{t.close.text}</P>;
      button = t.close.button;
      break;
    case 'addNote':
      fields = <AddNoteFields m={m} f={f} />;
      button = t.addNote.button;
      break;
  }
  return (
    <CaseActionForm
      c={c}
      id={a}
      title={t[a].title}
      action={`/console/cases/${d.reference}/${slug[a]}`}
      version={d.version}
      button={{ label: button, variant: a === 'withdraw' ? 'danger' : 'primary' }}
    >
      {fields}
    </CaseActionForm>
  );
}
