/**
 * The paths' animation: a step from 0 to `steps` that Play advances on a timer, a slider sets,
 * and Back to start rewinds. Until the learner touches it the step sits at the end, so the
 * whole paths show at once; a change of `steps` keeps it at the end if it was there.
 */
import { useEffect, useState } from 'react';

/** Milliseconds per step: a run of any length plays in about four seconds, but no step flashes by. */
export function stepInterval(steps: number): number {
  return Math.min(250, Math.max(40, Math.round(4000 / Math.max(1, steps))));
}

export interface Playback {
  /** The step drawn, 0…steps. */
  readonly step: number;
  readonly playing: boolean;
  play(): void;
  pause(): void;
  rewind(): void;
  seek(step: number): void;
}

export function usePlayback(steps: number): Playback {
  // null: "at the end", whatever `steps` is.
  const [at, setAt] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const step = at === null ? steps : Math.min(at, steps);
  // Reaching the end stops the timer (adjusting state while rendering, not in the updater).
  if (playing && at === null) setPlaying(false);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setAt((s) => (s === null || s + 1 >= steps ? null : s + 1));
    }, stepInterval(steps));
    return () => clearInterval(timer);
  }, [playing, steps]);

  return {
    step,
    playing,
    play() {
      // From the end, play starts over.
      if (step >= steps) setAt(0);
      setPlaying(true);
    },
    pause() {
      setPlaying(false);
    },
    rewind() {
      setPlaying(false);
      setAt(0);
    },
    seek(s) {
      setPlaying(false);
      setAt(s >= steps ? null : Math.max(0, Math.round(s)));
    },
  };
}
