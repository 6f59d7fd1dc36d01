import { callerOf, type Caller } from '../audit/actors.js';
import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { CaseEvent } from '../audit/events.repository.js';
import type { StaffRequest } from '../auth/auth.guard.js';
import { can } from '../auth/policy.js';
import type { UsersRepository } from '../auth/users.repository.js';
import type { DeadlineExplanation } from '../calendar/calendar.rules.js';
import { ProblemError } from '../common/problem.js';
import { MAX_EXTENSION_WEEKS, PAUSE_REASONS } from '../complaints/complaints.rules.js';
import {
  Button,
  ButtonGroup,
  Checkbox,
  Csrf,
  ErrorSummary,
  type FieldError,
  Heading,
  Notice,
  P,
  Select,
  StatusBadge,
  Table,
  TextArea,
} from './components.js';
import type { ConsoleContext } from './console.views.js';
import { FormCheck, isUuid, localize } from './forms.js';
import { formatDate, formatDateTime, type Messages } from './i18n.js';
import { ConsoleLayout } from './layout.js';
import { formBody, redirect, sendPage } from './web.http.js';

// The parts a complaint's page (case.pages.tsx) and a DigiD report's page (digid.pages.tsx) share.

/** What a case page shows besides the case: a notice after an action, or the problem with one. */
export interface CasePageState<A extends string> {
  done?: string;
  /** The form the problem belongs to. */
  action?: A;
  issues?: FormCheck['issues'];
  values?: Record<string, string>;
  problem?: ProblemError;
}

// ---------------------------------------------------------------------- the action flow

/**
 * Checks the form; on success runs the action at the version the user saw and redirects to
 * `doneUrl` (POST-redirect-GET); otherwise shows the page again (`rerender`) with an error summary.
 */
export async function submitCaseAction<A extends string>(
  req: StaffRequest,
  reply: FastifyReply,
  action: A,
  parse: (f: FormCheck) => (actor: Caller, version?: number) => Promise<unknown>,
  rerender: (o: CasePageState<A>, status: number) => Promise<void>,
  doneUrl: string,
): Promise<void> {
  const body = formBody(req);
  const check = new FormCheck(body);
  const run = parse(check);
  const version = /^\d{1,9}$/.test(body.version ?? '') ? Number(body.version) : undefined;
  if (!check.ok) return rerender({ action, issues: check.issues, values: body }, 422);
  try {
    await run(callerOf(req), version);
  } catch (e) {
    if (e instanceof ProblemError && e.status < 500 && e.status !== 404 && e.status !== 401) {
      return rerender({ action, problem: e, values: body }, e.status);
    }
    throw e;
  }
  redirect(reply, doneUrl);
}

/** The error summary's entries: the form's issues, or the problem the action ran into. */
export function caseActionErrors<A extends string>(
  m: Messages,
  o: CasePageState<A>,
  labels: Record<string, string>,
  problemMessage: (problem: ProblemError, code: string) => string,
): FieldError[] {
  if (o.issues?.length) return localize(o.issues, m, labels).summary;
  if (o.problem && o.action) {
    return [{ field: `action-${o.action}`, message: problemMessage(o.problem, o.problem.code ?? 'other') }];
  }
  return [];
}

/** Whom this user may assign a case to. */
export async function assigneeChoices(users: UsersRepository, c: ConsoleContext) {
  // Jurists take cases themselves; intake and supervisors assign anyone (the service checks this too).
  if (!can(c.user.roles, 'case.override') && !c.user.roles.includes('intake')) return [c.user];
  const [jurists, supervisors] = await Promise.all([users.withRole('jurist'), users.withRole('supervisor')]);
  const all = new Map([...jurists, ...supervisors].map((u) => [u.id, u]));
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------- the page

/** Sends a case page: its title, the notice or error summary, the case's sections and the action forms beside them. */
export function sendCasePage(
  req: StaffRequest,
  reply: FastifyReply,
  c: ConsoleContext,
  page: {
    title: string;
    /** Where the page lives (the address bar after a POST). */
    path: string;
    errors: FieldError[];
    doneText: string | undefined;
    sections: ComponentChildren;
    forms: ComponentChildren[];
    afterForms?: ComponentChildren;
  },
  status: number,
): void {
  const cs = c.m.console.case;
  sendPage(
    reply,
    <ConsoleLayout
      m={c.m}
      title={page.title}
      user={c.user}
      csrf={c.csrf}
      section="cases"
      url={req.method === 'GET' ? req.url : page.path}
      hasErrors={page.errors.length > 0}
    >
      <Heading level={1}>{page.title}</Heading>
      {page.doneText ? <Notice title={c.m.common.noticeTitle}>{page.doneText}</Notice> : null}
      <ErrorSummary m={c.m} errors={page.errors} />
      <div class="bow-case-layout">
        <div>{page.sections}</div>
        <CaseSection id="actions" title={cs.actionsTitle}>
          {page.forms.length ? page.forms : <P>{cs.actionsNone}</P>}
          {page.afterForms}
        </CaseSection>
      </div>
    </ConsoleLayout>,
    status,
  );
}

export function CaseSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

export interface CaseDeadline {
  kind: string;
  dueOn: string;
  status: string;
  explanation: DeadlineExplanation | null | undefined;
}

/** The case's deadlines, each with how it was computed; `kinds` names them. */
export function CaseDeadlines({
  m,
  deadlines,
  kinds,
}: {
  m: Messages;
  deadlines: CaseDeadline[];
  kinds: Record<string, string>;
}) {
  const cs = m.console.case;
  if (!deadlines.length) return <P>{cs.deadlinesNone}</P>;
  return (
    <Table
      hideCaption
      caption={cs.deadlinesTitle}
      head={[cs.what, cs.deadlineDue, cs.deadlineStatus, cs.explanation]}
      rows={deadlines.map((x) => [
        kinds[x.kind] ?? x.kind,
        formatDate(x.dueOn, m),
        <StatusBadge
          kind={
            x.status === 'breached'
              ? 'danger'
              : x.status === 'met'
                ? 'success'
                : x.status === 'paused'
                  ? 'warning'
                  : 'neutral'
          }
        >
          {m.console.deadlineStatuses[x.status] ?? x.status}
        </StatusBadge>,
        <Explanation m={m} e={x.explanation} />,
      ])}
    />
  );
}

/** Every computed deadline explains itself: base, period, raw end, skipped closed days, pauses, extension. */
export function Explanation({ m, e }: { m: Messages; e: DeadlineExplanation | null | undefined }) {
  if (!e) return <>{m.common.dash}</>;
  const cs = m.console.case;
  return (
    <ul class="utrecht-unordered-list bow-explanation">
      <li class="utrecht-unordered-list__item">{cs.explainBase(formatDate(e.from, m))}</li>
      <li class="utrecht-unordered-list__item">
        {cs.explainPeriod(e.period.amount, cs.units[e.period.unit] ?? e.period.unit)}
      </li>
      <li class="utrecht-unordered-list__item">{cs.explainRawEnd(formatDate(e.rawEnd, m))}</li>
      {e.extensionWeeks ? (
        <li class="utrecht-unordered-list__item">{cs.explainExtension(e.extensionWeeks)}</li>
      ) : null}
      {e.pausedDays ? <li class="utrecht-unordered-list__item">{cs.explainPaused(e.pausedDays)}</li> : null}
      {e.skipped?.length ? (
        <li class="utrecht-unordered-list__item">
          {cs.explainSkipped}{' '}
          {e.skipped.map((s, i) => (
            <>
              {i ? ', ' : ''}
              {formatDate(s.date, m)} ({m.lang === 'nl' ? s.reasonNl : s.reason})
            </>
          ))}
        </li>
      ) : null}
      {e.rolledOver ? <li class="utrecht-unordered-list__item">{cs.explainRolledOver}</li> : null}
    </ul>
  );
}

/** The case's events, newest first; `kindLabel` names an event and `detail` adds what it carries. */
export function CaseTimeline({
  m,
  events,
  kindLabel,
  detail,
}: {
  m: Messages;
  events: CaseEvent[];
  kindLabel: (kind: string) => string;
  detail: (e: CaseEvent) => ComponentChildren;
}) {
  const cs = m.console.case;
  return (
    <ol class="bow-timeline">
      {[...events].reverse().map((e) => (
        <li class={`bow-timeline__item${e.visibility === 'internal' ? ' bow-timeline__item--internal' : ''}`}>
          <p class="bow-timeline__meta">
            {formatDateTime(e.at, m)} · {e.actorName ?? cs.actors[e.actorType] ?? e.actorType} ·{' '}
            {e.visibility === 'internal' ? (
              <StatusBadge kind="warning">{cs.internal}</StatusBadge>
            ) : (
              <StatusBadge kind="active">{cs.visibleToStudent}</StatusBadge>
            )}
          </p>
          <p class="utrecht-paragraph bow-timeline__text">
            <strong>{kindLabel(e.kind)}</strong>
          </p>
          {detail(e)}
        </li>
      ))}
    </ol>
  );
}

export interface CaseEmail {
  template: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** The emails about the case; `withDelivery` adds the attempts and the last error. */
export function CaseEmails({
  m,
  emails,
  withDelivery,
}: {
  m: Messages;
  emails: CaseEmail[];
  withDelivery?: boolean;
}) {
  const cs = m.console.case;
  if (!emails.length) return <P>{cs.emailsNone}</P>;
  return (
    <Table
      hideCaption
      caption={cs.emailsTitle}
      head={[
        cs.emailTemplate,
        cs.emailRecipient,
        cs.emailStatus,
        ...(withDelivery ? [cs.emailAttempts] : []),
        cs.emailCreated,
        cs.emailSent,
        ...(withDelivery ? [cs.emailError] : []),
      ]}
      rows={emails.map((e) => [
        e.template,
        e.recipient,
        <StatusBadge kind={e.status === 'failed' ? 'danger' : e.status === 'sent' ? 'success' : 'neutral'}>
          {cs.emailStatuses[e.status] ?? e.status}
        </StatusBadge>,
        ...(withDelivery ? [String(e.attempts)] : []),
        formatDateTime(e.createdAt, m),
        formatDateTime(e.sentAt, m),
        ...(withDelivery ? [e.lastError ?? m.common.dash] : []),
      ])}
    />
  );
}

// ---------------------------------------------------------------------- the action forms

/** One action's form: its heading, the CSRF token and the version the user saw, its fields and its button. */
export function CaseActionForm({
  c,
  id,
  title,
  action,
  version,
  button,
  children,
}: {
  c: ConsoleContext;
  /** The form's element id is `action-<id>`: the error summary links to it. */
  id: string;
  title: string;
  action: string;
  version: number;
  /** No button: the form cannot be sent (it says why). */
  button: { label: string; variant: 'primary' | 'secondary' | 'danger' } | null;
  children?: ComponentChildren;
}) {
  return (
    <div class="bow-action" id={`action-${id}`} tabIndex={-1}>
      <Heading level={3}>{title}</Heading>
      <form method="post" action={action} novalidate class="utrecht-form">
        <Csrf token={c.csrf} />
        <input type="hidden" name="version" value={String(version)} />
        {children}
        {button ? (
          <ButtonGroup>
            <Button variant={button.variant}>{button.label}</Button>
          </ButtonGroup>
        ) : null}
      </form>
    </div>
  );
}

/** What the user sent in this action's form (when the page shows it again), and its fields' errors. */
export interface ActionInput {
  v: (name: string) => string | undefined;
  err: (id: string) => string | undefined;
}

export function actionInput<A extends string>(m: Messages, o: CasePageState<A>, a: A): ActionInput {
  const mine = o.action === a;
  return {
    v: (name) => (mine ? o.values?.[name] : undefined),
    err: (id) => (mine && o.issues ? localize(o.issues, m, {}).byField[id] : undefined),
  };
}

// The forms both case types have: each one's fields, and how the route reads them (the same ids and limits).

/** Nobody (empty) or a user's id. */
export function readAssign(f: FormCheck): string | null {
  const raw = f.raw('assigneeId');
  if (raw && !isUuid(raw)) f.fail('assign-assignee', 'chooseOne');
  return raw || null;
}

export function readPause(f: FormCheck) {
  const reason = f.oneOf('reasonCode', PAUSE_REASONS, { required: true, field: 'pause-reason' });
  const note = f.text('note', { max: 2_000, field: 'pause-note' });
  return { reason, note };
}

export function readExtend(f: FormCheck) {
  const weeks = f.int('weeks', 1, MAX_EXTENSION_WEEKS, 'weeks', 'extend-weeks');
  const reason = f.text('reason', { required: true, max: 2_000, field: 'extend-reason' });
  return { weeks, reason };
}

export function readNote(f: FormCheck) {
  const text = f.text('text', { required: true, max: 10_000, field: 'addNote-text' });
  const visible = f.checked('visibleToStudent');
  return { text, visible };
}

export function AssignFields({
  m,
  f,
  current,
  assignees,
}: {
  m: Messages;
  f: ActionInput;
  current: string | undefined;
  assignees: { id: string; name: string }[];
}) {
  const t = m.console.actions;
  return (
    <Select
      id="assign-assignee"
      name="assigneeId"
      label={t.assign.assignee}
      value={f.v('assigneeId') ?? current ?? ''}
      options={[
        { value: '', label: t.assign.nobody },
        ...assignees.map((u) => ({ value: u.id, label: u.name })),
      ]}
      error={f.err('assign-assignee')}
    />
  );
}

export function PauseFields({ m, f }: { m: Messages; f: ActionInput }) {
  const t = m.console.actions;
  return (
    <>
      <Select
        id="pause-reason"
        name="reasonCode"
        label={t.pause.reason}
        value={f.v('reasonCode') ?? ''}
        options={[
          { value: '', label: m.common.dash },
          ...PAUSE_REASONS.map((r) => ({ value: r, label: m.console.pauseReasons[r] ?? r })),
        ]}
        error={f.err('pause-reason')}
        required
      />
      <TextArea
        id="pause-note"
        name="note"
        label={t.pause.note}
        optional={m.common.optional}
        value={f.v('note')}
        error={f.err('pause-note')}
        rows={3}
      />
    </>
  );
}

export function ExtendFields({ m, f }: { m: Messages; f: ActionInput }) {
  const t = m.console.actions;
  return (
    <>
      <Select
        id="extend-weeks"
        name="weeks"
        label={t.extend.weeks}
        value={f.v('weeks') ?? ''}
        options={[
          { value: '', label: m.common.dash },
          ...Array.from({ length: MAX_EXTENSION_WEEKS }, (_, i) => ({
            value: String(i + 1),
            label: String(i + 1),
          })),
        ]}
        error={f.err('extend-weeks')}
        required
      />
      <TextArea
        id="extend-reason"
        name="reason"
        label={t.extend.reason}
        value={f.v('reason')}
        error={f.err('extend-reason')}
        rows={3}
        required
      />
    </>
  );
}

export function AddNoteFields({ m, f }: { m: Messages; f: ActionInput }) {
  const t = m.console.actions;
  return (
    <>
      <TextArea
        id="addNote-text"
        name="text"
        label={t.addNote.text}
        value={f.v('text')}
        error={f.err('addNote-text')}
        rows={4}
        required
      />
      <Checkbox
        id="addNote-visible"
        name="visibleToStudent"
        label={t.addNote.visible}
        checked={f.v('visibleToStudent') === 'true'}
      />
    </>
  );
}
