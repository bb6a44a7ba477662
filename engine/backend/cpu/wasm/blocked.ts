/**
 * The blocked GEMM loop nest around the generated macro-kernel, shared by the single-thread
 * kernel (wasmGemm.ts) and each thread of the pool (threads/): B cut into KC×NC blocks and A
 * into MC×KC blocks, each packed into zero-padded panels in the module's memory, then the kernel
 * runs over the block and accumulates into C, which lives in the same memory, padded to whole
 * tiles. Packing turns every transpose layout into the same panels.
 */
import { panelStrides } from '../panels';
import type { KernelShape } from './gemmKernel';

/** Depth of a packed block: one A panel (4·256·4 B = 4 KB) and one B panel (8 KB) stay in L1. */
export const KC = 256;
/** Rows of A per block (a multiple of MR): 120·256·4 B = 120 KB, in L2. */
export const MC = 120;
/** Columns of B per block (a multiple of NR): 256·1024·4 B = 1 MB, in L2/L3. */
export const NC = 1024;

export const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/** Bytes of the packing scratch one thread needs: its A block and its B block. */
export function packBytes(shape: KernelShape): { a: number; b: number; total: number } {
  const a = roundUp(MC + shape.mr, shape.mr) * KC * 4;
  const b = roundUp(NC, shape.nr) * KC * 4;
  return { a, b, total: a + b };
}

/** The generated kernel (gemmKernel.ts) as a function. */
export type BlockKernel = (mc: number, nc: number, kc: number, pa: number, pb: number, pc: number, ldc: number, first: number) => void;

/** A float32 matrix operand: element (r, c) of the stored matrix is data[offset + r·rowStride + c]. */
export interface F32Operand {
  readonly data: Float32Array;
  readonly offset: number;
  readonly rowStride: number;
  /** Stored transposed: A as (k, m) instead of (m, k), B as (n, k) instead of (k, n). */
  readonly trans: boolean;
}

/**
 * Packs `lanes` rows of A (columns of B) × `depth` values into panels of `width` lanes, each
 * stored depth-major (the kernel reads `width` consecutive values per k); lanes beyond `lanes`
 * up to `padded` are zeros.
 */
export function packPanels(dst: Float32Array, at: number, src: Float32Array, base: number, laneStride: number, depthStride: number,
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
    if (full === width && laneStride === 1) {
      // The other common case (B not transposed, A transposed): `width` lanes are adjacent at each k.
      for (let p = 0, s = base + l0; p < depth; p++, s += depthStride, q += width) {
        for (let l = 0; l < width; l++) dst[q + l] = src[s + l];
      }
      continue;
    }
    for (let p = 0; p < depth; p++) {
      const s = base + l0 * laneStride + p * depthStride;
      for (let l = 0; l < width; l++) dst[q++] = l < full ? src[s + l * laneStride] : 0;
    }
  }
}

/**
 * Milliseconds spent in float32 GEMM calls (both GEMMs add to it): what the benchmark divides by
 * a step's time to state which share of training the thread pool can split (Amdahl's bound).
 */
export const gemmClock = { ms: 0 };

const perf = (globalThis as { performance?: { now(): number } }).performance;
/** Milliseconds from a monotonic clock where the runtime has one (browsers, workers, Node). */
export const nowMs: () => number = perf ? () => perf.now() : () => Date.now();

/** A float32 matrix result: element (r, c) goes to data[offset + r·rowStride + c]. */
export interface F32Output {
  readonly data: Float32Array;
  readonly offset: number;
  readonly rowStride: number;
}

/** Rows narrower than this are copied element by element: a subarray and a set() per row cost more. */
const NARROW_ROW = 32;

/**
 * Moves the m×n values of C between the caller's matrix and the padded block in module memory
 * (`at` in floats, `ldc` floats per row): in (`toBlock`, for accumulation) or out. One memcpy
 * when both sides are dense; a convolution's output (tens of thousands of 16-wide rows) would
 * otherwise pay a subarray per row.
 */
export function moveRows(view: Float32Array, at: number, ldc: number, m: number, n: number, c: F32Output, toBlock: boolean): void {
  const { data, offset, rowStride } = c;
  if (ldc === n && rowStride === n) {
    if (toBlock) view.set(data.subarray(offset, offset + m * n), at);
    else data.set(view.subarray(at, at + m * n), offset);
    return;
  }
  for (let i = 0; i < m; i++) {
    const src = at + i * ldc;
    const dst = offset + i * rowStride;
    if (n < NARROW_ROW) {
      if (toBlock) for (let j = 0; j < n; j++) view[src + j] = data[dst + j];
      else for (let j = 0; j < n; j++) data[dst + j] = view[src + j];
    } else if (toBlock) view.set(data.subarray(dst, dst + n), src);
    else data.set(view.subarray(src, src + n), dst);
  }
}

export interface BlockedContext {
  /** A Float32Array over the whole module memory (refreshed by the owner after growth). */
  readonly view: Float32Array;
  readonly block: BlockKernel;
  readonly shape: KernelShape;
  /** Byte addresses of this thread's packing scratch. */
  readonly aPack: number;
  readonly bPack: number;
}

/**
 * C[0:m, 0:n] (=|+=) op(A)·op(B) with C at byte address `cAt` in the memory, `ldc` floats per
 * row, rows padded to MR and columns to NR (the padding is scratch). With `first` false the
 * product is added to what C holds.
 */
export function runBlocked(ctx: BlockedContext, m: number, n: number, k: number, a: F32Operand, b: F32Operand, cAt: number, ldc: number, first: boolean): void {
  const { view, block, shape: { mr, nr }, aPack, bPack } = ctx;
  const { aLane, aDepth, bLane, bDepth } = panelStrides(a, b);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPad = roundUp(nc, nr);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanels(view, bPack / 4, b.data, b.offset + pc * bDepth + jc * bLane, bLane, bDepth, nc, ncPad, kc, nr);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(view, aPack / 4, a.data, a.offset + ic * aLane + pc * aDepth, aLane, aDepth, mc, roundUp(mc, mr), kc, mr);
        block(roundUp(mc, mr), ncPad, kc, aPack, bPack, cAt + (ic * ldc + jc) * 4, ldc * 4, pc === 0 && first ? 1 : 0);
      }
    }
  }
}
