import { can } from '../../auth/policy.js';
import { QUALITY_MARKS } from '../../schools/schools.dto.js';
import { ErrorSummary, errorFor, type FieldError, Heading, Link, Notice, P } from '../../web/components.js';
import { Select, TextArea, TextField } from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import { IMPORT_COLUMNS } from '../contracts.csv.js';
import { COURSE_TYPES, EDUCATION_LEVELS } from '../contracts.dto.js';
import { FUNDERS } from '../terminations.rules.js';
import { labelled, LinkList, PostForm, schoolOptions, type SchoolOption } from './parts.js';

export interface FormProps {
  m: Messages;
  csrf: string;
  values: FormValues;
  errors: FieldError[];
  schools: readonly SchoolOption[];
  /** The notice after a success shown on the form's own page. */
  done?: string;
}

/** The labels of the registration form, by field: the error summary says "Label: message". */
export function registerLabels(m: Messages): Record<string, string> {
  const r = m.contracts.register;
  return { ...r, schoolId: r.school } as unknown as Record<string, string>;
}

/** Registering one contract: the same fields as POST /api/contracts, the rate in euros. */
export function RegisterForm({ m, csrf, values, errors, schools }: FormProps) {
  const r = m.contracts.register;
  const ct = m.contracts;
  /** The props every field shares: its id, label, value and error. */
  const field = (id: keyof typeof r & keyof FormValues & string) => ({
    id,
    label: r[id] as string,
    value: values[id],
    error: errorFor(errors, id),
  });
  return (
    <>
      <Heading level={1}>{r.title}</Heading>
      <ErrorSummary m={m} errors={errors} />
      <P>
        <Link href="/console/contracts/import">{r.importInstead}</Link>
      </P>
      <PostForm action="/console/contracts/new" csrf={csrf} button={r.button}>
        <Select
          {...field('school')}
          id="schoolId"
          value={values.schoolId}
          error={errorFor(errors, 'schoolId')}
          required
          options={schoolOptions(schools, r.chooseSchool)}
        />
        <TextField {...field('studentName')} required />
        <TextField {...field('studentEmail')} type="email" required />
        <Select
          {...field('studentLanguage')}
          options={[
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <TextField {...field('contractNumber')} hint={r.contractNumberHint} required />
        <TextField {...field('signedOn')} type="date" required />
        <TextField {...field('startDate')} type="date" required />
        <TextField {...field('plannedEndDate')} type="date" required />
        <Select {...field('courseType')} options={labelled(COURSE_TYPES, ct.courseTypes)} />
        <Select {...field('educationLevel')} options={labelled(EDUCATION_LEVELS, ct.levels)} />
        <TextField {...field('hourlyRate')} hint={r.hourlyRateHint} inputMode="decimal" required />
        <TextField {...field('plannedHours')} inputMode="numeric" required />
        <TextField {...field('hoursPerWeek')} hint={r.hoursPerWeekHint} inputMode="decimal" required />
        <Select {...field('funder')} options={labelled(FUNDERS, ct.funders)} />
      </PostForm>
    </>
  );
}

/** Many contracts at once: CSV pasted in, all or nothing. */
export function ImportForm({ m, csrf, values, errors, schools, done }: FormProps) {
  const t = m.contracts.import;
  return (
    <>
      <Heading level={1}>{t.title}</Heading>
      {done ? <Notice title={m.common.noticeTitle}>{done}</Notice> : null}
      <ErrorSummary m={m} errors={errors} />
      <P>{t.intro}</P>
      <P>
        {t.columns} <code>{IMPORT_COLUMNS.join(',')}</code>
      </P>
      <PostForm action="/console/contracts/import" csrf={csrf} button={t.button}>
        <Select
          id="schoolId"
          label={t.defaultSchool}
          value={values.schoolId}
          options={schoolOptions(schools, t.noDefaultSchool)}
        />
        <TextArea
          id="csv"
          label={t.csv}
          value={values.csv}
          rows={12}
          error={errorFor(errors, 'csv')}
          required
        />
      </PostForm>
    </>
  );
}

/** Changing a school's quality mark: a withdrawal gives every active student a ground to stop. */
export function QualityMarkForm(props: {
  m: Messages;
  csrf: string;
  school: { id: string; name: string; qualityMark: string };
  values: FormValues;
  errors: FieldError[];
}) {
  const { m, school, values, errors } = props;
  const t = m.contracts.qualityMark;
  return (
    <>
      <Heading level={1}>{t.title(school.name)}</Heading>
      <ErrorSummary m={m} errors={errors} />
      <P>{t.intro}</P>
      <Notice kind="info">{t.withdrawWarning}</Notice>
      <PostForm action={`/console/schools/${school.id}/quality-mark`} csrf={props.csrf} button={t.button}>
        <Select
          id="status"
          label={t.status}
          value={values.status ?? school.qualityMark}
          error={errorFor(errors, 'status')}
          options={labelled(QUALITY_MARKS, m.console.schools.marks)}
        />
        <TextField
          id="effectiveOn"
          type="date"
          label={t.effectiveOn}
          value={values.effectiveOn}
          error={errorFor(errors, 'effectiveOn')}
          required
        />
        <TextArea
          id="reason"
          label={t.reason}
          value={values.reason}
          error={errorFor(errors, 'reason')}
          rows={3}
          required
        />
      </PostForm>
      <P>
        <Link href={`/console/schools/${school.id}`}>{school.name}</Link>
      </P>
    </>
  );
}

/** On a school's page: its contracts, registering one, and changing its quality mark (by permission). */
export function SchoolContractLinks({
  m,
  roles,
  schoolId,
}: {
  m: Messages;
  roles: readonly string[];
  schoolId: string;
}) {
  const t = m.contracts.qualityMark;
  const links: [string, string, boolean][] = [
    [`/console/contracts?schoolId=${schoolId}`, t.contractsLink, can(roles, 'contract.read')],
    [`/console/contracts/new?school=${schoolId}`, t.registerLink, can(roles, 'contract.write')],
    [`/console/schools/${schoolId}/quality-mark`, t.link, can(roles, 'school.write')],
  ];
  return <LinkList links={links.filter((l) => l[2])} />;
}

/** The notice after a quality-mark change, with how many contracts and students a withdrawal reached. */
export function QualityMarkDone({ m, q }: { m: Messages; q: Record<string, string> }) {
  if (q.done !== 'qualityMark') return null;
  const t = m.contracts.qualityMark;
  const count = (v: string | undefined) => {
    const n = v ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  };
  const affected = count(q.affected);
  const notified = count(q.notified);
  return (
    <Notice title={m.common.noticeTitle}>
      {affected !== null && notified !== null ? t.done(affected, notified) : t.doneOther}
    </Notice>
  );
}
