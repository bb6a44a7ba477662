/**
 * float32 element-wise kernels as WebAssembly SIMD: ReLU and its derivative (step), and the
 * four arithmetic ops on equal-length operands or with a small operand repeated block after
 * block (a bias over a batch, a scalar over a tensor). A JS loop pays a branch misprediction per
 * element on ReLU's random signs (~9–11 ns per element measured on this machine) and ~5 ns on a
 * plain add; four lanes without branches take a fraction of a nanosecond, so the cost becomes
 * streaming the operands through the module's memory (TypedArray.set, ~0.35 ns per element).
 *
 * Results equal the JS kernels' bit for bit, except that subnormal results are flushed to zero
 * (flushBelow in emit.ts says why): +, −, ×, ÷ of float32 values computed in float64 and rounded
 * once give the float32 operation's result, and ReLU/step keep NaN as the JS forms do (max with
 * +0 propagates NaN; step selects x where x ≠ x).
 *
 *   relu, step, add, sub, mul, div (n, FLT_MIN, 1)      X at 0, Y at CHUNK·4, OUT at 2·CHUNK·4
 *   sumRows(rows, vecs)   OUT[0:4·vecs] += Σ rows of X (rows × 4·vecs), row after row
 *
 * sumRows is a reduction over leading axes (a bias's gradient: the sum over batch and pixels
 * of each channel), accumulated in float32 in the JS kernel's order, so also bit-identical.
 */
import type { BinaryOp, UnaryOp } from '../../backend';
import { emitModule, FLT_MIN, flushBelow, forUp, I32, op, simdLoop } from './emit';
import { wasm } from './wasmApi';

/** Elements per operand per chunk: three 32 KB operands in 96 KB of memory (two pages). */
export const CHUNK = 8192;
const X = 0, Y = CHUNK * 4, OUT = 2 * CHUNK * 4;

export type SimdUnary = 'relu' | 'step';
export type SimdBinary = 'add' | 'sub' | 'mul' | 'div';

const UNARIES: readonly string[] = ['relu', 'step'];
const BINARIES: readonly string[] = ['add', 'sub', 'mul', 'div'];

export function elementwiseKernelModule(): Uint8Array<ArrayBuffer> {
  const at = (p: number, offset: number) => [...op.get(p), ...op.v128Load(offset)];
  // c[0] is FLT_MIN: results below it are flushed to zero (see flushBelow in emit.ts).
  const relu = simdLoop('relu', 1, 1, (p, c, v) => [
    ...at(p, X), ...op.v128Zero(), ...op.f32x4Max(), ...op.set(v[0]),
    ...op.get(p), ...flushBelow(v[0], c[0]), ...op.v128Store(OUT),
  ]);
  // x > 0 → 1, x ≠ x (NaN) → x, else 0: bitselect(x, (x > 0) & 1, x ≠ x); never subnormal.
  const step = simdLoop('step', 2, 1, (p, c, v) => [
    ...at(p, X), ...op.set(v[0]),
    ...op.get(p),
    ...op.get(v[0]),
    ...op.get(v[0]), ...op.v128Zero(), ...op.f32x4Gt(), ...op.get(c[1]), ...op.v128And(),
    ...op.get(v[0]), ...op.get(v[0]), ...op.f32x4Ne(),
    ...op.v128Bitselect(), ...op.v128Store(OUT),
  ]);
  const arith = (name: SimdBinary, instr: number[]) => simdLoop(name, 1, 1, (p, c, v) => [
    ...at(p, X), ...at(p, Y), ...instr, ...op.set(v[0]),
    ...op.get(p), ...flushBelow(v[0], c[0]), ...op.v128Store(OUT),
  ]);
  const [rows, vecs, k, v, px, po] = [0, 1, 2, 3, 4, 5];
  const bump = (p: number) => [...op.get(p), ...op.i32(16), ...op.i32Add(), ...op.set(p)];
  const sumRows = {
    name: 'sumRows', params: [I32, I32], locals: [I32, I32, I32, I32],
    body: [
      ...op.i32(X), ...op.set(px),
      ...forUp(k, op.get(rows), [
        ...op.i32(OUT), ...op.set(po),
        ...forUp(v, op.get(vecs), [
          ...op.get(po), ...op.get(po), ...op.v128Load(), ...op.get(px), ...op.v128Load(), ...op.f32x4Add(), ...op.v128Store(),
          ...bump(po), ...bump(px),
        ]),
      ]),
    ],
  };
  return emitModule([
    sumRows, relu, step,
    arith('add', op.f32x4Add()), arith('sub', op.f32x4Sub()), arith('mul', op.f32x4Mul()), arith('div', op.f32x4Div()),
  ], { minPages: 2 });
}

type Fn = (n: number, ...constants: number[]) => void;

export class WasmElementwise {
  private constructor(private readonly view: Float32Array, private readonly fns: Readonly<Record<string, Fn>>) {}

  static create(): WasmElementwise | null {
    if (!wasm) return null;
    const bytes = elementwiseKernelModule();
    if (!wasm.validate(bytes)) return null;
    const memory = new wasm.Memory({ initial: 2 });
    const { exports } = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    return new WasmElementwise(new Float32Array(memory.buffer), exports as Record<string, Fn>);
  }

  static handlesUnary(op: UnaryOp): op is SimdUnary {
    return UNARIES.includes(op);
  }

  static handlesBinary(op: BinaryOp): op is SimdBinary {
    return BINARIES.includes(op);
  }

  /** out = op(x), element by element. */
  unary(name: SimdUnary, x: Float32Array, out: Float32Array): void {
    const fn = this.fns[name];
    const view = this.view;
    for (let i = 0; i < x.length; i += CHUNK) {
      const end = Math.min(x.length, i + CHUNK);
      view.set(x.subarray(i, end), X / 4);
      fn((end - i + 3) & ~3, FLT_MIN, 1);
      out.set(view.subarray(OUT / 4, OUT / 4 + end - i), i);
    }
  }

  /** out = a ∘ b over equal lengths. */
  binary(name: SimdBinary, a: Float32Array, b: Float32Array, out: Float32Array): void {
    const fn = this.fns[name];
    const view = this.view;
    for (let i = 0; i < out.length; i += CHUNK) {
      const end = Math.min(out.length, i + CHUNK);
      view.set(a.subarray(i, end), X / 4);
      view.set(b.subarray(i, end), Y / 4);
      fn((end - i + 3) & ~3, FLT_MIN);
      out.set(view.subarray(OUT / 4, OUT / 4 + end - i), i);
    }
  }

  /**
   * out[o·inner + i] = Σₖ x[(o·r + k)·inner + i] (zeros first), summed in k order in float32.
   * Returns false (nothing done) when `inner` is not a multiple of 4 or a row exceeds a chunk.
   */
  sumRows(x: Float32Array, outer: number, r: number, inner: number, out: Float32Array): boolean {
    if (inner % 4 !== 0 || inner > CHUNK || r <= 0) return false;
    const view = this.view;
    const per = Math.floor(CHUNK / inner);
    for (let o = 0; o < outer; o++) {
      view.fill(0, OUT / 4, OUT / 4 + inner);
      for (let k0 = 0; k0 < r; k0 += per) {
        const n = Math.min(per, r - k0);
        const at = (o * r + k0) * inner;
        view.set(x.subarray(at, at + n * inner), X / 4);
        this.fns.sumRows(n, inner / 4);
      }
      out.set(view.subarray(OUT / 4, OUT / 4 + inner), o * inner);
    }
    return true;
  }

  /**
   * out = big ∘ small (small ∘ big when `swap`), `small` repeated over consecutive blocks of
   * `big`. Returns false (nothing done) when one chunk cannot hold a whole number of blocks.
   */
  blocks(name: SimdBinary, big: Float32Array, small: Float32Array, out: Float32Array, swap: boolean): boolean {
    const block = small.length;
    const span = Math.floor(CHUNK / block) * block;
    if (span === 0) return false;
    const fn = this.fns[name];
    const view = this.view;
    // The repeated operand fills its slot once; each chunk starts on a block boundary.
    const fixed = (swap ? X : Y) / 4;
    const moving = (swap ? Y : X) / 4;
    for (let o = 0; o < span; o += block) view.set(small, fixed + o);
    for (let i = 0; i < out.length; i += span) {
      const end = Math.min(out.length, i + span);
      view.set(big.subarray(i, end), moving);
      fn((end - i + 3) & ~3, FLT_MIN);
      out.set(view.subarray(OUT / 4, OUT / 4 + end - i), i);
    }
    return true;
  }
}
