/**
 * Which CPU kernels this runtime gets: the WebAssembly SIMD GEMM for float32 where the runtime
 * has WebAssembly SIMD (every current browser, Electron and Node ≥ 16), the plain-JS float64 GEMM
 * otherwise and for float64 (gradient checks). Decided once, on first use.
 */
import type { ThreadedGemm } from '../threads/ThreadedGemm';
import { WasmElementwise } from './elementwiseKernel';
import { WasmUpdate } from './updateKernel';
import { WasmGemm } from './wasmGemm';

/** What matmul calls: one thread's kernel or the pool's. */
export type Gemm32 = Pick<WasmGemm, 'gemm' | 'relaxed'>;

let gemm32: WasmGemm | null | undefined;
let update32: WasmUpdate | null | undefined;
let elementwise32: WasmElementwise | null | undefined;
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

/** The float32 SIMD optimiser updates (AdaGrad, RMSProp, Adam), or null where unavailable or off. */
export function simdUpdate(): WasmUpdate | null {
  if (!enabled) return null;
  if (update32 === undefined) {
    try {
      update32 = WasmUpdate.create();
    } catch {
      update32 = null;
    }
  }
  return update32;
}

/** The float32 SIMD element-wise kernels, or null where unavailable or off. */
export function simdElementwise(): WasmElementwise | null {
  if (!enabled) return null;
  if (elementwise32 === undefined) {
    try {
      elementwise32 = WasmElementwise.create();
    } catch {
      elementwise32 = null;
    }
  }
  return elementwise32;
}

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
