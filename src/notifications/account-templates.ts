import { oneLine } from '../common/validation.js';
/**
 * Email texts about staff accounts, in Dutch and English. Spread into TEMPLATES in templates.ts,
 * which renders and escapes them.
 */
import { s, type Templates } from './email-template.js';

export interface AccountTemplateData {
  password_reset: { name: string; minutes: number };
  /** `roles`: the roles, comma-separated. */
  account_created: { name: string; roles: string; days: number };
}

export const ACCOUNT_TEMPLATES: Templates<AccountTemplateData> = {
  password_reset: (d, link) => ({
    nl: {
      subject: 'Nieuw wachtwoord instellen',
      lines: [
        `Beste ${oneLine(d.name)},`,
        `U vroeg om een nieuw wachtwoord voor de klachtenconsole van Blik op Werk. Stel het in via deze link; die werkt ${s(d.minutes)} minuten en één keer:`,
        s(link),
        'Vroeg u dit niet? Dan hoeft u niets te doen; uw wachtwoord blijft hetzelfde.',
      ],
    },
    en: {
      subject: 'Set a new password',
      lines: [
        `Dear ${oneLine(d.name)},`,
        `You asked for a new password for the Blik op Werk complaints console. Set it with this link; it works for ${s(d.minutes)} minutes, once:`,
        s(link),
        'Did you not ask for this? Then you need not do anything; your password stays the same.',
      ],
    },
  }),
  account_created: (d, link) => ({
    nl: {
      subject: 'Uw account voor de klachtenconsole',
      lines: [
        `Beste ${oneLine(d.name)},`,
        `Er is een account voor u gemaakt (rollen: ${s(d.roles)}). Stel uw wachtwoord in via deze link (${s(d.days)} dagen geldig):`,
        s(link),
      ],
    },
    en: {
      subject: 'Your account for the complaints console',
      lines: [
        `Dear ${oneLine(d.name)},`,
        `An account was made for you (roles: ${s(d.roles)}). Set your password with this link (valid for ${s(d.days)} days):`,
        s(link),
      ],
    },
  }),
};
