/**
 * Which CPU kernels this runtime gets: the WebAssembly SIMD GEMM for float32 where the runtime
 * has WebAssembly SIMD (every current browser, Electron and Node ≥ 16), the plain-JS float64 GEMM
 * otherwise and for float64 (gradient checks). Decided once, on first use.
 */
import { WasmGemm } from './wasmGemm';

let gemm32: WasmGemm | null | undefined;
let enabled = true;

/** The float32 SIMD GEMM, or null where it is unavailable or switched off. */
export function simdGemm(): WasmGemm | null {
  if (!enabled) return null;
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
