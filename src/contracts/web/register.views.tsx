import { IMPORT_COLUMNS } from '../contracts.csv.js';
import { COURSE_TYPES, EDUCATION_LEVELS } from '../contracts.dto.js';
import { FUNDERS } from '../terminations.rules.js';
import {
  ErrorSummary,
  errorFor,
  type FieldError,
  Heading,
  Link,
  Notice,
  type Option,
  P,
  Select,
  TextArea,
  TextField,
} from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import { PostForm } from './parts.js';

export interface SchoolOption {
  id: string;
  name: string;
  city: string;
}

/** The schools to choose from, after a first option ("choose one", "any school"). */
export function schoolOptions(schools: readonly SchoolOption[], first: string): Option[] {
  return [
    { value: '', label: first },
    ...schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
  ];
}

/** A list's values with their labels in the reader's language. */
export function labelled(values: readonly string[], labels: Record<string, string>): Option[] {
  return values.map((x) => ({ value: x, label: labels[x] ?? x }));
}

export interface FormProps {
  m: Messages;
  csrf: string;
  values: FormValues;
  errors: FieldError[];
  schools: readonly SchoolOption[];
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
export function ImportForm({ m, csrf, values, errors, schools, done }: FormProps & { done?: string }) {
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
