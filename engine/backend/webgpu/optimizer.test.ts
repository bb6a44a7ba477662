/**
 * The WebGPU fused optimiser update against the CPU backend's: every rule over several steps with
 * the state carried between them (the parameter and every slot compared after each step), sizes
 * that are not multiples of the workgroup, one past 65535 workgroups (the 2-D dispatch); then the
 * optimiser classes of nn/optimizers.ts end to end on both backends.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random';
import type { TensorView, UpdateRule, UpdateSettings } from '../backend';
import type { Parameter } from '../../nn/Layer';
import { Adam, AdaGrad, Momentum, RMSProp, SGD, type Optimizer } from '../../nn/optimizers';
import { tensor } from '../../ops';
import { WORKGROUP } from './runtime';
import { assertClose, cpu, cpuView, gpuView, randomArray, readGpu, testBackend } from './testing';

const gpu = await testBackend();

const SETTINGS: Record<UpdateRule, Omit<UpdateSettings, 'step'>> = {
  sgd: { learningRate: 0.1 },
  momentum: { learningRate: 0.05, momentum: 0.9 },
  adagrad: { learningRate: 0.3, epsilon: 1e-7 },
  rmsprop: { learningRate: 0.01, decay: 0.95, epsilon: 1e-7 },
  adam: { learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};
const SLOTS: Record<UpdateRule, number> = { sgd: 0, momentum: 1, adagrad: 1, rmsprop: 1, adam: 2 };
const RULES = Object.keys(SETTINGS) as UpdateRule[];

// float32 rounding: the CPU's SGD and Momentum compute in float64 and round once, the GPU rounds
// each operation (and may fuse or approximate division and sqrt within WGSL's bounds); Momentum's
// v = αv − ηg cancels, so an absolute term covers it.
const RTOL = 2e-6;
const ATOL = 1e-7;

describe.skipIf(!gpu)('WebGPU optimizerUpdate matches the CPU', () => {
  const b = gpu!;

  it.each(RULES)('%s: parameter and state after each of 3 steps', async (rule) => {
    for (const n of [1, 255, 257, 1000, 70_001]) {
      const seed = n + rule.length;
      const w = randomArray(n, seed, -1, 1);
      const slots = Array.from({ length: SLOTS[rule] }, () => new Float32Array(n));
      const gw = gpuView(b, w, [n]);
      const gslots = slots.map((s) => gpuView(b, s, [n]));
      for (let step = 1; step <= 3; step++) {
        // Gradients of growing size, some exactly zero.
        const g = randomArray(n, seed * 7 + step, -step, step);
        for (let i = 0; i < n; i += 17) g[i] = 0;
        const settings = { ...SETTINGS[rule], step };
        const gg = gpuView(b, g, [n]);
        b.kernels.optimizerUpdate!(rule, gw, gg, gslots, settings);
        cpu.kernels.optimizerUpdate!(rule, cpuView(w, [n]), cpuView(g, [n]), slots.map((s) => cpuView(s, [n])), settings);
        const what = `${rule} n=${n} step ${step}`;
        assertClose(await readGpu(b, gw.storage, n), w, RTOL, ATOL, `${what} w`);
        for (let k = 0; k < slots.length; k++) assertClose(await readGpu(b, gslots[k].storage, n), slots[k], RTOL, ATOL, `${what} slot ${k}`);
        b.free(gg.storage);
      }
      for (const v of [gw, ...gslots]) b.free(v.storage);
    }
  });

  it('Adam with the step number far from 1 (bias corrections near 1)', async () => {
    const n = 513;
    const w = randomArray(n, 1);
    const g = randomArray(n, 2);
    const m = randomArray(n, 3, -0.1, 0.1);
    const v = randomArray(n, 4, 0, 0.05);
    const views = [w, g, m, v].map((a) => gpuView(b, a, [n]));
    for (const step of [2, 10, 1000]) {
      const settings = { ...SETTINGS.adam, step };
      b.kernels.optimizerUpdate!('adam', views[0], views[1], views.slice(2), settings);
      cpu.kernels.optimizerUpdate!('adam', cpuView(w, [n]), cpuView(g, [n]), [cpuView(m, [n]), cpuView(v, [n])], settings);
      for (const [k, want] of [[0, w], [2, m], [3, v]] as const) {
        assertClose(await readGpu(b, views[k].storage, n), want, RTOL, ATOL, `adam step ${step} operand ${k}`);
      }
    }
    for (const view of views) b.free(view.storage);
  });

  it('past 65535 workgroups (2-D dispatch): SGD on 65535·256 + 777 elements', async () => {
    const n = 65535 * WORKGROUP + 777;
    const w = randomArray(n, 5);
    const g = randomArray(n, 6);
    const views: TensorView[] = [gpuView(b, w, [n]), gpuView(b, g, [n])];
    b.kernels.optimizerUpdate!('sgd', views[0], views[1], [], { ...SETTINGS.sgd, step: 1 });
    cpu.kernels.optimizerUpdate!('sgd', cpuView(w, [n]), cpuView(g, [n]), [], { ...SETTINGS.sgd, step: 1 });
    assertClose(await readGpu(b, views[0].storage, n), w, RTOL, ATOL, 'sgd 2-D');
    for (const view of views) b.free(view.storage);
  });

  it('rejects a wrong number of state slots', () => {
    const w = gpuView(b, new Float32Array(4), [4]);
    expect(() => b.kernels.optimizerUpdate!('adam', w, w, [w], { ...SETTINGS.adam, step: 1 })).toThrow(/2 state slots/);
    b.free(w.storage);
  });
});

const MAKERS: Record<string, () => Optimizer> = {
  sgd: () => new SGD(0.1),
  momentum: () => new Momentum(0.05, 0.9),
  adagrad: () => new AdaGrad(0.3),
  rmsprop: () => new RMSProp(0.01, 0.95),
  adam: () => new Adam(0.02),
};

describe.skipIf(!gpu)('the optimisers on the WebGPU backend', () => {
  const b = gpu!;

  /** Four steps of `make()` on a 37×13 parameter on `backend`; the values after each step. */
  async function trajectory(make: () => Optimizer, backend: typeof cpu, fused = true): Promise<Float32Array[]> {
    const rng = new Random(3);
    const opt = make();
    opt.allowFused = fused;
    const shape = [37, 13];
    const size = 37 * 13;
    const p = { name: 'kernel', value: tensor(Array.from({ length: size }, () => rng.normal()), shape, { backend }), decay: true } as Parameter;
    const values: Float32Array[] = [];
    for (let step = 0; step < 4; step++) {
      p.value.grad = tensor(Array.from({ length: size }, () => rng.normal() * (step + 1)), shape, { backend });
      opt.step([p]);
      expect(p.value.grad).toBeNull();
      values.push((await p.value.data()) as Float32Array);
    }
    return values;
  }

  it.each(Object.keys(MAKERS))('%s: the fused update on the GPU follows the CPU step by step', async (name) => {
    const dispatches = b.runtime.stats.dispatches;
    const onGpu = await trajectory(MAKERS[name], b);
    // One fused dispatch per step (plus the state's zero fills on the first).
    expect(b.runtime.stats.dispatches - dispatches).toBeLessThanOrEqual(4 + 2);
    const onCpu = await trajectory(MAKERS[name], cpu);
    onGpu.forEach((v, step) => assertClose(v, onCpu[step], RTOL, ATOL, `${name} step ${step + 1}`));
    // And it moved.
    expect(Math.max(...onGpu[3].map((v, i) => Math.abs(v - onGpu[0][i])))).toBeGreaterThan(1e-3);
  });

  it('Adam fused on the GPU agrees with Adam composed from ops on the GPU', async () => {
    const fused = await trajectory(MAKERS.adam, b);
    const composed = await trajectory(MAKERS.adam, b, false);
    fused.forEach((v, step) => assertClose(v, composed[step], RTOL, ATOL, `step ${step + 1}`));
  });
});
