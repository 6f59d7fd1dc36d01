/** Moved to src/cases/ (every case type's table); re-exported here for the pages that still import it from here. */
export { CasesRepository, type CaseRow, type ListItem, type NewCase } from '../cases/cases.repository.js';
