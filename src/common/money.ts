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
