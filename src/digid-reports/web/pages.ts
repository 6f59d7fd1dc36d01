import { DigidPublicPagesController } from './digid-form.pages.js';
import { DigidCasePagesController } from './digid-report.pages.js';

/** The DigiD report pages: the web module lists them with one line. */
export const DIGID_PAGES = [DigidPublicPagesController, DigidCasePagesController];
