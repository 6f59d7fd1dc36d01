import { z } from 'zod';
import { listFilters, studentWithPhone } from '../cases/cases.dto.js';
import { CASE_TYPES } from '../cases/cases.rules.js';
import { isoDate, text } from '../common/validation.js';
import { ARBITRATION_OUTCOMES, OUTCOMES, STATUSES } from './complaints.rules.js';
import { OBJECTION_OUTCOMES, OBJECTION_PARTIES } from './objections.rules.js';

/** The bodies of the actions every case type has (note, assign, pause, extend, withdraw). */
export { assignBody, emptyBody, extendBody, noteBody, pauseBody, withdrawBody } from '../cases/cases.dto.js';

const complaintFields = {
  student: studentWithPhone,
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

export const listQuery = z
  .object({
    type: z.enum(CASE_TYPES).optional(),
    status: z.enum(STATUSES).optional(),
    ...listFilters,
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
