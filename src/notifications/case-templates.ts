import { oneLine } from '../common/validation.js';
import { s, type Templates } from './email-template.js';
/**
 * Email texts about complaints and the deadlines of every case, in Dutch and English (plain
 * language, B1). Each template's data type says what its outbox row must carry.
 */

type StaffDeadlineData = {
  reference: string;
  dueOn: string;
  deadlineKindNl: string;
  deadlineKindEn: string;
  caseUrl: string;
};

export interface CaseTemplateData {
  complaint_received: {
    reference: string;
    studentName: string;
    schoolName: string;
    /** Null when the complaint was not filed with the school yet: Blik op Werk helps with that. */
    schoolDeadline: string | null;
  };
  case_link: { reference: string; studentName: string };
  school_new_complaint: {
    reference: string;
    schoolName: string | null;
    schoolDeadline: string | null;
    linkDays: number;
    /** Set when staff sent a new link; the older links were revoked. */
    resent?: number;
  };
  school_deadline_reminder: { reference: string; schoolName: string | null; dueOn: string };
  school_stage_ended: { reference: string; studentName: string; dueOn: string };
  complaint_escalated: { reference: string; studentName: string; acknowledgeBy: string; decideBy: string };
  complaint_extended: {
    reference: string;
    studentName: string;
    weeks: number;
    reason: string;
    decideBy: string;
  };
  complaint_decided: {
    reference: string;
    studentName: string;
    outcomeNl: string;
    outcomeEn: string;
    summary: string;
  };
  staff_deadline_reminder: StaffDeadlineData;
  staff_deadline_breached: StaffDeadlineData;
}

export const CASE_TEMPLATES: Templates<CaseTemplateData> = {
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
};
