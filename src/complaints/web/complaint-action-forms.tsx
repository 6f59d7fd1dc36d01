import type { ComponentChildren } from 'preact';
import { can } from '../../auth/policy.js';
import {
  actionInput,
  type ActionInput,
  AddNoteFields,
  AssignFields,
  CaseActionForm,
  ChoiceField,
  ExtendFields,
  NoteField,
  PauseFields,
} from '../../cases/web/case-actions.js';
import type { CasePageState } from '../../cases/web/case-page.js';
import { Checkbox, P, TextArea, TextField } from '../../web/components.js';
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

interface FieldsProps {
  c: ConsoleContext;
  d: Detail;
  f: ActionInput;
  assignees: { id: string; name: string }[];
  today: string;
}

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

function EscalateFields({ c, d, f, today }: FieldsProps) {
  const t = c.m.console.actions.escalate;
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
  return (
    <>
      <P>
        {check.allowed
          ? t.possible
          : d.schoolDeadline
            ? t.notYet(formatDate(d.schoolDeadline, c.m))
            : t.notFiled}
      </P>
      <TextArea
        id="escalate-reason"
        name="reason"
        label={t.reason}
        value={f.v('reason')}
        error={f.err('escalate-reason')}
        rows={3}
        required
      />
      {d.schoolFinalAnswerOn ? box('rejects', t.rejects) : null}
      {box('refused', t.refused)}
      {can(c.user.roles, 'case.override') ? box('override', t.override) : null}
    </>
  );
}

function DecideFields({ c, f }: FieldsProps) {
  const t = c.m.console.actions.decide;
  return (
    <>
      <ChoiceField
        id="decide-outcome"
        name="outcome"
        label={t.outcome}
        m={c.m}
        f={f}
        options={OUTCOMES}
        labels={c.m.console.outcomes}
      />
      <TextArea
        id="decide-summary"
        name="summary"
        label={t.summary}
        value={f.v('summary')}
        error={f.err('decide-summary')}
        rows={5}
        required
      />
    </>
  );
}

const text =
  (a: 'resolveBySchool' | 'acknowledge' | 'resume' | 'close') =>
  ({ c }: FieldsProps) => <P>{c.m.console.actions[a].text}</P>;

/** Each action's fields. */
const FIELDS: Record<ComplaintAction, (p: FieldsProps) => ComponentChildren> = {
  fileWithSchool: ({ c, f, today }) => (
    <DateField
      id="fileWithSchool-date"
      name="filedWithSchoolOn"
      label={c.m.console.actions.fileWithSchool.date}
      f={f}
      max={today}
    />
  ),
  recordSchoolAnswer: ({ c, f, today }) => (
    <>
      <DateField
        id="recordSchoolAnswer-date"
        name="schoolFinalAnswerOn"
        label={c.m.console.actions.recordSchoolAnswer.date}
        f={f}
        max={today}
      />
      <NoteField
        id="recordSchoolAnswer-note"
        name="note"
        label={c.m.console.actions.recordSchoolAnswer.note}
        m={c.m}
        f={f}
      />
    </>
  ),
  resolveBySchool: text('resolveBySchool'),
  escalate: EscalateFields,
  acknowledge: text('acknowledge'),
  assign: ({ c, d, f, assignees }) => (
    <AssignFields m={c.m} f={f} current={d.assignee?.id} assignees={assignees} />
  ),
  pause: ({ c, f }) => <PauseFields m={c.m} f={f} reasons={pauseBody.shape.reasonCode.options} />,
  resume: text('resume'),
  extend: ({ c, f }) => <ExtendFields m={c.m} f={f} maxWeeks={extendBody.shape.weeks.maxValue ?? 0} />,
  decide: DecideFields,
  referToArbitration: ({ c, f }) => (
    <TextField
      id="referToArbitration-body"
      name="body"
      label={c.m.console.actions.referToArbitration.body}
      hint={c.m.console.actions.referToArbitration.bodyHint}
      optional={c.m.common.optional}
      value={f.v('body')}
      error={f.err('referToArbitration-body')}
    />
  ),
  recordArbitrationOutcome: ({ c, f }) => (
    <>
      <ChoiceField
        id="recordArbitrationOutcome-outcome"
        name="outcome"
        label={c.m.console.actions.recordArbitrationOutcome.outcome}
        m={c.m}
        f={f}
        options={ARBITRATION_OUTCOMES}
        labels={c.m.console.arbitrationOutcomes}
      />
      <NoteField
        id="recordArbitrationOutcome-note"
        name="note"
        label={c.m.console.actions.recordArbitrationOutcome.note}
        m={c.m}
        f={f}
      />
    </>
  ),
  withdraw: ({ c, f }) => (
    <NoteField id="withdraw-reason" name="reason" label={c.m.console.actions.withdraw.reason} m={c.m} f={f} />
  ),
  close: text('close'),
  addNote: ({ c, f }) => <AddNoteFields m={c.m} f={f} />,
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
  const t = p.c.m.console.actions[p.a];
  const Fields = FIELDS[p.a];
  return (
    <CaseActionForm
      c={p.c}
      id={p.a}
      title={t.title}
      action={p.url}
      version={p.d.version}
      button={{ label: t.button, variant: p.a === 'withdraw' ? 'danger' : 'primary' }}
    >
      <Fields c={p.c} d={p.d} f={actionInput(p.c.m, p.o, p.a)} assignees={p.assignees} today={p.today} />
    </CaseActionForm>
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
  const t = c.m.console.objections;
  const a = open ? 'decideObjection' : 'recordObjection';
  const f = actionInput(c.m, o, a);
  const lodgedBy = (
    <ChoiceField
      id="recordObjection-lodgedBy"
      name="lodgedBy"
      label={t.lodgedBy}
      m={c.m}
      f={f}
      options={OBJECTION_PARTIES}
      labels={t.parties}
    />
  );
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
      {open ? (
        <P>{`${t.receivedOn}: ${formatDate(open.receivedOn, c.m)} (${t.parties[open.lodgedBy] ?? open.lodgedBy})`}</P>
      ) : (
        <P>{t.recordText}</P>
      )}
      <DateField
        id={`${a}-date`}
        name={open ? 'decidedOn' : 'receivedOn'}
        label={open ? t.decidedOn : t.receivedOn}
        f={f}
        value={f.v(open ? 'decidedOn' : 'receivedOn') || today}
      />
      {open ? (
        <ChoiceField
          id="decideObjection-outcome"
          name="outcome"
          label={t.outcome}
          m={c.m}
          f={f}
          options={OBJECTION_OUTCOMES}
          labels={t.outcomes}
        />
      ) : (
        lodgedBy
      )}
      <NoteField id={`${a}-note`} name="note" label={open ? t.decisionNote : t.note} m={c.m} f={f} />
    </CaseActionForm>
  );
}
