/**
 * Short messages (a refused connection, a saved file), shown for a few seconds.
 */
import { useEffect, useState } from 'react';
import { useLocale, type Text } from '../../i18n';

type Kind = 'info' | 'error';
type Listener = (m: { text: Text; kind: Kind; id: number }) => void;
const listeners = new Set<Listener>();
let nextId = 1;

/**
 * Shows `text` in the toast area. Pass a Message (`{ key, vars }`) rather than a translated
 * string, so the toast follows a language switch while it is shown.
 */
export function showToast(text: Text, kind: Kind = 'info'): void {
  const m = { text, kind, id: nextId++ };
  for (const l of listeners) l(m);
}

export function Toasts() {
  const { tm } = useLocale();
  const [messages, setMessages] = useState<{ text: Text; kind: Kind; id: number }[]>([]);
  useEffect(() => {
    const listener: Listener = (m) => {
      setMessages((ms) => [...ms.slice(-3), m]);
      setTimeout(() => setMessages((ms) => ms.filter((x) => x.id !== m.id)), 6000);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return (
    <div className="dw-toasts" role="status" aria-live="polite">
      {messages.map((m) => (
        <div key={m.id} className={`dw-toast ${m.kind}`} data-testid="toast">{tm(m.text)}</div>
      ))}
    </div>
  );
}
