/**
 * Numbers of the distributions panel in the user's locale. Gradients late in training are
 * often 1e-9 or smaller, and a diverging run reaches 1e12: plain decimals would print
 * "0.0000000004441" or thirteen digits, so such magnitudes switch to scientific notation.
 */
import { tickDigits } from './ridges';

const SMALL = 1e-3;
const LARGE = 1e6;

const needsScientific = (magnitude: number) => magnitude !== 0 && (magnitude < SMALL || magnitude >= LARGE);

/** A statistic (min, max, mean, std) to four significant digits. */
export function formatValue(v: number, locale: string): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString(locale, needsScientific(Math.abs(v))
    ? { notation: 'scientific', maximumSignificantDigits: 4 }
    : { maximumSignificantDigits: 4 });
}

/**
 * A tick of an axis whose ticks are `step` apart: exactly as many digits as tell neighbouring
 * ticks apart, so "0.10, 0.15" never prints as "0.1, 0.15" nor "0.1, 0.2".
 */
export function formatTick(v: number, step: number, locale: string): string {
  if (v === 0) return (0).toLocaleString(locale);
  if (needsScientific(step) || Math.abs(v) >= LARGE) {
    // Significant digits from the value's leading digit down to the step's.
    const digits = Math.floor(Math.log10(Math.abs(v)) + 1e-9) - Math.floor(Math.log10(step) + 1e-9) + 1;
    return v.toLocaleString(locale, { notation: 'scientific', maximumSignificantDigits: Math.min(21, Math.max(1, digits)) });
  }
  const digits = tickDigits(step);
  return v.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
