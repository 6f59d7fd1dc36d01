/**
 * Contract rules: termination quotes, lesson checks, exemption hours and invoice flags.
 *
 * Pure functions: no Nest, no I/O, no clock. Money is integer cents, time integer minutes;
 * every division goes through `roundHalfUpDiv` so no float ever reaches an amount.
 * The rules are those of domain-rules.md sections 4 and 5; each comment names its source.
 */
import { addMonths, daysBetween, isIsoDate, maxDate, minDate, parts, type IsoDate } from '../common/dates.js';

export type CourseType = 'nt2' | 'ona' | 'literacy';
export type LessonMode = 'classroom' | 'online';
/** The grounds to end a contract; the DTOs and the pages take this list. */
export const TERMINATION_GROUNDS = [
  'notice',
  'moved',
  'long_illness',
  'arbitration_vindicated',
  'other_weighty_reason',
  'school_lost_quality_mark',
] as const;
export type TerminationGround = (typeof TERMINATION_GROUNDS)[number];

/**
 * Weighty reasons (gewichtige redenen) need evidence and staff approval. [seed; approval: decision]
 * The seed's list is open ("such as"): any other weighty reason is `other_weighty_reason`, with a
 * written justification and a supervisor's decision. (2026-12) [seed; procedure: decision]
 */
export const WEIGHTY_GROUNDS: readonly TerminationGround[] = [
  'moved',
  'long_illness',
  'arbitration_vindicated',
  'other_weighty_reason',
];

export interface ContractTerms {
  signedOn: IsoDate;
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  courseType: CourseType;
  hourlyRateCents: number;
  plannedHours: number;
  /** May have up to 2 decimals (e.g. 2.5); used as integer hundredths. */
  hoursPerWeek: number;
}

export interface Lesson {
  date: IsoDate;
  minutes: number;
  mode: LessonMode;
}

export interface QuoteLine {
  label: string;
  labelNl: string;
  minutes?: number;
  cents?: number;
}

export interface TerminationQuote {
  ground: TerminationGround;
  requestedOn: IsoDate;
  effectiveDate: IsoDate;
  deliveredMinutes: number;
  scheduledMinutes: number;
  chargeableMinutes: number;
  feesDueCents: number;
  paidCents: number;
  refundToLoanCents: number;
  stillInvoiceableCents: number;
  paidInAdvance: boolean;
  lines: QuoteLine[];
}

export type QuoteRefusal = {
  code:
    | 'ground_not_applicable'
    | 'school_still_holds_mark'
    | 'requested_before_start'
    | 'requested_after_planned_end'
    | 'contract_already_ended';
  message: string;
};

/** Notice needs the course to have lasted at least 3 months, read as a minimum term. [seed; reading: decision] */
const MINIMUM_TERM_MONTHS = 3;
/** At most one month's notice. [seed] */
const NOTICE_MONTHS = 1;

/**
 * Integer division rounded half up, for non-negative safe integers (5/10 -> 1, 4/10 -> 0).
 * Throws on anything else, so a float or an overflow never silently becomes an amount. [decision]
 */
export function roundHalfUpDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0) {
    throw new RangeError(`roundHalfUpDiv: numerator must be a non-negative safe integer, got ${numerator}`);
  }
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`roundHalfUpDiv: denominator must be a positive safe integer, got ${denominator}`);
  }
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/**
 * The date the contract ends. [seed; formula: decision, domain-rules.md section 4]
 * notice: min(plannedEnd, max(requestedOn + 1 month, start + 3 months));
 * weighty reasons and the quality-mark ground: the requested date, no notice month.
 * Contract dates never roll over to an open day. [decision]
 */
export function effectiveDate(
  terms: Pick<ContractTerms, 'startDate' | 'plannedEndDate'>,
  ground: TerminationGround,
  requestedOn: IsoDate,
): IsoDate {
  if (ground === 'notice') {
    return minDate(
      terms.plannedEndDate,
      maxDate(addMonths(requestedOn, NOTICE_MONTHS), addMonths(terms.startDate, MINIMUM_TERM_MONTHS)),
    );
  }
  return requestedOn;
}

/** Minutes of lessons dated strictly before `date`. [decision] */
function deliveredBefore(lessons: readonly Lesson[], date: IsoDate): number {
  let total = 0;
  for (const lesson of lessons) if (lesson.date < date) total += lesson.minutes;
  return total;
}

/** 2.5 -> "2.5" (en) / "2,5" (nl); whole numbers without decimals. */
function formatHours(hundredths: number, lang: 'en' | 'nl'): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  const decimals = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}${lang === 'en' ? '.' : ','}${decimals}`;
}

type QuoteInput = {
  terms: ContractTerms;
  lessons: readonly Lesson[];
  paidCents: number;
  ground: TerminationGround;
  requestedOn: IsoDate;
  qualityMarkWithdrawnOn?: IsoDate | null;
  groundApproved?: boolean;
};

export function quoteTermination(
  input: QuoteInput,
): { ok: true; quote: TerminationQuote } | { ok: false; refusal: QuoteRefusal } {
  const refusal = quoteRefusal(input);
  if (refusal) return { ok: false, refusal };
  const { ground, requestedOn } = input;
  const effective = effectiveDate(input.terms, ground, requestedOn);
  const lines = endLines(input, effective);
  const time = lessonTime(input, effective, lines);
  const money = moneyDue(input, time.chargeableMinutes, lines);
  return {
    ok: true,
    quote: {
      ground,
      requestedOn,
      effectiveDate: effective,
      ...time,
      ...money,
      // A positive refund means the school was paid in advance: flag it. [decision]
      paidInAdvance: money.refundToLoanCents > 0,
      lines,
    },
  };
}

/** Why this ground cannot end the contract on this date, if it cannot. */
function quoteRefusal(input: QuoteInput): QuoteRefusal | null {
  const { terms, ground, requestedOn } = input;
  // Callers may pass unchecked strings; an unknown ground is not a ground at all.
  if (!TERMINATION_GROUNDS.includes(ground)) {
    return { code: 'ground_not_applicable', message: `Unknown termination ground: ${String(ground)}.` };
  }
  // After the planned end there is nothing left to terminate. [decision] A request before the
  // start (or before signing) is allowed: notice then runs to start + 3 months. [decision]
  if (requestedOn > terms.plannedEndDate) {
    return {
      code: 'requested_after_planned_end',
      message: `The request date ${requestedOn} is after the contract's planned end date ${terms.plannedEndDate}.`,
    };
  }
  // The quality-mark ground needs the withdrawal on or before the requested date. [decision]
  if (ground === 'school_lost_quality_mark') {
    const withdrawnOn = input.qualityMarkWithdrawnOn ?? null;
    if (withdrawnOn === null || withdrawnOn > requestedOn) {
      return {
        code: 'school_still_holds_mark',
        message:
          withdrawnOn === null
            ? 'The school still holds its quality mark, so this ground does not apply.'
            : `The school's quality mark was withdrawn on ${withdrawnOn}, after the request date ${requestedOn}.`,
      };
    }
  }
  return null;
}

/** The quote's first lines: when the contract ends and why, and whether the ground awaits approval. */
function endLines(input: QuoteInput, effective: IsoDate): QuoteLine[] {
  const { terms, ground, requestedOn } = input;
  const lines: QuoteLine[] = [];
  if (ground === 'notice') {
    const byNotice = addMonths(requestedOn, NOTICE_MONTHS);
    const byMinimumTerm = addMonths(terms.startDate, MINIMUM_TERM_MONTHS);
    const why: [string, string] =
      effective < maxDate(byNotice, byMinimumTerm)
        ? ['the planned end date', 'de geplande einddatum']
        : byMinimumTerm > byNotice
          ? ['minimum term of 3 months from the start', 'minimale duur van 3 maanden vanaf de start']
          : ["one month's notice", 'opzegtermijn van één maand'];
    lines.push({
      label: `Contract ends on ${effective} (${why[0]})`,
      labelNl: `Contract eindigt op ${effective} (${why[1]})`,
    });
  } else {
    lines.push({
      label: `Contract ends on ${effective} (the requested date, no notice period)`,
      labelNl: `Contract eindigt op ${effective} (de gevraagde datum, geen opzegtermijn)`,
    });
  }
  // The quote is a what-if: a weighty reason is quoted before approval, with a note. [decision]
  if (WEIGHTY_GROUNDS.includes(ground) && input.groundApproved === false) {
    lines.push({
      label: 'Weighty reason: subject to staff approval',
      labelNl: 'Gewichtige reden: onder voorbehoud van goedkeuring door de medewerkers',
    });
  }
  return lines;
}

/** The lesson time that is paid for, each step added to `lines`. */
function lessonTime(input: QuoteInput, effective: IsoDate, lines: QuoteLine[]) {
  const { terms, ground, requestedOn } = input;
  // Notice: what was given before the request plus the notice month's lessons; other grounds:
  // what was given before the effective date. [decision, domain-rules.md section 4]
  const deliveredOn = ground === 'notice' ? requestedOn : effective;
  const deliveredMinutes = deliveredBefore(input.lessons, deliveredOn);
  lines.push({
    label: `Lessons given before ${deliveredOn}`,
    labelNl: `Gegeven lessen vóór ${deliveredOn}`,
    minutes: deliveredMinutes,
  });

  let scheduledMinutes = 0;
  if (ground === 'notice') {
    // No lessons are scheduled before the start date. [decision] Hours per week as integer
    // hundredths so the division by 7 days is exact integer arithmetic.
    const hundredthsPerWeek = Math.round(terms.hoursPerWeek * 100);
    const from = maxDate(requestedOn, terms.startDate);
    const days = Math.max(0, daysBetween(from, effective));
    scheduledMinutes = roundHalfUpDiv(hundredthsPerWeek * 60 * days, 700);
    lines.push({
      label: `Notice period: lessons scheduled from ${from} to ${effective} (${formatHours(hundredthsPerWeek, 'en')} hours a week)`,
      labelNl: `Opzegtermijn: geplande lessen van ${from} tot ${effective} (${formatHours(hundredthsPerWeek, 'nl')} uur per week)`,
      minutes: scheduledMinutes,
    });
  }

  // Never more than the planned hours. [decision]
  const capMinutes = Math.round(terms.plannedHours * 60);
  let chargeableMinutes = deliveredMinutes + scheduledMinutes;
  if (chargeableMinutes > capMinutes) {
    chargeableMinutes = capMinutes;
    lines.push({
      label: `Capped at the planned ${terms.plannedHours} hours`,
      labelNl: `Begrensd op de geplande ${terms.plannedHours} uur`,
      minutes: capMinutes,
    });
  }
  lines.push({ label: 'Chargeable lesson time', labelNl: 'Te betalen lestijd', minutes: chargeableMinutes });
  return { deliveredMinutes, scheduledMinutes, chargeableMinutes };
}

/** What the lesson time costs against what was paid, each amount added to `lines`. */
function moneyDue(input: QuoteInput, chargeableMinutes: number, lines: QuoteLine[]) {
  const feesDueCents = roundHalfUpDiv(chargeableMinutes * input.terms.hourlyRateCents, 60);
  const paid = input.paidCents;
  // The refund goes back to the loan (or the payer), never to the student. [seed]
  const refundToLoanCents = Math.max(0, paid - feesDueCents);
  // The most the school may still invoice. [decision]
  const stillInvoiceableCents = Math.max(0, feesDueCents - paid);
  lines.push(
    { label: 'Tuition due', labelNl: 'Verschuldigd lesgeld', cents: feesDueCents },
    { label: 'Paid from the loan', labelNl: 'Betaald uit de lening', cents: paid },
    { label: 'Refund to the loan', labelNl: 'Terugbetaling aan de lening', cents: refundToLoanCents },
    {
      label: 'Still invoiceable by the school',
      labelNl: 'Nog te factureren door de school',
      cents: stillInvoiceableCents,
    },
  );
  return { feesDueCents, paidCents: paid, refundToLoanCents, stillInvoiceableCents };
}

/** From this date online hours no longer count, and literacy may not be given online. [seed] */
const ONLINE_CUTOFF: IsoDate = '2019-01-01';
/** Contracts signed before the cutoff keep counting online hours until this date. [seed] */
const TRANSITION_END: IsoDate = '2019-06-01';
/** A lesson longer than a day's 12 hours is a typo. [decision] */
const MAX_LESSON_MINUTES = 720;

/** Why a lesson may not be recorded for this contract, or null when it may. */
export function lessonRefusal(terms: Pick<ContractTerms, 'courseType'>, lesson: Lesson): string | null {
  if (!isIsoDate(lesson.date)) return `Lesson date ${String(lesson.date)} is not a valid date (YYYY-MM-DD).`;
  if (!Number.isInteger(lesson.minutes) || lesson.minutes < 1 || lesson.minutes > MAX_LESSON_MINUTES) {
    return `Lesson on ${lesson.date}: minutes must be a whole number from 1 to ${MAX_LESSON_MINUTES}, got ${lesson.minutes}.`;
  }
  // Literacy courses may not be given online from 2019-01-01. [seed]
  if (terms.courseType === 'literacy' && lesson.mode === 'online' && lesson.date >= ONLINE_CUTOFF) {
    return `Lesson on ${lesson.date}: literacy courses may not be given online from ${ONLINE_CUTOFF}.`;
  }
  return null;
}

export interface ExemptionHours {
  onaCountableMinutes: number;
  languageCountableMinutes: number;
  onaNormMinutes: 3840;
  languageNormMinutes: 36000;
  notCountedMinutes: number;
}

/** 64 hours (ONA exemption) and 600 hours (integration exam exemption). [seed] */
export const ONA_NORM_MINUTES = 3840;
export const LANGUAGE_NORM_MINUTES = 36000;

/** Whether a lesson's minutes count toward the exemption norms. [seed, domain-rules.md section 5] */
function countsTowardNorm(signedOn: IsoDate, lesson: Lesson): boolean {
  if (lesson.mode === 'classroom') return true;
  if (lesson.date < ONLINE_CUTOFF) return true;
  // Transitional arrangement for contracts signed before 2019. [seed]
  return signedOn < ONLINE_CUTOFF && lesson.date < TRANSITION_END;
}

export function exemptionHours(
  terms: Pick<ContractTerms, 'signedOn' | 'courseType'>,
  lessons: readonly Lesson[],
): ExemptionHours {
  let counted = 0;
  let notCountedMinutes = 0;
  for (const lesson of lessons) {
    if (countsTowardNorm(terms.signedOn, lesson)) counted += lesson.minutes;
    else notCountedMinutes += lesson.minutes;
  }
  // ONA hours go to the 64-hour norm; NT2 and literacy to the 600-hour norm. [decision]
  const isOna = terms.courseType === 'ona';
  return {
    onaCountableMinutes: isOna ? counted : 0,
    languageCountableMinutes: isOna ? 0 : counted,
    onaNormMinutes: ONA_NORM_MINUTES,
    languageNormMinutes: LANGUAGE_NORM_MINUTES,
    notCountedMinutes,
  };
}

export interface Invoice {
  invoiceDate: IsoDate;
  amountCents: number;
  status: 'paid' | 'refused' | 'disputed';
}

/** Only paid invoices count as paid. [decision, api-contract.md] */
export function paidCents(invoices: readonly Invoice[]): number {
  let total = 0;
  for (const invoice of invoices) if (invoice.status === 'paid') total += invoice.amountCents;
  return total;
}

/** '2026-05-10' -> '2026-Q2'. */
export function quarterOf(date: IsoDate): string {
  const { year, month } = parts(date);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** At most EUR 2,000 per student per quarter may be invoiced to DUO. [source: DUO rules for invoices] */
export const QUARTER_CAP_CENTS = 200000;

export type InvoiceFlag = {
  invoiceDate: IsoDate;
  code: 'invoiced_in_advance' | 'over_quarter_cap';
  detail: string;
};

/** Invoices by date with their position in `invoices`; same-day invoices keep their given order. */
export function inDateOrder(invoices: readonly Invoice[]): { invoice: Invoice; index: number }[] {
  return invoices
    .map((invoice, index) => ({ invoice, index }))
    .sort((a, b) =>
      a.invoice.invoiceDate < b.invoice.invoiceDate
        ? -1
        : a.invoice.invoiceDate > b.invoice.invoiceDate
          ? 1
          : a.index - b.index,
    );
}

/**
 * Flags invoices sent before the lessons were given, or over the quarterly cap. [source: DUO rules;
 * flagging: decision] Refused invoices count for nothing and are never flagged; paid and disputed
 * invoices both count, since DUO may yet pay a disputed one. [decision]
 */
export function invoiceFlags(input: {
  terms: Pick<ContractTerms, 'hourlyRateCents'>;
  lessons: readonly Lesson[];
  invoices: readonly Invoice[];
  /** Invoices of the same student under other contracts (other schools). */
  otherSchoolsInvoices?: readonly Invoice[];
}): InvoiceFlag[] {
  const { terms, lessons } = input;
  const own = inDateOrder(input.invoices.filter((i) => i.status !== 'refused'));
  const others = (input.otherSchoolsInvoices ?? []).filter((i) => i.status !== 'refused');

  const flags: InvoiceFlag[] = [];
  let cumulative = 0;
  for (const { invoice, index } of own) {
    cumulative += invoice.amountCents;

    // Invoices only after lessons are given: up to this invoice, no more than the lessons dated on
    // or before its date are worth. [source: DUO rules for invoices]
    let minutesGiven = 0;
    for (const lesson of lessons) if (lesson.date <= invoice.invoiceDate) minutesGiven += lesson.minutes;
    const valueGiven = roundHalfUpDiv(minutesGiven * terms.hourlyRateCents, 60);
    if (cumulative > valueGiven) {
      flags.push({
        invoiceDate: invoice.invoiceDate,
        code: 'invoiced_in_advance',
        detail: `Invoiced ${cumulative} cents up to and including this invoice, but lessons given up to ${invoice.invoiceDate} are worth ${valueGiven} cents.`,
      });
    }

    // Running quarter total for the student. On the same day, other contracts' invoices count
    // first, so the invoice of this contract is the one that crosses the cap. [decision]
    const quarter = quarterOf(invoice.invoiceDate);
    let quarterTotal = 0;
    for (const other of others) {
      if (quarterOf(other.invoiceDate) === quarter && other.invoiceDate <= invoice.invoiceDate)
        quarterTotal += other.amountCents;
    }
    for (const earlier of own) {
      if (quarterOf(earlier.invoice.invoiceDate) !== quarter) continue;
      const before =
        earlier.invoice.invoiceDate < invoice.invoiceDate ||
        (earlier.invoice.invoiceDate === invoice.invoiceDate && earlier.index <= index);
      if (before) quarterTotal += earlier.invoice.amountCents;
    }
    if (quarterTotal > QUARTER_CAP_CENTS) {
      flags.push({
        invoiceDate: invoice.invoiceDate,
        code: 'over_quarter_cap',
        detail: `Invoiced for this student in ${quarter}: ${quarterTotal} cents up to and including this invoice, over the cap of ${QUARTER_CAP_CENTS} cents.`,
      });
    }
  }
  return flags;
}
