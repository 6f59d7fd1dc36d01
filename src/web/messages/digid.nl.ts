import {
  CREDENTIAL_REFUSAL,
  DIGID_DEADLINE_LABELS,
  DIGID_OUTCOME_LABELS,
  RECOMMENDATION_LABELS,
} from '../../digid-reports/digid-reports.rules.js';
import { DIGID_HELPDESK, DIGID_SAFETY, DIGID_SITE } from '../../notifications/digid-templates.js';

const labels = (l: Record<string, { nl: string; en: string }>) =>
  Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v.nl])) as Record<string, string>;

/**
 * The texts of the DigiD report pages in Dutch, plain language (B1) for students. Spread into
 * `nl.ts` as `digid`; `digid.en.ts` has the same keys (the compiler checks it).
 */
export const digidNl = {
  homeLink: 'Misbruik van uw DigiD melden',
  form: {
    title: 'Misbruik van uw DigiD melden',
    intro:
      'Uw DigiD is alleen van u. Uw school mag niet met uw DigiD inloggen en mag geen rekeningen voor u goedkeuren. Denkt u dat uw school dat toch doet? Meld het hier. Dat duurt ongeveer 5 minuten.',
    safetyTitle: 'Doe dit eerst',
    safety: DIGID_SAFETY.nl,
    neverAsk: 'Schrijf in dit formulier nooit uw wachtwoord of sms-code. Wij vragen daar nooit om.',
    partyLegend: 'Wie heeft uw DigiD misbruikt?',
    partySchool: 'Mijn school',
    partyOther: 'Iemand anders',
    partyHint:
      'Gaat het om iemand anders dan uw school? Dan helpt Logius u, de organisatie achter DigiD. U kunt het hier toch melden.',
    searchLabel: 'Zoek uw school op naam of plaats',
    searchButton: 'Zoeken',
    schoolLabel: 'Uw school',
    schoolHint: 'Alleen nodig als het om uw school gaat.',
    chooseSchool: 'Kies uw school',
    noSchools: 'Geen school gevonden. Zoek opnieuw met een ander woord.',
    whatLegend: 'Wat is er gebeurd?',
    whatHint: 'Kies alles wat klopt.',
    what: {
      logged_in: 'Iemand van de school logde in met mijn DigiD',
      asked_details: 'De school vroeg om mijn DigiD-gegevens (inlognaam, wachtwoord of sms-code)',
      approved_invoices: 'De school keurde rekeningen goed waar ik geen toestemming voor gaf',
      other: 'Iets anders',
    } as Record<string, string>,
    noticedLabel: 'Wanneer merkte u dit?',
    noticedHint: 'Weet u de datum niet precies? Kies dan ongeveer de datum.',
    invoicesLegend: 'Rekeningen die zonder uw toestemming zijn goedgekeurd',
    invoicesHint:
      'U ziet uw rekeningen op Mijn Inburgering van DUO. Vul per rekening de datum en het bedrag in. Geen rekeningen? Laat dit leeg.',
    invoiceDate: (n: number) => `Datum van rekening ${n}`,
    invoiceAmount: (n: number) => `Bedrag van rekening ${n} (euro)`,
    amountHint: 'Bijvoorbeeld 250,00',
    addInvoice: 'Nog een rekening toevoegen',
    descriptionLabel: 'Vertel wat er is gebeurd',
    descriptionHint: 'Schrijf hier geen wachtwoord en geen sms-code.',
    nameLabel: 'Uw naam',
    emailLabel: 'Uw e-mailadres',
    emailHint: 'U krijgt een bevestiging per e-mail.',
    send: 'Melding versturen',
    errors: {
      party: 'Kies wie uw DigiD heeft misbruikt.',
      school: 'Kies uw school.',
      what: 'Kies wat er is gebeurd.',
      amount: 'Vul een bedrag in euro in, bijvoorbeeld 250,00.',
      invoiceDate: 'Vul de datum van de rekening in.',
      credentials: CREDENTIAL_REFUSAL.nl,
    },
  },
  sent: {
    title: 'Uw melding is verstuurd',
    reference: 'Uw kenmerk',
    referenceHint: 'Noem dit kenmerk als u ons belt of mailt.',
    emailSent: 'U krijgt een e-mail met een bevestiging.',
    nextTitle: 'Wat gebeurt er nu?',
    nextSchool: (date: string) =>
      `Wij bekijken uw melding uiterlijk op ${date}. Daarna hoort u van ons wat wij gaan doen.`,
    nextOther: `Het gaat om iemand anders dan uw school. Dat behandelt Logius, de organisatie achter DigiD: wij hebben uw melding doorverwezen. Bel nu de DigiD-helpdesk: ${DIGID_HELPDESK}, en laat uw DigiD blokkeren. Of kijk op ${DIGID_SITE}.`,
    safetyTitle: 'Doe dit nu',
  },
  console: {
    title: (reference: string) => `DigiD-melding ${reference}`,
    suspectedParty: 'Wie misbruikte de DigiD',
    parties: { school: 'de school', other: 'iemand anders' } as Record<string, string>,
    whatHappened: 'Wat is er gebeurd',
    what: {
      logged_in: 'school logde in met de DigiD',
      asked_details: 'school vroeg om DigiD-gegevens',
      approved_invoices: 'school keurde rekeningen goed zonder toestemming',
      other: 'iets anders',
    } as Record<string, string>,
    noticedOn: 'Gemerkt op',
    invoices: 'Rekeningen zonder toestemming',
    invoiceDate: 'Datum',
    invoiceAmount: 'Bedrag',
    invoiceDisputed: 'Betwist op het contract',
    invoicesNone: 'De cursist noemde geen rekeningen.',
    contract: 'Contract',
    contractValue: (number: string, on: string) => `${number} (gekoppeld op ${on})`,
    triagedOn: 'Triage afgerond op',
    investigationStartedOn: 'Onderzoek gestart op',
    recommendation: 'Advies over het keurmerk',
    recommendationNote:
      'Dit is een advies. De leidinggevende besluit en legt een maatregel vast bij de school (keurmerk wijzigen).',
    referral: 'Doorverwezen naar',
    referralValue: (to: string, on: string) => `${to}, op ${on}`,
    outcomes: labels(DIGID_OUTCOME_LABELS),
    recommendations: labels(RECOMMENDATION_LABELS),
    deadlineKinds: labels(DIGID_DEADLINE_LABELS),
    eventKinds: {
      reopened_as_school: 'Heropend als melding over een school',
      digid_report_received: 'DigiD-melding ontvangen',
      investigation_started: 'Onderzoek gestart',
      referred: 'Doorverwezen naar Logius (DigiD)',
      contract_linked: 'Gekoppeld aan contract',
      invoices_disputed: 'Rekeningen betwist op het contract',
      invoices_restored: 'Rekeningen tellen weer als betaald',
      quality_mark_recommended: 'Advies over het keurmerk',
    } as Record<string, string>,
    restoredDetail: (n: number) => `${n} rekening(en) niet meer betwist`,
    disputedDetail: (n: number, amount: string, unmatched: number) =>
      `${n} rekening(en) betwist (${amount}); ${unmatched} niet gevonden op het contract`,
    actions: {
      startInvestigation: {
        title: 'Onderzoek starten',
        text: 'De triage is klaar: een jurist onderzoekt de melding. De onderzoekstermijn is 6 weken.',
        school: 'School',
        schoolHint: 'De melding noemt geen school. Kies de school die wordt onderzocht.',
        button: 'Onderzoek starten',
      },
      refer: {
        title: 'Doorverwijzen naar Logius (DigiD)',
        text: 'Het misbruik is door iemand anders dan de school. De cursist krijgt een e-mail met de DigiD-helpdesk; de melding wordt gesloten.',
        note: 'Notitie (intern)',
        button: 'Doorverwijzen en sluiten',
      },
      reopenAsSchool: {
        title: 'Heropenen als melding over een school',
        text: 'De melding is doorverwezen naar Logius, maar gaat toch over een school. Ze gaat terug naar triage als melding over die school, met de triagetermijn van 2 werkdagen vanaf vandaag; de cursist krijgt een e-mail.',
        school: 'School',
        reason: 'Waarom (intern)',
        button: 'Heropenen als schoolmelding',
      },
      linkContract: {
        title: 'Koppelen aan contract',
        text: 'Kies het contract van de cursist bij deze school. De genoemde rekeningen met dezelfde datum en hetzelfde bedrag worden op het contract betwist: ze tellen dan niet meer als betaald.',
        contract: 'Contract',
        none: 'Deze school heeft geen contracten in het systeem.',
        button: 'Koppelen en rekeningen betwisten',
      },
      decide: {
        title: 'Beslissen',
        outcome: 'Uitkomst',
        summary: 'Toelichting (de cursist krijgt deze te zien)',
        recommendation: 'Advies over het keurmerk',
        recommendationHint:
          'Verplicht als het misbruik is vastgesteld; leeg laten als het niet is vastgesteld.',
        button: 'Beslissing vastleggen',
      },
    },
    done: {
      reopenAsSchool: 'De melding is terug in triage als melding over de school.',
      startInvestigation: 'Het onderzoek is gestart.',
      refer: 'De melding is doorverwezen naar Logius en gesloten.',
      linkContract: 'Het contract is gekoppeld; de rekeningen zijn betwist.',
      decide: 'De beslissing is vastgelegd.',
    } as Record<string, string>,
    actionErrors: {
      school_required: 'Kies eerst een school.',
      invalid_school: 'Deze school bestaat niet.',
      contract_already_linked: 'Deze melding is al aan een contract gekoppeld.',
      contract_other_school: 'Dit contract is met een andere school.',
      invalid_contract: 'Dit contract bestaat niet.',
      recommendation_required: 'Kies een advies over het keurmerk als het misbruik is vastgesteld.',
      recommendation_not_allowed: 'Een advies over het keurmerk hoort alleen bij vastgesteld misbruik.',
      credentials_in_text: 'Deze tekst lijkt een wachtwoord of sms-code te bevatten. Haal die eruit.',
    } as Record<string, string>,
    school: {
      title: 'DigiD-meldingen over deze school',
      none: 'Geen DigiD-meldingen over deze school.',
      reference: 'Kenmerk',
      status: 'Status',
      received: 'Ontvangen',
      outcome: 'Uitkomst',
      recommendation: 'Advies keurmerk',
      decided: 'Besloten op',
    },
  },
};

export type DigidMessages = typeof digidNl;
