/**
 * A very small WebAssembly binary writer: enough to write the CPU backend's SIMD kernels as code
 * (the way jax-js generates its kernels) instead of shipping a binary built by a C toolchain.
 * It knows one module shape — an imported memory and exported functions — and the opcodes the
 * kernels use. The result is checked by `WebAssembly.validate` in the tests.
 */

/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;
export const F32 = 0x7d;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (op: number) => [0xfd, ...uleb(op)];
/** Alignment (log2 bytes) and offset of a memory access. */
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];

/** The instructions the kernels use, as byte sequences. */
export const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  if: () => [0x04, 0x40],
  else: () => [0x05],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  i32Eqz: () => [0x45],
  i32Ne: () => [0x47],
  i32LtU: () => [0x49],
  i32GeU: () => [0x4f],
  i32Add: () => [0x6a],
  i32Sub: () => [0x6b],
  i32Mul: () => [0x6c],
  i32Shl: () => [0x74],
  /** v128.load with a byte offset (16-byte aligned hint). */
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(4, offset)],
  v128Store: (offset = 0) => [...simd(0x0b), ...memarg(4, offset)],
  /** Loads one f32 and splats it over the four lanes. */
  load32Splat: (offset = 0) => [...simd(0x09), ...memarg(2, offset)],
  v128Zero: () => [...simd(0x0c), ...new Array(16).fill(0)],
  /** A v128 constant of four i32 lanes. */
  i32x4Const: (lanes: readonly [number, number, number, number]) => [...simd(0x0c), ...lanes.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff])],
  i32x4Splat: () => simd(0x11),
  i32x4Add: () => simd(0xae),
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  f32x4ExtractLane: (lane: number) => [...simd(0x1f), lane],
  f32Load: (offset = 0) => [0x2a, ...memarg(2, offset)],
  f32Store: (offset = 0) => [0x38, ...memarg(2, offset)],
  f32Add: () => [0x92],
  /** Copies an f32 into the four lanes. */
  f32x4Splat: () => simd(0x13),
  f32x4Abs: () => simd(0xe0),
  f32x4Sqrt: () => simd(0xe3),
  f32x4Lt: () => simd(0x43),
  /** a & ~b */
  v128Andnot: () => simd(0x4f),
  f32x4Add: () => simd(0xe4),
  f32x4Sub: () => simd(0xe5),
  f32x4Mul: () => simd(0xe6),
  f32x4Div: () => simd(0xe7),
  f32x4Min: () => simd(0xe8),
  f32x4Max: () => simd(0xe9),
  f32x4Ne: () => simd(0x42),
  f32x4Gt: () => simd(0x44),
  v128And: () => simd(0x4e),
  /** Lanes of the first operand where the mask (third) is set, of the second elsewhere. */
  v128Bitselect: () => simd(0x52),
  /** Relaxed SIMD: a·b + c, fused or not as the hardware prefers (operands: a, b, c). */
  f32x4RelaxedMadd: () => simd(0x105),
};

/**
 * A streaming kernel `name(n, c0, c1, …)`: the f32 parameters are splatted into v128 locals
 * once, then `step` runs for byte offsets p = 0, 16, … < 4n (n a multiple of 4), addressing
 * memory as `get(p)` plus a constant offset. `step(p, c, v)` gets the local index of p, the
 * constants' v128 locals and `scratch` free v128 locals.
 */
export function simdLoop(name: string, consts: number, scratch: number, step: (p: number, c: number[], v: number[]) => number[]): FunctionDef {
  const N = 0, P = consts + 1;
  const c = Array.from({ length: consts }, (_, i) => P + 1 + i);
  const v = Array.from({ length: scratch }, (_, i) => P + 1 + consts + i);
  const body: number[] = [];
  for (let i = 0; i < consts; i++) body.push(...op.get(1 + i), ...op.f32x4Splat(), ...op.set(c[i]));
  body.push(
    ...op.i32(0), ...op.set(P),
    ...op.block(),
    ...op.get(N), ...op.i32Eqz(), ...op.brIf(0),
    ...op.loop(),
    ...step(P, c, v),
    ...op.get(P), ...op.i32(16), ...op.i32Add(), ...op.tee(P),
    ...op.get(N), ...op.i32(4), ...op.i32Mul(), ...op.i32LtU(), ...op.brIf(0),
    ...op.end(),
    ...op.end(),
  );
  return { name, params: [I32, ...new Array<number>(consts).fill(F32)], locals: [I32, ...new Array<number>(consts + scratch).fill(V128)], body };
}

/**
 * `for (i = 0; i < limit; i++) body` for a limit known to be ≥ 1 (the loop runs before it tests):
 * `limit` is the code that pushes the bound.
 */
export function forUp(i: number, limit: number[], body: number[]): number[] {
  return [
    ...op.i32(0), ...op.set(i),
    ...op.loop(),
    ...body,
    ...op.get(i), ...op.i32(1), ...op.i32Add(), ...op.tee(i), ...limit, ...op.i32LtU(), ...op.brIf(0),
    ...op.end(),
  ];
}

/** The smallest normal float32, 2⁻¹²⁶: below it (and above 0) values are subnormal. */
export const FLT_MIN = 2 ** -126;

/**
 * Flushes the v128 in local `value` to zero lane by lane where |x| < `threshold` (a v128 local
 * holding the bound in every lane), leaving it on the stack; NaN lanes pass (a comparison with
 * NaN is false). x86 SIMD takes a microcode assist, ~100 cycles, for every instruction that
 * reads or produces a subnormal, and WebAssembly has no flush-to-zero mode, so the kernels keep
 * subnormals out of the arrays they write: a saturated softmax's gradient would otherwise feed
 * them into every following GEMM, and Adam's squared gradients into its state, step after step.
 */
export function flushBelow(value: number, threshold: number): number[] {
  return [...op.get(value), ...op.get(value), ...op.f32x4Abs(), ...op.get(threshold), ...op.f32x4Lt(), ...op.v128Andnot()];
}

export interface FunctionDef {
  name: string;
  params: number[];
  /** Extra locals in order after the parameters. */
  locals: number[];
  body: number[];
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/**
 * A module importing `env.memory` (`minPages` pages of 64 KiB; shared memories need
 * `maxPages`) and exporting `functions`, none of which returns a value.
 */
export function emitModule(functions: readonly FunctionDef[], memory: { minPages: number; maxPages?: number; shared?: boolean }): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...uleb(f.params.length), ...f.params, 0x00]);
  const limits = memory.shared
    ? [0x03, ...uleb(memory.minPages), ...uleb(memory.maxPages ?? memory.minPages)]
    : memory.maxPages !== undefined ? [0x01, ...uleb(memory.minPages), ...uleb(memory.maxPages)] : [0x00, ...uleb(memory.minPages)];
  const imports = vec([[...name('env'), ...name('memory'), 0x02, ...limits]]);
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const codes = vec(functions.map((f) => {
    // Locals as runs of one type.
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length;) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const body = [...vec(runs), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  }));
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}
