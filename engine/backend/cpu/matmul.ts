/**
 * CPU matmul, batched, in all transpose layouts, on the packed GEMM (gemm.ts). Tested against the
 * plain loops in reference/matmul.ts.
 */
import type { TypedArray } from '../../core/dtype';
import type { MatmulGeometry, TensorView } from '../backend';
import { gemm } from './gemm';
import { Workspace, asFloat64, output } from './workspace';

const wsA = new Workspace();
const wsB = new Workspace();
const wsC = new Workspace();

export function matmul(a: TensorView, b: TensorView, g: MatmulGeometry): TypedArray {
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
