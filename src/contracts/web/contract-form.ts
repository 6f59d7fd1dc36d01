import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ProblemError } from '../../common/problem.js';
import type { FieldError } from '../../web/components.js';
import { parseForm, type FormSpec, type FormValues } from '../../web/form-flow.js';
import { localize, type FormIssue } from '../../web/forms.js';
import type { Messages } from '../../web/i18n.js';
import { formBody, redirect } from '../../web/web.http.js';

/** A refusal the page shows (4xx), as opposed to one the error pages handle (401, 403, 404, 5xx). */
export function isUserProblem(e: unknown): e is ProblemError {
  return (
    e instanceof ProblemError && e.status < 500 && e.status !== 404 && e.status !== 401 && e.status !== 403
  );
}

/** The text of a refused action: the reason in the reader's language, and the rule's own detail. */
export function refusal(m: Messages, e: ProblemError): string {
  const r = m.contracts.refusals;
  const reason = r[e.code ?? 'other'] ?? r.other;
  const fields = (e.errors ?? []).map((x) => `${x.field}: ${x.message}`).join('; ');
  return `${reason} ${m.contracts.systemDetail} ${fields || e.detail}`;
}

/** The field a form sends at a body path (`student.email` -> `studentEmail`). */
function fieldAt(spec: FormSpec, path: string): string | undefined {
  for (const [name, s] of Object.entries(spec))
    if (((typeof s === 'object' && s.path) || name) === path) return name;
  return undefined;
}

export interface ContractForm<S extends z.ZodType, R> {
  schema: S;
  spec: FormSpec;
  /** The fields' labels, for the error summary ("Label: message"). */
  labels: Record<string, string>;
  /** The id of a field's input, where it is not the field's name (`reason` -> `t-<id>-reason`). */
  ids?: Record<string, string>;
  /** Where a refusal that names no field of this form is shown. */
  anchor: string | ((e: ProblemError) => string);
  /** Problems the schema cannot see (a missing upload), found by the page. */
  issues?: FormIssue[];
  run: (value: z.output<S>) => Promise<R>;
  /** The address to go to (303), or the page shown after a success that is not a redirect. */
  done: (result: R) => string | Promise<void>;
  /** The refusal in words, when the contract pages' usual text does not fit. */
  refusalText?: (e: ProblemError) => string;
  show: (errors: FieldError[], values: FormValues, status: number) => Promise<void>;
}

/**
 * The contract pages' form flow: the form parsed by the JSON API's schema (src/web/form-flow.ts),
 * its problems shown with the error summary, the service's refusal shown at the field it names
 * (or at the form) in its own words: the reason and the rule's detail. Then 303 to the result.
 */
export async function submitContractForm<S extends z.ZodType, R>(
  req: FastifyRequest,
  reply: FastifyReply,
  m: Messages,
  form: ContractForm<S, R>,
): Promise<void> {
  const values = formBody(req);
  const idOf = (field: string) => form.ids?.[field] ?? field;
  const parsed = parseForm(form.schema, values, form.spec);
  const issues = [...(parsed.ok ? [] : parsed.issues), ...(form.issues ?? [])];
  if (!parsed.ok || issues.length) {
    const labels = Object.fromEntries(issues.map((i) => [idOf(i.field), form.labels[i.field] ?? '']));
    const shown = issues.map((i) => ({ ...i, field: idOf(i.field) }));
    return form.show(localize(shown, m, labels).summary, values, 422);
  }
  let result: R;
  try {
    result = await form.run(parsed.value);
  } catch (e) {
    if (!isUserProblem(e)) throw e;
    const named = e.errors?.map((x) => fieldAt(form.spec, x.field)).find((f) => f !== undefined);
    const message = form.refusalText?.(e) ?? refusal(m, e);
    const anchor = typeof form.anchor === 'string' ? form.anchor : form.anchor(e);
    return form.show([{ field: idOf(named ?? anchor), message }], values, e.status);
  }
  const next = await form.done(result);
  if (typeof next === 'string') redirect(reply, next);
}
