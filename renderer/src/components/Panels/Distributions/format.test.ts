import { describe, expect, it } from 'vitest';
import { formatTick, formatValue } from './format';

describe('formatValue', () => {
  it('gives four significant digits in the locale', () => {
    expect(formatValue(0.051538, 'en')).toBe('0.05154');
    expect(formatValue(-15.0412, 'en')).toBe('-15.04');
    expect(formatValue(78400, 'en')).toBe('78,400');
    expect(formatValue(0, 'en')).toBe('0');
  });

  it('switches to scientific notation for tiny and huge magnitudes', () => {
    expect(formatValue(4.4412e-10, 'en')).toBe('4.441E-10');
    expect(formatValue(-2.5e12, 'en')).toBe('-2.5E12');
    expect(formatValue(Number.NaN, 'en')).toBe('NaN');
  });
});

describe('formatTick', () => {
  it('shows as many fraction digits as the step needs', () => {
    expect([0.1, 0.15, 0.2].map((v) => formatTick(v, 0.05, 'en'))).toEqual(['0.10', '0.15', '0.20']);
    expect([-10, 0, 10].map((v) => formatTick(v, 10, 'en'))).toEqual(['-10', '0', '10']);
    expect(formatTick(1500, 500, 'ko')).toBe('1,500');
  });

  it('uses scientific notation on axes of tiny steps, telling neighbouring ticks apart', () => {
    expect([-4e-10, 0, 2e-10, 1.2e-9].map((v) => formatTick(v, 2e-10, 'en'))).toEqual(['-4E-10', '0', '2E-10', '1.2E-9']);
  });
});
