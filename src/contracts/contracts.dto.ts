import { z } from 'zod';
import { parseEuroCents } from '../common/money.js';
import { isoDate, language, personName, text } from '../common/validation.js';
import { QUALITY_MARKS } from '../schools/schools.dto.js';
import { TERMINATION_GROUNDS, type TerminationGround } from './contracts.rules.js';
import { FUNDERS, justificationError, PAYERS } from './terminations.rules.js';

export const COURSE_TYPES = ['nt2', 'ona', 'literacy'] as const;
export const EDUCATION_LEVELS = ['high', 'middle', 'low', 'illiterate'] as const;
export const LESSON_MODES = ['classroom', 'online'] as const;
export const INVOICE_STATUSES = ['paid', 'refused', 'disputed'] as const;
export const CONTRACT_STATUSES = ['active', 'terminated'] as const;
export const TERMINATION_STATUSES = ['requested', 'approved', 'rejected', 'effective'] as const;

/** The written justification of `other_weighty_reason`: required for that ground, refused with any other. */
export const JUSTIFICATION_MAX = 2_000;
const justification = text(JUSTIFICATION_MAX);

const ground = z.enum(TERMINATION_GROUNDS);

/** Letters, digits and . _ / - ; what schools print on a contract. */
export const contractNumber = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only');

/** Hours per week with at most 2 decimals (2.5, 7.25); stored as integer hundredths. */
const hoursPerWeek = z
  .number()
  .min(0)
  .max(168)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: 'at most 2 decimals' });

export const student = z
  .object({
    name: personName(200),
    email: z.email().max(320),
    language,
  })
  .strict();

export const createContractBody = z
  .object({
    schoolId: z.uuid(),
    student,
    contractNumber,
    signedOn: isoDate,
    startDate: isoDate,
    plannedEndDate: isoDate,
    courseType: z.enum(COURSE_TYPES),
    educationLevel: z.enum(EDUCATION_LEVELS),
    hourlyRateCents: z.number().int().min(0).max(100_000),
    plannedHours: z.number().int().min(1).max(5_000),
    hoursPerWeek,
    funder: z.enum(FUNDERS),
  })
  .strict();
export type CreateContractBody = z.infer<typeof createContractBody>;

/** CSV as the raw body (text/csv) or inside JSON. */
export const importJsonBody = z
  .object({ csv: z.string().min(1).max(1_000_000), schoolId: z.uuid().optional() })
  .strict();
export const importQuery = z.object({ schoolId: z.uuid().optional() }).strict();

/** Minutes' range and the online-literacy rule are checked by lessonRefusal (422 naming the lesson). */
export const lessonsBody = z
  .object({
    lessons: z
      .array(
        z
          .object({
            date: isoDate,
            minutes: z.number().int(),
            mode: z.enum(LESSON_MODES),
          })
          .strict(),
      )
      .min(1)
      .max(2_000),
  })
  .strict();
export type LessonsBody = z.infer<typeof lessonsBody>;

export const invoiceBody = z
  .object({
    invoiceDate: isoDate,
    amountCents: z.number().int().min(1).max(10_000_000),
    status: z.enum(INVOICE_STATUSES),
  })
  .strict();
export type InvoiceBody = z.infer<typeof invoiceBody>;

export const quoteBody = z.object({ ground, requestedOn: isoDate }).strict();
export type QuoteBody = z.infer<typeof quoteBody>;

export const listContractsQuery = z
  .object({
    schoolId: z.uuid().optional(),
    status: z.enum(CONTRACT_STATUSES).optional(),
    studentEmail: z.email().max(320).optional(),
    /** The number as printed on the contract, at any school; letters' case does not matter. */
    contractNumber: contractNumber.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListContractsQuery = z.infer<typeof listContractsQuery>;

const complaintReference = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,3}-\d{4}-\d{6}$/, 'a complaint reference such as K-2026-000042');

export const staffTerminationBody = z
  .object({
    ground,
    requestedOn: isoDate,
    complaintReference: complaintReference.optional(),
    justification: justification.optional(),
    note: text(5_000).optional(),
  })
  .strict();
export type StaffTerminationBody = z.infer<typeof staffTerminationBody>;

/** A file inside JSON: at most 700 KiB of file (about 950 KB of base64) under the 1 MiB body limit. */
export const evidenceJson = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(4).max(960_000),
  })
  .strict();
export type EvidenceJson = z.infer<typeof evidenceJson>;

export const publicTerminationBody = z
  .object({
    contractNumber,
    schoolId: z.uuid(),
    studentEmail: z.email().max(320),
    ground,
    requestedOn: isoDate,
    complaintReference: complaintReference.optional(),
    justification: justification.optional(),
    note: text(5_000).optional(),
    evidence: evidenceJson.optional(),
  })
  .strict();
export type PublicTerminationBody = z.infer<typeof publicTerminationBody>;

export const evidenceQuery = z.object({ fileName: z.string().trim().min(1).max(200).optional() }).strict();

export const decisionBody = z.object({ reason: text(5_000).optional() }).strict();
export const rejectBody = z.object({ reason: text(5_000) }).strict();
export const emptyBody = z.object({}).strict();

export const listTerminationsQuery = z
  .object({
    status: z.enum(TERMINATION_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListTerminationsQuery = z.infer<typeof listTerminationsQuery>;

export const qualityMarkBody = z
  .object({
    status: z.enum(QUALITY_MARKS),
    effectiveOn: isoDate,
    reason: text(2_000),
  })
  .strict();
export type QualityMarkBody = z.infer<typeof qualityMarkBody>;

export const createBatchBody = z.object({ payer: z.enum(PAYERS).default('duo') }).strict();
export const confirmBatchBody = z.object({ note: text(2_000).optional() }).strict();

// ---------------------------------------------------------------- the console's and the public forms
// A page parses its form with the schemas above (src/web/form-flow.ts). What a person types in a
// form differs from JSON in two ways only, stated here once: amounts in euros and hours with a
// decimal comma; and on the public form, the rules that the student is told about before the
// service sees the request.

/** An amount typed in euros ("12,99", "1.250,00", "€ 12.99") as integer cents. */
const eurosAsCents = z.string().transform((v, ctx) => {
  const cents = parseEuroCents(v);
  if (cents === null)
    ctx.addIssue({ code: 'custom', message: 'not an amount in euros', params: { formKey: 'invalid' } });
  return cents ?? z.NEVER;
});

/** A number typed with a decimal point or comma ("8", "2,5"); its range is the JSON field's. */
const decimalNumber = z
  .string()
  .trim()
  .regex(/^\d{1,9}(?:[.,]\d+)?$/, 'a number such as 8 or 2.5')
  .transform((v) => Number(v.replace(',', '.')));

/** The console's registration form: the JSON body, with the rate in euros and the hours as typed. */
export const registerContractForm = createContractBody.extend({
  // The student's fields make a student even when all are empty, so each is named in its own right.
  student: z.preprocess((v) => v ?? {}, student),
  hourlyRateCents: eurosAsCents.pipe(createContractBody.shape.hourlyRateCents),
  hoursPerWeek: decimalNumber.pipe(createContractBody.shape.hoursPerWeek),
});

/** One lesson, as the contract page records it (the JSON body takes a list). */
export const lessonForm = lessonsBody.shape.lessons.element;

/** An invoice with its amount in euros. */
export const invoiceForm = invoiceBody.extend({
  amountCents: eurosAsCents.pipe(invoiceBody.shape.amountCents),
});

/** The figures of the quote on the screen: the termination takes effect only with that quote. */
export const makeEffectiveForm = z
  .object({ feesDueCents: z.number().int().optional(), refundToLoanCents: z.number().int().optional() })
  .strict();

/** A refund batch's number in a path (a bigint id). */
export const refundBatchId = z.string().regex(/^\d{1,18}$/);

/**
 * The fields that belong to one ground only. The forms show them always; what was typed in one
 * goes along with its own ground only (the API refuses it with any other).
 */
export const GROUND_ONLY_FIELDS = {
  complaintReference: 'arbitration_vindicated',
  justification: 'other_weighty_reason',
} as const;

function withoutOtherGroundsFields(fields: readonly (keyof typeof GROUND_ONLY_FIELDS)[]) {
  return (body: unknown) => {
    if (typeof body !== 'object' || body === null) return body;
    const out = { ...(body as Record<string, unknown>) };
    for (const f of fields) if (out.ground !== GROUND_ONLY_FIELDS[f]) delete out[f];
    return out;
  };
}

/** Staff record a termination: a justification typed under another ground is left out. */
export const staffTerminationForm = z.preprocess(
  withoutOtherGroundsFields(['justification']),
  staffTerminationBody,
);

/**
 * The student's request on the public form (the evidence comes as an upload). Told before
 * anything is looked up, all at once (also beside other problems, so these rules read the body
 * as typed): a request counts from the day it arrives, the arbitration ground names the
 * complaint, another weighty reason says why. [decision]
 */
export const publicTerminationForm = (today: string) =>
  z.preprocess(
    withoutOtherGroundsFields(['complaintReference', 'justification']),
    publicTerminationBody.omit({ evidence: true }).superRefine(
      (b: Partial<Record<keyof PublicTerminationBody, unknown>>, ctx) => {
        const issue = (path: string, formKey: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], message, params: { formKey } });
        if (typeof b.requestedOn === 'string' && b.requestedOn < today)
          issue('requestedOn', 'requestFromToday', 'cannot be before today');
        if (b.ground === 'arbitration_vindicated' && !b.complaintReference)
          issue('complaintReference', 'complaintReference', 'required for ground arbitration_vindicated');
        const justification = ground.safeParse(b.ground).success
          ? justificationError(b.ground as TerminationGround, b.justification as string | undefined)
          : null;
        if (justification) issue('justification', 'justification', justification.message);
      },
      { when: () => true },
    ),
  );
