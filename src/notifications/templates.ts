/**
 * Every email template, keyed by name, and the one renderer: a subject, a plain-text body and an
 * HTML body in which every value is escaped. Each template declares its data type
 * (`TemplateData`), so an outbox row with a missing or misnamed field does not compile.
 */
import { ACCOUNT_TEMPLATES, type AccountTemplateData } from './account-templates.js';
import { CASE_TEMPLATES, type CaseTemplateData } from './case-templates.js';
import { CONTRACT_TEMPLATES, type ContractTemplateData } from './contract-templates.js';
import { DIGID_TEMPLATES, type DigidTemplateData } from './digid-templates.js';
import type { Language, Template, Templates } from './email-template.js';

export type { Language } from './email-template.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The data each template needs, by template name. */
export interface TemplateData
  extends CaseTemplateData, ContractTemplateData, AccountTemplateData, DigidTemplateData {}

export type TemplateName = keyof TemplateData;

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const TEMPLATES: Templates<TemplateData> = {
  ...CASE_TEMPLATES,
  ...CONTRACT_TEMPLATES,
  ...ACCOUNT_TEMPLATES,
  ...DIGID_TEMPLATES,
};

const FOOTER: Record<Language, string> = {
  nl: 'Stichting Blik op Werk, klachtenafdeling. Dit is een automatisch bericht.',
  en: 'Blik op Werk foundation, complaints department. This is an automated message.',
};

export function renderEmail<N extends TemplateName>(
  template: N,
  language: Language,
  data: TemplateData[N],
  link: string | null,
): RenderedEmail {
  const render: Template<TemplateData[N]> = TEMPLATES[template];
  const { subject, lines } = render(data, link)[language];
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

/**
 * Renders a row read back from the outbox. Its data was type-checked against its template when
 * the row was written (OutboxRepository.insert); the database hands it back untyped.
 */
export function renderStored(row: {
  template: TemplateName;
  language: Language;
  data: unknown;
  secret: string | null;
}): RenderedEmail {
  return renderEmail(row.template, row.language, row.data as TemplateData[TemplateName], row.secret);
}
