/**
 * Short messages (a refused connection, a saved file), shown for a few seconds.
 */
import { useEffect, useState } from 'react';
import { useLocale, type Text } from '../../i18n';

export type ToastKind = 'info' | 'error';
/** A toast as it is kept while shown: its Text, translated each time it renders. */
export interface ToastMessage {
  readonly text: Text;
  readonly kind: ToastKind;
  readonly id: number;
}
type Listener = (m: ToastMessage) => void;
const listeners = new Set<Listener>();
let nextId = 1;

/**
 * Shows `text` in the toast area. Pass a Message (`tmsg(key, vars)`, errors as `errorText(e)`)
 * rather than a translated string, so the toast follows a language switch while it is shown.
 */
export function showToast(text: Text, kind: ToastKind = 'info'): void {
  const m = { text, kind, id: nextId++ };
  for (const l of listeners) l(m);
}

/** Calls `listener` with every toast shown from now on; returns the unsubscribe function. */
export function onToast(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** One toast, in the current language. */
export function Toast({ text, kind }: { readonly text: Text; readonly kind: ToastKind }) {
  const { tm } = useLocale();
  return <div className={`dw-toast ${kind}`} data-testid="toast">{tm(text)}</div>;
}

export function Toasts() {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  useEffect(() => onToast((m) => {
    setMessages((ms) => [...ms.slice(-3), m]);
    setTimeout(() => setMessages((ms) => ms.filter((x) => x.id !== m.id)), 6000);
  }), []);
  return (
    <div className="dw-toasts" role="status" aria-live="polite">
      {messages.map((m) => <Toast key={m.id} text={m.text} kind={m.kind} />)}
    </div>
  );
}
