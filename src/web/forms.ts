import { isIsoDate } from '../common/dates.js';
import { isOneLine } from '../common/validation.js';
import type { FieldError } from './components.js';
import type { Messages } from './i18n.js';

export type ErrorKey = keyof Messages['fieldErrors'];

/** A problem with one field, as a message key; the page turns it into text in the reader's language. */
export interface FormIssue {
  field: string;
  key: ErrorKey;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const PHONE = /^[+0-9 ()-]{6,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

/**
 * Checks a submitted form field by field and collects every problem (not only the first), so
 * the error summary can list them all. Values are trimmed; empty optional fields become undefined.
 */
export class FormCheck {
  readonly issues: FormIssue[] = [];

  constructor(private readonly body: Record<string, string>) {}

  get ok(): boolean {
    return this.issues.length === 0;
  }

  fail(field: string, key: ErrorKey): void {
    if (!this.issues.some((i) => i.field === field)) this.issues.push({ field, key });
  }

  raw(name: string): string {
    return (this.body[name] ?? '').trim();
  }

  text(name: string, opts: { required?: boolean; max: number; field?: string }): string | undefined {
    const v = this.raw(name);
    const field = opts.field ?? name;
    if (!v) {
      if (opts.required) this.fail(field, 'required');
      return undefined;
    }
    if (v.length > opts.max) this.fail(field, 'tooLong');
    return v;
  }

  /** A person's name: one line without control characters, as it goes into "Beste <name>,". */
  personName(name: string, opts: { required?: boolean; max: number; field?: string }): string | undefined {
    const v = this.text(name, opts);
    if (v && !isOneLine(v)) this.fail(opts.field ?? name, 'invalid');
    return v;
  }

  email(name: string, opts: { required?: boolean; field?: string } = {}): string | undefined {
    const v = this.text(name, { required: opts.required, max: 320, field: opts.field });
    if (v && !EMAIL.test(v)) this.fail(opts.field ?? name, 'email');
    return v;
  }

  phone(name: string, field?: string): string | undefined {
    const v = this.text(name, { max: 20, field });
    if (v && !PHONE.test(v)) this.fail(field ?? name, 'phone');
    return v;
  }

  date(
    name: string,
    opts: {
      required?: boolean;
      notAfter?: string;
      notBefore?: string;
      field?: string;
      beforeKey?: ErrorKey;
    } = {},
  ): string | undefined {
    const v = this.raw(name);
    const field = opts.field ?? name;
    if (!v) {
      if (opts.required) this.fail(field, 'required');
      return undefined;
    }
    if (!isIsoDate(v)) {
      this.fail(field, 'date');
      return undefined;
    }
    if (opts.notAfter && v > opts.notAfter) this.fail(field, 'dateFuture');
    if (opts.notBefore && v < opts.notBefore) this.fail(field, opts.beforeKey ?? 'datePast');
    return v;
  }

  oneOf<T extends string>(
    name: string,
    values: readonly T[],
    opts: { required?: boolean; field?: string } = {},
  ): T | undefined {
    const v = this.raw(name);
    const field = opts.field ?? name;
    if (!v) {
      if (opts.required) this.fail(field, 'chooseOne');
      return undefined;
    }
    if (!(values as readonly string[]).includes(v)) {
      this.fail(field, 'chooseOne');
      return undefined;
    }
    return v as T;
  }

  checked(name: string): boolean {
    return this.raw(name) === 'true';
  }

  int(name: string, min: number, max: number, key: ErrorKey = 'number', field?: string): number | undefined {
    const v = this.raw(name);
    if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) {
      this.fail(field ?? name, v ? key : 'required');
      return undefined;
    }
    return Number(v);
  }
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
