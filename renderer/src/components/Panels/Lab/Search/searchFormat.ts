/**
 * How a searched value reads: in scientific notation for log-scale values ("3.2e-4", the way
 * the course writes learning rates) and for very small or large numbers, with the locale's
 * digits and decimal sign; whole numbers with grouping. Pure (Intl only).
 */
import type { lab } from '../../../../../../engine';
import { formatCount, formatMetric } from '../../Runs/runsFormat';

const formats = new Map<string, Intl.NumberFormat>();
function scientificFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { notation: 'scientific', maximumSignificantDigits: digits })));
  return f;
}

/** `v` as "3.2e-4" (2 significant digits unless told), the mantissa in the locale's digits. */
export function formatScientific(v: number, locale: string, digits = 2): string {
  if (!Number.isFinite(v)) return formatMetric(v, locale);
  if (v === 0) return formatCount(0, locale);
  // Intl writes "3.2E-4"; the lower-case e is how the course and most code write exponents.
  return scientificFormat(locale, digits).formatToParts(v).map((p) => (p.type === 'exponentSeparator' ? 'e' : p.value)).join('');
}

/** A trial's value of `param` as the results table and the scatter's axes show it. */
export function formatParamValue(v: number, param: Pick<lab.SearchParam, 'scale' | 'integer'>, locale: string): string {
  if (!Number.isFinite(v)) return formatMetric(v, locale);
  if (param.integer) return formatCount(v, locale);
  const a = Math.abs(v);
  if (param.scale === 'log' || (a !== 0 && (a < 1e-3 || a >= 1e6))) return formatScientific(v, locale);
  return formatMetric(v, locale);
}
