import { z } from 'zod';

/** A student's data export, by email; the JSON API and the console's export page parse with this. */
export const exportQuery = z
  .object({ email: z.email().max(320), format: z.enum(['json', 'html']).default('json') })
  .strict();
/** The staff read log's filters; the JSON API and the console's read-log page parse with this. */
export const readsQuery = z
  .object({
    reference: z.string().trim().max(40).optional(),
    userId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
