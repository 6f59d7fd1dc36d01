/**
 * Registering contracts, recording lessons and showing invoice flags. Pure: no Nest, no I/O.
 * The arithmetic stays in contracts.rules.ts; this file only puts its answers in place.
 */
import type { FieldError } from '../common/problem.js';
import {
  inDateOrder,
  invoiceFlags,
  lessonRefusal,
  type ContractTerms,
  type Invoice,
  type InvoiceFlag,
  type Lesson,
} from './contracts.rules.js';

/** 2.5 hours -> 250 hundredths; the schema allows at most 2 decimals. */
export function toHundredths(hours: number): number {
  return Math.round(hours * 100);
}

/** The dates of a contract must make sense together. [decision] */
export function contractDateErrors(
  c: { signedOn: string; startDate: string; plannedEndDate: string },
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  if (c.plannedEndDate < c.startDate) {
    errors.push({ field: `${prefix}plannedEndDate`, message: 'cannot be before startDate' });
  }
  if (c.signedOn > c.plannedEndDate) {
    errors.push({ field: `${prefix}signedOn`, message: 'cannot be after plannedEndDate' });
  }
  return errors;
}

/** Which field of a lesson lessonRefusal objected to, so the 422 can name `lessons.3.mode`. */
export function refusedLessonField(reason: string): 'date' | 'minutes' | 'mode' {
  if (/not a valid date/.test(reason)) return 'date';
  if (/minutes must/.test(reason)) return 'minutes';
  return 'mode';
}

/**
 * Every refused lesson of a batch, named by its position (`lessons.3.mode`). One refusal
 * refuses the batch. [seed: online literacy; decision: all or nothing] A lesson on or after the
 * end of a terminated contract is refused too. [decision]
 */
export function lessonBatchErrors(
  terms: Pick<ContractTerms, 'courseType'>,
  lessons: readonly Lesson[],
  endedOn: string | null,
): FieldError[] {
  const errors: FieldError[] = [];
  lessons.forEach((lesson, i) => {
    const reason = lessonRefusal(terms, lesson);
    if (reason) {
      errors.push({ field: `lessons.${i}.${refusedLessonField(reason)}`, message: reason });
    } else if (endedOn !== null && lesson.date >= endedOn) {
      errors.push({
        field: `lessons.${i}.date`,
        message: `Lesson on ${lesson.date}: the contract ended on ${endedOn}.`,
      });
    }
  });
  return errors;
}

/**
 * The flags of each invoice, in the order given. invoiceFlags reports flags by date; an invoice's
 * flags depend only on the invoices before it (by date, then as given), so the flags that the
 * k-th invoice adds to the list are its own. Refused invoices never get a flag.
 */
export function flagsPerInvoice(input: {
  terms: Pick<ContractTerms, 'hourlyRateCents'>;
  lessons: readonly Lesson[];
  invoices: readonly Invoice[];
  otherSchoolsInvoices?: readonly Invoice[];
}): InvoiceFlag[][] {
  const order = inDateOrder(input.invoices);
  const result: InvoiceFlag[][] = input.invoices.map(() => []);
  let before = 0;
  for (let k = 0; k < order.length; k++) {
    const prefix = order.slice(0, k + 1).map((o) => o.invoice);
    const flags = invoiceFlags({ ...input, invoices: prefix });
    result[order[k].index] = flags.slice(before);
    before = flags.length;
  }
  return result;
}

export interface QualityMarkEntry {
  status: string;
  effectiveOn: string;
}

/**
 * The school's mark on `date`, from its history in the order the entries were recorded: the
 * last one recorded that had taken effect by then (as the mark in force today is computed). A
 * date before every entry takes the first one recorded, the mark the school was registered
 * with: the body's own records go back further than this product. [decision] Null only when
 * there is no history at all.
 */
export function qualityMarkOn(recorded: readonly QualityMarkEntry[], date: string): string | null {
  let mark: string | null = null;
  for (const e of recorded) if (e.effectiveOn <= date) mark = e.status;
  return mark ?? recorded[0]?.status ?? null;
}

export type RegistrationRefusal = {
  code: 'school_suspended' | 'school_not_certified_for_loan';
  field: 'signedOn' | 'funder';
  message: string;
};

/**
 * May the school take this student? (2026-12) A school whose mark is suspended on the signed-on
 * date takes no new students at all [source: a suspended mark means no new students]; a student
 * who borrows from DUO only at a school holding the mark (`keurmerk` or `aspirant`) on that date
 * [seed]. The codes: decision. One rule for the API, the CSV import and the console form.
 */
export function registrationRefusal(input: {
  funder: string;
  signedOn: string;
  qualityMarkHistory: readonly QualityMarkEntry[];
}): RegistrationRefusal | null {
  const mark = qualityMarkOn(input.qualityMarkHistory, input.signedOn);
  if (mark === 'suspended') {
    return {
      code: 'school_suspended',
      field: 'signedOn',
      message: `the school's quality mark was suspended on ${input.signedOn}: it takes no new students`,
    };
  }
  if (input.funder === 'duo_loan' && mark !== 'keurmerk' && mark !== 'aspirant') {
    return {
      code: 'school_not_certified_for_loan',
      field: 'funder',
      message: `the school did not hold the quality mark on ${input.signedOn} (${mark ?? 'none'}): a DUO loan is not possible there`,
    };
  }
  return null;
}
