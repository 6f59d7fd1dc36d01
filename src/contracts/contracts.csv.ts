/**
 * The two CSV formats of the contracts module, as pure functions (no Nest, no I/O):
 * - the bulk import of contracts (one header row, one contract per row; docs/contracts.md);
 * - the refund batch handed to DUO (or another payer).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { centsToDecimal } from '../common/money.js';

/** The import's columns, named as the fields of POST /api/contracts (student fields flattened). */
export const IMPORT_COLUMNS = [
  'schoolId',
  'contractNumber',
  'studentName',
  'studentEmail',
  'studentLanguage',
  'signedOn',
  'startDate',
  'plannedEndDate',
  'courseType',
  'educationLevel',
  'hourlyRateCents',
  'plannedHours',
  'hoursPerWeek',
  'funder',
] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One import file at most this many contracts, so one transaction stays short. [decision] */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportRow {
  /** The row as a spreadsheet numbers it: the header is row 1, the first contract row 2. */
  row: number;
  /** The body of POST /api/contracts this row stands for (still to be validated). */
  body: Record<string, unknown>;
}

export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

export type ImportParse = { ok: true; rows: ImportRow[] } | { ok: false; problem: ImportProblem };

const WHOLE = /^-?\d+$/;
const HUNDREDTHS = /^\d+(?:[.,]\d{1,2})?$/;

function toNumber(column: ImportColumn, value: string): unknown {
  if (column === 'hourlyRateCents' || column === 'plannedHours')
    return WHOLE.test(value) ? Number(value) : value;
  if (column === 'hoursPerWeek') return HUNDREDTHS.test(value) ? Number(value.replace(',', '.')) : value;
  return value;
}

/**
 * Reads the file into one body per row. Refuses, with the row number, a file that is not CSV,
 * has unknown or missing columns, no rows, or more than MAX_IMPORT_ROWS rows. Values are trimmed;
 * an empty cell is a missing value. `schoolId` may be left out of the file when the whole file is
 * for one school (`defaultSchoolId`).
 */
export function parseImportCsv(text: string, defaultSchoolId?: string): ImportParse {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as never;
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const row = typeof err.lines === 'number' ? err.lines : 1;
    const message =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'the row has a different number of columns than the header'
        : err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted value is not closed'
          : 'the file is not valid CSV';
    return { ok: false, problem: { row, field: '(file)', message } };
  }
  if (records.length === 0)
    return { ok: false, problem: { row: 1, field: '(header)', message: 'the file is empty' } };

  const header = records[0].record;
  const known = new Set<string>(IMPORT_COLUMNS);
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name))
      return { ok: false, problem: { row: 1, field: name || '(empty)', message: 'unknown column' } };
    if (seen.has(name))
      return { ok: false, problem: { row: 1, field: name, message: 'column appears twice' } };
    seen.add(name);
  }
  for (const name of IMPORT_COLUMNS) {
    if (!seen.has(name) && !(name === 'schoolId' && defaultSchoolId)) {
      return { ok: false, problem: { row: 1, field: name, message: 'missing column' } };
    }
  }
  const data = records.slice(1);
  if (data.length === 0)
    return { ok: false, problem: { row: 2, field: '(file)', message: 'the file has no contract rows' } };
  if (data.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      problem: {
        row: MAX_IMPORT_ROWS + 2,
        field: '(file)',
        message: `at most ${MAX_IMPORT_ROWS} contracts per file`,
      },
    };
  }

  const rows = data.map(({ record, info }): ImportRow => {
    const cells: Partial<Record<ImportColumn, unknown>> = {};
    header.forEach((name, i) => {
      const value = record[i];
      if (value !== undefined && value !== '')
        cells[name as ImportColumn] = toNumber(name as ImportColumn, value);
    });
    const body: Record<string, unknown> = {
      schoolId: cells.schoolId ?? defaultSchoolId,
      contractNumber: cells.contractNumber,
      student: { name: cells.studentName, email: cells.studentEmail, language: cells.studentLanguage },
      signedOn: cells.signedOn,
      startDate: cells.startDate,
      plannedEndDate: cells.plannedEndDate,
      courseType: cells.courseType,
      educationLevel: cells.educationLevel,
      hourlyRateCents: cells.hourlyRateCents,
      plannedHours: cells.plannedHours,
      hoursPerWeek: cells.hoursPerWeek,
      funder: cells.funder,
    };
    return { row: info.lines, body };
  });
  return { ok: true, rows };
}

/** Maps a field of the contract body back to the CSV column it came from (student.email -> studentEmail). */
export function importColumnOf(field: string): string {
  const m = /^student\.(name|email|language)$/.exec(field);
  if (m) return `student${m[1][0].toUpperCase()}${m[1].slice(1)}`;
  return field;
}

export interface RefundCsvLine {
  instructionId: string;
  createdOn: string;
  payer: string;
  schoolName: string;
  contractNumber: string;
  studentName: string;
  ground: string;
  effectiveDate: string;
  amountCents: number;
}

export const REFUND_CSV_COLUMNS = [
  'batch_id',
  'instruction_id',
  'created_on',
  'payer',
  'school_name',
  'contract_number',
  'student_name',
  'termination_ground',
  'effective_date',
  'amount_cents',
  'amount_eur',
] as const;

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe, so opening the file never runs anything a student typed. [decision; OWASP]
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The batch file: a header row and one row per instruction, CRLF line ends (RFC 4180), UTF-8. */
export function refundBatchCsv(batchId: string, lines: readonly RefundCsvLine[]): string {
  const records = lines.map((l) => [
    batchId,
    l.instructionId,
    l.createdOn,
    l.payer,
    neutraliseFormula(l.schoolName),
    neutraliseFormula(l.contractNumber),
    neutraliseFormula(l.studentName),
    l.ground,
    l.effectiveDate,
    String(l.amountCents),
    centsToDecimal(l.amountCents),
  ]);
  return stringify(records, { header: true, columns: [...REFUND_CSV_COLUMNS], record_delimiter: 'windows' });
}

/**
 * A stored batch file with the student's name replaced on the lines of these instructions, every
 * other byte as exported (retention removes students from old files; the rest must still match
 * what the payer received). [decision]
 */
export function replaceStudentNames(csv: string, instructionIds: ReadonlySet<string>, name: string): string {
  const records: Record<string, string>[] = parse(csv, { columns: true, skip_empty_lines: true });
  for (const r of records) if (instructionIds.has(r.instruction_id)) r.student_name = neutraliseFormula(name);
  return stringify(
    records.map((r) => REFUND_CSV_COLUMNS.map((c) => r[c] ?? '')),
    { header: true, columns: [...REFUND_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
