/**
 * What every email template is made of: a subject and lines of text per language, from the
 * data its outbox row carries and the private link (when it has one). templates.ts renders
 * them and escapes every value.
 */
export type Language = 'nl' | 'en';

export interface Lines {
  subject: string;
  lines: string[];
}

/** One template: its data type `D` is what the caller must put in the outbox row. */
export type Template<D> = (d: D, link: string | null) => Record<Language, Lines>;

/** A set of templates, one per name in the data map `M`. */
export type Templates<M> = { [N in keyof M]: Template<M[N]> };

/** A value as text: nothing for a missing one. */
export const s = (v: unknown): string => String(v ?? '');

/** The phone number of Blik op Werk, in every email that invites a question. */
export const PHONE_BODY = '030 30 30 645';
/** DUO's Service Center Integration, for questions about the loan. */
export const PHONE_DUO = '050 599 96 00';
