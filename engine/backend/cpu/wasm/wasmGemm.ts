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
import { DEFAULT_SHAPE, gemmKernelModule, relaxedProbeModule, type KernelShape } from './gemmKernel';

/** The WebAssembly API as used here (the engine core is typed without the DOM library). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 65536;
/** Depth of a packed block: one A panel (4·256·4 B = 4 KB) and one B panel (8 KB) stay in L1. */
const KC = 256;
/** Rows of A per block (a multiple of MR): 120·256·4 B = 120 KB, in L2. */
const MC = 120;
/** Columns of B per block (a multiple of NR): 256·1024·4 B = 1 MB, in L2/L3. */
const NC = 1024;

/** A float32 matrix operand: element (r, c) of the stored matrix is data[offset + r·rowStride + c]. */
export interface F32Operand {
  readonly data: Float32Array;
  readonly offset: number;
  readonly rowStride: number;
  /** Stored transposed: A as (k, m) instead of (m, k), B as (n, k) instead of (k, n). */
  readonly trans: boolean;
}

export interface F32Output {
  readonly data: Float32Array;
  readonly offset: number;
  readonly rowStride: number;
}

const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

export class WasmGemm {
  private view: Float32Array;
  private readonly aBase = 0;
  private readonly bBase: number;
  private readonly cBase: number;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly block: (mc: number, nc: number, kc: number, pa: number, pb: number, pc: number, ldc: number, first: number) => void,
    readonly shape: KernelShape,
    /** True when the kernel uses relaxed SIMD's fused multiply-add. */
    readonly relaxed: boolean,
  ) {
    this.bBase = roundUp(MC + shape.mr, shape.mr) * KC * 4;
    this.cBase = this.bBase + roundUp(NC, shape.nr) * KC * 4;
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
    return new WasmGemm(memory, instance.exports.block as WasmGemm['block'], shape, relaxed);
  }

  /** C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`; op(A) m×k, op(B) k×n. */
  gemm(m: number, n: number, k: number, a: F32Operand, b: F32Operand, c: F32Output, accumulate: boolean): void {
    if (m <= 0 || n <= 0) return;
    const { mr, nr } = this.shape;
    const ldc = roundUp(n, nr);
    const rows = roundUp(m, mr);
    this.reserve(this.cBase + rows * ldc * 4);
    const view = this.view;
    const cAt = this.cBase / 4;
    if (k <= 0 || accumulate) {
      for (let i = 0; i < m; i++) {
        const row = cAt + i * ldc;
        if (accumulate) view.set(c.data.subarray(c.offset + i * c.rowStride, c.offset + i * c.rowStride + n), row);
        else view.fill(0, row, row + n);
      }
      if (k <= 0) return this.copyOut(m, n, ldc, c);
    }
    const aLane = a.trans ? 1 : a.rowStride;
    const aDepth = a.trans ? a.rowStride : 1;
    const bLane = b.trans ? b.rowStride : 1;
    const bDepth = b.trans ? 1 : b.rowStride;
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      const ncPad = roundUp(nc, nr);
      for (let pc = 0; pc < k; pc += KC) {
        const kc = Math.min(KC, k - pc);
        this.pack(view, this.bBase / 4, b.data, b.offset + pc * bDepth + jc * bLane, bLane, bDepth, nc, ncPad, kc, nr);
        for (let ic = 0; ic < m; ic += MC) {
          const mc = Math.min(MC, m - ic);
          const mcPad = roundUp(mc, mr);
          this.pack(view, this.aBase / 4, a.data, a.offset + ic * aLane + pc * aDepth, aLane, aDepth, mc, mcPad, kc, mr);
          this.block(mcPad, ncPad, kc, this.aBase, this.bBase, this.cBase + (ic * ldc + jc) * 4, ldc * 4, pc === 0 && !accumulate ? 1 : 0);
        }
      }
    }
    this.copyOut(m, n, ldc, c);
  }

  /**
   * Packs `lanes` rows of A (columns of B) × `depth` values into panels of `width` lanes, each
   * stored depth-major (the kernel reads `width` consecutive values per k); lanes beyond
   * `lanes` up to `padded` are zeros.
   */
  private pack(dst: Float32Array, at: number, src: Float32Array, base: number, laneStride: number, depthStride: number,
    lanes: number, padded: number, depth: number, width: number): void {
    let q = at;
    for (let l0 = 0; l0 < padded; l0 += width) {
      const full = Math.min(width, lanes - l0);
      if (full === width && depthStride === 1) {
        // The common case (A not transposed, B transposed): each lane is contiguous along k.
        for (let l = 0; l < width; l++) {
          const row = base + (l0 + l) * laneStride;
          for (let p = 0, d = q + l; p < depth; p++, d += width) dst[d] = src[row + p];
        }
        q += depth * width;
        continue;
      }
      for (let p = 0; p < depth; p++) {
        const s = base + l0 * laneStride + p * depthStride;
        for (let l = 0; l < width; l++) dst[q++] = l < full ? src[s + l * laneStride] : 0;
      }
    }
  }

  private copyOut(m: number, n: number, ldc: number, c: F32Output): void {
    const view = this.view;
    const cAt = this.cBase / 4;
    for (let i = 0; i < m; i++) c.data.set(view.subarray(cAt + i * ldc, cAt + i * ldc + n), c.offset + i * c.rowStride);
  }

  /** Grows the memory to hold `bytes`. */
  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE));
    this.view = new Float32Array(this.memory.buffer);
  }
}
