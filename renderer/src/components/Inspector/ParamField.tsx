/**
 * One parameter's form field: a select for choices, a checkbox for switches, a number box (with
 * a log-scale slider for rates and strengths) or a text box. Choices, switches and the slider
 * apply at once; typed values apply on Enter or when the box loses focus, so each edit is one
 * undo step. A value the schema refuses stays in the box with the reason beside it.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLocale, type Text } from '../../i18n';
import { fromLogPosition, logRange, LOG_STEPS_PER_DECADE, rangeText, toLogPosition, type FieldDesc } from './fields';
import { parseNumberText } from './paramEdit';

/** Applies a value; returns the schema's reason when it refuses it. */
export type CommitParam = (name: string, value: unknown) => Text | null;

interface FieldProps {
  readonly field: FieldDesc;
  /** The effective value (set or default). */
  readonly value: unknown;
  readonly commit: CommitParam;
}

/**
 * A text that follows `value` while the person is not editing it: when the value changes from
 * outside (undo, another field, a new file), the draft is replaced. React's "adjust state while
 * rendering" pattern, so no effect runs a frame late.
 */
export function useDraft(value: string): [string, (next: string) => void] {
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  if (base !== value) {
    setBase(value);
    setDraft(value);
  }
  return [draft, setDraft];
}

function valueText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function ParamField({ field, value, commit }: FieldProps) {
  const { t, tm } = useLocale();
  const id = useId();
  const [error, setError] = useState<Text | null>(null);
  const apply = (v: unknown): boolean => {
    const reason = commit(field.name, v);
    setError(reason);
    return reason === null;
  };
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const described = error ? `${errorId} ${helpId}` : helpId;

  let control: ReactNode;
  if (field.kind === 'enum') {
    // Option values are the enum's own values as text, so `select.value` reads 'heNormal'.
    const options = field.options ?? [];
    const known = options.some((o) => Object.is(o.value, value));
    control = (
      <select id={id} value={known ? String(value) : ''} aria-describedby={described} data-testid={`param-${field.name}`}
        onChange={(e) => apply(options.find((o) => String(o.value) === e.target.value)?.value)}>
        {!known && <option value="" disabled>{valueText(value)}</option>}
        {options.map((o) => <option key={String(o.value)} value={String(o.value)}>{o.label}</option>)}
      </select>
    );
  } else if (field.kind === 'boolean') {
    control = (
      <input id={id} type="checkbox" checked={value === true} aria-describedby={described} data-testid={`param-${field.name}`}
        onChange={(e) => apply(e.target.checked)} />
    );
  } else if (field.kind === 'string') {
    control = <TextBox id={id} field={field} value={valueText(value)} describedBy={described} apply={apply} revert={() => setError(null)} />;
  } else {
    control = <NumberBox id={id} field={field} value={value} describedBy={described} apply={apply} revert={() => setError(null)} />;
  }

  return (
    <div className={`dw-field dw-field-${field.kind}${error ? ' has-error' : ''}`}>
      <label className="dw-field-label" htmlFor={id}>{field.label}</label>
      <div className="dw-field-control">{control}</div>
      {error && <div className="dw-field-error" id={errorId} role="alert">{t('inspector.invalid', { message: tm(error) })}</div>}
      <p className="dw-field-help" id={helpId}>{field.help}</p>
    </div>
  );
}

interface BoxProps {
  readonly id: string;
  readonly field: FieldDesc;
  readonly describedBy: string;
  /** Commits; false when refused. */
  readonly apply: (v: unknown) => boolean;
  /** Escape: forget the refused value's message. */
  readonly revert: () => void;
}

/** Enter applies, Escape puts the current value back. */
function boxKeys(e: KeyboardEvent<HTMLInputElement>, applyDraft: () => void, reset: () => void): void {
  if (e.key === 'Enter') {
    e.preventDefault();
    applyDraft();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    reset();
  }
}

function TextBox({ id, field, value, describedBy, apply, revert }: BoxProps & { readonly value: string }) {
  const [draft, setDraft] = useDraft(value);
  const applyDraft = () => {
    if (draft === value) revert();
    else apply(draft);
  };
  return (
    <input id={id} type="text" value={draft} maxLength={field.maxLength} spellCheck={false} aria-describedby={describedBy}
      data-testid={`param-${field.name}`} onChange={(e) => setDraft(e.target.value)} onBlur={applyDraft}
      onKeyDown={(e) => boxKeys(e, applyDraft, () => { setDraft(value); revert(); })} />
  );
}

function NumberBox({ id, field, value, describedBy, apply, revert }: BoxProps & { readonly value: unknown }) {
  const { locale, t } = useLocale();
  const text = valueText(value);
  const [draft, setDraft] = useDraft(text);
  const applyDraft = () => {
    if (draft === text) return revert();
    const n = parseNumberText(draft);
    // "0.10" for 0.1 changes nothing but is shown as the value it is.
    if (apply(n)) setDraft(String(n));
  };
  const range = rangeText(field, locale);
  const shown = parseNumberText(draft);
  return (
    <>
      <input id={id} type="number" value={draft} min={field.min} max={field.max} step={field.step ?? 'any'}
        title={range ? t('inspector.range', { range }) : undefined} aria-describedby={describedBy}
        data-testid={`param-${field.name}`} onChange={(e) => setDraft(e.target.value)} onBlur={applyDraft}
        onKeyDown={(e) => boxKeys(e, applyDraft, () => { setDraft(text); revert(); })} />
      {field.fraction
        ? <span className="dw-field-unit" data-testid={`param-${field.name}-percent`}>
          {Number.isFinite(shown) ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(shown) : ''}
        </span>
        : field.unit && <span className="dw-field-unit">{field.unit}</span>}
      {field.log && (
        <LogSlider field={field} value={typeof value === 'number' ? value : Number.NaN}
          onPreview={(v) => setDraft(String(v))} onCommit={(v) => { if (apply(v)) setDraft(String(v)); }} />
      )}
    </>
  );
}

interface SliderProps {
  readonly field: FieldDesc;
  readonly value: number;
  /** While dragging: the value under the thumb, for the number box. */
  readonly onPreview: (v: number) => void;
  /** When the thumb is let go (or a key moves it): one undo step. */
  readonly onCommit: (v: number) => void;
}

/**
 * A slider over decades (10⁻⁵ … 1 for a learning rate). React's onChange fires on every move;
 * the DOM's own `change` event fires once when the thumb is released, which is when the value is
 * committed, so a drag is one undo step.
 */
function LogSlider({ field, value, onPreview, onCommit }: SliderProps) {
  const { t } = useLocale();
  const span = useMemo(() => logRange(field), [field]);
  const [dragging, setDragging] = useState<number | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const commitRef = useRef(onCommit);
  useEffect(() => {
    commitRef.current = onCommit;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onChange = () => {
      setDragging(null);
      commitRef.current(fromLogPosition(Number(el.value), span));
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, [span]);
  return (
    <input ref={ref} type="range" className="dw-log-slider" min={Math.log10(span.lo)} max={Math.log10(span.hi)} step={1 / LOG_STEPS_PER_DECADE}
      value={dragging ?? toLogPosition(value, span)} aria-label={t('inspector.logSlider', { label: field.label })}
      aria-valuetext={String(fromLogPosition(dragging ?? toLogPosition(value, span), span))}
      data-testid={`param-${field.name}-slider`}
      onChange={(e) => {
        const pos = Number(e.target.value);
        setDragging(pos);
        onPreview(fromLogPosition(pos, span));
      }} />
  );
}
