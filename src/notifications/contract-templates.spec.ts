import { describe, expect, it } from '@jest/globals';
import { addDays, isoWeekday } from '../common/dates.js';
import { quoteTermination, type Lesson } from '../contracts/contracts.rules.js';
import { WORKED_EXAMPLE_TERMS } from '../contracts/worked-example.fixture.js';
import { renderEmail, type TemplateData } from './templates.js';

const lessons: Lesson[] = [];
for (let d = '2026-01-05'; d <= '2026-04-08'; d = addDays(d, 1)) {
  if (isoWeekday(d) === 1 || isoWeekday(d) === 3) lessons.push({ date: d, minutes: 240, mode: 'classroom' });
}
const result = quoteTermination({
  terms: WORKED_EXAMPLE_TERMS,
  lessons,
  paidCents: 200000,
  ground: 'notice',
  requestedOn: '2026-04-10',
});
if (!result.ok) throw new Error('refused');
const q = result.quote;
const data: TemplateData['termination_effective'] = {
  studentName: 'Amina <b>',
  schoolName: 'Taalschool Utrecht',
  contractNumber: 'C-1',
  ground: 'notice',
  effectiveDate: q.effectiveDate,
  funder: 'duo_loan',
  quote: JSON.stringify(q),
};

describe('contract emails', () => {
  it('show the student every quote line in their language, and where the refund goes', () => {
    const en = renderEmail('termination_effective', 'en', data, null);
    expect(en.subject).toBe('Your contract C-1 with Taalschool Utrecht has ended');
    expect(en.html).toContain('Amina &lt;b&gt;');
    for (const line of [
      'ends on 2026-05-10. Reason: notice.',
      '- Chargeable lesson time: 146 hours 17 minutes',
      '- Tuition due: EUR 1,900.22',
      '- Refund to the loan: EUR 99.78',
      'goes back to your DUO loan',
    ])
      expect(en.text).toContain(line);
    const nl = renderEmail('termination_effective', 'nl', data, null);
    expect(nl.text).toContain('- Verschuldigd lesgeld: € 1.900,22');
    expect(nl.text).toContain('Reden: opzegging.');
    expect(nl.text).toContain('terug naar uw DUO-lening');
    for (const line of q.lines) expect(nl.text).toContain(line.labelNl);
  });

  it('say what the school may still invoice when nothing is refunded', () => {
    const owed = JSON.stringify({
      ...q,
      paidCents: 100000,
      refundToLoanCents: 0,
      stillInvoiceableCents: 90022,
    });
    expect(renderEmail('termination_effective', 'en', { ...data, quote: owed }, null).text).toContain(
      'may still charge at most EUR 900.22',
    );
    expect(renderEmail('termination_school', 'nl', { ...data, quote: owed }, null).text).toContain(
      'nog ten hoogste € 900,22 factureren',
    );
  });

  it('tell each funder where the money goes', () => {
    expect(
      renderEmail('termination_effective', 'en', { ...data, funder: 'municipality' }, null).text,
    ).toContain('back to the municipality');
    expect(renderEmail('termination_effective', 'nl', { ...data, funder: 'self' }, null).text).toContain(
      'krijgt u terug',
    );
    expect(renderEmail('termination_school', 'en', data, null).text).toContain(
      "goes back to the student's DUO loan",
    );
  });

  it('explain a quality-mark withdrawal in plain language, with the form and the DUO phone number', () => {
    const d = {
      studentName: 'Bram',
      schoolName: 'Taalschool X',
      withdrawnOn: '2026-03-01',
      contractNumbers: 'C-1, C-2',
      funder: 'duo_loan',
      formUrl: 'https://bow.example/terminate',
    };
    const nl = renderEmail('quality_mark_withdrawn', 'nl', d, null);
    expect(nl.subject).toBe('Uw school Taalschool X heeft geen keurmerk meer');
    for (const part of ['sinds 2026-03-01', 'C-1, C-2', 'geen opzegtermijn', '050 599 96 00']) {
      expect(nl.text).toContain(part);
    }
    // On a line of its own, so mail programs link it and no full stop sticks to it.
    expect(nl.text.split('\n')).toContain('https://bow.example/terminate');
    expect(nl.html).toContain('href="https://bow.example/terminate"');
    const en = renderEmail('quality_mark_withdrawn', 'en', { ...d, funder: 'self' }, null);
    expect(en.text).toContain('you get the difference back');
    expect(en.text).not.toContain('DUO loan');
  });

  it('ask for evidence in the receipt only for weighty reasons', () => {
    const d: TemplateData['termination_requested'] = {
      studentName: 'A',
      schoolName: 'S',
      contractNumber: 'C-1',
      ground: 'moved',
      requestedOn: '2026-12-01',
      weighty: 'yes',
    };
    expect(renderEmail('termination_requested', 'en', d, null).text).toContain('we need evidence');
    expect(
      renderEmail('termination_requested', 'en', { ...d, ground: 'notice', weighty: 'no' }, null).text,
    ).not.toContain('evidence');
    expect(renderEmail('termination_requested', 'nl', d, null).text).toContain('Reden: verhuizing.');
  });
});
