import { describe, expect, it } from 'vitest';
import { initActivations, presetStd, type LayerActivations } from './initActivations';

// The course's experiment at its size (5 layers of 100 units, 1000 inputs), seed 1. The
// comments give the measured numbers; the bounds leave room for another seed.
const run = (init: Parameters<typeof initActivations>[0]['init'], activation: Parameters<typeof initActivations>[0]['activation']) =>
  initActivations({ init, activation });
const stds = (layers: readonly LayerActivations[]) => layers.map((l) => l.std);

describe('the weight-initialisation experiment', () => {
  it('uses the course\'s standard deviations (Xavier 1/√n, He √(2/n))', () => {
    expect(presetStd('normal1', 100)).toBe(1);
    expect(presetStd('normal001', 100)).toBe(0.01);
    expect(presetStd('xavierNormal', 100)).toBeCloseTo(0.1, 15);
    expect(presetStd('heNormal', 50)).toBeCloseTo(0.2, 15);
  });

  it('σ = 1 with sigmoid: activations saturate at 0 and 1', () => {
    const layers = run('normal1', 'sigmoid');
    expect(layers).toHaveLength(5);
    for (const l of layers) {
      expect(l.saturated).toBeGreaterThan(0.5); // measured 0.55–0.69
      expect(l.std).toBeGreaterThan(0.4); // measured ≈ 0.43–0.46: a U shape
      // The two end bins hold more than half of the activations.
      const edges = l.counts[0] + l.counts[l.counts.length - 1];
      expect(edges / 100_000).toBeGreaterThan(0.5);
    }
  });

  it('σ = 0.01 with sigmoid: activations collapse near 0.5', () => {
    const layers = run('normal001', 'sigmoid');
    for (const l of layers) {
      expect(Math.abs(l.mean - 0.5)).toBeLessThan(0.01);
      expect(l.saturated).toBe(0);
    }
    for (const l of layers.slice(1)) expect(l.std).toBeLessThan(0.02); // measured ≈ 0.011–0.013
    // Every activation of layer 5 falls in the histogram's middle two bins (0.47 … 0.53).
    const last = layers[4];
    expect((last.counts[14] + last.counts[15]) / 100_000).toBeGreaterThan(0.95);
  });

  it('Xavier with sigmoid: activations spread, none saturated', () => {
    for (const l of run('xavierNormal', 'sigmoid')) {
      expect(l.std).toBeGreaterThan(0.05); // measured 0.11–0.21
      expect(l.std).toBeLessThan(0.3);
      expect(l.saturated).toBeLessThan(0.01);
    }
  });

  it('tanh: σ = 1 saturates at ±1, Xavier keeps it spread', () => {
    for (const l of run('normal1', 'tanh')) expect(l.saturated).toBeGreaterThan(0.7); // measured ≈ 0.81
    for (const l of run('xavierNormal', 'tanh')) {
      expect(l.std).toBeGreaterThan(0.2); // measured 0.32–0.62
      expect(l.saturated).toBeLessThan(0.05);
    }
  });

  it('He keeps ReLU alive layer after layer; σ = 0.01 lets it die out', () => {
    const he = run('heNormal', 'relu');
    for (const l of he) {
      expect(l.zero).toBeGreaterThan(0.35); // measured 0.41–0.50
      expect(l.zero).toBeLessThan(0.65);
      expect(l.saturated).toBe(0);
    }
    const [first, , , , last] = stds(he); // measured 0.82 … 1.01
    expect(last / first).toBeGreaterThan(0.5);
    expect(last / first).toBeLessThan(2);

    const small = stds(run('normal001', 'relu')); // measured 0.058, 0.0042, 0.0003, …
    for (let i = 1; i < small.length; i++) expect(small[i]).toBeLessThan(small[i - 1] / 5);
    expect(small[4]).toBeLessThan(1e-4);
  });

  it('Xavier with ReLU shrinks each layer by about 1/√2', () => {
    const s = stds(run('xavierNormal', 'relu')); // measured 0.58, 0.42, 0.29, 0.24, 0.18
    expect(s[4] / s[0]).toBeGreaterThan(0.15);
    expect(s[4] / s[0]).toBeLessThan(0.5);
  });

  it('histograms cover the activation\'s range and count every value', () => {
    const sig = initActivations({ init: 'xavierNormal', activation: 'sigmoid', layers: 2, units: 20, samples: 50, bins: 10 });
    expect(sig[0]).toMatchObject({ layer: 1, lo: 0, hi: 1 });
    expect(sig[0].counts).toHaveLength(10);
    expect(sig[0].counts.reduce((a, b) => a + b, 0)).toBe(1000);
    const th = initActivations({ init: 'xavierNormal', activation: 'tanh', layers: 1, units: 20, samples: 50 });
    expect([th[0].lo, th[0].hi]).toEqual([-1, 1]);
    const big = initActivations({ init: 'normal1', activation: 'relu', layers: 2, units: 20, samples: 50 });
    expect(big[1].lo).toBe(0);
    expect(big[1].hi).toBeGreaterThan(5); // [0, the largest value]
    expect(big[1].counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('is seeded: the same seed gives the same numbers, another seed others', () => {
    const options = { init: 'heNormal', activation: 'tanh', layers: 3, units: 30, samples: 100 } as const;
    const a = initActivations({ ...options, seed: 7 });
    expect(initActivations({ ...options, seed: 7 })).toEqual(a);
    expect(initActivations({ ...options, seed: 8 })[2].std).not.toBe(a[2].std);
  });

  it('refuses sizes out of bounds, naming the setting', () => {
    expect(() => initActivations({ init: 'heNormal', activation: 'relu', layers: 0 })).toThrow(/layers must be a whole number from 1 to 20, got 0/);
    expect(() => initActivations({ init: 'heNormal', activation: 'relu', units: 2.5 })).toThrow(/units/);
    expect(() => initActivations({ init: 'heNormal', activation: 'relu', samples: 1e9 })).toThrow(/samples/);
    expect(() => initActivations({ init: 'zeros' as never, activation: 'relu' })).toThrow(/unknown initialiser 'zeros'/);
    expect(() => initActivations({ init: 'heNormal', activation: 'gelu' as never })).toThrow(/unknown activation 'gelu'/);
  });
});
