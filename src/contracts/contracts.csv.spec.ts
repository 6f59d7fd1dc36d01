import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  importColumnOf,
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  neutraliseFormula,
  parseImportCsv,
  refundBatchCsv,
  replaceStudentNames,
  REFUND_CSV_COLUMNS,
  type RefundCsvLine,
} from './contracts.csv.js';

const SCHOOL = '0b9b8d1e-4f5b-4c4e-9a47-0c1d2e3f4a5b';
const header = IMPORT_COLUMNS.join(',');
const values = [
  SCHOOL,
  'C-1',
  'Amina',
  'amina@student.test',
  'en',
  '2025-12-15',
  '2026-01-05',
  '2026-12-18',
  'nt2',
  'middle',
  '1299',
  '360',
  '8',
  'duo_loan',
];

describe('the import file', () => {
  it('turns each row into the body of POST /api/contracts, numbered as a spreadsheet does', () => {
    const r = parseImportCsv(
      `\uFEFF${header}\r\n${values.join(',')}\r\n\r\n${values.join(',').replace('C-1', 'C-2').replace(',8,', ',"2,5",')}\r\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
    expect(r.rows[0].body).toEqual({
      schoolId: SCHOOL,
      contractNumber: 'C-1',
      student: { name: 'Amina', email: 'amina@student.test', language: 'en' },
      signedOn: '2025-12-15',
      startDate: '2026-01-05',
      plannedEndDate: '2026-12-18',
      courseType: 'nt2',
      educationLevel: 'middle',
      hourlyRateCents: 1299,
      plannedHours: 360,
      hoursPerWeek: 8,
      funder: 'duo_loan',
    });
    expect(r.rows[1].body.hoursPerWeek).toBe(2.5);
  });

  it('takes the school for the whole file when the column is left out', () => {
    const cols = IMPORT_COLUMNS.filter((c) => c !== 'schoolId');
    const r = parseImportCsv(`${cols.join(',')}\n${values.slice(1).join(',')}\n`, SCHOOL);
    expect(r.ok && r.rows[0].body.schoolId).toBe(SCHOOL);
    const missing = parseImportCsv(`${cols.join(',')}\n${values.slice(1).join(',')}\n`);
    expect(missing).toEqual({ ok: false, problem: { row: 1, field: 'schoolId', message: 'missing column' } });
  });

  it('leaves a value it cannot read as a number for the schema to refuse, and an empty cell out', () => {
    const r = parseImportCsv(
      `${header}\n${values.join(',').replace(',1299,', ',12.99,').replace('Amina', '')}\n`,
    );
    expect(r.ok && r.rows[0].body.hourlyRateCents).toBe('12.99');
    expect(r.ok && (r.rows[0].body.student as { name?: string }).name).toBeUndefined();
  });

  it('refuses a broken file with the row number', () => {
    expect(parseImportCsv('')).toMatchObject({
      ok: false,
      problem: { row: 1, message: 'the file is empty' },
    });
    expect(parseImportCsv(`${header}\n`)).toMatchObject({
      ok: false,
      problem: { row: 2, message: 'the file has no contract rows' },
    });
    expect(parseImportCsv(`${header},bsn\n${values.join(',')},1\n`)).toEqual({
      ok: false,
      problem: { row: 1, field: 'bsn', message: 'unknown column' },
    });
    expect(parseImportCsv(`${header},funder\n`)).toMatchObject({
      ok: false,
      problem: { field: 'funder', message: 'column appears twice' },
    });
    expect(parseImportCsv(`${header}\n${values.join(',')}\n${values.slice(0, 5).join(',')}\n`)).toMatchObject(
      {
        ok: false,
        problem: { row: 3, message: 'the row has a different number of columns than the header' },
      },
    );
    expect(parseImportCsv(`${header}\n"${values.join(',')}\n`)).toMatchObject({
      ok: false,
      problem: { message: 'a quoted value is not closed' },
    });
    const many = `${header}\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => values.join(',')).join('\n')}\n`;
    expect(parseImportCsv(many)).toMatchObject({ ok: false, problem: { row: MAX_IMPORT_ROWS + 2 } });
  });

  it('names errors by the CSV column', () => {
    expect(importColumnOf('student.email')).toBe('studentEmail');
    expect(importColumnOf('student.language')).toBe('studentLanguage');
    expect(importColumnOf('hoursPerWeek')).toBe('hoursPerWeek');
  });
});

describe('the refund batch file', () => {
  const line: RefundCsvLine = {
    instructionId: '17',
    createdOn: '2026-11-29',
    payer: 'duo',
    schoolName: 'Taalschool Utrecht',
    contractNumber: 'C-1',
    studentName: 'Amina',
    ground: 'notice',
    effectiveDate: '2026-05-10',
    amountCents: 9978,
  };

  it('has a header and one row per instruction, amounts in cents and in euros', () => {
    const csv = refundBatchCsv('3', [line, { ...line, instructionId: '18', amountCents: 54512 }]);
    expect(csv.split('\r\n')[0]).toBe(REFUND_CSV_COLUMNS.join(','));
    expect(csv.split('\r\n')[1]).toBe(
      '3,17,2026-11-29,duo,Taalschool Utrecht,C-1,Amina,notice,2026-05-10,9978,99.78',
    );
    expect(csv.split('\r\n')[2]).toContain(',54512,545.12');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it("replaces only the named lines' student names, every other byte as exported", () => {
    const other = {
      ...line,
      instructionId: '18',
      studentName: 'Bram, "de" Vries',
      schoolName: '=Evil, Inc.',
    };
    const csv = refundBatchCsv('3', [line, other]);
    const out = replaceStudentNames(csv, new Set(['17']), 'Geanonimiseerd');
    expect(out).toBe(csv.replace(',Amina,', ',Geanonimiseerd,'));
    expect(replaceStudentNames(csv, new Set(), 'X')).toBe(csv);
  });

  it('never lets a spreadsheet run a student-typed formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseFormula('+31 6')).toBe(`'+31 6`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('Jan-Willem')).toBe('Jan-Willem');
    const csv = refundBatchCsv('1', [{ ...line, studentName: '=cmd|"/c calc"!A1' }]);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
  });

  it('reads back to the same values, whatever the names contain (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            schoolName: fc.string({ minLength: 1, maxLength: 40 }),
            studentName: fc.string({ minLength: 1, maxLength: 40 }),
            contractNumber: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,20}$/),
            amountCents: fc.integer({ min: 1, max: 10_000_000 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (items) => {
          const lines = items.map((x, i) => ({ ...line, ...x, instructionId: String(i + 1) }));
          const rows = parse(refundBatchCsv('9', lines), { columns: true }) as Record<string, string>[];
          expect(rows).toHaveLength(lines.length);
          rows.forEach((r, i) => {
            expect(r.student_name).toBe(neutraliseFormula(lines[i].studentName));
            expect(r.school_name).toBe(neutraliseFormula(lines[i].schoolName));
            expect(Number(r.amount_cents)).toBe(lines[i].amountCents);
            expect(Math.round(Number(r.amount_eur) * 100)).toBe(lines[i].amountCents);
          });
        },
      ),
    );
  });
});
