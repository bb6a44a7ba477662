/**
 * The CPU thread pool in Node: real worker_threads on a shared WebAssembly memory. Products are
 * split into bands of whole micro-tiles that run the same kernel in the same order, so every
 * result must equal the one-thread result exactly — and training too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../assets/examples/definitions';
import { cpuThreads, installThreadedGemm, simdGemm } from '../../backend/cpu/wasm/kernels';
import { WasmGemm } from '../../backend/cpu/wasm/wasmGemm';
import { Random } from '../../core/random';
import { compileGraph } from '../../graph/compile';
import { prepareData } from '../../train/prepareData';
import { Trainer } from '../../train/Trainer';
import { startNodeCpuThreads } from './cpuThreads';
import { nodeDatasetSources } from './mnist';

const single = WasmGemm.create()!;

function product(gemm: { gemm: WasmGemm['gemm'] }, m: number, n: number, k: number, transA: boolean, transB: boolean, accumulate: boolean, seed: number) {
  const rng = new Random(seed);
  const A = Float32Array.from({ length: m * k }, () => rng.uniform() - 0.5);
  const B = Float32Array.from({ length: k * n }, () => rng.uniform() - 0.5);
  const C = Float32Array.from({ length: m * n }, () => rng.uniform());
  gemm.gemm(m, n, k, { data: A, offset: 0, rowStride: transA ? m : k, trans: transA }, { data: B, offset: 0, rowStride: transB ? k : n, trans: transB },
    { data: C, offset: 0, rowStride: n }, accumulate);
  return C;
}

describe('CPU thread pool (worker_threads)', () => {
  beforeAll(async () => {
    expect(await startNodeCpuThreads(2)).toBe(2);
  }, 30_000);
  afterAll(() => installThreadedGemm(null));

  it('is installed as the float32 GEMM', () => {
    expect(cpuThreads()).toBe(2);
    expect(simdGemm()).not.toBe(single);
  });

  it('gives exactly the one-thread result, split by rows or by columns, in every layout', () => {
    const pool = simdGemm()!;
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }),
      fc.boolean(), fc.boolean(), fc.boolean(), fc.integer(),
      (m, n, k, transA, transB, accumulate, seed) => {
        const threaded = product(pool, m, n, k, transA, transB, accumulate, seed);
        const alone = product(single, m, n, k, transA, transB, accumulate, seed);
        expect(Buffer.from(threaded.buffer).equals(Buffer.from(alone.buffer))).toBe(true);
      },
    ), { numRuns: 40 });
  });

  it('grows its shared memory for a large product after small ones', () => {
    const pool = simdGemm()!;
    const big = product(pool, 1100, 1030, 700, false, true, false, 3);
    expect(Buffer.from(big.buffer).equals(Buffer.from(product(single, 1100, 1030, 700, false, true, false, 3).buffer))).toBe(true);
  }, 60_000);

  it('trains to exactly the same losses on 2 threads as on 1', async () => {
    // Wide and deep enough that the products go parallel (≥ 2¹⁸ multiply-adds, ≥ 16 per value copied).
    const graph = structuredClone(EXAMPLES.find((e) => e.name === 'mnist-mlp')!.graph);
    graph.nodes.find((n) => n.id === 'mnist')!.params.limit = 512;
    graph.nodes.find((n) => n.id === 'hidden1')!.params.units = 512;
    graph.nodes.find((n) => n.id === 'training')!.params.batchSize = 128;
    const losses = async () => {
      const compiled = compileGraph(graph);
      const data = await prepareData(compiled, nodeDatasetSources);
      const out: number[] = [];
      await new Trainer(compiled, data, { epochs: 3, onEvent: (e) => e.type === 'batch' && out.push(e.loss) }).run();
      return out;
    };
    const pool = simdGemm() as unknown as { dispatched: number };
    const before = pool.dispatched;
    const threaded = await losses();
    // The run really went parallel (forward, and both backward products of the first layer).
    expect(pool.dispatched - before).toBeGreaterThan(3 * 12);
    installThreadedGemm(null);
    const alone = await losses();
    expect(await startNodeCpuThreads(2)).toBe(2);
    expect(threaded.length).toBeGreaterThan(10);
    expect(threaded).toEqual(alone);
  }, 60_000);
});
