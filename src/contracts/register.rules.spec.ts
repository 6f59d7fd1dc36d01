import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../common/dates.js';
import { invoiceFlags, type Invoice, type Lesson } from './contracts.rules.js';
import {
  contractDateErrors,
  flagsPerInvoice,
  lessonBatchErrors,
  qualityMarkOn,
  refusedLessonField,
  registrationRefusal,
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

describe('who may take a new student: the quality mark on the signed-on date (2026-12)', () => {
  // Registered with the mark, suspended for the first half of 2026, withdrawn from 2026-09-01.
  const history = [
    { status: 'keurmerk', effectiveOn: '2024-03-01' },
    { status: 'suspended', effectiveOn: '2026-01-01' },
    { status: 'keurmerk', effectiveOn: '2026-07-01' },
    { status: 'withdrawn', effectiveOn: '2026-09-01' },
  ];
  const refusal = (funder: string, signedOn: string) =>
    registrationRefusal({ funder, signedOn, qualityMarkHistory: history })?.code ?? null;

  it('reads the mark from the history, not the current status', () => {
    expect(qualityMarkOn(history, '2025-12-31')).toBe('keurmerk');
    expect(qualityMarkOn(history, '2026-01-01')).toBe('suspended');
    expect(qualityMarkOn(history, '2026-07-01')).toBe('keurmerk');
    expect(qualityMarkOn(history, '2026-09-01')).toBe('withdrawn');
    // Before the first entry: the mark the school was registered with.
    expect(qualityMarkOn(history, '2020-01-01')).toBe('keurmerk');
    expect(qualityMarkOn([], '2020-01-01')).toBeNull();
  });

  it('a later-recorded entry wins over an earlier one in effect on the same date', () => {
    const backdated = [
      { status: 'keurmerk', effectiveOn: '2026-01-01' },
      { status: 'suspended', effectiveOn: '2026-06-01' },
      { status: 'withdrawn', effectiveOn: '2026-03-01' },
    ];
    expect(qualityMarkOn(backdated, '2026-07-01')).toBe('withdrawn');
    expect(qualityMarkOn(backdated, '2026-04-01')).toBe('withdrawn');
    expect(qualityMarkOn(backdated, '2026-02-01')).toBe('keurmerk');
  });

  it('a DUO loan only with keurmerk or aspirant on the signed-on date', () => {
    expect(refusal('duo_loan', '2025-06-01')).toBeNull();
    expect(refusal('duo_loan', '2026-08-31')).toBeNull();
    expect(refusal('duo_loan', '2026-09-01')).toBe('school_not_certified_for_loan');
    expect(refusal('municipality', '2026-09-01')).toBeNull();
    expect(refusal('self', '2026-10-01')).toBeNull();
    expect(
      registrationRefusal({
        funder: 'duo_loan',
        signedOn: '2026-01-01',
        qualityMarkHistory: [{ status: 'aspirant', effectiveOn: '2025-01-01' }],
      }),
    ).toBeNull();
  });

  it('a suspended school takes no new student at all, whoever pays', () => {
    for (const funder of ['duo_loan', 'municipality', 'self'])
      expect(refusal(funder, '2026-03-15')).toBe('school_suspended');
  });

  it('refuses exactly when the mark on the date says so (property)', () => {
    const mark = fc.constantFrom('aspirant', 'keurmerk', 'suspended', 'withdrawn');
    const day = fc.integer({ min: 0, max: 1000 }).map((d) => fromDayNumber(toDayNumber('2024-01-01') + d));
    fc.assert(
      fc.property(
        fc.array(fc.record({ status: mark, effectiveOn: day }), { minLength: 1, maxLength: 6 }),
        day,
        fc.constantFrom('duo_loan', 'municipality', 'self'),
        (h, signedOn, funder) => {
          const on = qualityMarkOn(h, signedOn);
          const r = registrationRefusal({ funder, signedOn, qualityMarkHistory: h });
          if (on === 'suspended') expect(r?.code).toBe('school_suspended');
          else if (funder === 'duo_loan' && on === 'withdrawn')
            expect(r?.code).toBe('school_not_certified_for_loan');
          else expect(r).toBeNull();
        },
      ),
    );
  });
});
