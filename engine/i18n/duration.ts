/** Durations as a clock, the same in every language: the CLI's progress, the toolbar's ETA, the runs table. */

/** Seconds as m:ss or h:mm:ss ("0:42", "12:05", "1:02:03"); `missing` for a negative or non-finite value. */
export function formatDuration(seconds: number, missing = '–'): string {
  if (!Number.isFinite(seconds) || seconds < 0) return missing;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
