/**
 * Showing integer cents and minutes to people. Pure string work on integers: no float ever
 * touches an amount. [decision: money is integer cents, time integer minutes]
 */
export type Lang = 'nl' | 'en';

function groupThousands(whole: number, separator: string): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** 190022 -> "1900.22" (plain decimal, for CSV files). Negative amounts keep their sign. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not whole cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 190022 -> "€ 1.900,22" (nl) or "EUR 1,900.22" (en). */
export function formatEuro(cents: number, lang: Lang): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not whole cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return lang === 'nl'
    ? `${sign}€ ${groupThousands(whole, '.')},${rest}`
    : `${sign}EUR ${groupThousands(whole, ',')}.${rest}`;
}

/** 8777 -> "146 uur en 17 minuten" (nl) or "146 hours 17 minutes" (en). */
export function formatMinutes(minutes: number, lang: Lang): string {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`not whole minutes: ${minutes}`);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'nl') {
    const hours = `${h} uur`;
    return m === 0 ? hours : `${hours} en ${m} ${m === 1 ? 'minuut' : 'minuten'}`;
  }
  const hours = `${h} ${h === 1 ? 'hour' : 'hours'}`;
  return m === 0 ? hours : `${hours} ${m} ${m === 1 ? 'minute' : 'minutes'}`;
}

/**
 * An amount typed by a person ("250", "250,50", "1.250,00", "€ 1,250.00") as integer cents, or
 * null when it is not an amount. A single separator followed by exactly three digits groups
 * thousands; followed by one or two digits it marks the cents. At most EUR 100,000.00.
 */
export function parseEuroCents(input: string): number | null {
  const s = input.replace(/[\s\u00a0€]|EUR/giu, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let whole = s;
  let cents = '';
  const last = Math.max(lastDot, lastComma);
  if (last >= 0) {
    const after = s.slice(last + 1);
    const both = lastDot >= 0 && lastComma >= 0;
    const sepCount = (s.match(/[.,]/g) ?? []).length;
    if (both || (after.length <= 2 && sepCount === 1)) {
      if (after.length < 1 || after.length > 2) return null;
      whole = s.slice(0, last);
      cents = after;
    }
    const groups = whole.split(/[.,]/);
    if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)))
      return null;
    whole = groups.join('');
  }
  if (!/^\d{1,9}$/.test(whole)) return null;
  const value = Number(whole) * 100 + Number(cents.padEnd(2, '0') || '0');
  return value > 0 && value <= 10_000_000 ? value : null;
}
