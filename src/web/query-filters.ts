import type { z } from 'zod';
import { parseForm, type FormSpec, type FormValues } from './form-flow.js';
import type { FormIssue } from './forms.js';

/**
 * Filters from a query string (a list's search form), parsed with the JSON API's query schema. A
 * list shows what it can: a filter that does not parse is reported and left out, the others apply.
 */
export function parseFilters<S extends z.ZodType>(
  schema: S,
  values: FormValues,
  spec: FormSpec,
): { filters: z.output<S>; issues: FormIssue[] } {
  const first = parseForm(schema, values, spec);
  if (first.ok) return { filters: first.value, issues: [] };
  const good = { ...values };
  for (const i of first.issues) delete good[i.field];
  const second = parseForm(schema, good, spec);
  // Every filter stands on its own, so without the bad ones the rest parses; if not, it is a page bug.
  if (!second.ok) throw new Error(`filters do not parse without the bad ones: ${second.issues[0].field}`);
  return { filters: second.value, issues: first.issues };
}
