/**
 * WebGPU matmul: batched, in all four transpose layouts, A or B shared across the batch, on the
 * tiled GEMM (gemm.ts) reading the operands in place. The transposes are baked into the shader
 * (four pipelines per tiling); the sizes are parameters.
 */
import type { Kernels, MatmulGeometry, TensorView } from '../backend';
import { runGemm, type GemmShader } from './gemm';
import type { GpuRuntime, GpuStorage } from './runtime';

const PARAMS = ['aStride', 'bStride'];

/** The loaders for one layout: A is (k, m) when transposed, B is (n, k); each batch strides by aStride/bStride (0 when shared). */
function shader(transA: boolean, transB: boolean): GemmShader {
  return {
    inputs: ['read', 'read'],
    params: PARAMS,
    a: { load: transA ? 'return b1[z * aStride + k * M + row];' : 'return b1[z * aStride + row * K + k];', along: transA ? 'outer' : 'k' },
    b: { load: transB ? 'return b2[z * bStride + col * K + k];' : 'return b2[z * bStride + k * N + col];', along: transB ? 'k' : 'outer' },
  };
}

const SHADERS = [false, true].map((ta) => [false, true].map((tb) => shader(ta, tb)));

export function matmulKernels(rt: GpuRuntime): Pick<Kernels, 'matmul'> {
  function matmul(a: TensorView, b: TensorView, g: MatmulGeometry): GpuStorage {
    const { batch, m, n, k } = g;
    const aStride = g.batchA === 1 ? 0 : m * k;
    const bStride = g.batchB === 1 ? 0 : k * n;
    return runGemm(rt, SHADERS[+g.transA][+g.transB], [a.storage as GpuStorage, b.storage as GpuStorage],
      { m, n, k, batch, params: [aStride, bStride] });
  }
  return { matmul };
}
