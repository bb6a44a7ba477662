/**
 * The FP32 ceiling of WebAssembly SIMD on one core of this runtime, measured: a generated module
 * runs twelve independent chains of acc = acc·c + d on f32x4 vectors, as separate multiply and
 * add (all that plain wasm SIMD has) and, where the runtime validates relaxed SIMD, as fused
 * `f32x4.relaxed_madd`. Twelve chains keep the units busy whatever their latency, and twelve
 * accumulators plus two constants still fit x64's sixteen vector registers (no spills).
 *
 * WebAssembly SIMD is 128 bits wide, so a wasm kernel (ours, jax-js, TF.js wasm) can reach at
 * most this figure, a fraction of what AVX2/AVX-512 code gets; the table reports both.
 *
 * Run by bench/run.ts as a child with the same Node flags as the JavaScript runners; prints
 * RESULT_MARK + {"mulAdd": GFLOP/s, "relaxedFma": GFLOP/s | null}.
 */
import { RESULT_MARK } from './spec';

const CHAINS = 12;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const f32 = (x: number): number[] => [...new Uint8Array(new Float32Array([x]).buffer)];

/** `run(n: i32) -> f32`: n iterations of one step on every chain; returns a lane so nothing is dead. */
function module(fused: boolean): Uint8Array<ArrayBuffer> {
  const SIMD = 0xfd;
  const C = CHAINS + 1;
  const D = CHAINS + 2;
  const get = (i: number) => [0x20, ...leb(i)];
  const set = (i: number) => [0x21, ...leb(i)];
  const body: number[] = [
    0x43, ...f32(0.5), SIMD, ...leb(0x13), ...set(C), // c = splat(0.5): chains converge to 2, no overflow
    0x43, ...f32(1), SIMD, ...leb(0x13), ...set(D),
  ];
  for (let i = 1; i <= CHAINS; i++) body.push(0x43, ...f32(i), SIMD, ...leb(0x13), ...set(i)); // distinct chains
  body.push(0x03, 0x40); // loop
  for (let i = 1; i <= CHAINS; i++) {
    body.push(...(fused
      ? [...get(i), ...get(C), ...get(D), SIMD, ...leb(0x105)] // f32x4.relaxed_madd
      : [...get(i), ...get(C), SIMD, ...leb(0xe6), ...get(D), SIMD, ...leb(0xe4)]), // f32x4.mul, f32x4.add
    ...set(i));
  }
  body.push(...get(0), 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b); // n -= 1; br_if n; end
  body.push(...get(1), SIMD, 0x1f, 0);
  for (let i = 2; i <= CHAINS; i++) body.push(...get(i), SIMD, 0x1f, 0, 0x92); // + lane 0 of each chain
  body.push(0x0b);
  const code = [...vec([[CHAINS + 2, 0x7b]]), ...body]; // locals: chains, c, d (v128)
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[0x7f]]), ...vec([[0x7d]])]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...leb(3), ...[...'run'].map((ch) => ch.charCodeAt(0)), 0x00, 0]])),
    ...section(10, vec([[...leb(code.length), ...code]])),
  ]);
}

/** Best GFLOP/s of five runs, or null where the runtime rejects the module. */
function measure(fused: boolean): number | null {
  const bytes = module(fused);
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const run = instance.exports.run as (n: number) => number;
  const n = 20_000_000;
  run(1_000_000);
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    run(n);
    best = Math.max(best, (n * CHAINS * 4 * 2) / ((performance.now() - t) / 1000) / 1e9);
  }
  return best;
}

process.stdout.write(`${RESULT_MARK}${JSON.stringify({ mulAdd: measure(false), relaxedFma: measure(true) })}\n`);
