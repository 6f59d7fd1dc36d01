import { z } from 'zod';
import { isoDate, text } from '../common/validation.js';

/** An office closure day; the JSON API and the console's calendar page parse with this. */
export const closedDayBody = z.object({ date: isoDate, reason: text(200), reasonNl: text(200) }).strict();
