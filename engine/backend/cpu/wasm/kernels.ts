/**
 * Which CPU kernels this runtime gets: the WebAssembly SIMD GEMM for float32 where the runtime
 * has WebAssembly SIMD (every current browser, Electron and Node ≥ 16), the plain-JS float64 GEMM
 * otherwise and for float64 (gradient checks). Decided once, on first use.
 */
import type { ThreadedGemm } from '../threads/ThreadedGemm';
import { WasmElementwise } from './elementwiseKernel';
import { WasmPool } from './poolKernel';
import { WasmUpdate } from './updateKernel';
import { WasmGemm } from './wasmGemm';

/** What matmul calls: one thread's kernel or the pool's. */
export type Gemm32 = Pick<WasmGemm, 'gemm' | 'relaxed'>;

let gemm32: WasmGemm | null | undefined;
let pool: ThreadedGemm | null = null;
let enabled = true;

/**
 * Makes `threaded` the float32 GEMM (null: back to the calling thread alone); the previous pool
 * is terminated. Hosts call this after starting their workers.
 */
export function installThreadedGemm(threaded: ThreadedGemm | null): void {
  if (pool && pool !== threaded) pool.terminate();
  pool = threaded;
}

/** Threads the float32 GEMM runs on. */
export function cpuThreads(): number {
  return enabled && pool ? pool.threads : 1;
}

/** The float32 SIMD GEMM (the pool's when one is installed), or null where unavailable or off. */
export function simdGemm(): Gemm32 | null {
  if (!enabled) return null;
  if (pool) return pool;
  if (gemm32 === undefined) {
    try {
      gemm32 = WasmGemm.create();
    } catch {
      // A runtime that validates the module but cannot instantiate it (memory limits): plain JS.
      gemm32 = null;
    }
  }
  return gemm32;
}

/** A kernel set made on first use (null where the runtime cannot make it), withheld while SIMD is off. */
function lazySimd<T>(create: () => T | null): () => T | null {
  let made: T | null | undefined;
  return () => {
    if (!enabled) return null;
    if (made === undefined) {
      try {
        made = create();
      } catch {
        made = null;
      }
    }
    return made;
  };
}

/** The float32 SIMD optimiser updates (AdaGrad, RMSProp, Adam). */
export const simdUpdate = lazySimd(() => WasmUpdate.create());
/** The float32 SIMD element-wise kernels (ReLU, step, + − × ÷). */
export const simdElementwise = lazySimd(() => WasmElementwise.create());
/** The float32 SIMD max pooling kernels. */
export const simdPool = lazySimd(() => WasmPool.create());

/**
 * Switches the SIMD kernels off (true: back on). For tests that compare both paths and for
 * measuring what SIMD buys; results agree within float32 rounding either way.
 */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

/** What the CPU backend runs on, in words: 'WebAssembly SIMD (FMA)', 'WebAssembly SIMD' or 'JavaScript'. */
export function cpuKernelName(): string {
  const g = simdGemm();
  return g ? `WebAssembly SIMD${g.relaxed ? ' (FMA)' : ''}` : 'JavaScript';
}
