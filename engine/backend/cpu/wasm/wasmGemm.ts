/**
 * float32 GEMM on WebAssembly SIMD: C (+)= op(A)·op(B), the GotoBLAS way — B cut into KC×NC
 * blocks and A into MC×KC blocks, each packed (in JS, straight into the module's memory) into
 * zero-padded panels, then the generated macro-kernel (gemmKernel.ts) runs over the block. C
 * lives in the module's memory, padded to whole tiles, and is copied out at the end.
 *
 * Every transpose layout packs into the same panels, so NN, NT, TN and TT run the same kernel.
 * Relaxed SIMD (fused multiply-add) is used where the runtime validates it, plain SIMD
 * otherwise; without WebAssembly SIMD at all `createWasmGemm` returns null and the caller keeps
 * the plain-JS path.
 */
import { gemmClock, moveRows, nowMs, packBytes, roundUp, runBlocked, type BlockKernel, type F32Operand, type F32Output } from './blocked';
import { DEFAULT_SHAPE, gemmKernelModule, relaxedProbeModule, type KernelShape } from './gemmKernel';
import { PAGE, wasm, type WasmMemory } from './wasmApi';



export type { F32Operand, F32Output } from './blocked';

export class WasmGemm {
  private view: Float32Array;
  private readonly aBase = 0;
  private readonly bBase: number;
  private readonly cBase: number;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly block: BlockKernel,
    readonly shape: KernelShape,
    /** True when the kernel uses relaxed SIMD's fused multiply-add. */
    readonly relaxed: boolean,
  ) {
    const pack = packBytes(shape);
    this.bBase = pack.a;
    this.cBase = pack.total;
    this.view = new Float32Array(memory.buffer);
  }

  /** A kernel for this runtime, or null where WebAssembly SIMD is missing. */
  static create(options: { shape?: KernelShape; relaxed?: boolean } = {}): WasmGemm | null {
    if (!wasm) return null;
    const shape = options.shape ?? DEFAULT_SHAPE;
    const relaxed = options.relaxed ?? wasm.validate(relaxedProbeModule());
    const bytes = gemmKernelModule(shape, relaxed, { minPages: 1 });
    if (!wasm.validate(bytes)) return null;
    const memory = new wasm.Memory({ initial: 64 });
    const instance = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    return new WasmGemm(memory, instance.exports.block as BlockKernel, shape, relaxed);
  }

  /** C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`; op(A) m×k, op(B) k×n. */
  gemm(m: number, n: number, k: number, a: F32Operand, b: F32Operand, c: F32Output, accumulate: boolean): void {
    const start = nowMs();
    this.multiply(m, n, k, a, b, c, accumulate);
    gemmClock.ms += nowMs() - start;
  }

  private multiply(m: number, n: number, k: number, a: F32Operand, b: F32Operand, c: F32Output, accumulate: boolean): void {
    if (m <= 0 || n <= 0) return;
    const { mr, nr } = this.shape;
    const ldc = roundUp(n, nr);
    const rows = roundUp(m, mr);
    this.reserve(this.cBase + rows * ldc * 4);
    const view = this.view;
    const cAt = this.cBase / 4;
    if (k <= 0) {
      // An empty sum: C = 0, or C unchanged when accumulating.
      if (!accumulate) for (let i = 0; i < m; i++) c.data.fill(0, c.offset + i * c.rowStride, c.offset + i * c.rowStride + n);
      return;
    }
    if (accumulate) moveRows(view, cAt, ldc, m, n, c, true);
    runBlocked({ view, block: this.block, shape: this.shape, aPack: this.aBase, bPack: this.bBase }, m, n, k, a, b, this.cBase, ldc, !accumulate);
    moveRows(view, cAt, ldc, m, n, c, false);
  }

  /** Grows the memory to hold `bytes`. */
  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.view = new Float32Array(this.memory.buffer);
  }
}
