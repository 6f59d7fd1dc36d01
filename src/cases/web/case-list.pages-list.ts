import { CaseListPagesController } from './case-list.pages.js';

/** The console's case list and its CSV (the lead merges this into src/cases/web/pages.ts). */
export const CASE_LIST_PAGES = [CaseListPagesController];
