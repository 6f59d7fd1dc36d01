import type { IsoDate } from '../common/dates.js';

/**
 * What every case type shares, as pure rules: the kinds of case in the one `cases` table, the
 * state tables' lookups, and the handling deadline's pause and one extension (a complaint's
 * decision and a DigiD report's investigation follow the same rule).
 */
export const CASE_TYPES = ['complaint', 'digid_report'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** How a case reached Blik op Werk: the public form, or staff recording a call, an email or a letter. */
export const CHANNELS = ['web', 'phone', 'email', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The actions every case type has, each in its own state table. */
export type SharedCaseAction = 'assign' | 'pause' | 'resume' | 'extend' | 'close' | 'addNote';

/** The actions of a state table that are possible in `status`, in the table's order. */
export function actionsIn<A extends string>(
  table: Readonly<Record<A, readonly string[]>>,
  status: string,
): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].includes(status));
}

export function actionAllowed<A extends string>(
  table: Readonly<Record<A, readonly string[]>>,
  status: string,
  action: A,
): boolean {
  return table[action].includes(status);
}

/** Why a handling deadline stands still; the case records the reason. [decision] */
export const PAUSE_REASONS = ['awaiting_student', 'awaiting_school', 'awaiting_documents', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** One extension of at most 4 weeks. [decision, Awb] */
export const MAX_EXTENSION_WEEKS = 4;

/** An extension is allowed once, for 1 to 4 weeks, announced before the original deadline. [decision] */
export function extensionCheck(i: {
  extensionWeeks: number;
  weeks: number;
  today: IsoDate;
  decisionDueOn: IsoDate | null;
}): { allowed: true } | { allowed: false; reason: string; code: string } {
  if (i.extensionWeeks > 0)
    return {
      allowed: false,
      reason: 'The decision deadline was already extended once',
      code: 'extension_already_used',
    };
  if (!Number.isInteger(i.weeks) || i.weeks < 1 || i.weeks > MAX_EXTENSION_WEEKS) {
    return {
      allowed: false,
      reason: `An extension is 1 to ${MAX_EXTENSION_WEEKS} weeks`,
      code: 'extension_too_long',
    };
  }
  if (!i.decisionDueOn || i.today > i.decisionDueOn) {
    return {
      allowed: false,
      reason: 'An extension must be announced before the decision deadline',
      code: 'extension_too_late',
    };
  }
  return { allowed: true };
}

/** Cases go to active jurists and supervisors only. [decision] */
export function mayBeAssigned(user: { active: boolean; roles: readonly string[] } | null): boolean {
  return !!user && user.active && user.roles.some((r) => r === 'jurist' || r === 'supervisor');
}
