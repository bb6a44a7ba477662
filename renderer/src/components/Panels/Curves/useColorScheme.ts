/**
 * The system's colour scheme, live: the charts draw on canvas with colours read from CSS, so
 * they must be rebuilt when the system switches between light and dark.
 */
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

const query = (): MediaQueryList | null => (typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(QUERY) : null);

/** 'dark' or 'light', following the system; re-renders when it changes. */
export function useColorScheme(): 'dark' | 'light' {
  const [dark, setDark] = useState(() => query()?.matches ?? false);
  useEffect(() => {
    const media = query();
    if (!media) return;
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}
