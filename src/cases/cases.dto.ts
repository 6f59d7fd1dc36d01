import { z } from 'zod';
import { isoDate, language, personName, text } from '../common/validation.js';
import { type CaseType, MAX_EXTENSION_WEEKS, PAUSE_REASONS } from './cases.rules.js';

/** The student as staff record them from a phone call, an email or a letter: a phone number may come with it. */
export const studentWithPhone = z
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

// The bodies of the actions every case type has.
export const noteBody = z.object({ text: text(10_000), visibleToStudent: z.boolean().optional() }).strict();
export const emptyBody = z.object({}).strict();
export const assignBody = z.object({ assigneeId: z.uuid().nullable() }).strict();
export const pauseBody = z
  .object({ reasonCode: z.enum(PAUSE_REASONS), note: text(2_000).optional() })
  .strict();
export const extendBody = z
  .object({ weeks: z.number().int().min(1).max(MAX_EXTENSION_WEEKS), reason: text(2_000) })
  .strict();
export const withdrawBody = z.object({ reason: text(2_000).optional() }).strict();

/** A case list's filters besides the status (each case type names its own statuses). */
export const listFilters = {
  schoolId: z.uuid().optional(),
  assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  q: z.string().trim().min(2).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

/** What the one list of every case type is asked: the filters, a type and a status. */
export type CaseListQuery = z.output<z.ZodObject<typeof listFilters>> & { type?: CaseType; status?: string };
