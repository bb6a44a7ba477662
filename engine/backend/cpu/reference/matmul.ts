/**
 * Reference matmul for tests: the plain loops the fast kernel (../matmul.ts) is checked against.
 * Batched, all transpose layouts, innermost loop on contiguous memory. No zero skipping, so
 * 0·NaN stays NaN exactly as in the fast kernel. Not used by the backend.
 */
import { allocArray, type TypedArray } from '../../../core/dtype';
import type { MatmulGeometry, TensorView } from '../../backend';

export function matmul(a: TensorView, b: TensorView, g: MatmulGeometry): TypedArray {
  const A = a.storage as TypedArray;
  const B = b.storage as TypedArray;
  const { batch, m, n, k, transA, transB } = g;
  const out = allocArray(a.dtype, batch * m * n);
  const aStride = g.batchA === 1 ? 0 : m * k;
  const bStride = g.batchB === 1 ? 0 : k * n;
  for (let t = 0; t < batch; t++) {
    gemm(A, t * aStride, B, t * bStride, out, t * m * n, m, n, k, transA, transB);
  }
  return out;
}

function gemm(A: TypedArray, ao: number, B: TypedArray, bo: number, C: TypedArray, co: number,
  m: number, n: number, k: number, transA: boolean, transB: boolean): void {
  if (!transA && !transB) {
    // C[i,:] += A[i,p] · B[p,:]
    for (let i = 0; i < m; i++) {
      const ci = co + i * n;
      for (let p = 0; p < k; p++) {
        const av = A[ao + i * k + p];
        const bp = bo + p * n;
        for (let j = 0; j < n; j++) C[ci + j] += av * B[bp + j];
      }
    }
  } else if (!transA && transB) {
    // C[i,j] = A[i,:] · B[j,:]
    for (let i = 0; i < m; i++) {
      const ai = ao + i * k;
      for (let j = 0; j < n; j++) {
        const bj = bo + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += A[ai + p] * B[bj + p];
        C[co + i * n + j] = s;
      }
    }
  } else if (transA && !transB) {
    // C[i,:] += A[p,i] · B[p,:]
    for (let p = 0; p < k; p++) {
      const ap = ao + p * m;
      const bp = bo + p * n;
      for (let i = 0; i < m; i++) {
        const av = A[ap + i];
        const ci = co + i * n;
        for (let j = 0; j < n; j++) C[ci + j] += av * B[bp + j];
      }
    }
  } else {
    // C[i,j] = Σ_p A[p,i] · B[j,p]
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[ao + p * m + i] * B[bo + j * k + p];
        C[co + i * n + j] = s;
      }
    }
  }
}
