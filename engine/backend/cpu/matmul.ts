/**
 * CPU matmul, batched, in all transpose layouts: float32 on the WebAssembly SIMD GEMM
 * (wasm/wasmGemm.ts) where the runtime has it, otherwise (and float64 always) on the packed JS
 * GEMM (gemm.ts). Tested against the plain loops in reference/matmul.ts.
 */
import type { TypedArray } from '../../core/dtype';
import type { MatmulGeometry, TensorView } from '../backend';
import { gemm } from './gemm';
import { simdGemm, type Gemm32 } from './wasm/kernels';
import { Workspace, asFloat64, output } from './workspace';

const wsA = new Workspace();
const wsB = new Workspace();
const wsC = new Workspace();

export function matmul(a: TensorView, b: TensorView, g: MatmulGeometry): TypedArray {
  const simd = a.dtype === 'float32' && b.dtype === 'float32' ? simdGemm() : null;
  if (simd) return matmul32(simd, a.storage as Float32Array, b.storage as Float32Array, g);
  const { batch, m, n, k, transA, transB } = g;
  const A = asFloat64(a.storage as TypedArray, wsA);
  const B = asFloat64(b.storage as TypedArray, wsB);
  const out = output(a.dtype, batch * m * n, wsC, false);
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  if (batch > 1 && g.batchB === 1 && g.batchA === batch && !transA) {
    // A's matrices stacked row-wise are one (batch·m, k) matrix against the shared B: one call
    // packs B once instead of once per matrix.
    gemm(batch * m, n, k, { data: A, offset: 0, rowStride: lda, trans: false },
      { data: B, offset: 0, rowStride: ldb, trans: transB }, { data: out.data, offset: 0, rowStride: n }, false);
    return out.finish();
  }
  const aStride = g.batchA === 1 ? 0 : m * k;
  const bStride = g.batchB === 1 ? 0 : k * n;
  for (let t = 0; t < batch; t++) {
    gemm(m, n, k, { data: A, offset: t * aStride, rowStride: lda, trans: transA },
      { data: B, offset: t * bStride, rowStride: ldb, trans: transB },
      { data: out.data, offset: t * m * n, rowStride: n }, false);
  }
  return out.finish();
}

/** float32 on the SIMD GEMM: operands read in place, the product written straight into the result. */
function matmul32(simd: Gemm32, A: Float32Array, B: Float32Array, g: MatmulGeometry): Float32Array {
  const { batch, m, n, k, transA, transB } = g;
  const out = new Float32Array(batch * m * n);
  const lda = transA ? m : k;
  const ldb = transB ? k : n;
  if (batch > 1 && g.batchB === 1 && g.batchA === batch && !transA) {
    simd.gemm(batch * m, n, k, { data: A, offset: 0, rowStride: lda, trans: false },
      { data: B, offset: 0, rowStride: ldb, trans: transB }, { data: out, offset: 0, rowStride: n }, false);
    return out;
  }
  const aStride = g.batchA === 1 ? 0 : m * k;
  const bStride = g.batchB === 1 ? 0 : k * n;
  for (let t = 0; t < batch; t++) {
    simd.gemm(m, n, k, { data: A, offset: t * aStride, rowStride: lda, trans: transA },
      { data: B, offset: t * bStride, rowStride: ldb, trans: transB }, { data: out, offset: t * m * n, rowStride: n }, false);
  }
  return out;
}
