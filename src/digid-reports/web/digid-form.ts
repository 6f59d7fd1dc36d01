import { z } from 'zod';
import { isIsoDate } from '../../common/dates.js';
import type { FormSpec, FormValues } from '../../web/form-flow.js';
import { publicDigidReportBody } from '../digid-reports.dto.js';
import { credentialCheck, parseEuroCents, WHAT_HAPPENED, type WhatHappened } from '../digid-reports.rules.js';

// The public DigiD report form, parsed with the public JSON route's schema: the form asks the same
// fields, but "what happened" as checkboxes and the invoices as rows of a date and an amount in euro.

/** Rows for invoices on the form; "add another" adds one, up to the most a report takes. */
export const INVOICE_ROWS = 2;
export const MAX_INVOICE_ROWS = 20;

const body = publicDigidReportBody.shape;
const invoicesBody = body.invoicesApprovedWithoutConsent;
const whatBody = body.whatHappened.unwrap();

/** The element id of the "what happened" group: its first checkbox. */
export const WHAT_FIELD = `what-${WHAT_HAPPENED[0]}`;

/** One invoice row: both empty is no invoice; otherwise a real date and an amount in euro. */
const invoiceRow = z
  .object({ invoiceDate: z.string().optional(), amountCents: z.string().optional() })
  .superRefine((row, ctx) => {
    if (!isIsoDate(row.invoiceDate))
      ctx.addIssue({
        code: 'custom',
        path: ['invoiceDate'],
        message: 'date',
        params: { formKey: 'invoiceDate' },
      });
    if (parseEuroCents(row.amountCents ?? '') === null)
      ctx.addIssue({ code: 'custom', path: ['amountCents'], message: 'amount' });
  })
  .transform((row) => ({ invoiceDate: row.invoiceDate!, amountCents: parseEuroCents(row.amountCents!)! }));

/** The form, as the public route's body; the student's name and email at the top (the page adds the language). */
export const digidReportForm = z.object({
  suspectedParty: body.suspectedParty,
  schoolId: body.schoolId,
  whatHappened: z
    .partialRecord(z.enum(WHAT_HAPPENED), z.boolean())
    .optional()
    .transform((ticked) => WHAT_HAPPENED.filter((w) => ticked?.[w]))
    .superRefine((what, ctx) => {
      // The public route takes a report without it; the form asks at least one (the same list).
      if (!whatBody.safeParse(what).success)
        ctx.addIssue({
          code: 'custom',
          path: [WHAT_HAPPENED[0]],
          message: 'what',
          params: { formKey: 'digidWhat' },
        });
    }),
  noticedOn: body.noticedOn,
  // Rows are numbered from 0 without gaps (`compactRows`), so a row is its invoice's index.
  invoicesApprovedWithoutConsent: z
    .record(z.string(), invoiceRow)
    .optional()
    .transform((rows) =>
      Object.entries(rows ?? {})
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, row]) => row),
    )
    .pipe(invoicesBody.unwrap()),
  description: body.description.refine((v) => !credentialCheck(v), {
    message: 'credentials',
    params: { formKey: 'credentials' },
  }),
  name: body.student.shape.name,
  email: body.student.shape.email,
});
export type DigidReportForm = z.output<typeof digidReportForm>;

/** The form's fields for `rows` invoice rows. */
export function digidFormSpec(rows: number): FormSpec {
  return {
    suspectedParty: { key: 'digidParty' },
    schoolId: { key: 'school' },
    ...Object.fromEntries(
      WHAT_HAPPENED.map((w) => [`what-${w}`, { kind: 'checkbox', path: `whatHappened.${w}` }]),
    ),
    noticedOn: 'text',
    ...Object.fromEntries(
      Array.from({ length: rows }, (_, i) => [
        [`inv-${i}-date`, { path: `invoicesApprovedWithoutConsent.${i}.invoiceDate` }],
        [`inv-${i}-amount`, { path: `invoicesApprovedWithoutConsent.${i}.amountCents`, key: 'amount' }],
      ]).flat(),
    ),
    description: 'text',
    name: 'text',
    email: 'text',
  } as FormSpec;
}

/** What the reader typed, to show the form again. */
export interface Draft {
  suspectedParty: string;
  q: string;
  schoolId: string;
  what: WhatHappened[];
  noticedOn: string;
  invoices: { date: string; amount: string }[];
  description: string;
  name: string;
  email: string;
}

export function draftFrom(values: FormValues): Draft {
  const rows = Math.min(MAX_INVOICE_ROWS, Math.max(INVOICE_ROWS, Number(values.rows) || INVOICE_ROWS));
  const cut = (v: string | undefined, max = 25_000) => (v ?? '').slice(0, max);
  return {
    suspectedParty: cut(values.suspectedParty, 20),
    q: cut(values.q, 100),
    schoolId: cut(values.schoolId, 40),
    what: WHAT_HAPPENED.filter((w) => values[`what-${w}`] === 'true'),
    noticedOn: cut(values.noticedOn, 20),
    invoices: Array.from({ length: rows }, (_, i) => ({
      date: cut(values[`inv-${i}-date`], 20),
      amount: cut(values[`inv-${i}-amount`], 30),
    })),
    description: cut(values.description),
    name: cut(values.name, 300),
    email: cut(values.email, 400),
  };
}

/** The invoice rows filled in first, the empty ones after: a row's number is then its invoice's index. */
export function compactRows(values: FormValues): FormValues {
  const rows = draftFrom(values).invoices;
  const filled = rows.filter((r) => r.date.trim() || r.amount.trim());
  const out: FormValues = { ...values };
  rows.forEach((_, i) => {
    out[`inv-${i}-date`] = filled[i]?.date ?? '';
    out[`inv-${i}-amount`] = filled[i]?.amount ?? '';
  });
  return out;
}

/** The receipt's address carries the reference; the page shows only a DigiD report's reference. */
export const sentQuery = z.object({
  ref: z
    .string()
    .regex(/^D-\d{4}-\d{6}$/)
    .optional()
    .catch(undefined),
  tot: z.string().refine(isIsoDate).optional().catch(undefined),
  p: z.string().optional(),
});
