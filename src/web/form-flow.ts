import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ProblemError } from '../common/problem.js';
import type { ErrorKey, FormIssue } from './forms.js';
import { formBody, redirect } from './web.http.js';

// The one way a page handles a POST: the form's strings become the JSON API's body, the JSON API's
// zod schema parses it, its issues become field errors in the reader's language (one adapter,
// `issueKey`), and the page either shows the form again with an error summary or redirects (303)
// to the result. No page has its own regexes or limits: they live in the schema and the rules.

export type FormValues = Record<string, string>;

/** How one form field becomes a value of the JSON body. */
export type FieldKind =
  /** Trimmed by the schema; an empty field is left out (an optional field, or "required"). */
  | 'text'
  /** A checkbox: `true` when ticked, left out otherwise. */
  | 'checkbox'
  /** A whole number; anything else is passed on as typed, so the schema reports it. */
  | 'int'
  /** An empty field means `null` ("nobody", "none"). */
  | 'nullable';

export interface FormField {
  /** Where the value goes in the JSON body (`student.name`); the form field's name by default. */
  path?: string;
  kind?: FieldKind;
  /** The message for any problem with this field, when the generic one says too little (`school`, `weeks`). */
  key?: ErrorKey;
}

/** The fields a form sends, by their name in the form; anything else in the body is ignored. */
export type FormSpec = Record<string, FormField | FieldKind>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; issues: FormIssue[] };

/** What a page needs to show its form again: the problems, or the refusal of the action, and what was typed. */
export interface FormState {
  issues?: FormIssue[];
  problem?: ProblemError;
  values: FormValues;
}

function field(spec: FormField | FieldKind): FormField {
  return typeof spec === 'string' ? { kind: spec } : spec;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    at[p] ??= {};
    at = at[p] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]] = value;
}

/** The JSON body the form stands for. */
export function formInput(values: FormValues, spec: FormSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const f = field(s);
    const raw = values[name] ?? '';
    const path = f.path ?? name;
    switch (f.kind ?? 'text') {
      case 'checkbox':
        if (raw === 'true' || raw === 'on') setPath(out, path, true);
        break;
      case 'nullable':
        setPath(out, path, raw.trim() === '' ? null : raw);
        break;
      case 'int':
        if (raw.trim() !== '') setPath(out, path, /^\s*-?\d{1,9}\s*$/.test(raw) ? Number(raw) : raw);
        break;
      default:
        if (raw.trim() !== '') setPath(out, path, raw);
    }
  }
  return out;
}

/**
 * The message key of one zod issue. A refinement names its own (`params: { formKey: 'date' }`, as
 * `isoDate` does); otherwise the kind of problem decides.
 */
export function issueKey(issue: z.core.$ZodIssue): ErrorKey {
  const formKey = (issue as { params?: { formKey?: unknown } }).params?.formKey;
  if (typeof formKey === 'string') return formKey as ErrorKey;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return issue.expected === 'number' ? 'number' : 'invalid';
    case 'too_small':
      return issue.origin === 'string' ? 'required' : 'number';
    case 'too_big':
      return issue.origin === 'string' ? 'tooLong' : 'number';
    case 'not_multiple_of':
      return 'number';
    case 'invalid_format':
      return issue.format === 'email' ? 'email' : 'invalid';
    case 'invalid_value':
      return 'chooseOne';
    default:
      return 'invalid';
  }
}

/** The form field a body path came from. */
function nameOf(spec: FormSpec, path: string): string | undefined {
  for (const [name, s] of Object.entries(spec)) if ((field(s).path ?? name) === path) return name;
  return undefined;
}

function issueFor(spec: FormSpec, path: string, key: ErrorKey): FormIssue | undefined {
  const name = nameOf(spec, path);
  return name === undefined ? undefined : { field: name, key: field(spec[name]).key ?? key };
}

/** Parses a form with the JSON API's schema; every problem becomes a field error (the first per field). */
export function parseForm<S extends z.ZodType>(
  schema: S,
  values: FormValues,
  spec: FormSpec,
): FormResult<z.output<S>> {
  const result = schema.safeParse(formInput(values, spec));
  if (result.success) return { ok: true, value: result.data };
  const issues: FormIssue[] = [];
  for (const i of result.error.issues) {
    // A field the form does not send is the page's own mistake, not the reader's: fail loudly.
    const found = issueFor(spec, i.path.join('.'), issueKey(i));
    if (!found)
      throw new Error(`form issue on a field the form does not send: ${i.path.join('.') || i.code}`);
    if (!issues.some((x) => x.field === found.field)) issues.push(found);
  }
  return { ok: false, issues };
}

/**
 * The service's field errors (a 422 with `errors`) as the form's field errors. The service speaks
 * English to API clients; these are the few things it says about a form field, in the page's keys.
 */
const SERVICE_MESSAGES: [RegExp, ErrorKey][] = [
  [/in the future/, 'dateFuture'],
  [/in the past/, 'datePast'],
  [/before filedWithSchoolOn/, 'dateBeforeFiled'],
  [/no school/, 'school'],
];

export function problemIssues(problem: ProblemError, spec: FormSpec): FormIssue[] | undefined {
  if (problem.status !== 422 || !problem.errors?.length) return undefined;
  const issues: FormIssue[] = [];
  for (const e of problem.errors) {
    const key = SERVICE_MESSAGES.find(([re]) => re.test(e.message))?.[1] ?? 'invalid';
    const found = issueFor(spec, e.field, key);
    if (!found) return undefined; // about something the form does not ask: show the problem as a whole
    if (!issues.some((x) => x.field === found.field)) issues.push(found);
  }
  return issues;
}

/**
 * The whole POST: parse, run, and 303 to `done(result)`; on a problem with the form or a refusal
 * of the action (4xx other than 401/404), `rerender` shows the form again with what was typed.
 */
export async function submitForm<S extends z.ZodType, R>(
  req: FastifyRequest,
  reply: FastifyReply,
  form: {
    schema: S;
    spec: FormSpec;
    run: (value: z.output<S>, values: FormValues) => Promise<R>;
    done: (result: R) => string;
    rerender: (state: FormState, status: number) => Promise<void> | void;
  },
): Promise<void> {
  const values = formBody(req);
  const parsed = parseForm(form.schema, values, form.spec);
  if (!parsed.ok) return form.rerender({ issues: parsed.issues, values }, 422);
  let result: R;
  try {
    result = await form.run(parsed.value, values);
  } catch (e) {
    if (e instanceof ProblemError && e.status < 500 && e.status !== 404 && e.status !== 401) {
      const issues = problemIssues(e, form.spec);
      return form.rerender(issues ? { issues, values } : { problem: e, values }, e.status);
    }
    throw e;
  }
  redirect(reply, form.done(result));
}
