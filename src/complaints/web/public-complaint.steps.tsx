import type { ComponentChildren } from 'preact';
import type { IsoDate } from '../../common/dates.js';
import { Button, DataList, Link, P, RadioGroup, TextArea, TextField } from '../../web/components.js';
import { formatDate, type Messages } from '../../web/i18n.js';
import { SchoolChooser, type SchoolOption } from '../../web/school-chooser.js';
import type { Draft, DraftField } from './public-complaint.form.js';

/** What every step shows: the answers so far, and the problems with this step's fields. */
export interface StepProps {
  m: Messages;
  draft: Draft;
  byField: Record<string, string>;
}

/** A draft field's id, value and error: what each field of the form takes from the draft. */
function field(p: StepProps, id: DraftField) {
  return { id, value: p.draft[id], error: p.byField[id] };
}

/** The labels of the form's fields, for the error summary. */
export function complaintLabels(m: Messages): Record<string, string> {
  const f = m.complaintForm;
  return {
    schoolId: f.schoolLegend,
    subject: f.subjectLabel,
    description: f.descriptionLabel,
    filed: f.filedLegend,
    filedWithSchoolOn: f.filedOnLabel,
    schoolFinalAnswerOn: f.finalAnswerLabel,
    desiredOutcome: f.desiredLabel,
    name: f.nameLabel,
    email: f.emailLabel,
    phone: f.phoneLabel,
  };
}

/** Step 1: find and choose the school. */
export function SchoolStep(p: StepProps & { schools: SchoolOption[] }) {
  const f = p.m.complaintForm;
  return (
    <SchoolChooser
      as="radios"
      texts={{
        searchLabel: f.searchLabel,
        searchHint: f.schoolHint,
        searchButton: f.searchButton,
        schoolLabel: f.schoolLegend,
        noSchools: f.noSchools,
      }}
      schools={p.schools}
      q={p.draft.q}
      value={p.draft.schoolId}
      error={p.byField.schoolId}
    />
  );
}

/** Step 2: what the complaint is about. */
export function AboutStep(p: StepProps) {
  const f = p.m.complaintForm;
  return (
    <>
      <TextField {...field(p, 'subject')} label={f.subjectLabel} hint={f.subjectHint} required />
      <TextArea
        {...field(p, 'description')}
        label={f.descriptionLabel}
        hint={f.descriptionHint}
        required
        rows={8}
      />
    </>
  );
}

/** The six-week rule, explained before the student answers step 3 and again before sending. */
function SixWeeks({ m }: { m: Messages }) {
  return (
    <section class="utrecht-alert utrecht-alert--info" aria-labelledby="six-weeks">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-3" id="six-weeks">
          {m.complaintForm.sixWeeksTitle}
        </h2>
        <p class="utrecht-paragraph">{m.complaintForm.sixWeeksText}</p>
      </div>
    </section>
  );
}

/** Step 3: did the student complain to the school first, and when. */
export function SchoolStageStep(p: StepProps & { today: IsoDate }) {
  const { m } = p;
  const f = m.complaintForm;
  const date = { type: 'date', max: p.today } as const;
  return (
    <>
      <SixWeeks m={m} />
      <RadioGroup
        {...field(p, 'filed')}
        name="filed"
        legend={f.filedLegend}
        options={[
          { value: 'yes', label: f.filedYes },
          { value: 'no', label: f.filedNo },
        ]}
      />
      <TextField {...field(p, 'filedWithSchoolOn')} {...date} label={f.filedOnLabel} hint={f.filedOnHint} />
      <TextField
        {...field(p, 'schoolFinalAnswerOn')}
        {...date}
        label={f.finalAnswerLabel}
        optional={m.common.optional}
        hint={f.finalAnswerHint}
      />
    </>
  );
}

/** Step 4: what the student wants, and how we reach them. */
export function DetailsStep(p: StepProps) {
  const { m } = p;
  const f = m.complaintForm;
  return (
    <>
      <TextArea
        {...field(p, 'desiredOutcome')}
        label={f.desiredLabel}
        optional={m.common.optional}
        hint={f.desiredHint}
        rows={4}
      />
      <TextField {...field(p, 'name')} label={f.nameLabel} autocomplete="name" required />
      <TextField
        {...field(p, 'email')}
        type="email"
        label={f.emailLabel}
        hint={f.emailHint}
        autocomplete="email"
        required
        spellcheck={false}
      />
      <TextField
        {...field(p, 'phone')}
        type="tel"
        label={f.phoneLabel}
        optional={m.common.optional}
        autocomplete="tel"
      />
    </>
  );
}

/** Step 5: every answer with a button to change it, the six-week rule once more, and privacy. */
export function CheckStep(p: StepProps & { school: SchoolOption | null }) {
  const { m, draft: d, school } = p;
  const f = m.complaintForm;
  const filed = d.filed === 'yes';
  const rows: [label: string, answer: ComponentChildren, step: number][] = [
    [f.summarySchool, school ? `${school.name} (${school.city})` : m.common.dash, 1],
    [f.summarySubject, d.subject, 2],
    [f.summaryDescription, <span class="bow-pre">{d.description}</span>, 2],
    [f.summaryFiled, filed ? formatDate(d.filedWithSchoolOn, m) : f.summaryNotFiled, 3],
    ...(filed && d.schoolFinalAnswerOn
      ? [[f.summaryFinalAnswer, formatDate(d.schoolFinalAnswerOn, m), 3] as [string, string, number]]
      : []),
    [f.summaryDesired, d.desiredOutcome || m.common.dash, 4],
    [f.summaryName, d.name, 4],
    [f.summaryEmail, d.email, 4],
    [f.summaryPhone, d.phone || m.common.dash, 4],
  ];
  return (
    <>
      <DataList
        items={rows.map(([label, answer, step]) => [
          label,
          <>
            {answer}{' '}
            <Button variant="subtle" name="go" value={`edit-${step}`} hiddenText={f.steps[step - 1]}>
              {f.change}
            </Button>
          </>,
        ])}
      />
      <SixWeeks m={m} />
      <P>
        {f.privacyNote} <Link href="/contact">{f.privacyLink}</Link>
      </P>
    </>
  );
}
