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
  ChoiceField,
  ExtendFields,
  PauseFields,
  TextBox,
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

/** A date, not after `max` when given. */
function DateField(p: {
  id: string;
  name: string;
  label: string;
  f: ActionInput;
  max?: string;
  value?: string;
}) {
  return (
    <TextField
      id={p.id}
      name={p.name}
      type="date"
      label={p.label}
      value={p.value ?? p.f.v(p.name)}
      error={p.f.err(p.id)}
      max={p.max}
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
      <TextBox id="escalate-reason" name="reason" label={t.reason} m={m} f={f} />
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
  fileWithSchool: ({ m, f, today }) => (
    <DateField
      id="fileWithSchool-date"
      name="filedWithSchoolOn"
      label={m.console.actions.fileWithSchool.date}
      f={f}
      max={today}
    />
  ),
  recordSchoolAnswer: ({ m, f, today }) => {
    const t = m.console.actions.recordSchoolAnswer;
    return (
      <>
        <DateField id="recordSchoolAnswer-date" name="schoolFinalAnswerOn" label={t.date} f={f} max={today} />
        <TextBox id="recordSchoolAnswer-note" name="note" label={t.note} m={m} f={f} optional />
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
        <ChoiceField
          id="decide-outcome"
          name="outcome"
          label={t.outcome}
          m={m}
          f={f}
          options={OUTCOMES}
          labels={m.console.outcomes}
        />
        <TextBox id="decide-summary" name="summary" label={t.summary} m={m} f={f} rows={5} />
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
        <ChoiceField
          id="recordArbitrationOutcome-outcome"
          name="outcome"
          label={t.outcome}
          m={m}
          f={f}
          options={ARBITRATION_OUTCOMES}
          labels={m.console.arbitrationOutcomes}
        />
        <TextBox id="recordArbitrationOutcome-note" name="note" label={t.note} m={m} f={f} optional />
      </>
    );
  },
  withdraw: ({ m, f }) => (
    <TextBox
      id="withdraw-reason"
      name="reason"
      label={m.console.actions.withdraw.reason}
      m={m}
      f={f}
      optional
    />
  ),
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
  const date = open ? 'decidedOn' : 'receivedOn';
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
      <DateField id={`${a}-date`} name={date} label={t[date]} f={f} value={f.v(date) || today} />
      {open ? (
        <ChoiceField
          id="decideObjection-outcome"
          name="outcome"
          label={t.outcome}
          m={m}
          f={f}
          options={OBJECTION_OUTCOMES}
          labels={t.outcomes}
        />
      ) : (
        <ChoiceField
          id="recordObjection-lodgedBy"
          name="lodgedBy"
          label={t.lodgedBy}
          m={m}
          f={f}
          options={OBJECTION_PARTIES}
          labels={t.parties}
        />
      )}
      <TextBox id={`${a}-note`} name="note" label={open ? t.decisionNote : t.note} m={m} f={f} optional />
    </CaseActionForm>
  );
}
