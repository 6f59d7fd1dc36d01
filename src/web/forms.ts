import type { FieldError } from './components.js';
import type { Messages } from './i18n.js';

export type ErrorKey = keyof Messages['fieldErrors'];

/** A problem with one field, as a message key; the page turns it into text in the reader's language. */
export interface FormIssue {
  field: string;
  key: ErrorKey;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in an address (`/console/schools/<id>`): anything else is a page that does not exist. */
export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

/**
 * The texts of a form's problems: for the summary "Label: message" (each links to its field),
 * and per field the message alone.
 */
export function localize(
  issues: readonly FormIssue[],
  m: Messages,
  labels: Record<string, string>,
): { summary: FieldError[]; byField: Record<string, string> } {
  const byField: Record<string, string> = {};
  const summary: FieldError[] = [];
  for (const i of issues) {
    const message = m.fieldErrors[i.key];
    byField[i.field] = message;
    summary.push({ field: i.field, message: labels[i.field] ? `${labels[i.field]}: ${message}` : message });
  }
  return { summary, byField };
}
