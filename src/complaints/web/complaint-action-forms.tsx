import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import {
  type ActionFieldsProps,
  ActionFormOf,
  actionInput,
  type ActionInput,
  AddNoteFields,
  AssignFields,
  CaseActionForm,
  choice,
  ExtendFields,
  PauseFields,
  textBox,
} from '../../cases/web/case-actions.js';
import type { CasePageState } from '../../cases/web/case-page.js';
import { Checkbox, P, TextField } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import { formatDate } from '../../web/i18n.js';
import { extendBody, pauseBody } from '../complaints.dto.js';
import {
  ARBITRATION_OUTCOMES,
  type ComplaintAction,
  escalationCheck,
  OUTCOMES,
} from '../complaints.rules.js';
import type { ComplaintsService } from '../complaints.service.js';
import { OBJECTION_OUTCOMES, OBJECTION_PARTIES } from '../objections.rules.js';
import type { ComplaintPageAction } from './complaint-actions.js';

// The action forms of a complaint's page: one small component per action's fields.

export type Detail = Awaited<ReturnType<ComplaintsService['detail']>>;
export type ComplaintPageState = CasePageState<ComplaintPageAction>;

type Fields = ActionFieldsProps<Detail> & {
  roles: readonly string[];
  assignees: { id: string; name: string }[];
  today: string;
};

/** The action's date (element id `<action>-date`), not after `max` when given. */
function date(f: ActionInput, name: string, label: string, more: { max?: string; value?: string } = {}) {
  const id = `${f.action}-date`;
  return (
    <TextField
      {...{ id, name, label }}
      type="date"
      value={more.value ?? f.v(name)}
      error={f.err(id)}
      max={more.max}
      required
    />
  );
}

function EscalateFields({ m, d, f, roles, today }: Fields) {
  const t = m.console.actions.escalate;
  const check = escalationCheck({
    status: d.status,
    today,
    schoolDeadline: d.schoolDeadline,
    schoolFinalAnswerOn: d.schoolFinalAnswerOn,
    studentRejectsFinalAnswer: false,
    schoolRefused: d.schoolRefused,
    override: false,
  });
  const box = (name: string, label: string) => (
    <Checkbox id={`escalate-${name}`} name={name} label={label} checked={f.v(name) === 'true'} />
  );
  const why = d.schoolDeadline ? t.notYet(formatDate(d.schoolDeadline, m)) : t.notFiled;
  return (
    <>
      <P>{check.allowed ? t.possible : why}</P>
      {textBox(f, 'reason', t.reason)}
      {d.schoolFinalAnswerOn ? box('rejects', t.rejects) : null}
      {box('refused', t.refused)}
      {can(roles, 'case.override') ? box('override', t.override) : null}
    </>
  );
}

const text =
  (a: 'resolveBySchool' | 'acknowledge' | 'resume' | 'close') =>
  ({ m }: Fields) => <P>{m.console.actions[a].text}</P>;

/** Each action's fields. */
const FIELDS: Record<ComplaintAction, (p: Fields) => ComponentChildren> = {
  fileWithSchool: ({ m, f, today }) =>
    date(f, 'filedWithSchoolOn', m.console.actions.fileWithSchool.date, { max: today }),
  recordSchoolAnswer: ({ m, f, today }) => {
    const t = m.console.actions.recordSchoolAnswer;
    return (
      <>
        {date(f, 'schoolFinalAnswerOn', t.date, { max: today })}
        {textBox(f, 'note', t.note, { optional: true })}
      </>
    );
  },
  resolveBySchool: text('resolveBySchool'),
  escalate: EscalateFields,
  acknowledge: text('acknowledge'),
  assign: ({ m, d, f, assignees }) => (
    <AssignFields m={m} f={f} current={d.assignee?.id} assignees={assignees} />
  ),
  pause: ({ m, f }) => <PauseFields m={m} f={f} reasons={pauseBody.shape.reasonCode.options} />,
  resume: text('resume'),
  extend: ({ m, f }) => <ExtendFields m={m} f={f} maxWeeks={extendBody.shape.weeks.maxValue ?? 0} />,
  decide: ({ m, f }) => {
    const t = m.console.actions.decide;
    return (
      <>
        {choice(f, 'outcome', t.outcome, OUTCOMES, { labels: m.console.outcomes })}
        {textBox(f, 'summary', t.summary, { rows: 5 })}
      </>
    );
  },
  referToArbitration: ({ m, f }) => (
    <TextField
      id="referToArbitration-body"
      name="body"
      label={m.console.actions.referToArbitration.body}
      hint={m.console.actions.referToArbitration.bodyHint}
      optional={m.common.optional}
      value={f.v('body')}
      error={f.err('referToArbitration-body')}
    />
  ),
  recordArbitrationOutcome: ({ m, f }) => {
    const t = m.console.actions.recordArbitrationOutcome;
    return (
      <>
        {choice(f, 'outcome', t.outcome, ARBITRATION_OUTCOMES, { labels: m.console.arbitrationOutcomes })}
        {textBox(f, 'note', t.note, { optional: true })}
      </>
    );
  },
  withdraw: ({ m, f }) => textBox(f, 'reason', m.console.actions.withdraw.reason, { optional: true }),
  close: text('close'),
  addNote: ({ m, f }) => <AddNoteFields m={m} f={f} />,
};

/** One lifecycle action's form; `url` is its route. */
export function ComplaintActionForm(p: {
  a: ComplaintAction;
  url: string;
  c: ConsoleContext;
  d: Detail;
  o: ComplaintPageState;
  assignees: { id: string; name: string }[];
  today: string;
}) {
  return (
    <ActionFormOf
      a={p.a}
      url={p.url}
      c={p.c}
      d={p.d}
      o={p.o as CasePageState<ComplaintAction>}
      texts={p.c.m.console.actions[p.a]}
      variant={p.a === 'withdraw' ? 'danger' : 'primary'}
      fields={FIELDS}
      props={{ roles: p.c.user.roles, assignees: p.assignees, today: p.today }}
    />
  );
}

/** Sends the school a new private link to this complaint (the school stage only). */
export function SchoolLinkForm({ c, d, url }: { c: ConsoleContext; d: Detail; url: string }) {
  const t = c.m.school.staff;
  return (
    <CaseActionForm
      c={c}
      id="schoolLink"
      title={t.title}
      action={url}
      version={d.version}
      button={{ label: t.button, variant: 'secondary' }}
    >
      <P>{t.text}</P>
    </CaseActionForm>
  );
}

/** Record an objection, or decide the open one; `url` is the route of the form shown. */
export function ObjectionForm({
  c,
  d,
  o,
  open,
  today,
  url,
}: {
  c: ConsoleContext;
  d: Detail;
  o: ComplaintPageState;
  open: Detail['objections'][number] | undefined;
  today: string;
  url: string;
}) {
  const m = c.m;
  const t = m.console.objections;
  const a = open ? 'decideObjection' : 'recordObjection';
  const f = actionInput(m, o, a);
  const day = open ? 'decidedOn' : 'receivedOn';
  return (
    <CaseActionForm
      c={c}
      id={a}
      title={open ? t.decideTitle : t.recordTitle}
      action={url}
      version={d.version}
      button={
        open ? { label: t.decideButton, variant: 'primary' } : { label: t.recordButton, variant: 'secondary' }
      }
    >
      <P>
        {open
          ? `${t.receivedOn}: ${formatDate(open.receivedOn, m)} (${t.parties[open.lodgedBy] ?? open.lodgedBy})`
          : t.recordText}
      </P>
      {date(f, day, t[day], { value: f.v(day) || today })}
      {open
        ? choice(f, 'outcome', t.outcome, OBJECTION_OUTCOMES, { labels: t.outcomes })
        : choice(f, 'lodgedBy', t.lodgedBy, OBJECTION_PARTIES, { labels: t.parties })}
      {textBox(f, 'note', open ? t.decisionNote : t.note, { optional: true })}
    </CaseActionForm>
  );
}
