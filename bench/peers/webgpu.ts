/**
 * DeepWire's engine on its WebGPU backend as a benchmark runner: the same models, batches, initial
 * weights and Adam as the CPU runner (ours.ts), on the GPU that Dawn (the `webgpu` package) finds
 * in Node.
 *
 * Training: forward, loss, backward and the Adam update inside one memory scope (the step's
 * tensors go back to the GPU pool as it ends), then the loss read back with `data()`, awaited
 * every step — so a step's time includes the GPU finishing it, as the CPU runner's `item()` does.
 * The read is started after the update is recorded, so the copy that ends the step follows it.
 *
 * Matmul: `ops.matmul` with the transpose flags backprop passes, at GPU_MATMUL_SIZES. A
 * repetition records enough products to last about 0.25 s (each result freed at once, so the
 * pool hands the same buffer back), then waits for the GPU (`runtime.sync()`) before the clock
 * stops. The first product of each size and layout is read back and 64 sampled entries checked
 * against a float64 sum on the host, so a fast wrong kernel cannot post a figure.
 *
 * A size whose warm-up alone would be far over the budget, predicted from the speed at the size
 * before, is skipped with a note (on a software adapter, 2048² and up).
 *
 * No adapter is not a failure but 'n/a' (the parent may retry on SwiftShader: children.ts). On a
 * software adapter (a CPU emulating a GPU) the budgets shrink: those figures say the code runs and
 * gives the same losses, not how fast a GPU is.
 */
import { nn, ops, scope } from '../../engine';
import type { WebGpuBackend } from '../../engine/backend/webgpu/WebGpuBackend';
import { nodeWebGpuBackend } from '../../engine/hosts/node/webgpu';
import { NotApplicable, runPeer, timeTraining, type CaseOutput, type Peer } from '../cases/harness';
import {
  ADAM, CNN, GPU_MATMUL_SIZES, LAYOUTS, MATMUL_N, MLP, SEED, median,
  type Job, type Layout, type LayoutFigures, type MatmulSize,
} from '../cases/spec';
import { hash32, uniforms } from '../cases/synthetic';
import { batchTensors, cnnModel, mlpModel } from './models';

/** Budgets on a software adapter (seconds): enough to show the path runs, not to time a GPU. */
const SOFTWARE_BUDGET = { matmul: 6, train: 8 } as const;
/** The step after which GPU buffers are counted (the first ones allocate the optimiser's state). */
const REFERENCE_STEP = 2;
/** Entries of each product checked against the host. */
const CHECKED = 64;

let gpu: { backend: WebGpuBackend; adapterName: string; software: boolean } | null = null;
let unavailable = '';

const now = () => performance.now() / 1000;

function device(): NonNullable<typeof gpu> {
  if (!gpu) throw new NotApplicable(unavailable || 'no WebGPU device');
  return gpu;
}

/** The job, its budget cut on a software adapter. */
function budgeted(job: Job, kind: keyof typeof SOFTWARE_BUDGET): { job: Job; notes: string[] } {
  const d = device();
  if (!d.software || job.budgetS <= SOFTWARE_BUDGET[kind]) return { job, notes: [] };
  return {
    job: { ...job, budgetS: SOFTWARE_BUDGET[kind] },
    notes: [`software adapter: time budget cut from ${job.budgetS} s to ${SOFTWARE_BUDGET[kind]} s`],
  };
}

async function train(job: Job, model: nn.Sequential, batch: number, imageShape: readonly number[]): Promise<CaseOutput> {
  const { backend } = device();
  const { job: timed, notes } = budgeted(job, 'train');
  const { xs, ys } = batchTensors(batch, imageShape, backend);
  const optimizer = new nn.Adam(ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.eps);
  const stats = backend.runtime.stats;
  let steps = 0;
  let createdAfterWarmUp = -1;
  let liveAfterWarmUp = -1;
  const out = await timeTraining(timed, batch, async (b) => {
    const i = b % xs.length;
    const read = scope(() => {
      model.train();
      const pred = model.forward(xs[i]);
      const loss = nn.crossEntropy(pred, ys[i]);
      ops.backward(loss);
      optimizer.step(model.parameters());
      return loss.data();
    });
    const value = (await read)[0];
    // After the first steps the pool should serve every buffer: a steady loop creates none.
    if (++steps === REFERENCE_STEP) {
      createdAfterWarmUp = stats.created;
      liveAfterWarmUp = stats.live;
    }
    return value;
  });
  const memory = createdAfterWarmUp < 0
    ? []
    : [stats.created === createdAfterWarmUp && stats.live === liveAfterWarmUp
      ? `GPU memory steady: no buffer created or leaked after step ${REFERENCE_STEP} (${stats.live} live, ${(stats.pooledBytes / 2 ** 20).toFixed(1)} MiB pooled)`
      : `GPU memory not steady: ${stats.created - createdAfterWarmUp} buffers created and ${stats.live - liveAfterWarmUp} more live after step ${REFERENCE_STEP}`];
  return { ...out, notes: [...notes, ...out.notes, ...memory] };
}

/** Indices of the entries checked: the corners, and the rest spread by a hash. */
function sampled(n: number): [number, number][] {
  const picks: [number, number][] = [[0, 0], [n - 1, n - 1], [0, n - 1], [n - 1, 0]];
  for (let s = 0; picks.length < CHECKED; s++) picks.push([hash32(s, 11) % n, hash32(s, 12) % n]);
  return picks;
}

/** Largest relative error of the sampled entries of C = op(A)·op(B) (n × n) against float64 sums. */
function checkProduct(c: Float32Array, a: Float32Array, b: Float32Array, n: number, layout: Layout): number {
  let worst = 0;
  for (const [i, j] of sampled(n)) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const x = layout === 'TN' ? a[k * n + i] : a[i * n + k];
      const y = layout === 'NT' ? b[j * n + k] : b[k * n + j];
      sum += x * y;
    }
    // Operands are uniform in [0, 1): sums are positive, about n/4, so relative error is meaningful.
    worst = Math.max(worst, Math.abs(c[i * n + j] - sum) / Math.max(Math.abs(sum), 1e-6));
  }
  return worst;
}

/** GFLOP/s of n³ products in each layout, within `budgetS` seconds for the three; the worst sampled error. */
async function timeSize(job: Job, n: number, budgetS: number): Promise<{ gflops: LayoutFigures; error: number }> {
  const { backend } = device();
  const hostA = uniforms(n * n, SEED.matA);
  const hostB = uniforms(n * n, SEED.matB);
  const a = ops.tensor(hostA, [n, n], { backend });
  const b = ops.tensor(hostB, [n, n], { backend });
  const flops = 2 * n ** 3;
  const product = (layout: Layout) => ops.matmul(a, b, { transA: layout === 'TN', transB: layout === 'NT' });
  const run = async (layout: Layout, calls: number) => {
    for (let c = 0; c < calls; c++) product(layout).dispose();
    await backend.runtime.sync();
  };
  const gflops = {} as Record<Layout, number>;
  let error = 0;
  try {
    for (const layout of LAYOUTS) {
      // Warm-up (compiles the pipeline), read back and checked.
      const first = product(layout);
      const values = await first.data();
      first.dispose();
      const e = checkProduct(values as Float32Array, hostA, hostB, n, layout);
      if (!(e < 1e-3)) throw new Error(`matmul ${n}² ${layout} on WebGPU gave wrong results: relative error ${e} at a sampled entry`);
      error = Math.max(error, e);

      const t = now();
      await run(layout, 1);
      const estimate = Math.max(now() - t, 1e-6);
      const calls = Math.max(1, Math.round(0.25 / estimate));
      const reps = Math.min(job.reps, Math.max(job.minReps, Math.floor(budgetS / LAYOUTS.length / (calls * estimate))));
      // As in timeMatmul: a slow product's estimating call already is a one-call repetition.
      const rates: number[] = calls === 1 ? [flops / estimate / 1e9] : [];
      for (let r = rates.length; r < reps; r++) {
        const start = now();
        await run(layout, calls);
        rates.push((calls * flops) / (now() - start) / 1e9);
      }
      gflops[layout] = median(rates);
    }
  } finally {
    a.dispose();
    b.dispose();
    backend.runtime.trim();
  }
  return { gflops, error };
}

const peer: Peer = {
  async setup(): Promise<Record<string, string>> {
    const found = await nodeWebGpuBackend();
    const library = 'engine/index.ts (this checkout), WebGPU backend on Dawn (the webgpu package)';
    if (!found.ok) {
      unavailable = found.message;
      return { library, unavailable: found.key };
    }
    gpu = { backend: found.backend, adapterName: found.adapterName, software: found.software };
    process.stderr.write(`webgpu runner: adapter ${found.adapterName}${found.software ? ' (software: a CPU emulating a GPU)' : ''}\n`);
    const info: Record<string, string> = { library, adapter: found.adapterName, software: found.software ? 'yes' : 'no' };
    if (process.env.VK_ICD_FILENAMES) info.VK_ICD_FILENAMES = process.env.VK_ICD_FILENAMES;
    return info;
  },

  async matmul(job) {
    const { job: timed, notes } = budgeted(job, 'matmul');
    const sizes: MatmulSize[] = [];
    // The budget goes by work: a size twice as large gets eight times the share.
    const weight = (n: number) => (n / MATMUL_N) ** 3;
    let left = GPU_MATMUL_SIZES.reduce((s, n) => s + weight(n), 0);
    let worst = 0;
    let secondsPerFlop = 0;
    for (const n of GPU_MATMUL_SIZES) {
      // A size costs at least two products per layout (warm-up, estimate) whatever the budget:
      // skip it when that alone, predicted from the last size's speed, is far over the budget
      // (a software adapter's 2048² product takes the better part of a minute).
      const floor = 2 * LAYOUTS.length * 2 * n ** 3 * secondsPerFlop;
      if (floor > 2 * timed.budgetS) {
        sizes.push({ n, gflops: null, skipped: `not timed: at the speed of the smaller size a ${n}² product would take about ` +
          `${(floor / 2 / LAYOUTS.length).toFixed(0)} s, and the warm-up and estimate alone ${floor.toFixed(0)} s (budget ${timed.budgetS} s)` });
        continue;
      }
      const { gflops, error } = await timeSize(timed, n, (timed.budgetS * weight(n)) / left);
      left -= weight(n);
      worst = Math.max(worst, error);
      secondsPerFlop = 1 / (1e9 * Math.max(...LAYOUTS.map((l) => gflops[l])));
      sizes.push({ n, gflops });
    }
    const base = sizes.find((s) => s.n === MATMUL_N)!.gflops!;
    notes.push(`results checked: ${CHECKED} sampled entries per size and layout against float64 sums on the host, ` +
      `largest relative error ${worst.toExponential(1)}`);
    for (const s of sizes) if (s.skipped) notes.push(`${s.n}²: ${s.skipped}`);
    return { figures: { ...base, sizes }, notes };
  },

  async mlp(job) {
    return train(job, mlpModel(device().backend), MLP.batch, [784]);
  },

  async cnn(job) {
    return train(job, cnnModel(device().backend), CNN.batch, [CNN.image, CNN.image, 1]);
  },
};

await runPeer('webgpu', peer);
