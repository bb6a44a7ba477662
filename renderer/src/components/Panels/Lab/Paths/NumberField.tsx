/**
 * A number box for the lab's settings: what is typed is kept as typed ("0.", "1e-"), a value
 * that passes `accept` is passed on at once, and one that does not is marked invalid and not
 * passed on, so the plot keeps the last good setting. Leaving the box puts the value in use back
 * into it. A value changed from outside (copied from a node, reset to the course's) replaces the
 * text.
 */
import { useState } from 'react';
import { parseNumberText } from '../../../Inspector/paramEdit';

export interface NumberFieldProps {
  readonly value: number;
  readonly onValue: (v: number) => void;
  /** True for a value that may be used (finite and in range, say). */
  readonly accept: (v: number) => boolean;
  readonly label: string;
  readonly testId?: string;
  readonly className?: string;
  /** Shown as a tooltip while the text is not accepted. */
  readonly invalidHint?: string;
}

export function NumberField({ value, onValue, accept, label, testId, className, invalidHint }: NumberFieldProps) {
  const [draft, setDraft] = useState({ text: String(value), shown: value });
  // A new value from outside replaces the text (adjusting state while rendering, as React
  // recommends over an effect); one that came from this box's own typing leaves it alone.
  let text = draft.text;
  if (draft.shown !== value && !(Number.isNaN(draft.shown) && Number.isNaN(value))) {
    text = parseNumberText(draft.text) === value ? draft.text : String(value);
    setDraft({ text, shown: value });
  }
  const invalid = !accept(parseNumberText(text));
  return (
    <input type="text" inputMode="decimal" spellCheck={false} className={`dw-lab-number ${className ?? ''}`} value={text}
      aria-label={label} title={invalid && invalidHint ? invalidHint : label} aria-invalid={invalid || undefined} data-testid={testId}
      onChange={(e) => {
        const next = e.target.value;
        const v = parseNumberText(next);
        const ok = accept(v);
        setDraft({ text: next, shown: ok ? v : value });
        if (ok && v !== value) onValue(v);
      }}
      onBlur={() => {
        if (invalid) setDraft({ text: String(value), shown: value });
      }} />
  );
}
