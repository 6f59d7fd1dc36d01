import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { centsToDecimal, formatEuro, formatMinutes } from './money.js';

describe('money and minutes for people', () => {
  it('formats the worked example in both languages', () => {
    expect(formatEuro(190022, 'en')).toBe('EUR 1,900.22');
    expect(formatEuro(190022, 'nl')).toBe('€ 1.900,22');
    expect(formatEuro(9978, 'en')).toBe('EUR 99.78');
    expect(formatEuro(5, 'nl')).toBe('€ 0,05');
    expect(formatEuro(0, 'en')).toBe('EUR 0.00');
    expect(formatEuro(123456789, 'en')).toBe('EUR 1,234,567.89');
    expect(formatEuro(-150, 'nl')).toBe('-€ 1,50');
  });

  it('writes plain decimals for files', () => {
    expect(centsToDecimal(54512)).toBe('545.12');
    expect(centsToDecimal(7)).toBe('0.07');
    expect(centsToDecimal(-100)).toBe('-1.00');
  });

  it('refuses anything that is not whole cents', () => {
    expect(() => formatEuro(12.5, 'en')).toThrow(RangeError);
    expect(() => centsToDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => formatMinutes(-1, 'en')).toThrow(RangeError);
  });

  it('writes minutes as hours and minutes', () => {
    expect(formatMinutes(8777, 'en')).toBe('146 hours 17 minutes');
    expect(formatMinutes(8777, 'nl')).toBe('146 uur en 17 minuten');
    expect(formatMinutes(60, 'en')).toBe('1 hour');
    expect(formatMinutes(61, 'nl')).toBe('1 uur en 1 minuut');
    expect(formatMinutes(0, 'en')).toBe('0 hours');
  });

  it('the decimal form reads back to the same cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const [whole, frac] = centsToDecimal(Math.abs(cents)).split('.');
        expect(Number(whole) * 100 + Number(frac)).toBe(Math.abs(cents));
        const en = formatEuro(cents, 'en').replace(/[^0-9-]/g, '');
        expect(Number(en)).toBe(cents);
      }),
    );
  });
});
