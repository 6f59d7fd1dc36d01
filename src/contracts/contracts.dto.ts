import { z } from 'zod';
import { isoDate, language, personName, text } from '../common/validation.js';
import { QUALITY_MARKS } from '../schools/schools.dto.js';
import { TERMINATION_GROUNDS } from './contracts.rules.js';
import { FUNDERS, PAYERS } from './terminations.rules.js';

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
