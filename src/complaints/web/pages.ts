import { CasePagesController } from './complaint-case.pages.js';
import { PublicComplaintPagesController } from './public-complaint.pages.js';
import { SchoolLinkPagesController } from './school-link.pages.js';
import { StudentCasePagesController } from './student-case.pages.js';
import { StudentLinkPagesController } from './student-link.pages.js';

/**
 * The complaint pages, listed in the web module with one line: the staff case page, and without
 * sign-in the public form and the student's and the school's private links.
 */
export const COMPLAINT_PAGES = [
  CasePagesController,
  PublicComplaintPagesController,
  StudentLinkPagesController,
  StudentCasePagesController,
  SchoolLinkPagesController,
];
