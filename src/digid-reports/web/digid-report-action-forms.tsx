import type { ComponentChildren } from 'preact';
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
import { P, Select, TextArea } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import type { Messages } from '../../web/i18n.js';
import type { School } from '../../schools/schools.repository.js';
import { extendBody, pauseBody } from '../digid-reports.dto.js';
import { DECISION_OUTCOMES, type DigidAction, RECOMMENDATIONS } from '../digid-reports.rules.js';
import type { DigidReportsService } from '../digid-reports.service.js';

// The action forms of a DigiD report's page: one small component per action's fields.

export type Detail = Awaited<ReturnType<DigidReportsService['detail']>>;
export type DigidPageState = CasePageState<DigidAction>;

interface FieldsProps {
  m: Messages;
  d: Detail;
  f: ActionInput;
  assignees: { id: string; name: string }[];
  contracts: { id: string; contractNumber: string; studentName: string }[];
  schools: School[];
}

function SchoolField(p: {
  id: string;
  label: string;
  hint?: string;
  m: Messages;
  f: ActionInput;
  schools: School[];
}) {
  return (
    <Select
      id={p.id}
      name="schoolId"
      label={p.label}
      hint={p.hint}
      value={p.f.v('schoolId') ?? ''}
      options={[
        { value: '', label: p.m.common.dash },
        ...p.schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
      ]}
      error={p.f.err(p.id)}
      required
    />
  );
}

function LinkContractFields({ m, f, contracts }: FieldsProps) {
  const t = m.digid.console.actions.linkContract;
  return (
    <>
      <P>{t.text}</P>
      {contracts.length ? (
        <Select
          id="linkContract-contract"
          name="contractId"
          label={t.contract}
          value={f.v('contractId') ?? ''}
          options={[
            { value: '', label: m.common.dash },
            ...contracts.map((k) => ({ value: k.id, label: `${k.contractNumber} – ${k.studentName}` })),
          ]}
          error={f.err('linkContract-contract')}
          required
        />
      ) : (
        <P>{t.none}</P>
      )}
    </>
  );
}

function DecideFields({ m, f }: FieldsProps) {
  const t = m.digid.console.actions.decide;
  return (
    <>
      <ChoiceField
        id="decide-outcome"
        name="outcome"
        label={t.outcome}
        m={m}
        f={f}
        options={DECISION_OUTCOMES}
        labels={m.digid.console.outcomes}
      />
      <Select
        id="decide-recommendation"
        name="recommendation"
        label={t.recommendation}
        hint={t.recommendationHint}
        value={f.v('recommendation') ?? ''}
        options={[
          { value: '', label: m.common.none },
          ...RECOMMENDATIONS.map((x) => ({ value: x, label: m.digid.console.recommendations[x] ?? x })),
        ]}
        error={f.err('decide-recommendation')}
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

/** Each action's fields. */
const FIELDS: Record<DigidAction, (p: FieldsProps) => ComponentChildren> = {
  startInvestigation: ({ m, d, f, schools }) => {
    const t = m.digid.console.actions.startInvestigation;
    return (
      <>
        <P>{t.text}</P>
        {d.school ? null : (
          <SchoolField
            id="startInvestigation-school"
            label={t.school}
            hint={t.schoolHint}
            m={m}
            f={f}
            schools={schools}
          />
        )}
      </>
    );
  },
  refer: ({ m, f }) => (
    <>
      <P>{m.digid.console.actions.refer.text}</P>
      <NoteField id="refer-note" name="note" label={m.digid.console.actions.refer.note} m={m} f={f} />
    </>
  ),
  reopenAsSchool: ({ m, f, schools }) => {
    const t = m.digid.console.actions.reopenAsSchool;
    return (
      <>
        <P>{t.text}</P>
        <SchoolField id="reopenAsSchool-school" label={t.school} m={m} f={f} schools={schools} />
        <TextArea
          id="reopenAsSchool-reason"
          name="reason"
          label={t.reason}
          value={f.v('reason')}
          error={f.err('reopenAsSchool-reason')}
          rows={3}
          required
        />
      </>
    );
  },
  assign: ({ m, d, f, assignees }) => (
    <AssignFields m={m} f={f} current={d.assignee?.id} assignees={assignees} />
  ),
  pause: ({ m, f }) => <PauseFields m={m} f={f} reasons={pauseBody.shape.reasonCode.options} />,
  resume: ({ m }) => <P>{m.console.actions.resume.text}</P>,
  extend: ({ m, f }) => <ExtendFields m={m} f={f} maxWeeks={extendBody.shape.weeks.maxValue ?? 0} />,
  linkContract: LinkContractFields,
  decide: DecideFields,
  close: ({ m }) => <P>{m.console.actions.close.text}</P>,
  addNote: ({ m, f }) => <AddNoteFields m={m} f={f} />,
};

/** One action's form; `url` is its route. */
export function DigidActionForm(p: {
  a: DigidAction;
  url: string;
  c: ConsoleContext;
  d: Detail;
  o: DigidPageState;
  assignees: FieldsProps['assignees'];
  contracts: FieldsProps['contracts'];
  schools: School[];
}) {
  const { a, c } = p;
  const dt = c.m.digid.console.actions;
  const t = a in dt ? dt[a as keyof typeof dt] : c.m.console.actions[a as 'assign'];
  const Fields = FIELDS[a];
  // Without a contract of the school there is nothing to link: the form says so and has no button.
  const disabled = a === 'linkContract' && !p.contracts.length;
  return (
    <CaseActionForm
      c={c}
      id={a}
      title={t.title}
      action={p.url}
      version={p.d.version}
      button={disabled ? null : { label: t.button, variant: a === 'refer' ? 'secondary' : 'primary' }}
    >
      <Fields
        m={c.m}
        d={p.d}
        f={actionInput(c.m, p.o, a)}
        assignees={p.assignees}
        contracts={p.contracts}
        schools={p.schools}
      />
    </CaseActionForm>
  );
}
