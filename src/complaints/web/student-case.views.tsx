import { DataList, type FieldError, P } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { Section } from '../../web/section.js';
import type { ComplaintsService } from '../complaints.service.js';
import { type LinkPageProps, PrivateLinkPage } from './public-parts.js';
import { AddInfoSection, EscalateSection, WithdrawSection } from './student-case.actions.js';

export type StudentView = Awaited<ReturnType<ComplaintsService['studentView']>>;

/** The student's case page as one request shows it: what was just done, or what went wrong. */
export interface StudentPageState {
  /** What was just done, said above the rest. */
  notice: string | null;
  errors: FieldError[];
  byField: Record<string, string>;
  values?: FormValues;
}

/** The student's private page (`/c/<token>`): where the complaint stands, its dates and story, and what they can do. */
export function StudentCasePage(props: LinkPageProps<StudentView, StudentPageState>) {
  const { m, v, o } = props;
  const s = m.student;
  const open = v.status !== 'closed' && v.status !== 'withdrawn';
  const canEscalate = v.status === 'intake' || v.status === 'school_stage';
  const form = { m, v, base: `/c/${props.token}`, values: o.values, byField: o.byField };
  return (
    <PrivateLinkPage m={m} title={s.title(v.reference)} url={props.url} notice={o.notice} errors={o.errors}>
      <Section id="status" title={s.statusTitle}>
        <P lead>
          <span id="status-text">{s.status[v.status]}</span>
        </P>
      </Section>
      <DecisionSection m={m} v={v} />
      <Section id="dates" title={s.deadlinesTitle} spaced>
        <Deadlines m={m} v={v} />
      </Section>
      <Section id="complaint" title={s.yourComplaint} spaced>
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
      </Section>
      <Section id="timeline" title={s.timelineTitle} spaced>
        <Timeline m={m} v={v} />
      </Section>
      {canEscalate ? <EscalateSection {...form} /> : null}
      {open ? <AddInfoSection {...form} /> : null}
      {v.canWithdraw ? <WithdrawSection {...form} /> : null}
      <P>
        <span class="bow-muted">{s.keepLink}</span>
      </P>
    </PrivateLinkPage>
  );
}

interface ViewProps {
  m: Messages;
  v: StudentView;
}

function DecisionSection({ m, v }: ViewProps) {
  const s = m.student;
  if (!v.outcome || v.outcome === 'withdrawn' || !v.decisionSummary) return null;
  return (
    <Section id="decision" title={s.decisionTitle} spaced>
      <P>
        <strong>{s.outcome[v.outcome] ?? v.outcome}</strong>
      </P>
      <p class="utrecht-paragraph bow-pre" id="decision-summary">
        {v.decisionSummary}
      </p>
    </Section>
  );
}

function Deadlines({ m, v }: ViewProps) {
  const s = m.student;
  if (!v.deadlines.length) return <P>{s.noDeadlines}</P>;
  return (
    <DataList
      items={v.deadlines.map((d) => [
        s.deadline[d.kind] ?? d.kind,
        <>
          {formatDate(d.dueOn, m)}
          {d.status === 'paused' ? <> ({s.pausedNote})</> : null}
        </>,
      ])}
    />
  );
}

function Timeline({ m, v }: ViewProps) {
  const s = m.student;
  return (
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
