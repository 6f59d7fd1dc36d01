import type { z } from 'zod';
import { isIsoDate, type IsoDate } from '../../common/dates.js';
import { ProblemError } from '../../common/problem.js';
import type { ErrorKey, FormIssue } from '../../web/forms.js';

// What the public complaint pages share: the student's and the school's pages open by a private
// link, their forms name fields apart from their ids, and their dates lie between filing and today.

/**
 * What a private link opens, or null when it opens nothing (unknown, expired, revoked, another
 * kind of link): the page then says the link is not valid.
 */
export async function openLink<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof ProblemError && e.status === 404) return null;
    throw e;
  }
}

/**
 * A form's issues under the ids of its fields on the page (`reason` → `escalate-reason`, where two
 * forms on one page send a `reason`): the error summary links to the id.
 */
export function issuesAt(issues: readonly FormIssue[] | undefined, ids: Record<string, string>): FormIssue[] {
  return (issues ?? []).map((i) => ({ ...i, field: ids[i.field] ?? i.field }));
}

/**
 * The problem with a date that must not lie in the future nor before `from` (the day the complaint
 * was filed with the school), as a message key; the service checks the same when it records it.
 */
export function dateOutside(
  on: unknown,
  today: IsoDate,
  from: unknown,
  beforeKey: ErrorKey,
): ErrorKey | null {
  if (!isIsoDate(on)) return null;
  if (on > today) return 'dateFuture';
  if (isIsoDate(from) && on < from) return beforeKey;
  return null;
}

/** A form problem found by a refinement, with its message key (see `issueKey` in the form flow). */
export function addFormIssue(ctx: z.RefinementCtx, formKey: ErrorKey, path: string[] = []): void {
  ctx.addIssue({ code: 'custom', path, message: formKey, params: { formKey } });
}

/** A form field's id, name, what was typed and its problem: what a field of a private page's form takes. */
export function fieldAt(
  shown: { values?: Record<string, string>; byField: Record<string, string> },
  name: string,
  id: string,
) {
  return { id, name, value: shown.values?.[name], error: shown.byField[id] };
}

/** The notice after an action, by the `done` of its redirect. */
export function noticeFor(done: string | undefined, texts: [done: string, text: string][]): string | null {
  return new Map(texts).get(done ?? '') ?? null;
}
