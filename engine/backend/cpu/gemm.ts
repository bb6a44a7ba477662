/**
 * The one fast matrix-product routine of the CPU backend, C (+)= op(A) · op(B) on Float64Array,
 * that matmul and the im2col convolutions are lowered onto.
 *
 * GotoBLAS structure in plain TypeScript: the operands are cut into KC-deep blocks, copied
 * ("packed") into contiguous panels of 4 rows of A and 4 columns of B, interleaved along k, and a
 * 4×4 micro-kernel keeps its 16 sums in locals while it streams one A panel and one B panel.
 * Packing turns every transpose layout into the same access pattern, so NN, NT, TN and TT run
 * the same micro-kernel; it also zero-fills the ragged edge panels, whose extra rows and columns
 * are computed but never written back. Zeros are never skipped: 0·NaN must stay NaN.
 */

import { panelStrides } from './panels';

/** Micro-tile rows and columns; 4×4 measured as fast as 4×8 and wastes less on narrow outputs. */
const MR = 4;
const NR = 4;
/** Depth of one packed block: an A panel and a B panel (4·KC doubles each, 8 KB) sit in L1. */
const KC = 256;
/** Rows of A packed at a time (MC·KC doubles, 256 KB, in L2). */
const MC = 128;
/** Columns of B packed at a time (KC·NC doubles, 1 MB, in L2). */
const NC = 512;

const packedA = new Float64Array(MC * KC);
const packedB = new Float64Array(KC * NC);
/** Landing place of a ragged edge tile before its valid part is copied out. */
const edgeTile = new Float64Array(MR * NR);

/** A matrix operand in memory: element (r, c) of the stored matrix is data[offset + r·rowStride + c]. */
export interface GemmOperand {
  readonly data: Float64Array;
  readonly offset: number;
  readonly rowStride: number;
  /** Stored transposed: A as (k, m) instead of (m, k), B as (n, k) instead of (k, n). */
  readonly trans: boolean;
}

/** The output: element (i, j) is data[offset + i·rowStride + j]. */
export interface GemmOutput {
  readonly data: Float64Array;
  readonly offset: number;
  readonly rowStride: number;
}

/**
 * C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`, with op(A) m×k and op(B) k×n.
 * Without `accumulate` C's previous contents are never read.
 */
export function gemm(m: number, n: number, k: number, a: GemmOperand, b: GemmOperand, c: GemmOutput,
  accumulate: boolean): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.data.fill(0, c.offset + i * c.rowStride, c.offset + i * c.rowStride + n);
    return;
  }
  const { aLane, aDepth, bLane, bDepth } = panelStrides(a, b);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      pack(packedB, b.data, b.offset + jc * bLane + pc * bDepth, bLane, bDepth, nc, kc);
      const add = accumulate || pc > 0;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        pack(packedA, a.data, a.offset + ic * aLane + pc * aDepth, aLane, aDepth, mc, kc);
        macroKernel(mc, nc, kc, c.data, c.offset + ic * c.rowStride + jc, c.rowStride, add);
      }
    }
  }
}

/**
 * Copies a lanes×depth block into panels of 4 lanes: panel q holds, for each depth step p, lanes
 * 4q…4q+3 side by side. Missing lanes of the last panel are zero.
 */
function pack(dst: Float64Array, src: Float64Array, offset: number, laneStride: number, depthStride: number,
  lanes: number, depth: number): void {
  let d = 0;
  for (let l = 0; l < lanes; l += 4) {
    const count = Math.min(4, lanes - l);
    const s0 = offset + l * laneStride;
    if (count === 4) {
      const s1 = s0 + laneStride;
      const s2 = s1 + laneStride;
      const s3 = s2 + laneStride;
      for (let p = 0, o = 0; p < depth; p++, o += depthStride, d += 4) {
        dst[d] = src[s0 + o];
        dst[d + 1] = src[s1 + o];
        dst[d + 2] = src[s2 + o];
        dst[d + 3] = src[s3 + o];
      }
    } else {
      for (let p = 0, o = 0; p < depth; p++, o += depthStride, d += 4) {
        for (let r = 0; r < 4; r++) dst[d + r] = r < count ? src[s0 + r * laneStride + o] : 0;
      }
    }
  }
}

/** Runs the micro-kernel over every 4×4 tile of an mc×nc block of C from the packed blocks. */
function macroKernel(mc: number, nc: number, kc: number, C: Float64Array, cOffset: number, ldc: number,
  add: boolean): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    const bOffset = jr * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = Math.min(MR, mc - ir);
      const aOffset = ir * kc;
      const co = cOffset + ir * ldc + jr;
      if (rows === MR && cols === NR) {
        microKernel(kc, aOffset, bOffset, C, co, ldc, add);
      } else {
        microKernel(kc, aOffset, bOffset, edgeTile, 0, NR, false);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const v = edgeTile[i * NR + j];
            C[co + i * ldc + j] = add ? C[co + i * ldc + j] + v : v;
          }
        }
      }
    }
  }
}

/** One 4×4 tile: sixteen sums held in locals over kc steps of the packed A and B panels. */
function microKernel(kc: number, aOffset: number, bOffset: number, C: Float64Array, co: number, ldc: number,
  add: boolean): void {
  const A = packedA;
  const B = packedB;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0, ao = aOffset, bo = bOffset; p < kc; p++, ao += 4, bo += 4) {
    const a0 = A[ao], a1 = A[ao + 1], a2 = A[ao + 2], a3 = A[ao + 3];
    const b0 = B[bo], b1 = B[bo + 1], b2 = B[bo + 2], b3 = B[bo + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  const r1 = co + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  if (add) {
    C[co] += c00; C[co + 1] += c01; C[co + 2] += c02; C[co + 3] += c03;
    C[r1] += c10; C[r1 + 1] += c11; C[r1 + 2] += c12; C[r1 + 3] += c13;
    C[r2] += c20; C[r2 + 1] += c21; C[r2 + 2] += c22; C[r2 + 3] += c23;
    C[r3] += c30; C[r3 + 1] += c31; C[r3 + 2] += c32; C[r3 + 3] += c33;
  } else {
    C[co] = c00; C[co + 1] = c01; C[co + 2] = c02; C[co + 3] = c03;
    C[r1] = c10; C[r1 + 1] = c11; C[r1 + 2] = c12; C[r1 + 3] = c13;
    C[r2] = c20; C[r2 + 1] = c21; C[r2 + 2] = c22; C[r2 + 3] = c23;
    C[r3] = c30; C[r3 + 1] = c31; C[r3 + 2] = c32; C[r3 + 3] = c33;
  }
}
