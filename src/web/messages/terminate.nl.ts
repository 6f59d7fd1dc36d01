import type { TerminationGround as Ground } from '../../contracts/contracts.rules.js';

/**
 * The texts of the public page to stop a contract (/terminate) in Dutch, plain language (B1) for
 * students. Spread into `nl.ts` as `terminate`; `terminate.en.ts` has the same keys (the compiler
 * checks it). The rules behind them: domain-rules.md section 4.
 */
export const terminateNl = {
  homeTitle: 'Wilt u stoppen met uw cursus?',
  homeText:
    'U kunt vragen om uw contract met de school te stoppen. Bijvoorbeeld als u bent verhuisd, lang ziek bent, of als uw school geen keurmerk meer heeft.',
  homeLink: 'Vraag aan om uw contract te stoppen',
  form: {
    title: 'Uw contract met de school stoppen',
    intro:
      'Wilt u stoppen met uw inburgeringscursus? Vul dan dit formulier in. U heeft uw contractnummer nodig. Dat staat op uw contract met de school. Het invullen duurt ongeveer 5 minuten.',
    nextTitle: 'Wat gebeurt er daarna?',
    next: [
      'Wij controleren uw verzoek. U krijgt van ons een e-mail.',
      'Als het contract stopt, krijgt u een e-mail met de datum en met de berekening van wat u nog moet betalen.',
      'U betaalt alleen de lessen tot de dag dat het contract stopt. Heeft de school al meer geld gekregen? Dan gaat dat geld terug naar uw lening bij DUO. U krijgt het geld dus niet zelf. Betaalde de gemeente, of betaalde u zelf? Dan gaat het terug naar wie betaalde.',
    ],
    contractLabel: 'Uw contractnummer',
    contractHint: 'Dit staat op uw contract met de school. Bijvoorbeeld: C-2026-001.',
    searchLabel: 'Zoek uw school op naam of plaats',
    searchButton: 'Zoeken',
    schoolLabel: 'Uw school',
    schoolHint: 'Staat uw school er niet bij? Zoek dan eerst op naam of plaats.',
    chooseSchool: 'Kies uw school',
    noSchools: 'Geen school gevonden. Zoek opnieuw met een ander woord.',
    emailLabel: 'Uw e-mailadres',
    emailHint: 'Vul het e-mailadres in dat op uw contract staat. Daar sturen wij onze e-mail naartoe.',
    groundLegend: 'Waarom wilt u stoppen?',
    grounds: {
      notice: 'Ik wil stoppen (opzeggen)',
      moved: 'Ik ben verhuisd',
      long_illness: 'Ik ben lang ziek',
      arbitration_vindicated: 'Ik kreeg gelijk in mijn klacht over de school',
      other_weighty_reason: 'Ik heb een andere belangrijke reden',
      school_lost_quality_mark: 'Mijn school heeft geen keurmerk meer',
    } satisfies Record<Ground, string>,
    groundHints: {
      notice:
        'U mag altijd stoppen. U betaalt dan nog 1 maand les (de opzegtermijn). De cursus moet wel minstens 3 maanden duren, die maand meegeteld. U hoeft geen bewijs te sturen.',
      moved:
        'U woont nu ergens anders. U betaalt geen opzegtermijn. Stuur bewijs mee, zoals uw inschrijving op het nieuwe adres bij de gemeente.',
      long_illness:
        'U kunt lange tijd niet naar de lessen. U betaalt geen opzegtermijn. Stuur bewijs mee, zoals een brief van uw dokter.',
      arbitration_vindicated:
        'Blik op Werk gaf u gelijk in uw klacht over de school. U betaalt geen opzegtermijn. Vul het kenmerk van uw klacht in. Stuur bewijs mee, zoals de brief met de uitspraak.',
      other_weighty_reason:
        'Een andere reden waardoor u echt niet verder kunt, bijvoorbeeld zorg voor een familielid. Schrijf op waarom. Een leidinggevende van Blik op Werk beslist. Gaat het door? Dan betaalt u geen opzegtermijn. Stuur bewijs mee.',
      school_lost_quality_mark:
        'De school is haar keurmerk kwijt. Dan mag u stoppen zonder opzegtermijn. U hoeft geen bewijs te sturen.',
    } satisfies Record<Ground, string>,
    justificationLabel: 'Waarom kunt u niet verder met de cursus?',
    justificationHint:
      'Alleen nodig bij een andere belangrijke reden. Schrijf kort wat er is gebeurd en waarom u daardoor moet stoppen (maximaal 2000 tekens).',
    dateLabel: 'Vanaf welke datum wilt u stoppen?',
    dateHint:
      'Kies vandaag of een dag later. Opzeggen? Dan stopt het contract 1 maand na deze datum. Bent u al verhuisd of al ziek? Kies dan vandaag.',
    complaintLabel: 'Kenmerk van uw klacht',
    complaintHint:
      'Alleen nodig als u gelijk kreeg in uw klacht over de school. Het kenmerk staat in onze e-mails, bijvoorbeeld K-2026-000042.',
    noteLabel: 'Wilt u nog iets vertellen?',
    noteHint: 'Bijvoorbeeld uw nieuwe adres of hoe lang u ziek bent.',
    fileLabel: 'Bewijs',
    fileHint:
      'Nodig als u bent verhuisd, lang ziek bent of gelijk kreeg in uw klacht. Stuur 1 bestand: een PDF of een foto (PNG of JPEG), van maximaal 5 MB. Heeft u het bewijs nog niet? Verstuur het verzoek dan toch. Stuur het bewijs later als antwoord op onze e-mail. Zonder bewijs kunnen wij het verzoek niet goedkeuren.',
    fileAgain: (name: string) =>
      `U had het bestand "${name}" gekozen. Wij bewaren het niet als het formulier terugkomt. Kies het bestand opnieuw.`,
    fileAgainNoName:
      'Wij bewaren een gekozen bestand niet als het formulier terugkomt. Kies het bestand opnieuw.',
    send: 'Verzoek versturen',
    errors: {
      contractNumber:
        'Vul het contractnummer in zoals het op uw contract staat. Alleen letters, cijfers en . _ / - zijn mogelijk.',
      school: 'Kies uw school.',
      ground: 'Kies waarom u wilt stoppen.',
      justification: 'Schrijf op waarom u niet verder kunt met de cursus (maximaal 2000 tekens).',
      datePast: 'Kies vandaag of een dag later. Een verzoek telt vanaf de dag dat wij het krijgen.',
      complaintReference: 'Vul het kenmerk van uw klacht in, bijvoorbeeld K-2026-000042.',
      fileType:
        'Dit bestand kunnen wij niet gebruiken. Stuur een PDF, PNG of JPEG. Wij kijken naar de inhoud van het bestand, niet naar de naam.',
      fileTooLarge:
        'Het bestand is te groot. Het mag maximaal 5 MB zijn. Maak de foto kleiner of stuur een PDF.',
      fileEmpty: 'Het bestand is leeg. Kies een ander bestand.',
      oneFile: 'Stuur 1 bestand.',
      formTooLarge: 'Het formulier is te groot. Een bestand mag maximaal 5 MB zijn.',
    },
  },
  received: {
    title: 'Wij hebben uw verzoek ontvangen',
    email:
      'Klopten uw contractnummer, school en e-mailadres? Dan krijgt u binnen een paar minuten een e-mail van ons op het e-mailadres van uw contract. Kijk ook in uw map met ongewenste e-mail (spam).',
    noEmail:
      'Kreeg u binnen 1 dag geen e-mail? Kijk dan of uw contractnummer en e-mailadres goed waren, en vul het formulier opnieuw in. Of bel ons:',
    nextTitle: 'Wat gebeurt er nu?',
    evidenceLater:
      'Voor deze reden hebben wij bewijs nodig. U stuurde nog geen bewijs mee. Stuur het bewijs als antwoord op onze e-mail, als PDF of foto (PNG of JPEG). Zonder bewijs kunnen wij het verzoek niet goedkeuren.',
    evidenceSent: 'U stuurde een bestand als bewijs mee. Een medewerker bekijkt het.',
    again: 'Nog een verzoek doen',
    toHome: 'Naar de startpagina',
  },
};

export type TerminateMessages = typeof terminateNl;
