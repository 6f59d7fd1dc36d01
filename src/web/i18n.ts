import { en } from './messages/en.js';
import { nl, type Messages } from './messages/nl.js';

export type Lang = 'nl' | 'en';
export type { Messages };

export const LANG_COOKIE = 'bow_lang';

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : nl;
}

export function isLang(value: unknown): value is Lang {
  return value === 'nl' || value === 'en';
}

/** "2026-04-28" -> "28 april 2026" / "28 April 2026". Anything that is not a date is shown as given. */
export function formatDate(iso: string | null | undefined, m: Messages): string {
  if (!iso) return m.common.dash;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${m.months[Number(match[2]) - 1]} ${match[1]}`;
}

/** A timestamp as date and time in Amsterdam, e.g. "28 april 2026 14:05". */
export function formatDateTime(at: Date | string | null | undefined, m: Messages): string {
  if (!at) return m.common.dash;
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${formatDate(`${get('year')}-${get('month')}-${get('day')}`, m)} ${get('hour')}:${get('minute')}`;
}
