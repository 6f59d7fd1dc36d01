import type { ComponentChildren } from 'preact';
import type { CaseEvent } from '../../audit/events.repository.js';
import type { DeadlineExplanation } from '../../calendar/calendar.rules.js';
import { isIsoDate } from '../../common/dates.js';
import { DataList, Link, P, StatusBadge, Table } from '../../web/components.js';
import { CaseStatus } from '../../web/console.views.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { CaseSection } from './case-page.js';

// The sections every case type's page shows: deadlines (each explaining itself), the timeline,
// the emails, and the summary rows all cases have.

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

/** What every case shows in its summary, whatever its type. */
export interface CaseSummaryFacts {
  status: string;
  school: { id: string; name: string | null } | null;
  student: { name: string; email: string; phone?: string | null; language: string };
  channel: string;
  receivedOn: string | null;
  description: string;
  assignee: { name: string | null } | null;
  pausedSince: string | null;
  pauseReason: string | null;
  pausedDays: number;
  extensionWeeks: number | null;
  extensionReason: string | null;
  decidedOn: string | null;
  decisionSummary: string | null;
  closedOn: string | null;
}

type Row = [string, ComponentChildren];

/**
 * The case's summary: the rows every case has, with the type's own rows at their places:
 * `about` after the date received, `progress` before the pause, `decision` after it (the outcome
 * first), `end` before the closing date.
 */
export function CaseSummary({
  m,
  d,
  head = [],
  about = [],
  middle = [],
  progress = [],
  decision = [],
  end = [],
}: {
  m: Messages;
  d: CaseSummaryFacts;
  /** After the status. */
  head?: Row[];
  /** Between the date received and the description. */
  about?: Row[];
  /** After the description, before the assignee. */
  middle?: Row[];
  /** After the assignee. */
  progress?: Row[];
  /** After the extension, before the decision date (the outcome). */
  decision?: Row[];
  /** After the decision summary. */
  end?: Row[];
}) {
  const cs = m.console.case;
  const date = (v: string | null) => formatDate(v, m);
  const s = d.student;
  const items: Row[] = [
    [cs.status, <CaseStatus m={m} status={d.status} />],
    ...head,
    [
      cs.school,
      d.school ? (
        <Link href={`/console/schools/${d.school.id}`}>{d.school.name ?? d.school.id}</Link>
      ) : (
        m.common.dash
      ),
    ],
    [cs.student, `${s.name} <${s.email}>${s.phone ? `, ${s.phone}` : ''}`],
    [cs.studentLanguage, m.console.users.languages[s.language] ?? s.language],
    [cs.channel, m.console.channels[d.channel] ?? d.channel],
    [cs.received, date(d.receivedOn)],
    ...about,
    [
      cs.description,
      <span class="bow-pre" id="case-description">
        {d.description}
      </span>,
    ],
    ...middle,
    [cs.assignee, d.assignee?.name ?? m.common.dash],
    ...progress,
  ];
  if (d.pausedSince)
    items.push([
      cs.paused,
      `${date(d.pausedSince)} (${m.console.pauseReasons[d.pauseReason ?? ''] ?? d.pauseReason ?? ''})`,
    ]);
  if (d.pausedDays) items.push([cs.pausedDays, String(d.pausedDays)]);
  if (d.extensionWeeks)
    items.push([cs.extension, cs.extensionValue(d.extensionWeeks, d.extensionReason ?? '')]);
  items.push(...decision);
  if (d.decidedOn) items.push([cs.decided, date(d.decidedOn)]);
  if (d.decisionSummary) items.push([cs.decisionSummary, <span class="bow-pre">{d.decisionSummary}</span>]);
  items.push(...end);
  if (d.closedOn) items.push([cs.closed, date(d.closedOn)]);
  return <DataList items={items} />;
}

/** Adds one part of an event's line: dates in words, empty values left out. */
export type EventPart = (v: unknown) => void;

/** A string or number as text; anything else as nothing. */
export function eventText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/**
 * The line under an event on the timeline: what the event carries, in parts joined by dashes.
 * `parts` adds them for the case type's own kinds; the kinds all cases have are added here.
 */
export function EventDetail({
  m,
  kind,
  data,
  deadlineKinds,
  parts,
}: {
  m: Messages;
  kind: string;
  data: Record<string, unknown>;
  /** The names of the case type's deadlines (for reminders and breaches). */
  deadlineKinds: Record<string, string>;
  parts: (kind: string, t: EventPart) => void;
}) {
  const out: string[] = [];
  const t: EventPart = (v) => {
    if (v === undefined || v === null || v === '') return;
    out.push(typeof v === 'string' && isIsoDate(v) ? formatDate(v, m) : eventText(v));
  };
  switch (kind) {
    case 'paused':
      t(m.console.pauseReasons[eventText(data.reasonCode)]);
      break;
    case 'extended':
      t(data.reason);
      t(data.decisionDeadline);
      break;
    case 'deadline_reminder':
    case 'deadline_breached':
      t(deadlineKinds[eventText(data.deadline)]);
      t(data.dueOn);
      break;
    default:
      parts(kind, t);
  }
  if (!out.length) return null;
  return <p class="utrecht-paragraph bow-timeline__text">{out.join(' — ')}</p>;
}

/**
 * A case's sections: summary, (the type's own,) deadlines, timeline, (the type's own,) emails.
 * `kindLabel` names an event, `parts` adds what the type's own events carry.
 */
export function CaseSections({
  m,
  d,
  summary,
  afterSummary,
  afterTimeline,
  deadlineKinds,
  kindLabel,
  parts,
  withDelivery,
}: {
  m: Messages;
  d: { deadlines: CaseDeadline[]; events: CaseEvent[]; emails: CaseEmail[] };
  summary: ComponentChildren;
  afterSummary?: ComponentChildren;
  afterTimeline?: ComponentChildren;
  deadlineKinds: Record<string, string>;
  kindLabel: (kind: string) => string;
  parts: (data: Record<string, unknown>) => (kind: string, t: EventPart) => void;
  withDelivery?: boolean;
}) {
  const cs = m.console.case;
  const detail = (e: CaseEvent) => (
    <EventDetail m={m} kind={e.kind} data={e.data} deadlineKinds={deadlineKinds} parts={parts(e.data)} />
  );
  return (
    <>
      <CaseSection id="summary" title={cs.summary}>
        {summary}
      </CaseSection>
      {afterSummary}
      <CaseSection id="deadlines" title={cs.deadlinesTitle}>
        <CaseDeadlines m={m} deadlines={d.deadlines} kinds={deadlineKinds} />
      </CaseSection>
      <CaseSection id="timeline" title={cs.timelineTitle}>
        <CaseTimeline m={m} events={d.events} kindLabel={kindLabel} detail={detail} />
      </CaseSection>
      {afterTimeline}
      <CaseSection id="emails" title={cs.emailsTitle}>
        <CaseEmails m={m} emails={d.emails} withDelivery={withDelivery} />
      </CaseSection>
    </>
  );
}
