/** Moved to src/cases/ (the figures count every case type); re-exported here for the pages that still import it from here. */
export { CaseCountsRepository } from '../cases/case-counts.repository.js';
