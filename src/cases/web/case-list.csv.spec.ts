import { describe, expect, it } from '@jest/globals';
import { messages } from '../../web/i18n.js';
import { caseListCsv, csvSafe } from './case-list.csv.js';

describe('the case list as CSV', () => {
  it('guards spreadsheet formulas in CSV cells', () => {
    expect(csvSafe('=1+1')).toBe("'=1+1");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('Lessons cancelled')).toBe('Lessons cancelled');
    expect(csvSafe(null)).toBe('');
  });

  it('writes a header in the reader language and one quoted row per case', () => {
    const csv = caseListCsv(
      [
        {
          id: 'x',
          type: 'complaint',
          reference: 'K-2026-000001',
          status: 'intake',
          schoolId: null,
          schoolName: null,
          assigneeId: null,
          assigneeName: null,
          subject: '=cmd',
          receivedOn: '2026-03-02',
          nextDueOn: null,
        },
      ],
      messages('en'),
    );
    const [header, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toBe('reference,type,status,school,assignee,subject,received,next deadline');
    expect(row).toContain('K-2026-000001,Complaint,');
    expect(row).toContain("'=cmd");
  });
});
