import { can } from '../../auth/policy.js';
import {
  ErrorSummary,
  errorFor,
  type FieldError,
  Heading,
  Link,
  Notice,
  P,
  Select,
  TextArea,
  TextField,
} from '../../web/components.js';
import type { FormValues } from '../../web/form-flow.js';
import type { Messages } from '../../web/i18n.js';
import { QUALITY_MARKS } from '../../schools/schools.dto.js';
import { LinkList } from './lists.views.js';
import { PostForm } from './parts.js';
import { labelled } from './register.views.js';

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
