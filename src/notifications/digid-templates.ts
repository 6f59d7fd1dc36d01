import { oneLine } from '../common/validation.js';
/**
 * Email texts about DigiD misuse reports, in Dutch and English (plain language, B1). Spread into
 * TEMPLATES in templates.ts, which renders and escapes them. Every message to the student says
 * what to do about their DigiD now and that nobody from Blik op Werk will ever ask for the
 * password or SMS code. [decision, domain-rules.md section 3]
 */
import { formatEuro, type Lang } from '../common/money.js';
import { PHONE_BODY, PHONE_DUO, s, type Templates } from './email-template.js';

type ReportData = { reference: string; studentName: string };

export interface DigidTemplateData {
  digid_report_received: ReportData & {
    /** `other`: someone other than the school; then there is no school name. */
    suspectedParty: string;
    schoolName: string | null;
    triageDueOn: string;
    invoiceCount: number;
    invoiceTotalCents: number;
  };
  digid_report_referred: ReportData;
  digid_report_reopened: ReportData & { schoolName: string; triageDueOn: string };
  digid_investigation_started: ReportData & { schoolName: string; decideBy: string };
  digid_report_extended: ReportData & { weeks: number; reason: string; decideBy: string };
  digid_report_decided: ReportData & {
    schoolName: string | null;
    outcome: string;
    summary: string;
    /** Invoices now marked as disputed on the student's contract. */
    disputedCount: number;
  };
  digid_recommendation: {
    reference: string;
    schoolName: string | null;
    recommendationNl: string;
    recommendationEn: string;
    caseUrl: string;
    schoolUrl: string;
  };
}
/** The DigiD helpdesk of Logius, the DigiD operator. */
export const DIGID_HELPDESK = '088 123 6555';
export const DIGID_SITE = 'www.digid.nl';

/** What the student should do about their DigiD, and what we will never ask. */
export const DIGID_SAFETY: Record<Lang, string[]> = {
  nl: [
    `Verander nu uw DigiD-wachtwoord. Dat doet u zelf op ${DIGID_SITE} (Mijn DigiD).`,
    `Denkt u dat iemand anders nog met uw DigiD kan inloggen? Laat uw DigiD dan blokkeren. Bel de DigiD-helpdesk: ${DIGID_HELPDESK}, of kijk op ${DIGID_SITE}.`,
    `Blik op Werk vraagt nooit om uw wachtwoord of sms-code. Geef die aan niemand: niet aan uw school en niet aan ons.`,
  ],
  en: [
    `Change your DigiD password now. You do this yourself at ${DIGID_SITE} (My DigiD).`,
    `Do you think someone else can still log in with your DigiD? Then have your DigiD blocked. Call the DigiD helpdesk: ${DIGID_HELPDESK}, or go to ${DIGID_SITE}.`,
    `Blik op Werk will never ask for your password or SMS code. Do not give them to anyone: not to your school and not to us.`,
  ],
};

function invoicesLine(d: DigidTemplateData['digid_report_received'], lang: Lang): string {
  const n = Number(d.invoiceCount ?? 0);
  if (!n) return '';
  const total = formatEuro(Number(d.invoiceTotalCents ?? 0), lang);
  return lang === 'nl'
    ? `U noemde ${n} rekening(en) die zonder uw toestemming zijn goedgekeurd, samen ${total}. U kunt dit ook aan DUO melden: ${PHONE_DUO}.`
    : `You listed ${n} invoice(s) approved without your consent, ${total} in all. You can also tell DUO: ${PHONE_DUO}.`;
}

export const DIGID_TEMPLATES: Templates<DigidTemplateData> = {
  /** The receipt, to the student. Anyone can trigger it from the public form: capped per recipient (outbox). */
  digid_report_received: (d) => {
    const other = d.suspectedParty === 'other';
    return {
      nl: {
        subject: `Wij hebben uw melding over DigiD ontvangen (${s(d.reference)})`,
        lines: [
          `Beste ${oneLine(d.studentName)},`,
          other
            ? `Wij hebben uw melding over misbruik van uw DigiD ontvangen. Uw kenmerk is ${s(d.reference)}.`
            : `Wij hebben uw melding over misbruik van uw DigiD door ${oneLine(d.schoolName)} ontvangen. Uw kenmerk is ${s(d.reference)}.`,
          other
            ? `Gaat het om iemand anders dan uw school? Dan behandelt Logius uw melding, de organisatie achter DigiD. Bel de DigiD-helpdesk: ${DIGID_HELPDESK}. Wij sturen u uiterlijk op ${s(d.triageDueOn)} een bericht.`
            : `Wij bekijken uw melding uiterlijk op ${s(d.triageDueOn)}. Daarna hoort u van ons wat wij gaan doen.`,
          invoicesLine(d, 'nl'),
          ...DIGID_SAFETY.nl,
          `Vragen? Bel Blik op Werk: ${PHONE_BODY}. Noem dan uw kenmerk.`,
        ],
      },
      en: {
        subject: `We have received your report about DigiD (${s(d.reference)})`,
        lines: [
          `Dear ${oneLine(d.studentName)},`,
          other
            ? `We have received your report about misuse of your DigiD. Your reference is ${s(d.reference)}.`
            : `We have received your report about misuse of your DigiD by ${oneLine(d.schoolName)}. Your reference is ${s(d.reference)}.`,
          other
            ? `Is it about someone other than your school? Then Logius handles your report: the organisation behind DigiD. Call the DigiD helpdesk: ${DIGID_HELPDESK}. We will send you a message by ${s(d.triageDueOn)}.`
            : `We will look at your report by ${s(d.triageDueOn)}. After that you will hear from us what we are going to do.`,
          invoicesLine(d, 'en'),
          ...DIGID_SAFETY.en,
          `Questions? Call Blik op Werk: ${PHONE_BODY}. Mention your reference.`,
        ],
      },
    };
  },
  /** Someone other than the school: the DigiD operator handles it; the case closes. [seed; decision] */
  digid_report_referred: (d) => ({
    nl: {
      subject: `Uw melding over DigiD: neem contact op met de DigiD-helpdesk (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Uw melding gaat over misbruik van uw DigiD door iemand anders dan uw school. Dat behandelt Blik op Werk niet. Logius doet dat: de organisatie achter DigiD.`,
        `Meld het misbruik daarom bij de DigiD-helpdesk: ${DIGID_HELPDESK} (op werkdagen). Of kijk op ${DIGID_SITE}. Noem daar wat u ons ook vertelde.`,
        ...DIGID_SAFETY.nl,
        `Wij sluiten uw melding bij ons af (kenmerk ${s(d.reference)}). Gaat het toch om uw school? Bel ons dan: ${PHONE_BODY}.`,
      ],
    },
    en: {
      subject: `Your report about DigiD: contact the DigiD helpdesk (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `Your report is about misuse of your DigiD by someone other than your school. Blik op Werk does not handle that. Logius does: the organisation behind DigiD.`,
        `So please report the misuse to the DigiD helpdesk: ${DIGID_HELPDESK} (on working days). Or go to ${DIGID_SITE}. Tell them what you told us.`,
        ...DIGID_SAFETY.en,
        `We are closing your report with us (reference ${s(d.reference)}). Is it about your school after all? Then call us: ${PHONE_BODY}.`,
      ],
    },
  }),
  /** A referred report turned out to be about the school: it is triaged after all. [decision] */
  digid_report_reopened: (d) => ({
    nl: {
      subject: `Wij behandelen uw melding over DigiD toch (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Eerder schreven wij dat uw melding niet over uw school ging. Dat was niet juist: uw melding gaat over ${oneLine(d.schoolName)}. Blik op Werk behandelt uw melding daarom toch.`,
        `Wij bekijken uw melding uiterlijk op ${s(d.triageDueOn)}. Daarna hoort u van ons wat wij gaan doen.`,
        ...DIGID_SAFETY.nl,
        `Vragen? Bel Blik op Werk: ${PHONE_BODY}. Noem dan uw kenmerk.`,
      ],
    },
    en: {
      subject: `We will handle your report about DigiD after all (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `Earlier we wrote that your report was not about your school. That was not right: your report is about ${oneLine(d.schoolName)}. So Blik op Werk will handle your report after all.`,
        `We will look at your report by ${s(d.triageDueOn)}. After that you will hear from us what we are going to do.`,
        ...DIGID_SAFETY.en,
        `Questions? Call Blik op Werk: ${PHONE_BODY}. Mention your reference.`,
      ],
    },
  }),
  digid_investigation_started: (d) => ({
    nl: {
      subject: `Wij onderzoeken uw melding over DigiD (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Een jurist van Blik op Werk onderzoekt nu uw melding over ${oneLine(d.schoolName)}. U krijgt uiterlijk op ${s(d.decideBy)} een beslissing.`,
        `Misschien vragen wij u om meer informatie, zoals de datum en het bedrag van rekeningen. Wij vragen nooit om uw wachtwoord of sms-code.`,
      ],
    },
    en: {
      subject: `We are investigating your report about DigiD (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `A jurist of Blik op Werk is now investigating your report about ${oneLine(d.schoolName)}. You will have a decision by ${s(d.decideBy)}.`,
        `We may ask you for more information, such as the date and amount of invoices. We never ask for your password or SMS code.`,
      ],
    },
  }),
  digid_report_extended: (d) => ({
    nl: {
      subject: `Wij hebben meer tijd nodig voor uw melding over DigiD (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Wij hebben meer tijd nodig voor ons onderzoek: ${s(d.weeks)} week/weken extra. Reden: ${s(d.reason)}`,
        `U krijgt nu uiterlijk op ${s(d.decideBy)} een beslissing.`,
      ],
    },
    en: {
      subject: `We need more time for your report about DigiD (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `We need more time for our investigation: ${s(d.weeks)} more week(s). Reason: ${s(d.reason)}`,
        `You will now have a decision by ${s(d.decideBy)}.`,
      ],
    },
  }),
  digid_report_decided: (d) => {
    const confirmed = d.outcome === 'confirmed';
    const disputed = Number(d.disputedCount ?? 0);
    return {
      nl: {
        subject: `Beslissing over uw melding over DigiD (${s(d.reference)})`,
        lines: [
          `Beste ${oneLine(d.studentName)},`,
          confirmed
            ? `Wij hebben onderzocht wat u meldde. Onze conclusie: ${oneLine(d.schoolName)} heeft uw DigiD misbruikt.`
            : `Wij hebben onderzocht wat u meldde. Wij konden niet vaststellen dat ${oneLine(d.schoolName)} uw DigiD heeft misbruikt.`,
          s(d.summary),
          disputed
            ? `${disputed} rekening(en) op uw contract staan nu als betwist. Die tellen niet mee als betaald. Vragen over uw DUO-lening? Bel DUO: ${PHONE_DUO}.`
            : '',
          confirmed ? `Wij nemen maatregelen tegen de school. U hoeft daarvoor niets te doen.` : '',
          DIGID_SAFETY.nl[0],
          `Vragen? Bel Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
      en: {
        subject: `Decision on your report about DigiD (${s(d.reference)})`,
        lines: [
          `Dear ${oneLine(d.studentName)},`,
          confirmed
            ? `We have investigated what you reported. Our conclusion: ${oneLine(d.schoolName)} misused your DigiD.`
            : `We have investigated what you reported. We could not establish that ${oneLine(d.schoolName)} misused your DigiD.`,
          s(d.summary),
          disputed
            ? `${disputed} invoice(s) on your contract are now marked as disputed. They do not count as paid. Questions about your DUO loan? Call DUO: ${PHONE_DUO}.`
            : '',
          confirmed
            ? `We are taking measures against the school. You do not need to do anything for that.`
            : '',
          DIGID_SAFETY.en[0],
          `Questions? Call Blik op Werk: ${PHONE_BODY}.`,
        ],
      },
    };
  },
  /** To supervisors: a confirmed misuse recommends a measure on the school's quality mark; they decide. */
  digid_recommendation: (d) => ({
    nl: {
      subject: `Advies keurmerk ${oneLine(d.schoolName)}: ${s(d.recommendationNl)} (${s(d.reference)})`,
      lines: [
        `DigiD-melding ${s(d.reference)}: misbruik door ${oneLine(d.schoolName)} is vastgesteld.`,
        `Advies over het keurmerk: ${s(d.recommendationNl)}. Besluit u tot een maatregel? Leg die vast bij de school.`,
        s(d.caseUrl),
        s(d.schoolUrl),
      ],
    },
    en: {
      subject: `Quality mark advice for ${oneLine(d.schoolName)}: ${s(d.recommendationEn)} (${s(d.reference)})`,
      lines: [
        `DigiD report ${s(d.reference)}: misuse by ${oneLine(d.schoolName)} has been confirmed.`,
        `Advice on the quality mark: ${s(d.recommendationEn)}. Do you decide on a measure? Record it on the school.`,
        s(d.caseUrl),
        s(d.schoolUrl),
      ],
    },
  }),
};
