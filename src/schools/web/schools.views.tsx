import type { ComponentChildren } from 'preact';
import {
  DataList,
  type FieldError,
  Heading,
  Link,
  P,
  StatusBadge,
  Table,
  TextField,
} from '../../web/components.js';
import { FilterForm, PageTitle, Section, TableOrNone } from '../../web/console.views.js';
import { formatDate, formatDateTime, type Messages } from '../../web/i18n.js';
import { createSchoolBody } from '../schools.dto.js';
import type { School } from '../schools.repository.js';

export interface QualityMarkChange {
  status: string;
  effectiveOn: string;
  reason: string;
  recordedAt: Date;
}

/** The schools, found by name or city; a school without a complaints regulation stands out. */
export function SchoolListView({
  m,
  q,
  items,
  errors,
}: {
  m: Messages;
  q: string;
  items: School[];
  errors: FieldError[];
}) {
  const s = m.console.schools;
  return (
    <>
      <PageTitle m={m} title={s.title} errors={errors} />
      <FilterForm action="/console/schools" label={s.title} button={s.button}>
        <TextField id="q" type="search" label={s.search} value={q} />
      </FilterForm>
      <TableOrNone
        caption={s.title}
        head={[s.name, s.city, s.qualityMark, s.regulation]}
        none={s.none}
        rows={items.map((x) => [
          <Link href={`/console/schools/${x.id}`}>{x.name}</Link>,
          x.city,
          s.marks[x.qualityMark] ?? x.qualityMark,
          x.complaintsRegulationUrl ? (
            m.common.yes
          ) : (
            <StatusBadge kind="warning">{s.regulationMissing}</StatusBadge>
          ),
        ])}
      />
    </>
  );
}

/** Linked only when it is the kind of address the school form accepts (http or https). */
function RegulationLink({ m, url }: { m: Messages; url: string | null }) {
  const s = m.console.schools;
  if (!url || !createSchoolBody.shape.complaintsRegulationUrl.safeParse(url).success)
    return <>{s.regulationMissing}</>;
  return (
    <a class="utrecht-link utrecht-link--html-a" href={url} rel="noopener noreferrer">
      {s.regulationLink}
    </a>
  );
}

/**
 * One school: its data, links to its cases (and what other parts of the console add: `notice`
 * above, `links` and `sections` below) and the history of its quality mark.
 */
export function SchoolDetailView({
  m,
  school,
  history,
  showCases,
  notice,
  links,
  sections,
}: {
  m: Messages;
  school: School;
  history: QualityMarkChange[];
  showCases: boolean;
  notice?: ComponentChildren;
  links?: ComponentChildren;
  sections?: ComponentChildren;
}) {
  const s = m.console.schools;
  return (
    <>
      <Heading level={1}>{school.name}</Heading>
      {notice}
      <DataList
        items={[
          [s.city, school.city],
          [s.qualityMark, s.marks[school.qualityMark] ?? school.qualityMark],
          [s.complaintsEmail, school.complaintsEmail],
          [s.regulation, <RegulationLink m={m} url={school.complaintsRegulationUrl} />],
          [s.regulationChecked, formatDate(school.regulationCheckedOn, m)],
        ]}
      />
      {showCases ? (
        <P>
          <Link href={`/console/cases?schoolId=${school.id}`}>{s.complaints}</Link>
        </P>
      ) : null}
      {links}
      {sections}
      <Section id="history" title={s.history}>
        <Table
          hideCaption
          caption={s.history}
          head={[s.effectiveOn, s.qualityMark, s.reason, s.recordedAt]}
          rows={history.map((r) => [
            formatDate(r.effectiveOn, m),
            s.marks[r.status] ?? r.status,
            r.reason,
            formatDateTime(r.recordedAt, m),
          ])}
        />
      </Section>
    </>
  );
}
