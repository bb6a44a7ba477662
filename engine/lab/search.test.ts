import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import { compileGraph } from '../graph/compile';
import type { Graph } from '../graph/schema';
import {
  applyTrial, defaultSearchParams, rankTrials, sampleTrials, searchableParams, searchTrialGraph, validateSearchParams,
  WEIGHT_DECAY, type SearchParam,
} from './search';

const example = (name: string): Graph => structuredClone(EXAMPLES.find((e) => e.name === name)!.graph);

/** Kolmogorov–Smirnov statistic of `u` against the uniform distribution on [0, 1]. */
function ksUniform(u: readonly number[]): number {
  const s = [...u].sort((a, b) => a - b);
  let d = 0;
  s.forEach((v, i) => {
    d = Math.max(d, (i + 1) / s.length - v, v - i / s.length);
  });
  return d;
}

const LR: SearchParam = { id: 'adam.learningRate', min: 1e-6, max: 1e-2, scale: 'log' };
const N = 2000;
/** The critical value of D at α = 0.01 for n = 2000 (asymptotic 1.628/√n). */
const D_CRITICAL = 1.628 / Math.sqrt(N);

describe('sampleTrials', () => {
  it('draws log-uniform samples: log10 of them passes a Kolmogorov–Smirnov test for uniformity', () => {
    const trials = sampleTrials([LR], N, 42);
    const u = trials.map((t) => (Math.log10(t.values[LR.id]) + 6) / 4);
    expect(u.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ksUniform(u)).toBeLessThan(D_CRITICAL);
    // Each of the four decades gets about a quarter of the samples.
    for (let decade = 0; decade < 4; decade++) {
      const share = u.filter((v) => v >= decade / 4 && v < (decade + 1) / 4).length / N;
      expect(Math.abs(share - 0.25)).toBeLessThan(0.04);
    }
  });

  it('the same test fails for samples drawn uniformly on a linear scale', () => {
    const linear = sampleTrials([{ ...LR, scale: 'linear' }], N, 42);
    const u = linear.map((t) => (Math.log10(t.values[LR.id]) + 6) / 4);
    // Linear draws from 1e-6 … 1e-2 almost all land in the top decade.
    expect(ksUniform(u)).toBeGreaterThan(0.5);
    // And linear samples are uniform on the linear scale.
    expect(ksUniform(linear.map((t) => (t.values[LR.id] - 1e-6) / (1e-2 - 1e-6)))).toBeLessThan(D_CRITICAL);
  });

  it('is seeded: the same seed gives the same trials, another seed others', () => {
    const params: SearchParam[] = [LR, { id: WEIGHT_DECAY, min: 1e-8, max: 1e-4, scale: 'log' }];
    const a = sampleTrials(params, 20, 3);
    expect(sampleTrials(params, 20, 3)).toEqual(a);
    expect(sampleTrials(params, 20, 4)[0].values[LR.id]).not.toBe(a[0].values[LR.id]);
    expect(a.map((t) => t.index)).toEqual([...Array(20).keys()]);
    // Every parameter of a trial is drawn: the two are not equal up to scale.
    expect(a[0].values[WEIGHT_DECAY] / a[0].values[LR.id]).not.toBeCloseTo(1e-2, 6);
  });

  it('rounds integer parameters and keeps them in range', () => {
    const units: SearchParam = { id: 'hidden1.units', min: 10.5, max: 200, scale: 'log', integer: true };
    const values = sampleTrials([units], 500, 1).map((t) => t.values[units.id]);
    expect(values.every((v) => Number.isInteger(v) && v >= 11 && v <= 200)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(100);
    expect(Math.min(...values)).toBeLessThan(13);
    expect(Math.max(...values)).toBeGreaterThan(185);
  });

  it('refuses bad ranges, naming the parameter', () => {
    const bad = (p: Partial<SearchParam>) => () => validateSearchParams([{ ...LR, ...p }]);
    expect(bad({ min: 1, max: 1 })).toThrow(/the range of 'adam.learningRate' is empty/);
    expect(bad({ min: 0 })).toThrow(/'adam.learningRate' is sampled on a log scale, so its range must be above 0/);
    expect(bad({ max: Number.NaN })).toThrow(/the range of 'adam.learningRate' must be two numbers/);
    expect(bad({ min: 1.2, max: 1.8, integer: true, scale: 'linear' })).toThrow(/holds no whole number/);
    expect(() => validateSearchParams([LR, LR])).toThrow(/'adam.learningRate' is listed twice/);
    expect(() => sampleTrials([LR], 0, 1)).toThrow(/number of trials/);
  });
});

describe('applyTrial', () => {
  it('sets the learning rate and L2 weight decay on mnist-mlp, and the graph compiles with them', () => {
    const graph = example('mnist-mlp');
    const before = JSON.stringify(graph);
    const out = applyTrial(graph, { values: { 'adam.learningRate': 0.0037, [WEIGHT_DECAY]: 2.5e-6 } });
    expect(JSON.stringify(graph)).toBe(before);
    const node = (id: string) => out.nodes.find((n) => n.id === id)!;
    expect(node('adam').params.learningRate).toBe(0.0037);
    for (const id of ['hidden1', 'hidden2', 'output']) expect(node(id).params).toMatchObject({ regularizer: 'l2', lambda: 2.5e-6 });
    const compiled = compileGraph(out);
    expect(compiled.optimizer.learningRate).toBe(0.0037);
  });

  it('sets an integer parameter that the compiled model then has', () => {
    const out = applyTrial(example('mnist-mlp'), { values: { 'hidden1.units': 37 } });
    const compiled = compileGraph(out);
    expect(compiled.validation.paramCounts.get('hidden1')).toBe(784 * 37 + 37);
  });

  it('names the missing node or parameter', () => {
    const graph = example('mnist-mlp');
    expect(() => applyTrial(graph, { values: { 'nosuch.learningRate': 0.1 } })).toThrow(/no node 'nosuch'/);
    expect(() => applyTrial(graph, { values: { 'adam.momentum': 0.1 } })).toThrow(/node 'adam' \(Adam\) has no parameter 'momentum'/);
    expect(() => applyTrial(graph, { values: { learningRate: 0.1 } })).toThrow(/neither 'weightDecay' nor '<node>.<parameter>'/);
  });
});

describe('search defaults and graph preparation', () => {
  it('searches the optimiser\'s learning rate and the course\'s weight-decay range, both on a log scale', () => {
    expect(defaultSearchParams(example('mnist-mlp'))).toEqual([
      { id: 'adam.learningRate', min: 1e-4, max: 1e-1, scale: 'log' },
      { id: WEIGHT_DECAY, min: 1e-8, max: 1e-4, scale: 'log' },
    ]);
    expect(defaultSearchParams(example('mnist-overfit'))[0]).toEqual({ id: 'sgd.learningRate', min: 1e-3, max: 1, scale: 'log' });
    // The examples' own learning rates lie inside the default ranges.
    for (const ex of EXAMPLES) {
      const [lr] = defaultSearchParams(ex.graph);
      const value = ex.graph.nodes.find((n) => lr.id === `${n.id}.learningRate`)!.params.learningRate as number;
      expect(value, ex.name).toBeGreaterThanOrEqual(lr.min);
      expect(value, ex.name).toBeLessThanOrEqual(lr.max);
    }
  });

  it('lists every numeric parameter with the registry\'s bounds, and what it is now', () => {
    const all = searchableParams(example('mnist-mlp'));
    const byId = new Map(all.map((p) => [p.id, p]));
    expect(byId.get('hidden1.units')).toMatchObject({ value: 100, integer: true, min: 1 });
    expect(byId.get('adam.learningRate')).toMatchObject({ value: 0.001, integer: false, max: 100 });
    expect(byId.get('adam.beta2')).toMatchObject({ value: 0.999, min: 0, max: 0.99999 });
    expect(byId.get('training.batchSize')).toMatchObject({ value: 64, integer: true });
    expect(byId.get('training.validationSplit')).toMatchObject({ value: 0.1, max: 0.9 });
    expect(byId.has('training.seed')).toBe(false);
    expect(byId.has('hidden1.init')).toBe(false); // not a number
  });

  it('prepares a trial graph with a validation split of at least the minimum', () => {
    const graph = example('mnist-mlp'); // validationSplit 0.1
    const training = (g: Graph) => g.nodes.find((n) => n.kind === 'Training')!.params;
    expect(training(searchTrialGraph(graph, {})).validationSplit).toBe(0.2);
    expect(training(searchTrialGraph(graph, { minValidation: 0.05 })).validationSplit).toBe(0.1);
    expect(training(searchTrialGraph(example('mnist-overfit'), {})).validationSplit).toBe(0.5);
    expect(training(searchTrialGraph(graph, { epochs: 2, threads: 1 }))).toMatchObject({ epochs: 2, threads: 1, seed: 1 });
    expect(training(graph).validationSplit).toBe(0.1);
    expect(() => compileGraph(searchTrialGraph(graph, { epochs: 2 }))).not.toThrow();
  });
});

describe('rankTrials', () => {
  it('orders by validation accuracy and never by test accuracy', () => {
    const results = [
      { name: 'a', valAccuracy: 0.80, valLoss: 0.6, testAccuracy: 0.99 },
      { name: 'b', valAccuracy: 0.95, valLoss: 0.2, testAccuracy: 0.50 },
      { name: 'c', valAccuracy: 0.90, valLoss: 0.3, testAccuracy: 0.70 },
    ];
    expect(rankTrials(results).map((r) => r.name)).toEqual(['b', 'c', 'a']);
    expect(results.map((r) => r.name)).toEqual(['a', 'b', 'c']); // not sorted in place
  });

  it('falls back to the lowest validation loss, and puts trials without validation metrics last', () => {
    const results = [
      { name: 'none', testAccuracy: 1 },
      { name: 'loss-high', valLoss: 0.9 },
      { name: 'acc', valAccuracy: 0.5 },
      { name: 'nan', valAccuracy: Number.NaN, testLoss: 0 },
      { name: 'loss-low', valLoss: 0.1, testAccuracy: 0 },
    ];
    expect(rankTrials(results).map((r) => r.name)).toEqual(['acc', 'loss-low', 'loss-high', 'none', 'nan']);
  });
});

describe('search edge cases', () => {
  it('splits a parameter id at its last dot, since node ids may contain dots', () => {
    const graph = example('xor-mlp');
    const rename = (from: string, to: string) => {
      graph.nodes.find((n) => n.id === from)!.id = to;
      for (const e of graph.edges) {
        if (e.source === from) e.source = to;
        if (e.target === from) e.target = to;
      }
    };
    rename('hidden', 'layer.1');
    rename('adam', 'opt.adam');
    const out = applyTrial(graph, { values: { 'layer.1.units': 3, 'opt.adam.learningRate': 0.02 } });
    expect(out.nodes.find((n) => n.id === 'layer.1')!.params.units).toBe(3);
    expect(compileGraph(out).optimizer.learningRate).toBe(0.02);
    expect(searchableParams(graph).map((p) => p.id)).toContain('layer.1.units');
  });

  it('does not offer the seed or the thread count, and refuses trial counts outside 1 … 10000', () => {
    const ids = searchableParams(example('mnist-mlp')).map((p) => p.id);
    expect(ids).not.toContain('training.threads');
    expect(ids).not.toContain('training.seed');
    for (const count of [0, 1.5, Number.NaN, 10_001]) expect(() => sampleTrials([LR], count, 1)).toThrow(/number of trials/);
    expect(sampleTrials([LR], 1, 1)).toHaveLength(1);
  });

  it('rankTrials never reads a test field', () => {
    const trap = (valAccuracy: number) => Object.defineProperty({ valAccuracy }, 'testAccuracy', {
      get() { throw new Error('rankTrials read a test metric'); }, enumerable: true,
    }) as { valAccuracy: number; testAccuracy: number };
    expect(rankTrials([trap(0.1), trap(0.9)]).map((r) => r.valAccuracy)).toEqual([0.9, 0.1]);
  });

  it('gives every example a default search whose trials compile', () => {
    for (const ex of EXAMPLES) {
      const params = defaultSearchParams(ex.graph);
      for (const trial of sampleTrials(params, 3, 5)) expect(() => compileGraph(applyTrial(ex.graph, trial)), ex.name).not.toThrow();
    }
  });
});
