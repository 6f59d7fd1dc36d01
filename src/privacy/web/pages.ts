import { PrivacyPagesController } from './privacy.pages.js';

/** The console's privacy pages: a student's data export and the staff read log. */
export const PRIVACY_PAGES = [PrivacyPagesController];
