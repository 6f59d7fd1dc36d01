/**
 * The texts of the console's privacy pages (a student's data export, the staff read log) in
 * Dutch. Spread into `nl.ts` as `privacy`; `privacy.en.ts` has the same keys.
 */
export const privacyNl = {
  export: {
    title: 'Gegevens van een cursist opvragen',
    intro:
      'Vraagt een cursist welke gegevens wij van hem of haar hebben? Zoek op het e-mailadres. U ziet eerst wat er is gevonden; de export zelf downloadt u als JSON of als HTML-pagina (om af te drukken of als PDF te bewaren). Elke export wordt vastgelegd (wie, wanneer, welk formaat).',
    email: 'E-mailadres van de cursist',
    search: 'Zoeken',
    found: (cases: number, contracts: number) =>
      `Gevonden: ${cases} ${cases === 1 ? 'zaak' : 'zaken'} en ${contracts} ${contracts === 1 ? 'contract' : 'contracten'}.`,
    none: 'Er zijn geen gegevens met dit e-mailadres (of ze zijn al geanonimiseerd).',
    cases: 'Zaken',
    contracts: 'Contracten',
    downloadJson: 'Download als JSON',
    downloadHtml: 'Download als HTML',
    checkFirst:
      'Controleer eerst of dit de juiste persoon is: stuur de export alleen naar het e-mailadres hierboven.',
  },
  reads: {
    title: 'Wie las welke zaak',
    intro:
      'Elke keer dat een medewerker een zaak opent (pagina of API), wordt dat vastgelegd. Nieuwste eerst, hoogstens 200 regels; filter op zaak of medewerker.',
    reference: 'Kenmerk van de zaak',
    user: 'Medewerker',
    anyone: 'Iedereen',
    filter: 'Toon',
    at: 'Wanneer',
    case: 'Zaak',
    route: 'Via',
    none: 'Geen leesacties gevonden.',
  },
};
