import { z } from 'zod';
import { listQuery, type ListQuery } from '../../complaints/complaints.dto.js';
import { STATUSES } from '../../complaints/complaints.rules.js';
import { DIGID_STATUSES } from '../../digid-reports/digid-reports.rules.js';
import type { FormSpec } from '../../web/form-flow.js';
import type { FormIssue } from '../../web/forms.js';
import { parseFilters } from '../../web/query-filters.js';

/** Every case type's statuses: DigiD reports share the list, and the SQL compares the status as text. */
export const LIST_STATUSES = [...new Set<string>([...STATUSES, ...DIGID_STATUSES])] as [string, ...string[]];

/** The JSON list's query, with the statuses of every case type the console lists. */
const listFilters = listQuery
  .pick({ type: true, schoolId: true, assigneeId: true, dueFrom: true, dueTo: true, q: true, cursor: true })
  .extend({ status: z.enum(LIST_STATUSES).optional() });

export type ListFilters = Omit<z.output<typeof listFilters>, 'status'> & { status?: ListQuery['status'] };

const FILTER_SPEC: FormSpec = {
  type: { key: 'chooseOne' },
  status: { key: 'chooseOne' },
  schoolId: { key: 'chooseOne' },
  assigneeId: { key: 'chooseOne' },
  dueFrom: 'text',
  dueTo: 'text',
  q: { key: 'searchLength' },
  cursor: 'text',
};

/**
 * The list's filters from the query string: what is not valid is reported and left out, not used.
 * A cursor that is not one (the list's own link, edited) is a page that no longer exists.
 */
export function caseListFilters(values: Record<string, string>): {
  filters: ListFilters;
  issues: FormIssue[];
  badCursor: boolean;
} {
  const { filters, issues } = parseFilters(listFilters, values, FILTER_SPEC);
  return {
    filters: filters as ListFilters,
    issues: issues.filter((i) => i.field !== 'cursor'),
    badCursor: issues.some((i) => i.field === 'cursor'),
  };
}

/** The query string of a list page with these filters (and no cursor unless given). */
export function filterQuery(f: ListFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, cursor: undefined, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}
