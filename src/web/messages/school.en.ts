import { STATUS_LABELS } from '../../complaints/complaints.rules.js';
import type { SchoolMessages } from './school.nl.js';

const labels = (l: Record<string, { nl: string; en: string }>) =>
  Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v.en])) as Record<string, string>;

/** The texts of the school's private page and of the school link on the staff case page, in English; same keys as school.nl.ts. */
export const schoolEn: SchoolMessages = {
  title: (reference: string) => `Complaint ${reference}`,
  intro: (school: string) =>
    `This page is for the complaints officer of ${school}. A student has a complaint about your school. Below you can read the complaint. Here you confirm that you have received it, and here you record your final answer.`,
  yourSchool: 'your school',
  statusTitle: 'Status of the complaint',
  status: labels(STATUS_LABELS),
  deadlineTitle: "The school's deadline",
  filedOn: 'Filed with the school on',
  deadline: 'Resolve by',
  deadlineText:
    'As your complaints regulation says: the school has 6 weeks to resolve the complaint. If it is not resolved by then, the student may bring it to Blik op Werk.',
  complaintTitle: 'The complaint',
  student: "Student's name",
  subject: 'Subject',
  description: 'What happened',
  desired: 'What the student wants',
  yoursTitle: 'What you have recorded',
  acknowledgedAt: 'Receipt confirmed',
  answerOn: 'Date of the final answer',
  answer: 'Your final answer',
  notYet: 'Not yet',
  acknowledgeTitle: 'Confirm receipt',
  acknowledgeText:
    'Let the student and Blik op Werk know that you have received the complaint. The student sees this on their own page.',
  acknowledgeButton: 'Confirm receipt',
  acknowledgeDone: 'You have confirmed that you received the complaint. The student can see this now.',
  acknowledgeAlready: 'You had already confirmed receipt. Nothing has changed.',
  answerTitle: 'Record your final answer',
  answerIntro:
    'Have you given the student your final answer to the complaint? Record it here. The student reads it on their own page. You record the final answer once.',
  answerDateLabel: 'Date of your final answer',
  answerDateHint: 'Not in the future, and not before the day the complaint was filed with the school.',
  answerTextLabel: 'Your final answer',
  answerTextHint: 'Write in plain language. Do not mention other students. At most 5,000 characters.',
  answerButton: 'Record final answer',
  answerDone: 'Your final answer has been recorded. The student can see it now.',
  answerAlready:
    'You have already recorded your final answer. Do you want to correct something? Contact Blik op Werk.',
  dateBeforeFiled: 'This date cannot be before the day the complaint was filed with the school.',
  stageEnded:
    "The school's period for this complaint has ended. You can no longer record anything on this page. Questions? Contact Blik op Werk.",
  changed: 'The complaint has just changed. Look at the page and try again.',
  keepLink: 'Share this link only with the people who handle the complaint.',
  contactLink: 'Contact Blik op Werk',
  invalidText:
    'The link is not valid or has expired. Are you the complaints officer of the school? Ask Blik op Werk for a new link.',
  staff: {
    title: 'Link for the school',
    text: 'The school received a link of its own to this complaint. Has the email been lost? Send a new link. Older links then stop working.',
    button: 'Send the school a new link',
    done: 'A new link has been sent to the school. Older links no longer work.',
    acknowledged: 'Receipt confirmed by the school',
    answer: "The school's final answer",
  },
};
