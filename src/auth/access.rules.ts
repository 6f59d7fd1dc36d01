/**
 * Object-level access to case files [decision, written out in docs/access.md]:
 * - a supervisor sees every case;
 * - a jurist sees the cases assigned to them, and unassigned cases that no jurist handles yet
 *   (intake, school stage, escalated but not acknowledged, a DigiD report in triage);
 * - intake sees every case before a jurist handles it, and the cases assigned to them;
 * - finance and admin see no case files (finance works on contracts and refunds; admin on
 *   users, the calendar and emails).
 * A case a staff member may not see answers 404, as if it did not exist.
 */
export interface Viewer {
  id: string;
  roles: readonly string[];
}

// `triage` is a DigiD report before a jurist handles it (src/digid-reports); `referred` one sent to
// the DigiD operator without handling, which intake may reopen as a school report.
export const BEFORE_HANDLING = [
  'intake',
  'school_stage',
  'escalated',
  'resolved_by_school',
  'triage',
  'referred',
] as const;
const UNASSIGNED_FOR_JURISTS = ['intake', 'school_stage', 'escalated', 'triage', 'referred'] as const;

export function caseVisible(viewer: Viewer, c: { assigneeId: string | null; status: string }): boolean {
  if (viewer.roles.includes('supervisor')) return true;
  if (c.assigneeId === viewer.id) return true;
  if (viewer.roles.includes('intake') && (BEFORE_HANDLING as readonly string[]).includes(c.status))
    return true;
  if (
    viewer.roles.includes('jurist') &&
    c.assigneeId === null &&
    (UNASSIGNED_FOR_JURISTS as readonly string[]).includes(c.status)
  )
    return true;
  return false;
}

/**
 * The same rule as a SQL condition on `cases c`, for lists. `next` gives the next parameter
 * placeholder; returns null when the viewer sees everything.
 */
export function caseVisibilitySql(viewer: Viewer, next: (value: unknown) => string): string | null {
  if (viewer.roles.includes('supervisor')) return null;
  const parts = [`c.assignee_id = ${next(viewer.id)}`];
  if (viewer.roles.includes('intake')) parts.push(`c.status = ANY(${next([...BEFORE_HANDLING])})`);
  if (viewer.roles.includes('jurist'))
    parts.push(`(c.assignee_id IS NULL AND c.status = ANY(${next([...UNASSIGNED_FOR_JURISTS])}))`);
  return `(${parts.join(' OR ')})`;
}
