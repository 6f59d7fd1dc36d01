import { oneLine } from '../common/validation.js';
/**
 * Email texts about contracts, terminations and the quality mark, in Dutch and English (plain
 * language, B1). Spread into TEMPLATES in templates.ts, which renders and escapes them.
 * The money in these emails comes from the data the service put in the outbox row (the same
 * quote staff saw), formatted here; nothing is computed again.
 */
import { formatEuro, formatMinutes, type Lang } from '../common/money.js';
import { PHONE_BODY, PHONE_DUO, s, type Templates } from './email-template.js';

/** A termination that took effect: the quote is the one staff saw, as JSON (QuoteData). */
type TerminationData = {
  studentName: string;
  schoolName: string;
  contractNumber: string;
  ground: string;
  effectiveDate: string;
  funder: string;
  quote: string;
};

export interface ContractTemplateData {
  quality_mark_withdrawn: {
    studentName: string;
    schoolName: string;
    withdrawnOn: string;
    /** The student's contracts with the school, comma-separated. */
    contractNumbers: string;
    funder: string;
    formUrl: string;
  };
  termination_requested: {
    studentName: string;
    schoolName: string;
    contractNumber: string;
    ground: string;
    requestedOn: string;
    /** Whether the ground needs evidence. */
    weighty: 'yes' | 'no';
  };
  termination_effective: TerminationData;
  termination_school: TerminationData;
}

interface QuoteData {
  lines: { label: string; labelNl: string; minutes?: number; cents?: number }[];
  feesDueCents: number;
  paidCents: number;
  refundToLoanCents: number;
  stillInvoiceableCents: number;
}

/** The text for who paid: the municipality, the student, or else (DUO) the student's loan. */
function byFunder(funder: string, text: { municipality: string; self: string; loan: string }): string {
  return funder === 'municipality' ? text.municipality : funder === 'self' ? text.self : text.loan;
}

function groundLabel(d: { ground: string }, lang: Lang): string {
  return GROUND_LABELS[s(d.ground)]?.[lang] ?? s(d.ground);
}

function quoteOf(d: TerminationData): QuoteData {
  return JSON.parse(s(d.quote)) as QuoteData;
}

/** One line per quote line: "- Tuition due: EUR 1,900.22". */
function quoteLines(q: QuoteData, lang: Lang): string[] {
  return q.lines.map((l) => {
    const label = lang === 'nl' ? l.labelNl : l.label;
    if (l.cents !== undefined) return `- ${label}: ${formatEuro(l.cents, lang)}`;
    if (l.minutes !== undefined) return `- ${label}: ${formatMinutes(l.minutes, lang)}`;
    return `- ${label}`;
  });
}

/** Where the money the school got too much goes: back to the loan, never to the student. [seed] */
function refundSentence(funder: string, refund: number, lang: Lang): string {
  const amount = formatEuro(refund, lang);
  if (lang === 'nl') {
    if (funder === 'municipality')
      return `De school heeft ${amount} te veel gekregen. Dat bedrag gaat terug naar de gemeente.`;
    if (funder === 'self') return `De school heeft ${amount} te veel gekregen. Dat bedrag krijgt u terug.`;
    return `De school heeft ${amount} te veel gekregen. Dat bedrag gaat terug naar uw DUO-lening. U krijgt dit geld niet zelf: uw lening wordt lager. Vragen over uw lening? Bel het Servicecentrum Inburgering: ${PHONE_DUO}.`;
  }
  if (funder === 'municipality')
    return `The school received ${amount} too much. That amount goes back to the municipality.`;
  if (funder === 'self') return `The school received ${amount} too much. You get that amount back.`;
  return `The school received ${amount} too much. That amount goes back to your DUO loan. You do not receive this money yourself: your loan becomes smaller. Questions about your loan? Call the Service Center Integration: ${PHONE_DUO}.`;
}

function settlement(d: TerminationData, q: QuoteData, lang: Lang): string {
  if (q.refundToLoanCents > 0) return refundSentence(s(d.funder), q.refundToLoanCents, lang);
  if (q.stillInvoiceableCents > 0) {
    return lang === 'nl'
      ? `De school mag nog ten hoogste ${formatEuro(q.stillInvoiceableCents, lang)} in rekening brengen. Meer niet.`
      : `The school may still charge at most ${formatEuro(q.stillInvoiceableCents, lang)}. Nothing more.`;
  }
  return lang === 'nl'
    ? 'U en de school zijn elkaar niets meer verschuldigd.'
    : 'You and the school owe each other nothing more.';
}

export const CONTRACT_TEMPLATES: Templates<ContractTemplateData> = {
  /** To each student with a contract active on the withdrawal date: once. [seed: the right; decision: the notice] */
  quality_mark_withdrawn: (d) => {
    const moneyNl = byFunder(d.funder, {
      municipality:
        'Heeft de gemeente de school meer betaald dan die lessen kosten? Dan gaat het verschil terug naar de gemeente.',
      self: 'Hebt u de school meer betaald dan die lessen kosten? Dan krijgt u het verschil terug.',
      loan: `Heeft de school meer geld van DUO gekregen dan die lessen kosten? Dan gaat het verschil terug naar uw DUO-lening. U krijgt dat geld niet zelf. Vragen over uw DUO-lening? Bel het Servicecentrum Inburgering: ${PHONE_DUO}.`,
    });
    const moneyEn = byFunder(d.funder, {
      municipality:
        'Did the municipality pay the school more than those lessons cost? Then the difference goes back to the municipality.',
      self: 'Did you pay the school more than those lessons cost? Then you get the difference back.',
      loan: `Did the school receive more money from DUO than those lessons cost? Then the difference goes back to your DUO loan. You do not receive that money yourself. Questions about your DUO loan? Call the Service Center Integration: ${PHONE_DUO}.`,
    });
    return {
      nl: {
        subject: `Uw school ${oneLine(d.schoolName)} heeft geen keurmerk meer`,
        lines: [
          `Beste ${oneLine(d.studentName)},`,
          `${oneLine(d.schoolName)} heeft sinds ${s(d.withdrawnOn)} geen keurmerk van Blik op Werk meer. Dit bericht gaat over uw contract ${s(d.contractNumbers)}.`,
          `Wat betekent dit voor u? U mag uw contract met deze school stoppen. U hebt geen opzegtermijn: het contract stopt op de dag die u kiest (op of na ${s(d.withdrawnOn)}).`,
          `U betaalt alleen de lessen die u vóór die dag hebt gehad.`,
          moneyNl,
          `Wilt u stoppen? Vul dit formulier in. U hebt uw contractnummer nodig:`,
          s(d.formUrl),
          `Wilt u bij de school blijven? Dan hoeft u niets te doen.`,
          `Hebt u vragen? Bel Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
      en: {
        subject: `Your school ${oneLine(d.schoolName)} no longer has the quality mark`,
        lines: [
          `Dear ${oneLine(d.studentName)},`,
          `${oneLine(d.schoolName)} no longer has the Blik op Werk quality mark since ${s(d.withdrawnOn)}. This message is about your contract ${s(d.contractNumbers)}.`,
          `What does this mean for you? You may end your contract with this school. There is no notice period: the contract ends on the day you choose (on or after ${s(d.withdrawnOn)}).`,
          `You only pay for the lessons you had before that day.`,
          moneyEn,
          `Do you want to stop? Fill in this form. You need your contract number:`,
          s(d.formUrl),
          `Do you want to stay with the school? Then you do not need to do anything.`,
          `Questions? Call Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
    };
  },
  /** Receipt of a termination request sent through the public form. */
  termination_requested: (d) => ({
    nl: {
      subject: `Wij hebben uw verzoek ontvangen om uw contract te stoppen (${s(d.contractNumber)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Wij hebben uw verzoek ontvangen om uw contract ${s(d.contractNumber)} met ${oneLine(d.schoolName)} te stoppen. Reden: ${groundLabel(d, 'nl')}. Gevraagde datum: ${s(d.requestedOn)}.`,
        `Een medewerker controleert uw verzoek. U krijgt een e-mail als het contract is gestopt, met de berekening van wat u nog moet betalen.`,
        d.weighty === 'yes'
          ? `Voor deze reden hebben wij bewijs nodig, zoals een brief of een verklaring. Hebt u dat nog niet meegestuurd? Beantwoord dan deze e-mail met het bewijs als bijlage (PDF, PNG of JPEG).`
          : '',
        `Hebt u dit verzoek niet zelf gedaan? Bel ons dan: ${PHONE_BODY}.`,
      ],
    },
    en: {
      subject: `We have received your request to end your contract (${s(d.contractNumber)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `We have received your request to end your contract ${s(d.contractNumber)} with ${oneLine(d.schoolName)}. Reason: ${groundLabel(d, 'en')}. Requested date: ${s(d.requestedOn)}.`,
        `A member of staff will check your request. You will get an email when the contract has ended, with the calculation of what you still have to pay.`,
        d.weighty === 'yes'
          ? `For this reason we need evidence, such as a letter or a statement. Have you not sent it yet? Then reply to this email with the evidence attached (PDF, PNG or JPEG).`
          : '',
        `Did you not send this request yourself? Then call us: ${PHONE_BODY}.`,
      ],
    },
  }),
  /** To the student when the termination is effective: the quote, line by line. */
  termination_effective: (d) => {
    const q = quoteOf(d);
    return {
      nl: {
        subject: `Uw contract ${s(d.contractNumber)} met ${oneLine(d.schoolName)} is gestopt`,
        lines: [
          `Beste ${oneLine(d.studentName)},`,
          `Uw contract ${s(d.contractNumber)} met ${oneLine(d.schoolName)} stopt op ${s(d.effectiveDate)}. Reden: ${groundLabel(d, 'nl')}.`,
          `Zo is berekend wat u moet betalen:`,
          ...quoteLines(q, 'nl'),
          settlement(d, q, 'nl'),
          `Hebt u vragen over deze berekening? Bel Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
      en: {
        subject: `Your contract ${s(d.contractNumber)} with ${oneLine(d.schoolName)} has ended`,
        lines: [
          `Dear ${oneLine(d.studentName)},`,
          `Your contract ${s(d.contractNumber)} with ${oneLine(d.schoolName)} ends on ${s(d.effectiveDate)}. Reason: ${groundLabel(d, 'en')}.`,
          `This is how we calculated what you have to pay:`,
          ...quoteLines(q, 'en'),
          settlement(d, q, 'en'),
          `Questions about this calculation? Call Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
    };
  },
  /** To the school when the termination is effective. */
  termination_school: (d) => {
    const q = quoteOf(d);
    const refund = q.refundToLoanCents;
    const payerNl = byFunder(d.funder, {
      municipality: 'de gemeente',
      self: 'de cursist',
      loan: 'de DUO-lening van de cursist',
    });
    const payerEn = byFunder(d.funder, {
      municipality: 'the municipality',
      self: 'the student',
      loan: "the student's DUO loan",
    });
    return {
      nl: {
        subject: `Contract ${s(d.contractNumber)} is beëindigd per ${s(d.effectiveDate)}`,
        lines: [
          `Geachte heer/mevrouw van ${oneLine(d.schoolName)},`,
          `Het contract ${s(d.contractNumber)} van ${oneLine(d.studentName)} is beëindigd per ${s(d.effectiveDate)}. Reden: ${groundLabel(d, 'nl')}.`,
          `Verschuldigd lesgeld: ${formatEuro(q.feesDueCents, 'nl')}. Betaald: ${formatEuro(q.paidCents, 'nl')}.`,
          refund > 0
            ? `U hebt ${formatEuro(refund, 'nl')} vooruit ontvangen. Dat bedrag gaat terug naar ${payerNl}; Blik op Werk geeft de terugbetaling door.`
            : q.stillInvoiceableCents > 0
              ? `U mag nog ten hoogste ${formatEuro(q.stillInvoiceableCents, 'nl')} factureren.`
              : `Er valt niets meer te factureren of terug te betalen.`,
          `Factureer geen lessen na ${s(d.effectiveDate)}. De berekening:`,
          ...quoteLines(q, 'nl'),
        ],
      },
      en: {
        subject: `Contract ${s(d.contractNumber)} has ended on ${s(d.effectiveDate)}`,
        lines: [
          `Dear ${oneLine(d.schoolName)},`,
          `The contract ${s(d.contractNumber)} of ${oneLine(d.studentName)} has ended on ${s(d.effectiveDate)}. Reason: ${groundLabel(d, 'en')}.`,
          `Tuition due: ${formatEuro(q.feesDueCents, 'en')}. Paid: ${formatEuro(q.paidCents, 'en')}.`,
          refund > 0
            ? `You were paid ${formatEuro(refund, 'en')} in advance. That amount goes back to ${payerEn}; Blik op Werk passes the refund on.`
            : q.stillInvoiceableCents > 0
              ? `You may still invoice at most ${formatEuro(q.stillInvoiceableCents, 'en')}.`
              : `Nothing is left to invoice or to refund.`,
          `Do not invoice lessons after ${s(d.effectiveDate)}. The calculation:`,
          ...quoteLines(q, 'en'),
        ],
      },
    };
  },
};

/** Ground names for emails. */
export const GROUND_LABELS: Record<string, { nl: string; en: string }> = {
  notice: { nl: 'opzegging', en: 'notice' },
  moved: { nl: 'verhuizing', en: 'moved house' },
  long_illness: { nl: 'langdurige ziekte', en: 'long illness' },
  arbitration_vindicated: { nl: 'in het gelijk gesteld bij arbitrage', en: 'vindicated in arbitration' },
  other_weighty_reason: { nl: 'een andere gewichtige reden', en: 'another weighty reason' },
  school_lost_quality_mark: {
    nl: 'de school heeft geen keurmerk meer',
    en: 'the school lost its quality mark',
  },
};
