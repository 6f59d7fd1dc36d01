import { ClosedDaysPagesController } from './closed-days.pages.js';

/** The console's deadline pages: the admin's office closure days. */
export const DEADLINE_PAGES = [ClosedDaysPagesController];
