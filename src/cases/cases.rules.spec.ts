import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '../common/dates.js';
import {
  actionAllowed,
  actionsIn,
  extensionCheck,
  mayBeAssigned,
  MAX_EXTENSION_WEEKS,
} from './cases.rules.js';

describe('state tables', () => {
  const table = { start: ['new'], note: ['new', 'done'], finish: ['started'] } as const;
  it('lists the actions possible in a status, in the table order', () => {
    expect(actionsIn(table, 'new')).toEqual(['start', 'note']);
    expect(actionsIn(table, 'gone')).toEqual([]);
    expect(actionAllowed(table, 'done', 'note')).toBe(true);
    expect(actionAllowed(table, 'done', 'start')).toBe(false);
  });
});

describe('extension', () => {
  it('allows one extension of 1 to 4 weeks before the deadline', () => {
    expect(
      extensionCheck({ extensionWeeks: 0, weeks: 4, today: '2026-05-01', decisionDueOn: '2026-05-01' }),
    ).toEqual({ allowed: true });
    expect(
      extensionCheck({ extensionWeeks: 2, weeks: 1, today: '2026-05-01', decisionDueOn: '2026-06-01' }),
    ).toMatchObject({ code: 'extension_already_used' });
    expect(
      extensionCheck({ extensionWeeks: 0, weeks: 5, today: '2026-05-01', decisionDueOn: '2026-06-01' }),
    ).toMatchObject({ code: 'extension_too_long' });
    expect(
      extensionCheck({ extensionWeeks: 0, weeks: 2, today: '2026-05-02', decisionDueOn: '2026-05-01' }),
    ).toMatchObject({ code: 'extension_too_late' });
  });
  it('is never allowed without a deadline, after it, or a second time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_EXTENSION_WEEKS }),
        fc.integer({ min: -3, max: 8 }),
        fc.integer({ min: -10, max: 10 }),
        fc.boolean(),
        (used, weeks, late, hasDeadline) => {
          const today = '2026-05-01';
          const decisionDueOn = hasDeadline ? addDays(today, -late) : null;
          const check = extensionCheck({ extensionWeeks: used, weeks, today, decisionDueOn });
          const ok = used === 0 && weeks >= 1 && weeks <= MAX_EXTENSION_WEEKS && hasDeadline && late <= 0;
          expect(check.allowed).toBe(ok);
        },
      ),
    );
  });
});

describe('assignment', () => {
  it('goes to active jurists and supervisors only', () => {
    expect(mayBeAssigned({ active: true, roles: ['jurist'] })).toBe(true);
    expect(mayBeAssigned({ active: true, roles: ['intake', 'supervisor'] })).toBe(true);
    expect(mayBeAssigned({ active: false, roles: ['jurist'] })).toBe(false);
    expect(mayBeAssigned({ active: true, roles: ['intake'] })).toBe(false);
    expect(mayBeAssigned(null)).toBe(false);
  });
});
