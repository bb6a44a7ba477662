/**
 * Runs the initialisation experiment for the four initialisers, one per timer tick, so the panel
 * stays responsive and each row appears as soon as it is ready. A change of settings drops the
 * runs not yet done and starts over after a short pause (typing "1000" does not run 1, 10 and
 * 100 first).
 */
import { useEffect, useState } from 'react';
import { lab } from '../../../../../../engine';
import { errorText, type Text } from '../../../../i18n';

export interface InitSettings {
  readonly activation: lab.LabActivation;
  readonly layers: number;
  readonly units: number;
  readonly samples: number;
  readonly seed: number;
}

export interface InitRuns {
  /** The settings the results below belong to. */
  readonly settings: InitSettings | null;
  readonly results: Partial<Record<lab.InitPresetName, lab.LayerActivations[]>>;
  readonly busy: boolean;
  /** Why a run failed, shown in the reader's language. */
  readonly error: Text | null;
}

const PAUSE_MS = 200;

/** The runs for `settings`, or none while `settings` is null (a setting out of range). */
export function useInitRuns(settings: InitSettings | null): InitRuns {
  const [state, setState] = useState<InitRuns>({ settings: null, results: {}, busy: false, error: null });
  const key = settings ? JSON.stringify(settings) : '';

  useEffect(() => {
    if (!key) return;
    const s = JSON.parse(key) as InitSettings;
    setState({ settings: s, results: {}, busy: true, error: null });
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const run = (i: number) => {
      if (cancelled) return;
      const init = lab.INIT_PRESETS[i];
      try {
        const layers = lab.initActivations({ init, activation: s.activation, layers: s.layers, units: s.units, samples: s.samples, seed: s.seed });
        setState((prev) => ({ ...prev, results: { ...prev.results, [init]: layers }, busy: i + 1 < lab.INIT_PRESETS.length }));
      } catch (e) {
        console.error(`Lab: the ${init} activations could not be computed`, e);
        setState((prev) => ({ ...prev, busy: false, error: errorText(e) }));
        return;
      }
      // A fresh tick between initialisers lets the browser paint the row just finished.
      if (i + 1 < lab.INIT_PRESETS.length) timer = setTimeout(() => run(i + 1), 0);
    };
    timer = setTimeout(() => run(0), PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key]);

  return state;
}
