/**
 * Short messages (a refused connection, a saved file), shown for a few seconds.
 */
import { useEffect, useState } from 'react';

type Kind = 'info' | 'error';
type Listener = (m: { text: string; kind: Kind; id: number }) => void;
const listeners = new Set<Listener>();
let nextId = 1;

/** Shows `text` in the toast area. */
export function showToast(text: string, kind: Kind = 'info'): void {
  const m = { text, kind, id: nextId++ };
  for (const l of listeners) l(m);
}

export function Toasts() {
  const [messages, setMessages] = useState<{ text: string; kind: Kind; id: number }[]>([]);
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
        <div key={m.id} className={`dw-toast ${m.kind}`} data-testid="toast">{m.text}</div>
      ))}
    </div>
  );
}
