import type { ComponentChildren } from 'preact';
import {
  type ActionFieldsProps,
  ActionFormOf,
  AddNoteFields,
  AssignFields,
  choice,
  ExtendFields,
  PauseFields,
  textBox,
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

const schoolIds = (schools: School[]) => schools.map((s) => s.id);

/** The schools to choose from as "name (town)", by id; the field's element id is `<action>-school`. */
function schoolLabels(schools: School[]) {
  return { labels: Object.fromEntries(schools.map((s) => [s.id, `${s.name} (${s.city})`])), id: 'school' };
}

/** The contracts to choose from as "number – student", by id. */
function contractLabels(contracts: Choices['contracts']) {
  return Object.fromEntries(contracts.map((k) => [k.id, `${k.contractNumber} – ${k.studentName}`]));
}

function LinkContractFields({ m, f, contracts }: Fields) {
  const t = m.digid.console.actions.linkContract;
  const ids = contracts.map((k) => k.id);
  return (
    <>
      <P>{t.text}</P>
      {contracts.length ? (
        choice(f, 'contractId', t.contract, ids, { labels: contractLabels(contracts), id: 'contract' })
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
      {choice(f, 'outcome', t.outcome, DECISION_OUTCOMES, { labels: m.digid.console.outcomes })}
      {choice(f, 'recommendation', t.recommendation, RECOMMENDATIONS, {
        labels: m.digid.console.recommendations,
        hint: t.recommendationHint,
        none: m.common.none,
      })}
      {textBox(f, 'summary', t.summary, { rows: 5 })}
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
        {d.school
          ? null
          : choice(f, 'schoolId', t.school, schoolIds(schools), {
              ...schoolLabels(schools),
              hint: t.schoolHint,
            })}
      </>
    );
  },
  refer: ({ m, f }) => (
    <>
      <P>{m.digid.console.actions.refer.text}</P>
      {textBox(f, 'note', m.digid.console.actions.refer.note, { optional: true })}
    </>
  ),
  reopenAsSchool: ({ m, f, schools }) => {
    const t = m.digid.console.actions.reopenAsSchool;
    return (
      <>
        <P>{t.text}</P>
        {choice(f, 'schoolId', t.school, schoolIds(schools), schoolLabels(schools))}
        {textBox(f, 'reason', t.reason)}
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
