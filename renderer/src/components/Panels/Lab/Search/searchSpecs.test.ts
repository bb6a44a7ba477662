import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../../../../assets/examples/definitions';
import type { lab } from '../../../../../../engine';
import { planSearch, settingsValid, trialThreads } from './searchSpecs';

const graph = EXAMPLES.find((e) => e.name === 'mnist-mlp')!.graph;
const params: lab.SearchParam[] = [
  { id: 'adam.learningRate', min: 1e-6, max: 1e-2, scale: 'log' },
  { id: 'weightDecay', min: 1e-8, max: 1e-4, scale: 'log' },
];

describe('planning a search', () => {
  const before = JSON.stringify(graph);
  const plan = planSearch(graph, params, { trials: 6, epochs: 2, seed: 7 }, 'lab-test', { label: (k) => `trial ${k}`, threads: 2 });

  it('makes one spec per trial, never evaluating the test split', () => {
    expect(plan.trials).toHaveLength(6);
    expect(plan.specs).toHaveLength(6);
    plan.specs.forEach((spec, i) => {
      expect(spec.options).toEqual({ evaluateTest: false });
      expect(spec.label).toBe(`trial ${i + 1}`);
      expect(spec.lab).toEqual({ experiment: 'search', batch: 'lab-test', values: plan.trials[i].values });
    });
  });

  it('puts each trial’s values in its graph, within the ranges', () => {
    plan.specs.forEach((spec, i) => {
      const values = plan.trials[i].values;
      const lr = values['adam.learningRate'];
      const wd = values.weightDecay;
      expect(lr).toBeGreaterThanOrEqual(1e-6);
      expect(lr).toBeLessThanOrEqual(1e-2);
      expect(wd).toBeGreaterThanOrEqual(1e-8);
      expect(wd).toBeLessThanOrEqual(1e-4);
      const node = (id: string) => spec.graph.nodes.find((n) => n.id === id)!;
      expect(node('adam').params.learningRate).toBe(lr);
      for (const id of ['hidden1', 'hidden2', 'output']) expect(node(id).params).toMatchObject({ regularizer: 'l2', lambda: wd });
    });
    // Different trials, different values.
    expect(new Set(plan.trials.map((t) => t.values['adam.learningRate'])).size).toBe(6);
  });

  it('makes each graph a short run with a validation split to choose on', () => {
    for (const spec of plan.specs) {
      const training = spec.graph.nodes.find((n) => n.kind === 'Training')!;
      expect(training.params.epochs).toBe(2);
      expect(training.params.threads).toBe(2);
      expect(training.params.validationSplit as number).toBeGreaterThanOrEqual(0.2);
    }
  });

  it('leaves the user’s graph alone and draws the same trials for the same seed', () => {
    expect(JSON.stringify(graph)).toBe(before);
    const again = planSearch(graph, params, { trials: 6, epochs: 2, seed: 7 }, 'lab-other', { label: String });
    expect(again.trials).toEqual(plan.trials);
  });
});

describe('search settings', () => {
  it('accepts whole numbers in range only', () => {
    expect(settingsValid({ trials: 20, epochs: 3, seed: 1 })).toBe(true);
    expect(settingsValid({ trials: 0, epochs: 3, seed: 1 })).toBe(false);
    expect(settingsValid({ trials: 2.5, epochs: 3, seed: 1 })).toBe(false);
    expect(settingsValid({ trials: 20, epochs: Number.NaN, seed: 1 })).toBe(false);
    expect(settingsValid({ trials: 20, epochs: 3, seed: -4 })).toBe(true);
  });

  it('shares the cores among parallel trials', () => {
    expect(trialThreads(1, 16)).toBeUndefined();
    expect(trialThreads(4, 16)).toBe(4);
    expect(trialThreads(3, 8)).toBe(2);
    expect(trialThreads(4, 2)).toBe(1);
  });
});
