import { CasePagesController } from './complaint-case.pages.js';

/** The complaint pages: the web module lists them with one line. */
export const COMPLAINT_PAGES = [CasePagesController];
