/**
 * Which lab experiment is open. The template gallery and the desktop app's Lab menu open one
 * (`openExperiment`); the panels strip then shows its Lab tab.
 */
import { create } from 'zustand';

export const LAB_EXPERIMENTS = ['paths', 'init', 'batchnorm', 'overfitting', 'gradcheck', 'perceptron', 'search', 'paired'] as const;
export type LabExperimentId = (typeof LAB_EXPERIMENTS)[number];

export function isLabExperiment(v: unknown): v is LabExperimentId {
  return typeof v === 'string' && (LAB_EXPERIMENTS as readonly string[]).includes(v);
}

interface LabState {
  experiment: LabExperimentId;
  /** Goes up each time something asks to show the lab (the panels strip switches to its tab). */
  shown: number;
  openExperiment(id: LabExperimentId): void;
  select(id: LabExperimentId): void;
}

export const useLab = create<LabState>()((set, get) => ({
  experiment: 'paths',
  shown: 0,
  openExperiment(id) {
    set({ experiment: id, shown: get().shown + 1 });
  },
  select(id) {
    set({ experiment: id });
  },
}));
