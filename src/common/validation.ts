import { PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { badRequest, FieldError } from './problem.js';

/** A calendar date YYYY-MM-DD that exists (2026-02-30 is refused). */
export const isoDate = z
  .string()
  .refine((v) => isIsoDate(v), {
    message: 'must be a real date written as YYYY-MM-DD',
    // The form flow's message key (src/web/form-flow.ts): "Enter a date that exists."
    params: { formKey: 'date' },
  })
  .meta({ format: 'date', example: '2026-03-16' });

export const language = z.enum(['nl', 'en']);

/**
 * Control characters other than tab and newline (a browser's CR LF counts as a newline). Postgres
 * refuses NUL in text (a 500 before this check), and none of them belongs in what people type.
 */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
/** What may not appear in a name on one line: every control character, and Unicode's line breaks. */
const LINE_BREAKING = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

export const CONTROL_CHARS_MESSAGE = 'must not contain control characters';
export const ONE_LINE_MESSAGE = 'must be one line without control characters';

/** True when a value holds a control character other than tab, newline or CR LF. */
export function hasControlChars(v: string): boolean {
  return CONTROL_CHARS.test(v);
}

/** True for a person's name as it may go into "Beste <name>,": one line, no control characters. */
export function isOneLine(v: string): boolean {
  return !LINE_BREAKING.test(v);
}

/**
 * The one form of an email address that is compared, stored and used as a key: trimmed, Unicode
 * NFKC, lower-cased by JavaScript. Every entry (sign-in, reset, account creation, the first admin,
 * user look-ups, throttle keys) goes through this, and staff_users.email is stored so, with a
 * unique index on it: before, the throttle keyed on JavaScript's toLowerCase and the look-up on
 * Postgres' lower(), which disagree (U+0130 `İ`), so a variant of an address signed in past the throttle.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

/**
 * A name as it goes into an email ("Beste <name>,", a subject): line breaks and other control
 * characters become one space, so a stored value can never start a line of its own. Defence in
 * depth behind `personName`: names stored before it, or by a path that missed it.
 */
export function oneLine(v: unknown): string {
  return String(v ?? '')
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
    .trim();
}

/** A string without control characters (other than tab and newline): every text input goes through this. */
export const plain = () => z.string().refine((v) => !hasControlChars(v), { message: CONTROL_CHARS_MESSAGE });

/** Free text: trimmed, bounded, never interpreted (stored as written, escaped when shown); no control characters. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, `must be at least ${min} character(s)`)
    .max(max)
    .refine((v) => !hasControlChars(v), { message: CONTROL_CHARS_MESSAGE });

/** A person's name (a student's, a staff member's): one line, as it is put into the greeting of an email. */
export const personName = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must be at least 1 character(s)')
    .max(max)
    .refine(isOneLine, { message: ONE_LINE_MESSAGE });

/**
 * Every string of a parsed body or query (nested objects and arrays too) that holds a control
 * character, as field paths (`student.name`). The global input check answers these with 400.
 */
export function controlCharFields(value: unknown, path = '', depth = 0): string[] {
  if (typeof value === 'string') return hasControlChars(value) ? [path || '(body)'] : [];
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out.push(...controlCharFields(v, path ? `${path}.${k}` : k, depth + 1));
  }
  return out;
}

export function zodErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => {
    const field = i.path.join('.') || (i.code === 'unrecognized_keys' ? '' : '(body)');
    if (i.code === 'unrecognized_keys') {
      return { field: i.keys.map((k) => (field ? `${field}.${k}` : k)).join(', '), message: 'unknown field' };
    }
    return { field, message: i.message };
  });
}

/** Parses with a strict schema; unknown fields, wrong types and bad dates become one 400 problem. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}
  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) {
      const errors = zodErrors(result.error);
      throw badRequest(`The request has ${errors.length} invalid field(s)`, errors);
    }
    return result.data;
  }
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  return new ZodPipe(schema).transform(value);
}

/** The JSON Schema of a zod schema, for the OpenAPI document. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  delete s.$schema;
  return s;
}
