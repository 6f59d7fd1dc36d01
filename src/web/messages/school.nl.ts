import { STATUS_LABELS } from '../../complaints/complaints.rules.js';

const labels = (l: Record<string, { nl: string; en: string }>) =>
  Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v.nl])) as Record<string, string>;

/**
 * The texts of the school's private page (one complaint, for the school's complaints officer)
 * and of the school link on the staff case page, in Dutch. Spread into `nl.ts` as `school`;
 * `school.en.ts` has the same keys (the compiler checks it).
 */
export const schoolNl = {
  title: (reference: string) => `Klacht ${reference}`,
  intro: (school: string) =>
    `Deze pagina is voor de klachtenfunctionaris van ${school}. Een cursist heeft een klacht over uw school. Hieronder leest u de klacht. U bevestigt hier dat u de klacht heeft ontvangen, en u legt hier uw eindantwoord vast.`,
  yourSchool: 'uw school',
  statusTitle: 'Stand van de klacht',
  status: labels(STATUS_LABELS),
  deadlineTitle: 'Termijn van de school',
  filedOn: 'Ingediend bij de school op',
  deadline: 'Oplossen uiterlijk op',
  deadlineText:
    'Zo staat het in uw klachtenregeling: de school heeft 6 weken om de klacht op te lossen. Is de klacht dan niet opgelost? Dan kan de cursist de klacht aan Blik op Werk voorleggen.',
  complaintTitle: 'De klacht',
  student: 'Naam van de cursist',
  subject: 'Onderwerp',
  description: 'Wat er gebeurde',
  desired: 'Wat de cursist wil',
  yoursTitle: 'Wat u heeft vastgelegd',
  acknowledgedAt: 'Ontvangst bevestigd',
  answerOn: 'Datum eindantwoord',
  answer: 'Uw eindantwoord',
  notYet: 'Nog niet',
  acknowledgeTitle: 'Ontvangst bevestigen',
  acknowledgeText:
    'Laat de cursist en Blik op Werk weten dat u de klacht heeft ontvangen. De cursist ziet dit op de eigen pagina.',
  acknowledgeButton: 'Ontvangst bevestigen',
  acknowledgeDone: 'U heeft bevestigd dat u de klacht heeft ontvangen. De cursist ziet dit nu.',
  acknowledgeAlready: 'U had de ontvangst al bevestigd. Er is niets veranderd.',
  answerTitle: 'Eindantwoord vastleggen',
  answerIntro:
    'Heeft u de cursist uw eindantwoord op de klacht gegeven? Leg het hier vast. De cursist leest het op de eigen pagina. U legt het eindantwoord één keer vast.',
  answerDateLabel: 'Datum van uw eindantwoord',
  answerDateHint: 'Niet in de toekomst, en niet voor de dag waarop de klacht bij de school is ingediend.',
  answerTextLabel: 'Uw eindantwoord',
  answerTextHint: 'Schrijf in gewone taal. Noem geen gegevens van andere cursisten. Hoogstens 5.000 tekens.',
  answerButton: 'Eindantwoord vastleggen',
  answerDone: 'Uw eindantwoord is vastgelegd. De cursist ziet het nu.',
  answerAlready:
    'U heeft uw eindantwoord al vastgelegd. Wilt u iets verbeteren? Neem dan contact op met Blik op Werk.',
  dateBeforeFiled: 'Deze datum mag niet voor de dag liggen waarop de klacht bij de school is ingediend.',
  stageEnded:
    'De termijn van de school voor deze klacht is voorbij. U kunt op deze pagina niets meer vastleggen. Heeft u vragen? Neem contact op met Blik op Werk.',
  changed: 'De klacht is net gewijzigd. Bekijk de pagina en probeer het opnieuw.',
  keepLink: 'Deel deze link alleen met wie de klacht behandelt.',
  contactLink: 'Contact met Blik op Werk',
  invalidText:
    'De link is niet geldig of verlopen. Bent u de klachtenfunctionaris van de school? Vraag Blik op Werk om een nieuwe link.',
  /** On the staff case page. */
  staff: {
    title: 'Link voor de school',
    text: 'De school kreeg een eigen link naar deze klacht. Is de e-mail kwijt? Stuur dan een nieuwe link. Oude links werken daarna niet meer.',
    button: 'Nieuwe link naar de school sturen',
    done: 'Er is een nieuwe link naar de school gestuurd. Oude links werken niet meer.',
    acknowledged: 'Ontvangst bevestigd door de school',
    answer: 'Eindantwoord van de school',
  },
};

export type SchoolMessages = typeof schoolNl;
