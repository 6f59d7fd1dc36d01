import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { STATUSES } from '../complaints/complaints.rules.js';
import { DIGID_STATUSES } from '../digid-reports/digid-reports.rules.js';
import { caseVisibilitySql, caseVisible } from './access.rules.js';

const me = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';

describe('caseVisible', () => {
  it('shows a jurist their own cases and unassigned cases no jurist handles yet', () => {
    const j = { id: me, roles: ['jurist'] };
    expect(caseVisible(j, { assigneeId: me, status: 'under_review' })).toBe(true);
    expect(caseVisible(j, { assigneeId: other, status: 'under_review' })).toBe(false);
    expect(caseVisible(j, { assigneeId: null, status: 'escalated' })).toBe(true);
    expect(caseVisible(j, { assigneeId: null, status: 'decided' })).toBe(false);
    expect(caseVisible(j, { assigneeId: other, status: 'escalated' })).toBe(false);
  });
  it('shows supervisors everything and finance and admin nothing', () => {
    for (const status of STATUSES) {
      expect(caseVisible({ id: me, roles: ['supervisor'] }, { assigneeId: other, status })).toBe(true);
      expect(caseVisible({ id: me, roles: ['finance'] }, { assigneeId: null, status })).toBe(false);
      expect(caseVisible({ id: me, roles: ['admin'] }, { assigneeId: other, status })).toBe(false);
    }
  });
  it('shows intake every case before handling', () => {
    expect(caseVisible({ id: me, roles: ['intake'] }, { assigneeId: other, status: 'school_stage' })).toBe(
      true,
    );
    expect(caseVisible({ id: me, roles: ['intake'] }, { assigneeId: other, status: 'under_review' })).toBe(
      false,
    );
  });
  it('treats a DigiD report in triage as a case before handling', () => {
    expect(caseVisible({ id: me, roles: ['intake'] }, { assigneeId: null, status: 'triage' })).toBe(true);
    expect(caseVisible({ id: me, roles: ['jurist'] }, { assigneeId: null, status: 'triage' })).toBe(true);
    expect(caseVisible({ id: me, roles: ['jurist'] }, { assigneeId: other, status: 'triage' })).toBe(false);
    expect(caseVisible({ id: me, roles: ['intake'] }, { assigneeId: other, status: 'investigation' })).toBe(
      false,
    );
    expect(caseVisible({ id: me, roles: ['jurist'] }, { assigneeId: null, status: 'investigation' })).toBe(
      false,
    );
  });
  it('property: the SQL condition says the same as the function', () => {
    // A tiny evaluator for the generated condition over one row.
    const evalSql = (
      cond: string | null,
      params: unknown[],
      row: { assigneeId: string | null; status: string },
    ): boolean => {
      if (cond === null) return true;
      const js = cond
        .replace(/c\.assignee_id = \$(\d+)/g, (_m, i) =>
          JSON.stringify(row.assigneeId === params[Number(i) - 1]),
        )
        .replace(/c\.status = ANY\(\$(\d+)\)/g, (_m, i) =>
          JSON.stringify((params[Number(i) - 1] as string[]).includes(row.status)),
        )
        .replace(/c\.assignee_id IS NULL/g, JSON.stringify(row.assigneeId === null))
        .replace(/ OR /g, ' || ')
        .replace(/ AND /g, ' && ');
      return Function(`return ${js}`)() as boolean;
    };
    fc.assert(
      fc.property(
        fc.subarray(['intake', 'jurist', 'supervisor', 'finance', 'admin'], { minLength: 1 }),
        fc.constantFrom(me, other, null),
        fc.constantFrom(...STATUSES, ...DIGID_STATUSES),
        (roles, assigneeId, status) => {
          const params: unknown[] = [];
          const cond = caseVisibilitySql({ id: me, roles }, (v) => {
            params.push(v);
            return `$${params.length}`;
          });
          expect(evalSql(cond, params, { assigneeId, status })).toBe(
            caseVisible({ id: me, roles }, { assigneeId, status }),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
