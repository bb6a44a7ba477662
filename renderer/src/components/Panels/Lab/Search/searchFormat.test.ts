import { describe, expect, it } from 'vitest';
import { formatParamValue, formatScientific } from './searchFormat';

describe('search value formatting', () => {
  it('writes log-scale values the way the course writes learning rates', () => {
    expect(formatScientific(3.2e-4, 'en')).toBe('3.2e-4');
    expect(formatScientific(0.000321987, 'en')).toBe('3.2e-4');
    expect(formatScientific(1e-8, 'ko')).toBe('1e-8');
    // The locale's decimal sign stays.
    expect(formatScientific(3.2e-4, 'de')).toBe('3,2e-4');
    expect(formatParamValue(0.05, { scale: 'log' }, 'en')).toBe('5e-2');
  });

  it('writes linear values plainly, whole numbers with grouping', () => {
    expect(formatParamValue(0.5, { scale: 'linear' }, 'en')).toBe('0.5');
    expect(formatParamValue(1024, { scale: 'linear', integer: true }, 'en')).toBe('1,024');
    expect(formatParamValue(0.25, { scale: 'linear' }, 'de')).toBe('0,25');
    // Tiny values on a linear scale still read as exponents rather than 0.
    expect(formatParamValue(2e-5, { scale: 'linear' }, 'en')).toBe('2e-5');
    expect(formatParamValue(0, { scale: 'linear' }, 'en')).toBe('0');
  });
});
