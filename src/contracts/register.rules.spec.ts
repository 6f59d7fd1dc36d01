import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../calendar/dates.js';
import { invoiceFlags, type Invoice, type Lesson } from './contracts.rules.js';
import {
  contractDateErrors,
  flagsPerInvoice,
  lessonBatchErrors,
  refusedLessonField,
  toHundredths,
} from './register.rules.js';

describe('registering a contract', () => {
  it('hours per week become integer hundredths', () => {
    expect(toHundredths(8)).toBe(800);
    expect(toHundredths(2.5)).toBe(250);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(7.25)).toBe(725);
  });

  it('refuses dates that do not fit together', () => {
    expect(
      contractDateErrors({ signedOn: '2025-12-15', startDate: '2026-01-05', plannedEndDate: '2026-12-18' }),
    ).toEqual([]);
    expect(
      contractDateErrors({ signedOn: '2025-12-15', startDate: '2026-01-05', plannedEndDate: '2026-01-05' }),
    ).toEqual([]);
    expect(
      contractDateErrors({ signedOn: '2025-12-15', startDate: '2026-01-05', plannedEndDate: '2026-01-04' }),
    ).toEqual([{ field: 'plannedEndDate', message: 'cannot be before startDate' }]);
    expect(
      contractDateErrors(
        { signedOn: '2027-01-01', startDate: '2026-01-05', plannedEndDate: '2026-12-18' },
        'x.',
      ),
    ).toEqual([{ field: 'x.signedOn', message: 'cannot be after plannedEndDate' }]);
  });
});

describe('a batch of lessons', () => {
  it('names each refused lesson by its position and field', () => {
    const lessons: Lesson[] = [
      { date: '2019-01-07', minutes: 60, mode: 'classroom' },
      { date: '2019-01-09', minutes: 60, mode: 'online' },
      { date: '2019-01-10', minutes: 0, mode: 'classroom' },
      { date: '2019-02-30', minutes: 60, mode: 'classroom' },
    ];
    const errors = lessonBatchErrors({ courseType: 'literacy' }, lessons, null);
    expect(errors.map((e) => e.field)).toEqual(['lessons.1.mode', 'lessons.2.minutes', 'lessons.3.date']);
    expect(errors[0].message).toContain('literacy');
    expect(lessonBatchErrors({ courseType: 'nt2' }, lessons.slice(0, 2), null)).toEqual([]);
  });

  it('refuses lessons on or after the end of a terminated contract', () => {
    const errors = lessonBatchErrors(
      { courseType: 'nt2' },
      [
        { date: '2026-05-09', minutes: 60, mode: 'classroom' },
        { date: '2026-05-10', minutes: 60, mode: 'classroom' },
      ],
      '2026-05-10',
    );
    expect(errors).toEqual([
      { field: 'lessons.1.date', message: 'Lesson on 2026-05-10: the contract ended on 2026-05-10.' },
    ]);
  });

  it('maps the rule messages to the field they are about', () => {
    expect(refusedLessonField('Lesson date 2026-02-30 is not a valid date (YYYY-MM-DD).')).toBe('date');
    expect(
      refusedLessonField('Lesson on 2026-03-02: minutes must be a whole number from 1 to 720, got 0.'),
    ).toBe('minutes');
    expect(
      refusedLessonField('Lesson on 2019-01-09: literacy courses may not be given online from 2019-01-01.'),
    ).toBe('mode');
  });
});

describe('flags per invoice', () => {
  const terms = { hourlyRateCents: 1200 };
  const lessons: Lesson[] = [
    { date: '2026-01-05', minutes: 240, mode: 'classroom' }, // worth 4800
    { date: '2026-01-12', minutes: 240, mode: 'classroom' },
  ];

  it('puts each flag on the invoice that caused it, also between same-day invoices', () => {
    const invoices: Invoice[] = [
      { invoiceDate: '2026-01-12', amountCents: 4000, status: 'paid' }, // cumulative 9000 > 9600? no
      { invoiceDate: '2026-01-06', amountCents: 5000, status: 'paid' }, // 5000 > 4800: in advance
      { invoiceDate: '2026-01-12', amountCents: 1000, status: 'paid' }, // cumulative 10000 > 9600: in advance
      { invoiceDate: '2026-01-12', amountCents: 1, status: 'refused' },
    ];
    const flags = flagsPerInvoice({ terms, lessons, invoices });
    expect(flags.map((f) => f.map((x) => x.code))).toEqual([
      [],
      ['invoiced_in_advance'],
      ['invoiced_in_advance'],
      [],
    ]);
    expect(flags[2][0].detail).toContain('10000');
  });

  const DAY = toDayNumber('2026-01-01');
  const invoiceArb = fc.record({
    invoiceDate: fc.integer({ min: 0, max: 180 }).map((d) => fromDayNumber(DAY + d)),
    amountCents: fc.integer({ min: 1, max: 150_000 }),
    status: fc.constantFrom<Invoice['status']>('paid', 'refused', 'disputed'),
  });

  it('together they are exactly the flags of invoiceFlags (property)', () => {
    fc.assert(
      fc.property(
        fc.array(invoiceArb, { maxLength: 12 }),
        fc.array(invoiceArb, { maxLength: 4 }),
        (invoices, others) => {
          const per = flagsPerInvoice({ terms, lessons, invoices, otherSchoolsInvoices: others });
          const key = (f: { invoiceDate: string; code: string; detail: string }) =>
            `${f.invoiceDate}|${f.code}|${f.detail}`;
          expect(per.flat().map(key).sort()).toEqual(
            invoiceFlags({ terms, lessons, invoices, otherSchoolsInvoices: others }).map(key).sort(),
          );
          per.forEach((fs, i) => {
            if (invoices[i].status === 'refused') expect(fs).toEqual([]);
            for (const f of fs) expect(f.invoiceDate).toBe(invoices[i].invoiceDate);
          });
        },
      ),
    );
  });
});
