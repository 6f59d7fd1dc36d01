import type { ListItem } from '../cases.repository.js';
import { Link, Notice, P, Select, TextField } from '../../web/components.js';
import { CaseTable, FilterForm, PageTitle, type FormView } from '../../web/console.views.js';
import type { Messages } from '../../web/i18n.js';
import { filterQuery, LIST_STATUSES, type ListFilters } from './case-list.filters.js';

const BUTTON_LINK = 'utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action';

export interface CaseListChoices {
  schools: { id: string; name: string; city: string }[];
  assignees: { id: string; name: string }[];
}

/** The filters above the list; a field keeps what was typed when it did not parse. */
function CaseFilters({
  m,
  filters,
  typed,
  byField,
  choices,
}: {
  m: Messages;
  filters: ListFilters;
  typed: Record<string, string>;
  byField: Record<string, string>;
  choices: CaseListChoices;
}) {
  const l = m.console.list;
  const links = (
    <>
      <a class={BUTTON_LINK} href="/console/cases">
        {l.reset}
      </a>
      <a class={BUTTON_LINK} href={`/console/cases.csv${filterQuery(filters)}`}>
        {l.exportCsv}
      </a>
    </>
  );
  const select = (id: keyof ListFilters, label: string, options: { value: string; label: string }[]) => (
    <Select id={id} label={label} value={filters[id]} options={options} error={byField[id]} />
  );
  return (
    <FilterForm action="/console/cases" label={l.filters} button={l.apply} extra={links}>
      <div class="bow-filters">
        <div class="bow-filters__wide">
          <TextField id="q" type="search" label={l.search} value={filters.q ?? typed.q} error={byField.q} />
        </div>
        {select('type', l.type, [
          { value: '', label: l.anyType },
          ...Object.entries(l.types).map(([value, label]) => ({ value, label })),
        ])}
        {select('status', l.status, [
          { value: '', label: l.anyStatus },
          ...LIST_STATUSES.map((s) => ({ value: s, label: m.console.statuses[s] ?? s })),
        ])}
        {select('schoolId', l.school, [
          { value: '', label: l.anySchool },
          ...choices.schools.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
        ])}
        {select('assigneeId', l.assignee, [
          { value: '', label: l.anyAssignee },
          { value: 'none', label: l.unassigned },
          ...choices.assignees.map((u) => ({ value: u.id, label: u.name })),
        ])}
        {(['dueFrom', 'dueTo'] as const).map((id) => (
          <TextField id={id} type="date" label={l[id]} value={filters[id] ?? typed[id]} error={byField[id]} />
        ))}
      </div>
    </FilterForm>
  );
}

/** Back to the first page (when on a later one) and on to the next (keyset: the cursor of the last row). */
function Pagination({
  m,
  filters,
  onLaterPage,
  nextCursor,
}: {
  m: Messages;
  filters: ListFilters;
  onLaterPage: boolean;
  nextCursor: string | null;
}) {
  const l = m.console.list;
  return (
    <nav class="utrecht-pagination" aria-label={l.pagination}>
      <ul class="bow-inline-list">
        {onLaterPage ? (
          <li>
            <Link href={`/console/cases${filterQuery(filters)}`}>{l.firstPage}</Link>
          </li>
        ) : null}
        {nextCursor ? (
          <li>
            <a
              class="utrecht-link utrecht-link--html-a"
              rel="next"
              href={`/console/cases${filterQuery(filters, { cursor: nextCursor })}`}
            >
              {l.nextPage}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The case list: filters, one page of cases, and the way to the next. */
export function CaseListView({
  m,
  today,
  filters,
  typed,
  form,
  badCursor,
  result,
  choices,
}: {
  m: Messages;
  today: string;
  filters: ListFilters;
  typed: Record<string, string>;
  form: FormView;
  badCursor: boolean;
  result: { items: ListItem[]; nextCursor: string | null };
  choices: CaseListChoices;
}) {
  const l = m.console.list;
  return (
    <>
      <PageTitle m={m} title={l.title} errors={form.summary} />
      {badCursor ? <Notice kind="warning">{l.badCursor}</Notice> : null}
      <CaseFilters m={m} filters={filters} typed={typed} byField={form.byField} choices={choices} />
      {result.items.length ? (
        <CaseTable m={m} items={result.items} caption={l.caption} today={today} />
      ) : (
        <P>{l.none}</P>
      )}
      <Pagination
        m={m}
        filters={filters}
        onLaterPage={Boolean(filters.cursor) && !badCursor}
        nextCursor={result.nextCursor}
      />
    </>
  );
}
