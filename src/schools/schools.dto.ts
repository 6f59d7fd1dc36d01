import { z } from 'zod';
import { isoDate, personName, text } from '../common/validation.js';

export const QUALITY_MARKS = ['aspirant', 'keurmerk', 'suspended', 'withdrawn'] as const;

export const createSchoolBody = z
  .object({
    name: personName(200),
    city: text(100),
    complaintsEmail: z.email().max(320),
    qualityMark: z.enum(QUALITY_MARKS),
    complaintsRegulationUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
    regulationCheckedOn: isoDate.optional(),
  })
  .strict();
export type CreateSchoolBody = z.infer<typeof createSchoolBody>;

export const listSchoolsQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
