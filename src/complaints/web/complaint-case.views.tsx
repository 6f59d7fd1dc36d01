import type { ComponentChildren } from 'preact';
import { CaseSection } from '../../cases/web/case-page.js';
import { CaseSections, CaseSummary, type EventPart, eventText } from '../../cases/web/case-sections.js';
import { DataList } from '../../web/components.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import type { Detail } from './complaint-action-forms.js';

// The sections of a complaint's console page.

type Row = [string, ComponentChildren];

/** What the school stage, the escalation and the acknowledgement added to the case. */
function progressRows(m: Messages, d: Detail): Row[] {
  const cs = m.console.case;
  const date = (v: string | null) => formatDate(v, m);
  const rows: Row[] = [
    [cs.needsHelp, d.needsHelpFiling ? m.common.yes : m.common.no],
    [cs.filedWithSchool, date(d.filedWithSchoolOn)],
    [cs.schoolDeadline, date(d.schoolDeadline)],
  ];
  // What the school did through its own link.
  const bySchool = (kind: string) => d.events.find((e) => e.kind === kind && e.actorType === 'school');
  const schoolAck = bySchool('school_acknowledged');
  if (schoolAck) rows.push([m.school.staff.acknowledged, formatDateTime(schoolAck.at, m)]);
  if (d.schoolFinalAnswerOn) rows.push([cs.schoolAnswer, date(d.schoolFinalAnswerOn)]);
  const schoolAnswer = bySchool('school_final_answer')?.data.answer;
  if (typeof schoolAnswer === 'string') {
    rows.push([
      m.school.staff.answer,
      <span class="bow-pre" id="school-answer">
        {schoolAnswer}
      </span>,
    ]);
  }
  if (d.escalatedOn) {
    rows.push([cs.escalated, date(d.escalatedOn)]);
    rows.push([
      cs.escalationBasis,
      `${m.console.escalationBases[d.escalationBasis ?? ''] ?? d.escalationBasis ?? ''}${d.escalationReason ? `: ${d.escalationReason}` : ''}`,
    ]);
  }
  if (d.acknowledgedOn) rows.push([cs.acknowledged, date(d.acknowledgedOn)]);
  return rows;
}

function arbitrationRows(m: Messages, d: Detail): Row[] {
  const cs = m.console.case;
  if (!d.arbitration) return [];
  const a = d.arbitration;
  const rows: Row[] = [[cs.arbitration, cs.arbitrationValue(a.body ?? '', formatDate(a.referredOn, m))]];
  if (a.outcome)
    rows.push([
      cs.arbitrationOutcome,
      `${m.console.arbitrationOutcomes[a.outcome] ?? a.outcome} (${formatDate(a.outcomeOn, m)})`,
    ]);
  return rows;
}

function Summary({ m, d }: { m: Messages; d: Detail }) {
  const cs = m.console.case;
  return (
    <CaseSummary
      m={m}
      d={d}
      about={[[cs.subject, <span id="case-subject">{d.subject}</span>]]}
      middle={[
        [cs.desired, d.desiredOutcome ? <span class="bow-pre">{d.desiredOutcome}</span> : m.common.dash],
      ]}
      progress={progressRows(m, d)}
      decision={d.outcome ? [[cs.outcome, m.console.outcomes[d.outcome] ?? d.outcome]] : []}
      end={arbitrationRows(m, d)}
    />
  );
}

/** What a complaint's own events carry. */
function complaintEventParts(m: Messages, data: Record<string, unknown>) {
  return (kind: string, t: EventPart) => {
    switch (kind) {
      case 'note':
      case 'escalation_override':
        t(data.text ?? data.reason);
        break;
      case 'escalated':
        t(m.console.escalationBases[eventText(data.basis)]);
        t(data.reason);
        break;
      case 'resumed':
        t(data.decisionDeadline);
        break;
      case 'decided':
        t(m.console.outcomes[eventText(data.outcome)]);
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
        t(m.console.arbitrationOutcomes[eventText(data.outcome)]);
        t(data.note);
        break;
      case 'complaint_received':
        t(m.console.channels[eventText(data.channel)]);
        break;
      case 'school_reminded':
      case 'school_stage_ended':
        t(m.console.deadlineKinds[eventText(data.deadline)]);
        t(data.dueOn);
        break;
    }
  };
}

/** The objections on the case, oldest first. */
function Objections({ m, d }: { m: Messages; d: Detail }) {
  const t = m.console.objections;
  const row = (label: string, v: string | null | undefined): Row[] => (v ? [[label, v]] : []);
  return (
    <>
      {d.objections.map((x) => (
        <DataList
          items={[
            [t.receivedOn, formatDate(x.receivedOn, m)],
            [t.lodgedBy, t.parties[x.lodgedBy] ?? x.lodgedBy],
            [t.recordedBy, x.recordedBy?.name ?? m.common.dash],
            ...row(t.note, x.note),
            [t.decidedOn, x.decidedOn ? formatDate(x.decidedOn, m) : t.open],
            ...row(t.outcome, x.outcome ? (t.outcomes[x.outcome] ?? x.outcome) : null),
            ...row(t.decisionNote, x.decisionNote),
          ]}
        />
      ))}
    </>
  );
}

/** The case's sections: summary, deadlines, timeline, objections (when any) and emails. */
export function ComplaintSections({ m, d }: { m: Messages; d: Detail }) {
  return (
    <CaseSections
      m={m}
      d={d}
      summary={<Summary m={m} d={d} />}
      afterTimeline={
        d.objections.length ? (
          <CaseSection id="objections" title={m.console.objections.title}>
            <Objections m={m} d={d} />
          </CaseSection>
        ) : null
      }
      deadlineKinds={m.console.deadlineKinds}
      kindLabel={(kind) => m.console.case.eventKinds[kind] ?? kind}
      parts={(data) => complaintEventParts(m, data)}
      withDelivery
    />
  );
}
