/**
 * Email texts in Dutch and English (plain language, B1). Each template renders a subject,
 * a plain-text body and an HTML body in which every value is escaped.
 */
import { ACCOUNT_TEMPLATES } from './account-templates.js';
import { CONTRACT_TEMPLATES } from './contract-templates.js';
import { DIGID_TEMPLATES } from './digid-templates.js';
import { oneLine } from '../common/validation.js';

export type Language = 'nl' | 'en';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Data = Record<string, string | number | null | undefined>;
type Lines = { subject: string; lines: string[] };
type TemplateFn = (d: Data, link: string | null) => Record<Language, Lines>;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const s = (v: unknown) => String(v ?? '');

const TEMPLATES = {
  complaint_received: (d, link) => ({
    nl: {
      subject: `Uw klacht is ontvangen (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Wij hebben uw klacht over ${oneLine(d.schoolName)} ontvangen. Uw kenmerk is ${s(d.reference)}.`,
        d.schoolDeadline
          ? `De school moet uw klacht uiterlijk op ${s(d.schoolDeadline)} oplossen. Is de klacht dan niet opgelost? Dan kunt u de klacht aan ons voorleggen.`
          : `Wij nemen contact met u op om de klacht samen met u bij de school in te dienen. De school heeft daarna 6 weken om de klacht op te lossen.`,
        `Via deze persoonlijke link ziet u hoe het met uw klacht gaat en kunt u informatie toevoegen:`,
        s(link),
        `Deel deze link niet met anderen.`,
      ],
    },
    en: {
      subject: `We have received your complaint (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `We have received your complaint about ${oneLine(d.schoolName)}. Your reference is ${s(d.reference)}.`,
        d.schoolDeadline
          ? `The school must resolve your complaint by ${s(d.schoolDeadline)}. If it is not resolved by then, you can bring the complaint to us.`
          : `We will contact you to help you file the complaint with your school. The school then has 6 weeks to resolve it.`,
        `With this personal link you can follow your complaint and add information:`,
        s(link),
        `Do not share this link with others.`,
      ],
    },
  }),
  case_link: (d, link) => ({
    nl: {
      subject: `Uw persoonlijke link (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Hier is uw nieuwe persoonlijke link voor zaak ${s(d.reference)}:`,
        s(link),
        `Oude links werken niet meer.`,
      ],
    },
    en: {
      subject: `Your personal link (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `Here is your new personal link for case ${s(d.reference)}:`,
        s(link),
        `Older links no longer work.`,
      ],
    },
  }),
  // Schools have no language setting: their emails go out in Dutch (`en` is kept for completeness).
  // `resent` marks a new link sent by staff; the older links were revoked.
  school_new_complaint: (d, link) => ({
    nl: {
      subject: `Klacht van een cursist (${s(d.reference)})`,
      lines: [
        `Geachte klachtenfunctionaris van ${oneLine(d.schoolName)},`,
        d.resent
          ? `Hier is een nieuwe link naar de klacht met kenmerk ${s(d.reference)}. Eerdere links naar deze klacht werken niet meer.`
          : `Een cursist heeft een klacht over uw school. Stichting Blik op Werk heeft de klacht geregistreerd met kenmerk ${s(d.reference)}.`,
        `Volgens uw klachtenregeling moet de klacht uiterlijk op ${s(d.schoolDeadline)} zijn opgelost. Is de klacht dan niet opgelost? Dan kan de cursist de klacht aan Blik op Werk voorleggen.`,
        `Via deze link leest u de klacht. Daar bevestigt u ook dat u de klacht heeft ontvangen, en legt u uw eindantwoord vast:`,
        s(link),
        `De link werkt ${s(d.linkDays)} dagen. Deel de link alleen met wie de klacht behandelt.`,
      ],
    },
    en: {
      subject: `Complaint from a student (${s(d.reference)})`,
      lines: [
        `Dear complaints officer of ${oneLine(d.schoolName)},`,
        d.resent
          ? `Here is a new link to the complaint with reference ${s(d.reference)}. Older links to this complaint no longer work.`
          : `A student has a complaint about your school. Blik op Werk has registered it with reference ${s(d.reference)}.`,
        `Under your complaints regulation it must be resolved by ${s(d.schoolDeadline)}. If it is not resolved by then, the student may bring it to Blik op Werk.`,
        `With this link you can read the complaint, confirm that you have received it, and record your final answer:`,
        s(link),
        `The link works for ${s(d.linkDays)} days. Share it only with the people who handle the complaint.`,
      ],
    },
  }),
  school_deadline_reminder: (d, link) => ({
    nl: {
      subject: `Herinnering: klacht ${s(d.reference)} moet op ${s(d.dueOn)} zijn opgelost`,
      lines: [
        `Geachte klachtenfunctionaris van ${oneLine(d.schoolName)},`,
        `De klacht met kenmerk ${s(d.reference)} moet uiterlijk op ${s(d.dueOn)} zijn opgelost. Daarna kan de cursist de klacht aan Blik op Werk voorleggen.`,
        link ? `Via deze link leest u de klacht en legt u uw eindantwoord vast:` : '',
        s(link),
      ],
    },
    en: {
      subject: `Reminder: complaint ${s(d.reference)} must be resolved by ${s(d.dueOn)}`,
      lines: [
        `Dear complaints officer of ${oneLine(d.schoolName)},`,
        `The complaint with reference ${s(d.reference)} must be resolved by ${s(d.dueOn)}. After that the student may bring it to Blik op Werk.`,
        link ? `With this link you can read the complaint and record your final answer:` : '',
        s(link),
      ],
    },
  }),
  school_stage_ended: (d, link) => ({
    nl: {
      subject: `De school had 6 weken voor uw klacht (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `De 6 weken van de school voor uw klacht zijn voorbij (laatste dag: ${s(d.dueOn)}).`,
        `Is uw klacht niet opgelost? Dan kunt u nu vragen of Blik op Werk de klacht behandelt. Dat kan via uw persoonlijke link, per telefoon of per e-mail.`,
        s(link),
      ],
    },
    en: {
      subject: `The school's 6 weeks for your complaint have ended (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `The school's 6 weeks to resolve your complaint have ended (last day: ${s(d.dueOn)}).`,
        `Is your complaint not resolved? Then you can now ask Blik op Werk to handle it: through your personal link, by phone or by email.`,
        s(link),
      ],
    },
  }),
  complaint_escalated: (d) => ({
    nl: {
      subject: `Blik op Werk behandelt uw klacht (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Blik op Werk behandelt nu uw klacht. U krijgt uiterlijk op ${s(d.acknowledgeBy)} een bevestiging van de jurist, en uiterlijk op ${s(d.decideBy)} een beslissing.`,
      ],
    },
    en: {
      subject: `Blik op Werk is handling your complaint (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `Blik op Werk is now handling your complaint. A jurist will confirm this by ${s(d.acknowledgeBy)}, and you will have a decision by ${s(d.decideBy)}.`,
      ],
    },
  }),
  complaint_extended: (d) => ({
    nl: {
      subject: `Wij hebben meer tijd nodig voor uw klacht (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Wij hebben meer tijd nodig om over uw klacht te beslissen: ${s(d.weeks)} week/weken extra. Reden: ${s(d.reason)}`,
        `U krijgt nu uiterlijk op ${s(d.decideBy)} een beslissing.`,
      ],
    },
    en: {
      subject: `We need more time for your complaint (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `We need more time to decide on your complaint: ${s(d.weeks)} more week(s). Reason: ${s(d.reason)}`,
        `You will now have a decision by ${s(d.decideBy)}.`,
      ],
    },
  }),
  complaint_decided: (d, link) => ({
    nl: {
      subject: `Beslissing over uw klacht (${s(d.reference)})`,
      lines: [
        `Beste ${oneLine(d.studentName)},`,
        `Wij hebben over uw klacht beslist: ${s(d.outcomeNl)}.`,
        s(d.summary),
        `Meer lezen: ${s(link)}`,
      ],
    },
    en: {
      subject: `Decision on your complaint (${s(d.reference)})`,
      lines: [
        `Dear ${oneLine(d.studentName)},`,
        `We have decided on your complaint: ${s(d.outcomeEn)}.`,
        s(d.summary),
        `Read more: ${s(link)}`,
      ],
    },
  }),
  staff_deadline_reminder: (d) => ({
    nl: {
      subject: `Termijn ${s(d.deadlineKindNl)} van ${s(d.reference)} loopt af op ${s(d.dueOn)}`,
      lines: [
        `De termijn "${s(d.deadlineKindNl)}" van zaak ${s(d.reference)} loopt af op ${s(d.dueOn)}.`,
        s(d.caseUrl),
      ],
    },
    en: {
      subject: `Deadline ${s(d.deadlineKindEn)} of ${s(d.reference)} ends on ${s(d.dueOn)}`,
      lines: [
        `The "${s(d.deadlineKindEn)}" deadline of case ${s(d.reference)} ends on ${s(d.dueOn)}.`,
        s(d.caseUrl),
      ],
    },
  }),
  staff_deadline_breached: (d) => ({
    nl: {
      subject: `Termijn overschreden: ${s(d.deadlineKindNl)} van ${s(d.reference)}`,
      lines: [
        `De termijn "${s(d.deadlineKindNl)}" van zaak ${s(d.reference)} is verlopen op ${s(d.dueOn)}.`,
        s(d.caseUrl),
      ],
    },
    en: {
      subject: `Deadline missed: ${s(d.deadlineKindEn)} of ${s(d.reference)}`,
      lines: [
        `The "${s(d.deadlineKindEn)}" deadline of case ${s(d.reference)} passed on ${s(d.dueOn)}.`,
        s(d.caseUrl),
      ],
    },
  }),
  ...CONTRACT_TEMPLATES,
  ...ACCOUNT_TEMPLATES,
  ...DIGID_TEMPLATES,
} satisfies Record<string, TemplateFn>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

const FOOTER: Record<Language, string> = {
  nl: 'Stichting Blik op Werk, klachtenafdeling. Dit is een automatisch bericht.',
  en: 'Blik op Werk foundation, complaints department. This is an automated message.',
};

export function renderEmail(
  template: TemplateName,
  language: Language,
  data: Data,
  link: string | null,
): RenderedEmail {
  const { subject, lines } = (TEMPLATES[template] as TemplateFn)(data, link)[language];
  const body = lines.filter((l) => l !== '');
  const text = [...body, '', FOOTER[language]].join('\n\n');
  const html =
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">` +
    body
      .map((l) =>
        /^https?:\/\//.test(l)
          ? `<p><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></p>`
          : `<p>${escapeHtml(l)}</p>`,
      )
      .join('') +
    `<hr><p style="color:#555">${escapeHtml(FOOTER[language])}</p></body></html>`;
  return { subject, text, html };
}
