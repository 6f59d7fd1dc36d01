import { z } from 'zod';
import { listFilters, studentWithPhone } from '../cases/cases.dto.js';
import { CHANNELS } from '../cases/cases.rules.js';
import { isoDate, language, personName, text } from '../common/validation.js';
import {
  DECISION_OUTCOMES,
  DIGID_STATUSES,
  RECOMMENDATIONS,
  SUSPECTED_PARTIES,
  WHAT_HAPPENED,
} from './digid-reports.rules.js';

const listedInvoice = z
  .object({
    invoiceDate: isoDate,
    amountCents: z.number().int().min(1).max(10_000_000),
  })
  .strict();

const reportFields = {
  student: z.object({ name: personName(200), email: z.email().max(320), language }).strict(),
  suspectedParty: z.enum(SUSPECTED_PARTIES),
  schoolId: z.uuid().nullable().optional(),
  noticedOn: isoDate,
  description: text(20_000),
  invoicesApprovedWithoutConsent: z.array(listedInvoice).max(50).optional(),
  /** Not in the fixed contract; optional, so a client that sends only the contract's fields is served. */
  whatHappened: z.array(z.enum(WHAT_HAPPENED)).min(1).max(WHAT_HAPPENED.length).optional(),
};

/** The fixed public route (api-contract.md), plus the optional `whatHappened`. */
export const publicDigidReportBody = z.object(reportFields).strict();
export type PublicDigidReportBody = z.infer<typeof publicDigidReportBody>;

/** Staff record reports that came by phone, email or letter, with the date received. */
export const staffDigidReportBody = z
  .object({
    ...reportFields,
    student: studentWithPhone,
    channel: z.enum(CHANNELS),
    receivedOn: isoDate,
  })
  .strict();
export type StaffDigidReportBody = z.infer<typeof staffDigidReportBody>;

export const startInvestigationBody = z.object({ schoolId: z.uuid().optional() }).strict();
export const referBody = z.object({ note: text(2_000).optional() }).strict();
export const reopenAsSchoolBody = z.object({ schoolId: z.uuid(), reason: text(2_000) }).strict();
export const linkContractBody = z.object({ contractId: z.uuid() }).strict();
export const decideBody = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    summary: text(20_000),
    recommendation: z.enum(RECOMMENDATIONS).optional(),
  })
  .strict();
/** The bodies of the actions every case type has (note, assign, pause, extend). */
export { assignBody, emptyBody, extendBody, noteBody, pauseBody } from '../cases/cases.dto.js';

export const digidListQuery = z
  .object({
    status: z.enum(DIGID_STATUSES).optional(),
    ...listFilters,
  })
  .strict();
export type DigidListQuery = z.infer<typeof digidListQuery>;
