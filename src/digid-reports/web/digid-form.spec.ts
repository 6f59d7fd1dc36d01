import { describe, expect, it } from '@jest/globals';
import { parseForm } from '../../web/form-flow.js';
import { compactRows, digidFormSpec, digidReportForm } from './digid-form.js';

const SCHOOL = '3f1c2a9e-5b7d-4c1e-9a2b-1c3d4e5f6a7b';
const good = {
  suspectedParty: 'school',
  schoolId: SCHOOL,
  'what-logged_in': 'true',
  noticedOn: '2026-03-02',
  'inv-0-date': '2026-02-01',
  'inv-0-amount': '250,00',
  description: 'Someone from the school logged in with my DigiD.',
  name: 'Noor Haddad',
  email: 'noor@student.test',
};

describe('the public DigiD report form', () => {
  it('parses into the public route’s body: what happened as a list, invoices in cents', () => {
    const r = parseForm(digidReportForm, good, digidFormSpec(2));
    expect(r).toEqual({
      ok: true,
      value: {
        suspectedParty: 'school',
        schoolId: SCHOOL,
        whatHappened: ['logged_in'],
        noticedOn: '2026-03-02',
        invoicesApprovedWithoutConsent: [{ invoiceDate: '2026-02-01', amountCents: 25_000 }],
        description: good.description,
        name: 'Noor Haddad',
        email: 'noor@student.test',
      },
    });
  });

  it('names every problem of an empty form on its field, in the form’s order', () => {
    const r = parseForm(digidReportForm, {}, digidFormSpec(2));
    const said = !r.ok && Object.fromEntries(r.issues.map((i) => [i.field, i.key]));
    expect(said).toEqual({
      suspectedParty: 'digidParty',
      'what-logged_in': 'digidWhat',
      noticedOn: 'required',
      description: 'required',
      name: 'required',
      email: 'required',
    });
    expect(Object.keys(said)).toEqual([
      'suspectedParty',
      'what-logged_in',
      'noticedOn',
      'description',
      'name',
      'email',
    ]);
  });

  it('checks each invoice row, and refuses a password in the text', () => {
    const r = parseForm(
      digidReportForm,
      compactRows({
        ...good,
        'inv-0-date': '',
        'inv-0-amount': '',
        'inv-1-amount': 'veel',
        description: 'My DigiD password is Zomer2026!',
      }),
      digidFormSpec(2),
    );
    expect(!r.ok && r.issues.map((i) => `${i.field}: ${i.key}`)).toEqual([
      'inv-0-date: invoiceDate',
      'inv-0-amount: amount',
      'description: credentials',
    ]);
  });
});
