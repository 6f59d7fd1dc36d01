import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  allowedDigidActions,
  credentialCheck,
  decisionCheck,
  DIGID_ACTIONS,
  DIGID_STATUSES,
  intakeStatus,
  isDigidActionAllowed,
  matchInvoices,
  parseEuroCents,
  referralAdvice,
  triageReminderAt,
  type ContractInvoice,
} from './digid-reports.rules.js';

describe('credentialCheck: texts that hold a password or SMS code are refused', () => {
  it.each([
    ['wachtwoord: xyz', 'password'],
    ['Mijn wachtwoord: Tulp2024!', 'password'],
    ['password: hunter2', 'password'],
    ['my password is hunter2', 'password'],
    ['My DigiD password is "sunshine"', 'password'],
    ['Het wachtwoord van mijn DigiD is Amsterdam#1', 'password'],
    ['ww=Welkom01', 'password'],
    ['Gebruikersnaam: amina88, wachtwoord: geheimpje', 'password'],
    ['password = abc', 'password'],
    ['de sms-code was 123456', 'code'],
    ['sms-code 123456', 'code'],
    ['code 123456', 'code'],
    ['Code: 123 456.', 'code'],
    ['Ik kreeg een sms met 654321 en gaf die door', null],
    ['123456 was de sms-code', 'code'],
    ['They sent 482913 (sms) to my phone', 'code'],
    ['smscode:987654', 'code'],
    ['verificatiecode is 112233', 'code'],
    ['SMS 445566', 'code'],
  ])('%s', (text, kind) => {
    const r = credentialCheck(text);
    expect(r ? r.kind : null).toBe(kind);
  });

  it.each([
    'The school asked for my password and my SMS code.',
    'Mijn wachtwoord is veranderd.',
    'My password was stolen by the school, I think.',
    'Password: they asked for it twice on the phone',
    'Ik heb mijn wachtwoord nooit gegeven. Wachtwoord: nooit gedeeld.',
    'Factuur 123456 van 12-03-2026 heb ik niet goedgekeurd.',
    'Invoice number 2026-000123, amount EUR 1.250,00, dated 16-03-2026.',
    'factuurcode 123456 en klantcode 654321',
    'Factuur code 123456 is niet van mij',
    'Postcode 3511 AB, huisnummer 12',
    'Post code 123456 (India)',
    'Factuur 123456, code onbekend',
    'De school belde op 0612345678 en vroeg om mijn code',
    'Bedrag 123456,78 euro op code-lijst',
    'Mijn wachtwoord: ******',
    'I got a code by SMS but I did not share it.',
    'Factuur F-123456: de sms kwam later.',
    'SMS ontvangen over factuur 123456AB',
    'Op 160326 (16 maart 2026) zag ik twee facturen.',
  ])('does not refuse: %s', (text) => {
    expect(credentialCheck(text)).toBeNull();
  });

  const safeWord = fc.constantFrom(
    'de',
    'school',
    'heeft',
    'met',
    'mijn',
    'DigiD',
    'ingelogd',
    'factuur',
    'factuurnummer',
    'invoice',
    'number',
    'bedrag',
    'amount',
    'EUR',
    'euro',
    'op',
    'on',
    'datum',
    'date',
    'goedgekeurd',
    'approved',
    'zonder',
    'without',
    'toestemming',
    'consent',
    'lessen',
    'lessons',
    'DUO',
    'maart',
    'March',
    'kwartaal',
    'contract',
    'postcode',
    'klantnummer',
    'pas',
    'telefoon',
    'phone',
    'kreeg',
    'een',
    'bericht',
    'wachtwoord',
    'password',
    'veranderd',
    'changed',
    '.',
    ',',
  );
  const number = fc.oneof(
    fc.integer({ min: 0, max: 99_999_999 }).map(String), // invoice numbers of any length
    fc.integer({ min: 1, max: 999_999 }).map((n) => `F-${n}`),
    fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => {
      const [y, m, day] = d.toISOString().slice(0, 10).split('-');
      return `${day}-${m}-${y}`;
    }),
    fc
      .integer({ min: 1, max: 99_999_999 })
      .map((c) => `€ ${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`),
  );

  it('property: invoice numbers, dates and amounts among ordinary words never count (the words code and sms left out)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(safeWord, number), { maxLength: 30 }), (parts) => {
        expect(credentialCheck(parts.join(' '))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('property: a code or password anywhere in an ordinary text is found (after a full stop: "contract code" is another number)', () => {
    const secret = fc.oneof(
      fc.integer({ min: 0, max: 999_999 }).map((n) => `sms-code ${String(n).padStart(6, '0')}`),
      fc.integer({ min: 0, max: 999_999 }).map((n) => `code: ${String(n).padStart(6, '0')}`),
      fc.stringMatching(/^[A-Za-z]{3,8}[0-9]{1,4}$/).map((p) => `wachtwoord: ${p}`),
      fc.stringMatching(/^[A-Za-z]{3,8}[0-9]{1,4}$/).map((p) => `my password is ${p}`),
    );
    fc.assert(
      fc.property(
        fc.array(safeWord, { maxLength: 10 }),
        secret,
        fc.array(safeWord, { maxLength: 10 }),
        (before, s, after) => {
          expect(credentialCheck(`${before.join(' ')}. ${s} ${after.join(' ')}`)).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the lifecycle', () => {
  it('allows each action only in its states', () => {
    expect(allowedDigidActions('triage')).toEqual([
      'startInvestigation',
      'refer',
      'assign',
      'linkContract',
      'addNote',
    ]);
    expect(allowedDigidActions('investigation')).toEqual([
      'assign',
      'linkContract',
      'pause',
      'extend',
      'decide',
      'addNote',
    ]);
    expect(allowedDigidActions('paused')).toEqual(['assign', 'linkContract', 'resume', 'extend', 'addNote']);
    expect(allowedDigidActions('decided')).toEqual(['assign', 'close', 'addNote']);
    expect(allowedDigidActions('closed')).toEqual(['addNote']);
    expect(isDigidActionAllowed('closed', 'decide')).toBe(false);
    for (const states of Object.values(DIGID_ACTIONS))
      for (const s of states) expect(DIGID_STATUSES).toContain(s);
  });

  it('refers a report about someone else at intake; a referred report can only be reopened as a school report (2026-12)', () => {
    expect(intakeStatus('other')).toBe('referred');
    expect(intakeStatus('school')).toBe('triage');
    expect(allowedDigidActions('referred')).toEqual(['reopenAsSchool', 'addNote']);
    expect(isDigidActionAllowed('referred', 'startInvestigation')).toBe(false);
    expect(isDigidActionAllowed('triage', 'reopenAsSchool')).toBe(false);
    for (const lang of ['nl', 'en']) {
      const a = referralAdvice(lang);
      expect(a.advice).toContain('088 123 6555');
      expect(a.advice).toMatch(lang === 'nl' ? /blokkeren/ : /blocked/);
    }
  });

  it('needs a recommendation for a confirmed misuse only', () => {
    expect(decisionCheck('confirmed', 'warning')).toEqual({ ok: true });
    expect(decisionCheck('confirmed', undefined)).toMatchObject({
      ok: false,
      code: 'recommendation_required',
    });
    expect(decisionCheck('not_confirmed', null)).toEqual({ ok: true });
    expect(decisionCheck('not_confirmed', 'withdrawal')).toMatchObject({
      ok: false,
      code: 'recommendation_not_allowed',
    });
  });

  it('reminds about triage at 09:00 Amsterdam time on the last day', () => {
    expect(triageReminderAt('2026-03-18').toISOString()).toBe('2026-03-18T08:00:00.000Z');
    expect(triageReminderAt('2026-07-01').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('matchInvoices', () => {
  const inv = (
    id: string,
    invoiceDate: string,
    amountCents: number,
    status: ContractInvoice['status'] = 'paid',
  ): ContractInvoice => ({
    id,
    invoiceDate,
    amountCents,
    status,
  });

  it('matches on date and amount, each invoice once, paid before already disputed, never refused', () => {
    const invoices = [
      inv('1', '2026-02-01', 50_000),
      inv('2', '2026-02-01', 50_000),
      inv('3', '2026-03-01', 70_000, 'refused'),
      inv('4', '2026-04-01', 20_000, 'disputed'),
      inv('5', '2026-04-01', 20_000),
    ];
    const r = matchInvoices(
      [
        { invoiceDate: '2026-02-01', amountCents: 50_000 },
        { invoiceDate: '2026-02-01', amountCents: 50_000 },
        { invoiceDate: '2026-02-01', amountCents: 50_000 },
        { invoiceDate: '2026-03-01', amountCents: 70_000 },
        { invoiceDate: '2026-04-01', amountCents: 20_000 },
        { invoiceDate: '2026-04-01', amountCents: 20_000 },
        { invoiceDate: '2026-04-02', amountCents: 20_000 },
      ],
      invoices,
    );
    expect(r.matched).toEqual([
      { index: 0, invoiceId: '1', alreadyDisputed: false },
      { index: 1, invoiceId: '2', alreadyDisputed: false },
      { index: 4, invoiceId: '5', alreadyDisputed: false },
      { index: 5, invoiceId: '4', alreadyDisputed: true },
    ]);
    expect(r.unmatched).toEqual([2, 3, 6]);
  });

  it('property: every listed invoice is matched or unmatched, never an invoice twice, always the same date and amount', () => {
    const day = fc.constantFrom('2026-01-05', '2026-02-05', '2026-03-05');
    const amount = fc.constantFrom(10_000, 20_000, 30_000);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            invoiceDate: day,
            amountCents: amount,
            status: fc.constantFrom('paid', 'refused', 'disputed') as fc.Arbitrary<ContractInvoice['status']>,
          }),
          { maxLength: 8 },
        ),
        fc.array(fc.record({ invoiceDate: day, amountCents: amount }), { maxLength: 8 }),
        (raw, listed) => {
          const invoices = raw.map((r, i) => ({ ...r, id: String(i) }));
          const { matched, unmatched } = matchInvoices(listed, invoices);
          expect([...matched.map((m) => m.index), ...unmatched].sort((a, b) => a - b)).toEqual(
            listed.map((_, i) => i),
          );
          expect(new Set(matched.map((m) => m.invoiceId)).size).toBe(matched.length);
          for (const m of matched) {
            const i = invoices[Number(m.invoiceId)];
            expect(i.status).not.toBe('refused');
            expect([i.invoiceDate, i.amountCents]).toEqual([
              listed[m.index].invoiceDate,
              listed[m.index].amountCents,
            ]);
          }
        },
      ),
    );
  });
});

describe('parseEuroCents', () => {
  it.each([
    ['250', 25_000],
    ['250,5', 25_050],
    ['250,50', 25_050],
    ['250.50', 25_050],
    ['€ 1.250,00', 125_000],
    ['1,250.00', 125_000],
    ['1.250', 125_000],
    ['EUR 2000', 200_000],
    ['100000', 10_000_000],
  ])('%s -> %d cents', (input, cents) => {
    expect(parseEuroCents(input)).toBe(cents);
  });

  it.each(['', 'abc', '0', '-5', '12,345,6', '1.2.3', '100000,01', '250,505', '1..0'])(
    'refuses %s',
    (input) => {
      expect(parseEuroCents(input)).toBeNull();
    },
  );
});
