/**
 * The float32 optimiser updates whose formulas divide and take square roots (AdaGrad, RMSProp,
 * Adam), as WebAssembly SIMD: four lanes per instruction where the JS loop (optimizer.ts) spends
 * ~9 ns per element on float64 divisions and float32 roundings — the largest single cost of an
 * MLP step after the GEMMs. SGD and Momentum are a multiply-add per element and stay in JS.
 *
 * Each formula is evaluated in the order of the composed ops in nn/optimizers.ts, every step
 * rounded to float32 as those ops round it, with the scalar constants rounded to float32 as the
 * composed ops store them — so the results are the composed ops' bit for bit, except that values
 * too small to move a weight are flushed to zero: gradients whose square would be subnormal, and
 * state decaying below the smallest normal float (flushBelow in emit.ts says why: late in
 * training, with a saturated softmax, those subnormals made this kernel 5× slower).
 *
 * The parameter, its gradient and its state live in the engine's typed arrays, so the driver
 * streams them through the module's memory in chunks of CHUNK elements that stay in L1/L2:
 * copy in (TypedArray.set, a memcpy), one kernel call, copy the updated arrays back.
 *
 *   adagrad(n, lr, eps, FLT_MIN, gMin)                W, G, H      at 0, CHUNK·4, 2·CHUNK·4
 *   rmsprop(n, lr, eps, rho, 1−rho, FLT_MIN, gMin)    W, G, H
 *   adam(n, lr, eps, β1, 1−β1, β2, 1−β2, 1−β1ᵗ, 1−β2ᵗ, FLT_MIN, gMin, mMin)   W, G, M, V (M at 2·CHUNK·4, V at 3·CHUNK·4)
 *
 * n is a multiple of 4; the lanes past the caller's count compute on stale values and are
 * never copied back.
 */
import type { UpdateRule, UpdateSettings } from '../../backend';
import { emitModule, FLT_MIN, flushBelow, op, simdLoop } from './emit';
import { wasm } from './wasmApi';

/** Elements per array per chunk: 4 arrays × 16 KB fill one 64 KB page and sit in L2. */
export const CHUNK = 4096;
const W = 0, G = CHUNK * 4, S1 = 2 * CHUNK * 4, S2 = 3 * CHUNK * 4;

type Expr = number[];
const get = op.get;

const P = (consts: number) => consts + 1;
const load = (consts: number, at: number): Expr => [...get(P(consts)), ...op.v128Load(at)];
/** Stores the v128 in local `value` at p + `at`. */
const store = (consts: number, at: number, value: number): Expr => [...get(P(consts)), ...get(value), ...op.v128Store(at)];
const kernel = (name: string, consts: number, scratch: number, step: (c: number[], v: number[]) => Expr) =>
  simdLoop(name, consts, scratch, (_p, c, v) => step(c, v));

/** The three kernels' module, over an imported memory of one page. */
export function updateKernelModule(): Uint8Array<ArrayBuffer> {
  // w − (g·lr) / (sqrt(h) + eps), with g in v[g] and h in v[h]; c[0] = lr, c[1] = eps.
  const sqrtStep = (k: number, c: number[], g: number, h: number, out: number): Expr => [
    ...load(k, W),
    ...get(g), ...get(c[0]), ...op.f32x4Mul(),
    ...get(h), ...op.f32x4Sqrt(), ...get(c[1]), ...op.f32x4Add(),
    ...op.f32x4Div(), ...op.f32x4Sub(), ...op.set(out),
    ...store(k, W, out),
  ];
  /** v[into] = G with lanes below the bound c[bound] flushed (their squares would be subnormal). */
  const loadGradient = (k: number, c: number[], bound: number, v: number[], into: number): Expr => [
    ...load(k, G), ...op.set(v[into]), ...flushBelow(v[into], c[bound]), ...op.set(v[into]),
  ];
  // c: lr, eps, FLT_MIN, gMin
  const adagrad = kernel('adagrad', 4, 3, (c, v) => [
    ...loadGradient(4, c, 3, v, 2),
    // h = h + g·g
    ...load(4, S1), ...get(v[2]), ...get(v[2]), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(v[0]),
    ...store(4, S1, v[0]),
    ...sqrtStep(4, c, v[2], v[0], v[1]),
  ]);
  // c: lr, eps, rho, 1−rho, FLT_MIN, gMin
  const rmsprop = kernel('rmsprop', 6, 3, (c, v) => [
    ...loadGradient(6, c, 5, v, 2),
    // h = h·rho + (g·g)·(1−rho), flushed below FLT_MIN as it decays
    ...load(6, S1), ...get(c[2]), ...op.f32x4Mul(),
    ...get(v[2]), ...get(v[2]), ...op.f32x4Mul(), ...get(c[3]), ...op.f32x4Mul(),
    ...op.f32x4Add(), ...op.set(v[0]), ...flushBelow(v[0], c[4]), ...op.set(v[0]),
    ...store(6, S1, v[0]),
    ...sqrtStep(6, c, v[2], v[0], v[1]),
  ]);
  // c: lr, eps, b1, 1−b1, b2, 1−b2, 1−b1ᵗ, 1−b2ᵗ, FLT_MIN, gMin, mMin
  const adam = kernel('adam', 11, 4, (c, v) => [
    ...loadGradient(11, c, 9, v, 3),
    // m = m·b1 + g·(1−b1), flushed below mMin
    ...load(11, S1), ...get(c[2]), ...op.f32x4Mul(), ...get(v[3]), ...get(c[3]), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(v[0]),
    ...flushBelow(v[0], c[10]), ...op.set(v[0]),
    ...store(11, S1, v[0]),
    // v = v·b2 + (g·g)·(1−b2), flushed below FLT_MIN
    ...load(11, S2), ...get(c[4]), ...op.f32x4Mul(),
    ...get(v[3]), ...get(v[3]), ...op.f32x4Mul(), ...get(c[5]), ...op.f32x4Mul(),
    ...op.f32x4Add(), ...op.set(v[1]), ...flushBelow(v[1], c[8]), ...op.set(v[1]),
    ...store(11, S2, v[1]),
    // w = w − ((m / (1−b1ᵗ))·lr) / (sqrt(v / (1−b2ᵗ)) + eps)
    ...load(11, W),
    ...get(v[0]), ...get(c[6]), ...op.f32x4Div(), ...get(c[0]), ...op.f32x4Mul(),
    ...get(v[1]), ...get(c[7]), ...op.f32x4Div(), ...op.f32x4Sqrt(), ...get(c[1]), ...op.f32x4Add(),
    ...op.f32x4Div(), ...op.f32x4Sub(), ...op.set(v[2]),
    ...store(11, W, v[2]),
  ]);
  return emitModule([adagrad, rmsprop, adam], { minPages: 1 });
}

/**
 * The smallest |g| kept: below it g²·scale would be subnormal. Gradients that small move no
 * float32 weight (lr·g/(√h + eps) is far below a weight's last bit), so dropping them changes
 * nothing a user could see, and keeps the state free of subnormals.
 */
const gradientFloor = (scale: number) => Math.fround(Math.sqrt(FLT_MIN / Math.max(scale, 2 ** -23)));
/** Adam's first moment is flushed below 2⁻¹⁰²: lr·m/eps would still be < 2⁻⁶⁰ for lr ≤ 1, eps ≥ 1e-8. */
const MOMENT_FLOOR = 2 ** -102;

type Fn = (n: number, ...constants: number[]) => void;

/** The SIMD updates, or null where the runtime lacks WebAssembly SIMD. */
export class WasmUpdate {
  private constructor(private readonly view: Float32Array, private readonly fns: Readonly<Record<'adagrad' | 'rmsprop' | 'adam', Fn>>) {}

  static create(): WasmUpdate | null {
    if (!wasm) return null;
    const bytes = updateKernelModule();
    if (!wasm.validate(bytes)) return null;
    const memory = new wasm.Memory({ initial: 1 });
    const { exports } = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    return new WasmUpdate(new Float32Array(memory.buffer), exports as unknown as Record<'adagrad' | 'rmsprop' | 'adam', Fn>);
  }

  /** True for the rules this kernel runs. */
  static handles(rule: UpdateRule): rule is 'adagrad' | 'rmsprop' | 'adam' {
    return rule === 'adagrad' || rule === 'rmsprop' || rule === 'adam';
  }

  /** One update of float32 `w` (and its state `slots`) from `g`, in place. */
  run(rule: 'adagrad' | 'rmsprop' | 'adam', w: Float32Array, g: Float32Array, slots: readonly Float32Array[], s: UpdateSettings): void {
    const f32 = Math.fround;
    const lr = f32(s.learningRate);
    const eps = f32(s.epsilon!);
    let constants: number[];
    if (rule === 'adagrad') constants = [lr, eps, FLT_MIN, gradientFloor(1)];
    else if (rule === 'rmsprop') constants = [lr, eps, f32(s.decay!), f32(1 - s.decay!), FLT_MIN, gradientFloor(1 - s.decay!)];
    else {
      const b1 = s.beta1!;
      const b2 = s.beta2!;
      constants = [lr, eps, f32(b1), f32(1 - b1), f32(b2), f32(1 - b2), f32(1 - b1 ** s.step), f32(1 - b2 ** s.step),
        FLT_MIN, gradientFloor(1 - b2), MOMENT_FLOOR];
    }
    const fn = this.fns[rule];
    const view = this.view;
    const s1 = slots[0];
    const s2 = slots[1];
    for (let i = 0; i < w.length; i += CHUNK) {
      const end = Math.min(w.length, i + CHUNK);
      view.set(w.subarray(i, end), W / 4);
      view.set(g.subarray(i, end), G / 4);
      view.set(s1.subarray(i, end), S1 / 4);
      if (s2) view.set(s2.subarray(i, end), S2 / 4);
      fn((end - i + 3) & ~3, ...constants);
      const n = end - i;
      w.set(view.subarray(W / 4, W / 4 + n), i);
      s1.set(view.subarray(S1 / 4, S1 / 4 + n), i);
      if (s2) s2.set(view.subarray(S2 / 4, S2 / 4 + n), i);
    }
  }
}
