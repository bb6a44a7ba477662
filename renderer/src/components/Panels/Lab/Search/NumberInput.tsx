/**
 * A number box that keeps what is being typed ("1e-", "0.") while passing every value on at
 * once: NaN while the text is not a number, so the caller's checks name the problem and Start
 * stays disabled. A value changed from outside (reset to defaults) replaces the text.
 */
import { useEffect, useState } from 'react';
import { parseNumberText } from '../../../Inspector/paramEdit';

export interface NumberInputProps {
  readonly value: number;
  readonly onValue: (v: number) => void;
  readonly invalid?: boolean;
  readonly label: string;
  readonly testId?: string;
  readonly disabled?: boolean;
  readonly className?: string;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** The text for a value: exponents for small numbers ("1e-6", not "0.000001"), as people type rates. */
const textOf = (v: number) => (Number.isNaN(v) ? '' : v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential() : String(v));

export function NumberInput({ value, onValue, invalid, label, testId, disabled, className }: NumberInputProps) {
  const [text, setText] = useState(() => textOf(value));
  useEffect(() => {
    setText((old) => (same(parseNumberText(old), value) ? old : textOf(value)));
  }, [value]);
  return (
    <input type="text" inputMode="decimal" spellCheck={false} className={className} value={text} aria-label={label} title={label}
      aria-invalid={invalid || undefined} data-testid={testId} disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parseNumberText(e.target.value));
      }} />
  );
}
