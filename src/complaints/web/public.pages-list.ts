import { PublicComplaintPagesController } from './public-complaint.pages.js';
import { SchoolLinkPagesController } from './school-link.pages.js';
import { StudentCasePagesController } from './student-case.pages.js';
import { StudentLinkPagesController } from './student-link.pages.js';

/** The complaint pages without sign-in: the public form, the student's and the school's private links. */
export const PUBLIC_COMPLAINT_PAGES = [
  PublicComplaintPagesController,
  StudentLinkPagesController,
  StudentCasePagesController,
  SchoolLinkPagesController,
];
