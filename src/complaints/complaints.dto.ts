import { z } from 'zod';
import { isoDate, language, personName, text } from '../common/validation.js';
import { ARBITRATION_OUTCOMES, OUTCOMES, PAUSE_REASONS, STATUSES } from './complaints.rules.js';
import { OBJECTION_OUTCOMES, OBJECTION_PARTIES } from './objections.rules.js';

const student = z
  .object({
    name: personName(200),
    email: z.email().max(320),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{6,20}$/, 'must be a phone number')
      .optional(),
    language,
  })
  .strict();

const complaintFields = {
  student,
  schoolId: z.uuid(),
  subject: text(200),
  description: text(20_000),
  desiredOutcome: text(5_000).optional(),
  filedWithSchoolOn: isoDate.optional(),
  needsHelpFiling: z.boolean().optional(),
  schoolFinalAnswerOn: isoDate.optional(),
};

export const publicComplaintBody = z.object(complaintFields).strict();
export type PublicComplaintBody = z.infer<typeof publicComplaintBody>;

/** Staff record complaints that came by phone, email or letter, with the date received. */
export const staffComplaintBody = z
  .object({ ...complaintFields, channel: z.enum(['phone', 'email', 'letter', 'web']), receivedOn: isoDate })
  .strict();
export type StaffComplaintBody = z.infer<typeof staffComplaintBody>;

export const escalateBody = z
  .object({
    reason: text(5_000),
    studentRejectsFinalAnswer: z.boolean().optional(),
    schoolRefused: z.boolean().optional(),
    override: z.boolean().optional(),
  })
  .strict();

export const fileWithSchoolBody = z.object({ filedWithSchoolOn: isoDate }).strict();
export const schoolAnswerBody = z
  .object({ schoolFinalAnswerOn: isoDate, note: text(5_000).optional() })
  .strict();
export const noteBody = z.object({ text: text(10_000), visibleToStudent: z.boolean().optional() }).strict();
export const emptyBody = z.object({}).strict();
export const assignBody = z.object({ assigneeId: z.uuid().nullable() }).strict();
export const pauseBody = z
  .object({ reasonCode: z.enum(PAUSE_REASONS), note: text(2_000).optional() })
  .strict();
export const extendBody = z.object({ weeks: z.number().int().min(1).max(4), reason: text(2_000) }).strict();
export const decideBody = z.object({ outcome: z.enum(OUTCOMES), summary: text(20_000) }).strict();
export const arbitrationBody = z.object({ body: text(200).optional() }).strict();
export const arbitrationOutcomeBody = z
  .object({ outcome: z.enum(ARBITRATION_OUTCOMES), note: text(5_000).optional() })
  .strict();
export const objectionBody = z
  .object({ receivedOn: isoDate, lodgedBy: z.enum(OBJECTION_PARTIES), note: text(5_000).optional() })
  .strict();
export const decideObjectionBody = z
  .object({ decidedOn: isoDate, outcome: z.enum(OBJECTION_OUTCOMES), note: text(5_000).optional() })
  .strict();
export const withdrawBody = z.object({ reason: text(2_000).optional() }).strict();

export const listQuery = z
  .object({
    type: z.enum(['complaint', 'digid_report']).optional(),
    status: z.enum(STATUSES).optional(),
    schoolId: z.uuid().optional(),
    assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    q: z.string().trim().min(2).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuery>;

/** Student's private link. */
export const studentInfoBody = z.object({ text: text(10_000) }).strict();
export const studentEscalateBody = z
  .object({ reason: text(5_000), studentRejectsFinalAnswer: z.boolean().optional() })
  .strict();
export const resendLinkBody = z
  .object({ reference: z.string().trim().max(40), email: z.email().max(320) })
  .strict();
