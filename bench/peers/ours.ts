/**
 * DeepWire's engine as a benchmark runner, through its public entry only.
 *
 * The models are `nn` layers in a Sequential trained by `nn.trainStep` (forward, loss, backward,
 * Adam, loss read back): the step the editor's Trainer runs, minus its data pipeline and
 * metrics. Matmul is `ops.matmul` with the transpose flags backprop passes (dx = dy·Wᵀ is
 * `transB`, dW = xᵀ·dy is `transA`), so it times the kernel on the stored operands, never a
 * transposed copy.
 *
 * Threads: the Node host's CPU thread pool (engine/hosts/node/cpuThreads.ts), as the CLI starts
 * it; the float32 matrix products (matmul and the convolutions' GEMMs) are split across it.
 */
import { cpu, nn, ops, type Tensor } from '../../engine';
import { startNodeCpuThreads } from '../../engine/hosts/node/cpuThreads';
import { batchTensors, cnnModel, mlpModel } from './models';
import { runPeer, timeMatmul, timeTraining, type CaseOutput, type Peer } from '../cases/harness';
import { ADAM, CNN, MATMUL_N, MLP, SEED, type Job } from '../cases/spec';
import { uniforms } from '../cases/synthetic';

let threadNote = '';

async function train(job: Job, model: nn.Sequential, batch: number, imageShape: readonly number[]): Promise<CaseOutput> {
  const { xs, ys } = batchTensors(batch, imageShape);
  const optimizer = new nn.Adam(ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.eps);
  const loss = (pred: Tensor, target: Tensor) => nn.crossEntropy(pred, target);
  // Which share of a step the float32 GEMMs take — the part the thread pool splits — so the
  // report can state Amdahl's bound on what more threads can give.
  let stepMs = 0;
  const gemmStart = cpu.gemmClock.ms;
  const out = await timeTraining(job, batch, (b) => {
    const i = b % xs.length;
    const start = performance.now();
    const value = nn.trainStep(model, loss, optimizer, xs[i], ys[i]).loss;
    stepMs += performance.now() - start;
    return value;
  });
  const share = (cpu.gemmClock.ms - gemmStart) / stepMs;
  const threads = cpu.cpuThreads();
  const bound = (t: number) => 1 / (1 - share + share / t);
  const amdahl = `float32 GEMMs (split over the threads) took ${(share * 100).toFixed(0)}% of a step's time on ${threads} thread(s)` +
    (threads === 1 ? `; Amdahl's bound for 2 threads if only they are split: ${bound(2).toFixed(2)}×` : '');
  return { ...out, notes: [...out.notes, amdahl, ...(threadNote ? [threadNote] : [])] };
}

const peer: Peer = {
  async setup(job) {
    const granted = await startNodeCpuThreads(job.threads);
    if (granted < job.threads) threadNote = `ran on ${granted} thread(s), not ${job.threads}: no shared WebAssembly memory`;
    return {
      library: `engine/index.ts (this checkout), ${cpu.cpuKernelName()}`,
      threads: String(granted),
      threadSetting: `startNodeCpuThreads(${job.threads})`,
    };
  },

  async matmul(job) {
    const a = ops.tensor(uniforms(MATMUL_N * MATMUL_N, SEED.matA), [MATMUL_N, MATMUL_N]);
    const b = ops.tensor(uniforms(MATMUL_N * MATMUL_N, SEED.matB), [MATMUL_N, MATMUL_N]);
    const out = await timeMatmul(job, (layout) => {
      ops.matmul(a, b, { transA: layout === 'TN', transB: layout === 'NT' });
    });
    return { ...out, notes: threadNote ? [threadNote] : [] };
  },

  async mlp(job) {
    return train(job, mlpModel(), MLP.batch, [784]);
  },

  async cnn(job) {
    return train(job, cnnModel(), CNN.batch, [CNN.image, CNN.image, 1]);
  },
};

await runPeer('ours', peer);
