/**
 * The fused optimiser updates against the composed ops they replace (nn/optimizers.ts, the
 * readable form of the course's formulas): equal in float64, within float32 rounding in float32,
 * over several steps (state carried between them), with odd sizes.
 */
import { describe, expect, it } from 'vitest';
import type { DType } from '../../core/dtype';
import { Random } from '../../core/random';
import type { Parameter } from '../../nn/Layer';
import { Adam, AdaGrad, Momentum, RMSProp, SGD, type Optimizer } from '../../nn/optimizers';
import { tensor } from '../../ops';

const MAKERS: Record<string, () => Optimizer> = {
  sgd: () => new SGD(0.1),
  momentum: () => new Momentum(0.05, 0.9),
  adagrad: () => new AdaGrad(0.3),
  rmsprop: () => new RMSProp(0.01, 0.95),
  adam: () => new Adam(0.02),
};

/** Five steps of `make()` on a rows×13 parameter with seeded gradients; returns the final values. */
function trajectory(make: () => Optimizer, fused: boolean, dtype: DType, rows = 7): Float64Array {
  const rng = new Random(3);
  const opt = make();
  opt.allowFused = fused;
  const size = rows * 13;
  const init = Array.from({ length: size }, () => rng.normal());
  const p: Parameter = { name: 'kernel', value: tensor(init, [rows, 13], { dtype }) } as Parameter;
  for (let step = 0; step < 5; step++) {
    p.value.grad = tensor(Array.from({ length: size }, () => rng.normal() * (step + 1)), [rows, 13], { dtype });
    opt.step([p]);
    expect(p.value.grad).toBeNull();
  }
  return Float64Array.from(p.value.dataSync());
}

describe('fused optimiser updates', () => {
  it.each(Object.keys(MAKERS))('%s: fused equals composed exactly in float64', (name) => {
    const fused = trajectory(MAKERS[name], true, 'float64');
    const composed = trajectory(MAKERS[name], false, 'float64');
    expect(Array.from(fused)).toEqual(Array.from(composed));
    // And it moved: an update that did nothing would pass the comparison above.
    const start = trajectory(() => new SGD(1e-30), false, 'float64');
    expect(Math.max(...fused.map((v, i) => Math.abs(v - start[i])))).toBeGreaterThan(1e-3);
  });

  it.each(Object.keys(MAKERS))('%s: fused within float32 rounding of composed in float32', (name) => {
    const fused = trajectory(MAKERS[name], true, 'float32');
    const composed = trajectory(MAKERS[name], false, 'float32');
    fused.forEach((v, i) => expect(Math.abs(v - composed[i]), `element ${i}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(composed[i]))));
  });

  // 701·13 = 9113 elements: two whole chunks of the SIMD kernel (wasm/updateKernel.ts) and a
  // ragged one, whose tail is not a multiple of the four lanes.
  it.each(['adagrad', 'rmsprop', 'adam'])('%s: the float32 SIMD kernel rounds as the composed float32 ops do', (name) => {
    const fused = trajectory(MAKERS[name], true, 'float32', 701);
    const composed = trajectory(MAKERS[name], false, 'float32', 701);
    let differ = 0;
    fused.forEach((v, i) => { if (v !== composed[i]) differ++; });
    expect(differ).toBe(0);
  });
});

describe('float32 SIMD updates keep subnormals out of the state', () => {
  it.each(['adagrad', 'rmsprop', 'adam'])('%s: gradients whose square would be subnormal are dropped; normal lanes are the composed result', (name) => {
    const size = 64;
    const run = (fused: boolean) => {
      const opt = MAKERS[name]();
      opt.allowFused = fused;
      const p: Parameter = { name: 'kernel', value: tensor(Array.from({ length: size }, (_, i) => 0.5 + i / 100), [size], { dtype: 'float32' }) } as Parameter;
      for (let step = 0; step < 3; step++) {
        // Even lanes: 1e-25 (its square, 1e-50, underflows); odd lanes: ordinary gradients.
        p.value.grad = tensor(Array.from({ length: size }, (_, i) => (i % 2 === 0 ? 1e-25 : 0.3 - i / 200)), [size], { dtype: 'float32' });
        opt.step([p]);
      }
      return { w: Array.from(p.value.dataSync()), opt };
    };
    const fused = run(true);
    const composed = run(false);
    for (let i = 0; i < size; i++) {
      if (i % 2 === 0) expect(fused.w[i], `lane ${i} unchanged`).toBe(Math.fround(0.5 + i / 100));
      else expect(fused.w[i], `lane ${i}`).toBe(composed.w[i]);
    }
  });
});
