import type { privacyNl } from './privacy.nl.js';

/** The console's privacy pages in English; the same keys as privacy.nl.ts. */
export const privacyEn: typeof privacyNl = {
  export: {
    title: "A student's data",
    intro:
      'A student asks which data we hold about them? Search by their email address. You first see what was found; the export itself downloads as JSON or as an HTML page (to print or save as PDF). Every export is recorded (who, when, which format).',
    email: "Student's email address",
    search: 'Search',
    found: (cases: number, contracts: number) =>
      `Found: ${cases} ${cases === 1 ? 'case' : 'cases'} and ${contracts} ${contracts === 1 ? 'contract' : 'contracts'}.`,
    none: 'There is no data with this email address (or it has been anonymised).',
    cases: 'Cases',
    contracts: 'Contracts',
    downloadJson: 'Download as JSON',
    downloadHtml: 'Download as HTML',
    checkFirst: 'Check first that this is the right person: send the export only to the email address above.',
  },
  reads: {
    title: 'Who read which case',
    intro:
      'Every time a staff member opens a case (page or API), it is recorded. Newest first, at most 200 lines; filter by case or staff member.',
    reference: 'Case reference',
    user: 'Staff member',
    anyone: 'Everyone',
    filter: 'Show',
    at: 'When',
    case: 'Case',
    route: 'Through',
    none: 'No reads found.',
  },
};
