import { CaseListPagesController } from './case-list.pages.js';

/** The pages of every case type together: the console's case list and its CSV. */
export const CASE_PAGES = [CaseListPagesController];
