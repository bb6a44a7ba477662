/**
 * A labelled number box for the lab's settings: keeps what is typed while it is typed (an empty
 * box, "0.") and hands on only numbers inside [min, max].
 */
import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number;
  readonly integer?: boolean;
  readonly testId: string;
  readonly hint?: string;
  readonly disabled?: boolean;
  readonly onValue: (v: number) => void;
}

/** The number typed, or null when it is not one the field accepts. */
export function parseField(text: string, min: number, max: number, integer: boolean): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const v = Number(trimmed);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) return null;
  return v;
}

export function NumberField({ label, value, min, max, step, integer = false, testId, hint, disabled, onValue }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  // A value set from outside (a reset) shows; one the user is typing towards stays as typed.
  useEffect(() => {
    setText((old) => (parseField(old, min, max, integer) === value ? old : String(value)));
  }, [value, min, max, integer]);
  const valid = parseField(text, min, max, integer) !== null;
  return (
    <label title={hint}>
      {label}
      <input type="number" inputMode={integer ? 'numeric' : 'decimal'} value={text} min={min} max={max} step={step ?? (integer ? 1 : 'any')}
        data-testid={testId} disabled={disabled} aria-invalid={!valid}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const v = parseField(next, min, max, integer);
          if (v !== null) onValue(v);
        }}
        onBlur={() => {
          if (!valid) setText(String(value));
        }} />
    </label>
  );
}
