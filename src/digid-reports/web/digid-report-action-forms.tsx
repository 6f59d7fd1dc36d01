import type { ComponentChildren } from 'preact';
import {
  type ActionFieldsProps,
  ActionFormOf,
  AddNoteFields,
  AssignFields,
  ChoiceField,
  ExtendFields,
  PauseFields,
  TextBox,
} from '../../cases/web/case-actions.js';
import type { CasePageState } from '../../cases/web/case-page.js';
import type { School } from '../../schools/schools.repository.js';
import { P } from '../../web/components.js';
import type { ConsoleContext } from '../../web/console.views.js';
import { extendBody, pauseBody } from '../digid-reports.dto.js';
import { DECISION_OUTCOMES, type DigidAction, RECOMMENDATIONS } from '../digid-reports.rules.js';
import type { DigidReportsService } from '../digid-reports.service.js';

// The action forms of a DigiD report's page: one small component per action's fields.

export type Detail = Awaited<ReturnType<DigidReportsService['detail']>>;
export type DigidPageState = CasePageState<DigidAction>;

interface Choices {
  assignees: { id: string; name: string }[];
  contracts: { id: string; contractNumber: string; studentName: string }[];
  schools: School[];
}
type Fields = ActionFieldsProps<Detail> & Choices;

/** The schools to choose from, by id, as "name (town)". */
function schoolChoice(schools: School[]) {
  return {
    options: schools.map((s) => s.id),
    labels: Object.fromEntries(schools.map((s) => [s.id, `${s.name} (${s.city})`])),
  };
}

function LinkContractFields({ m, f, contracts }: Fields) {
  const t = m.digid.console.actions.linkContract;
  return (
    <>
      <P>{t.text}</P>
      {contracts.length ? (
        <ChoiceField
          id="linkContract-contract"
          name="contractId"
          label={t.contract}
          m={m}
          f={f}
          options={contracts.map((k) => k.id)}
          labels={Object.fromEntries(contracts.map((k) => [k.id, `${k.contractNumber} – ${k.studentName}`]))}
        />
      ) : (
        <P>{t.none}</P>
      )}
    </>
  );
}

function DecideFields({ m, f }: Fields) {
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
      <ChoiceField
        id="decide-recommendation"
        name="recommendation"
        label={t.recommendation}
        hint={t.recommendationHint}
        m={m}
        f={f}
        options={RECOMMENDATIONS}
        labels={m.digid.console.recommendations}
        none={m.common.none}
      />
      <TextBox id="decide-summary" name="summary" label={t.summary} m={m} f={f} rows={5} />
    </>
  );
}

/** Each action's fields. */
const FIELDS: Record<DigidAction, (p: Fields) => ComponentChildren> = {
  startInvestigation: ({ m, d, f, schools }) => {
    const t = m.digid.console.actions.startInvestigation;
    return (
      <>
        <P>{t.text}</P>
        {d.school ? null : (
          <ChoiceField
            id="startInvestigation-school"
            name="schoolId"
            label={t.school}
            hint={t.schoolHint}
            m={m}
            f={f}
            {...schoolChoice(schools)}
          />
        )}
      </>
    );
  },
  refer: ({ m, f }) => (
    <>
      <P>{m.digid.console.actions.refer.text}</P>
      <TextBox id="refer-note" name="note" label={m.digid.console.actions.refer.note} m={m} f={f} optional />
    </>
  ),
  reopenAsSchool: ({ m, f, schools }) => {
    const t = m.digid.console.actions.reopenAsSchool;
    return (
      <>
        <P>{t.text}</P>
        <ChoiceField
          id="reopenAsSchool-school"
          name="schoolId"
          label={t.school}
          m={m}
          f={f}
          {...schoolChoice(schools)}
        />
        <TextBox id="reopenAsSchool-reason" name="reason" label={t.reason} m={m} f={f} />
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
export function DigidActionForm(
  p: { a: DigidAction; url: string; c: ConsoleContext; d: Detail; o: DigidPageState } & Choices,
) {
  const { a, c } = p;
  const dt = c.m.digid.console.actions;
  return (
    <ActionFormOf
      a={a}
      url={p.url}
      c={c}
      d={p.d}
      o={p.o}
      texts={a in dt ? dt[a as keyof typeof dt] : c.m.console.actions[a as 'assign']}
      variant={a === 'refer' ? 'secondary' : 'primary'}
      // Without a contract of the school there is nothing to link: the form says so and has no button.
      disabled={a === 'linkContract' && !p.contracts.length}
      fields={FIELDS}
      props={{ assignees: p.assignees, contracts: p.contracts, schools: p.schools }}
    />
  );
}
