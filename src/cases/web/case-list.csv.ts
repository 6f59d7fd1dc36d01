import { stringify } from 'csv-stringify/sync';
import type { ListItem } from '../cases.repository.js';
import type { Messages } from '../../web/i18n.js';

/** Spreadsheet programs run cells that start with = + - @ as formulas; such text gets a leading quote. */
export function csvSafe(value: string | null): string {
  const v = value ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The case list as CSV in the reader's language (csv-stringify does the quoting; a BOM for Excel). */
export function caseListCsv(rows: ListItem[], m: Messages): string {
  const l = m.console.list;
  return stringify(
    rows.map((r) => ({
      reference: r.reference,
      type: l.types[r.type] ?? r.type,
      status: m.console.statuses[r.status] ?? r.status,
      school: csvSafe(r.schoolName),
      assignee: csvSafe(r.assigneeName),
      subject: csvSafe(r.subject),
      receivedOn: r.receivedOn,
      nextDueOn: r.nextDueOn ?? '',
    })),
    {
      header: true,
      columns: Object.entries(l.csvHeaders).map(([key, header]) => ({ key, header })),
      bom: true,
    },
  );
}
