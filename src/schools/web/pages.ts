import { SchoolsPagesController } from './schools.pages.js';

/** The console's school pages (a school's quality mark is changed on the contracts' pages). */
export const SCHOOL_PAGES = [SchoolsPagesController];
