import type { ComplaintsService } from '../complaints.service.js';
import { DataList, ErrorSummary, type FieldError, Heading, Notice, P } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { PublicLayout } from '../../web/layout.js';
import { AddInfoSection, EscalateSection, WithdrawSection } from './student-case.actions.js';

export type StudentView = Awaited<ReturnType<ComplaintsService['studentView']>>;

/** The student's case page as one request shows it: what was just done, or what went wrong. */
export interface StudentPageState {
  done?: string;
  errors: FieldError[];
  byField: Record<string, string>;
  values?: FormValues;
}

/** The notice after an action, by the `done` of the redirect. */
function doneText(m: Messages, done: string | undefined): string | null {
  const s = m.student;
  const texts = new Map([
    ['info', s.addInfoDone],
    ['withdrawn', s.withdrawDone],
    ['escalated', s.escalateDone],
  ]);
  return texts.get(done ?? '') ?? null;
}

/** The student's private page (`/c/<token>`): where the complaint stands, its dates and story, and what they can do. */
export function StudentCasePage(props: {
  m: Messages;
  url: string;
  token: string;
  v: StudentView;
  o: StudentPageState;
}) {
  const { m, v, o } = props;
  const s = m.student;
  const notice = doneText(m, o.done);
  const base = `/c/${props.token}`;
  const open = v.status !== 'closed' && v.status !== 'withdrawn';
  const canEscalate = v.status === 'intake' || v.status === 'school_stage';
  const form = { m, v, base, values: o.values, byField: o.byField };
  return (
    <PublicLayout m={m} title={s.title(v.reference)} url={props.url} hasErrors={o.errors.length > 0} noindex>
      <Heading level={1}>{s.title(v.reference)}</Heading>
      {notice ? <Notice title={m.common.noticeTitle}>{notice}</Notice> : null}
      <ErrorSummary m={m} errors={o.errors} />
      <section aria-labelledby="status">
        <Heading level={2} id="status">
          {s.statusTitle}
        </Heading>
        <P lead>
          <span id="status-text">{s.status[v.status]}</span>
        </P>
      </section>
      <DecisionSection m={m} v={v} />
      <DeadlinesSection m={m} v={v} />
      <ComplaintSection m={m} v={v} />
      <TimelineSection m={m} v={v} />
      {canEscalate ? <EscalateSection {...form} /> : null}
      {open ? <AddInfoSection {...form} /> : null}
      {v.canWithdraw ? <WithdrawSection {...form} /> : null}
      <P>
        <span class="bow-muted">{s.keepLink}</span>
      </P>
    </PublicLayout>
  );
}

interface SectionProps {
  m: Messages;
  v: StudentView;
}

function DecisionSection({ m, v }: SectionProps) {
  const s = m.student;
  if (!v.outcome || v.outcome === 'withdrawn' || !v.decisionSummary) return null;
  return (
    <section aria-labelledby="decision" class="bow-section">
      <Heading level={2} id="decision">
        {s.decisionTitle}
      </Heading>
      <P>
        <strong>{s.outcome[v.outcome] ?? v.outcome}</strong>
      </P>
      <p class="utrecht-paragraph bow-pre" id="decision-summary">
        {v.decisionSummary}
      </p>
    </section>
  );
}

function DeadlinesSection({ m, v }: SectionProps) {
  const s = m.student;
  return (
    <section aria-labelledby="dates" class="bow-section">
      <Heading level={2} id="dates">
        {s.deadlinesTitle}
      </Heading>
      {v.deadlines.length ? (
        <DataList
          items={v.deadlines.map((d) => [
            s.deadline[d.kind] ?? d.kind,
            <>
              {formatDate(d.dueOn, m)}
              {d.status === 'paused' ? <> ({s.pausedNote})</> : null}
            </>,
          ])}
        />
      ) : (
        <P>{s.noDeadlines}</P>
      )}
    </section>
  );
}

function ComplaintSection({ m, v }: SectionProps) {
  const s = m.student;
  return (
    <section aria-labelledby="complaint" class="bow-section">
      <Heading level={2} id="complaint">
        {s.yourComplaint}
      </Heading>
      <DataList
        items={[
          [s.school, v.schoolName ?? m.common.dash],
          [s.subject, <span id="case-subject">{v.subject}</span>],
          [
            s.description,
            <span class="bow-pre" id="case-description">
              {v.description}
            </span>,
          ],
        ]}
      />
    </section>
  );
}

function TimelineSection({ m, v }: SectionProps) {
  const s = m.student;
  return (
    <section aria-labelledby="timeline" class="bow-section">
      <Heading level={2} id="timeline">
        {s.timelineTitle}
      </Heading>
      <ol class="bow-timeline">
        {v.events.map((e) => (
          <li class="bow-timeline__item">
            <p class="bow-timeline__meta">
              {formatDateTime(e.at, m)} {s.by[e.by] ?? ''}
            </p>
            <p class="utrecht-paragraph bow-timeline__text">{s.events[e.kind] ?? s.eventOther}</p>
            <EventDetail e={e} m={m} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The details of a timeline entry that a student may see: their own words and ours, and new dates. */
function EventDetail({ e, m }: { e: StudentView['events'][number]; m: Messages }) {
  const d = e.data as Record<string, unknown>;
  const text = (v: unknown) =>
    typeof v === 'string' && v ? <p class="utrecht-paragraph bow-timeline__text">{v}</p> : null;
  const newDate =
    typeof d.decisionDeadline === 'string' ? m.student.newDate(formatDate(d.decisionDeadline, m)) : null;
  if (e.kind === 'note') return text(d.text);
  if (e.kind === 'escalated' || e.kind === 'withdrawn') return text(d.reason);
  if (e.kind === 'decided') return text(d.summary);
  // The final answer in the school's own words, when the school recorded it through its link.
  if (e.kind === 'school_final_answer') return text(d.answer);
  if (e.kind === 'extended')
    return (
      <>
        {text(d.reason)}
        {text(newDate)}
      </>
    );
  if (e.kind === 'resumed') return text(newDate);
  return null;
}
