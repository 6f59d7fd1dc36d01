import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from '../common/dates.js';
import { contractEndedOn, contractRetainedUntil, FINANCIAL_YEARS } from './retention.rules.js';

describe('financial retention counts from the real end of a contract', () => {
  it('an early termination counts from its effective date, not the planned end', () => {
    const c = { endedOn: '2019-03-01', plannedEndDate: '2020-06-30' };
    expect(contractEndedOn(c)).toBe('2019-03-01');
    expect(contractRetainedUntil(c)).toBe('2026-03-01');
  });

  it('a contract not terminated counts from its planned end', () => {
    expect(contractRetainedUntil({ endedOn: null, plannedEndDate: '2020-06-30' })).toBe('2027-06-30');
  });

  it('never keeps an early-ended contract longer than one that ran to its planned end', () => {
    const day = fc
      .integer({ min: toDayNumber('2010-01-01'), max: toDayNumber('2040-12-31') })
      .map(fromDayNumber);
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 2000 }), (plannedEndDate, early) => {
        const endedOn = addDays(plannedEndDate, -early);
        expect(
          contractRetainedUntil({ endedOn, plannedEndDate }) <=
            contractRetainedUntil({ endedOn: null, plannedEndDate }),
        ).toBe(true);
        expect(FINANCIAL_YEARS).toBe(7);
      }),
    );
  });
});
