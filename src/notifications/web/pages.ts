import { FailedEmailsPagesController } from './failed-emails.pages.js';

/** The console's email pages: the failed ones, to send again. */
export const NOTIFICATION_PAGES = [FailedEmailsPagesController];
