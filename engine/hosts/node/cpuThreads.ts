/**
 * The Node host's CPU thread pool: worker_threads running cpuWorker.ts (booted through tsx by
 * cpuWorkerBoot.mjs), joined to the engine's ThreadedGemm. Workers are unref'd so a finished
 * CLI run exits without stopping them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installThreadedGemm } from '../../backend/cpu/wasm/kernels';
import { ThreadedGemm, type SpawnCpuWorker } from '../../backend/cpu/threads/ThreadedGemm';

const spawnNodeCpuWorker: SpawnCpuWorker = (init) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./cpuWorkerBoot.mjs', import.meta.url), {
    workerData: init,
    name: `deepwire-cpu-${init.index}`,
  });
  worker.once('message', () => {
    worker.unref();
    resolve({ terminate: () => void worker.terminate() });
  });
  worker.once('error', reject);
});

/**
 * Trains on `threads` CPU threads (default: the machine's core count) from now on; 1 means the
 * calling thread alone. Returns the threads in use (1 where shared memory is unavailable).
 */
export async function startNodeCpuThreads(threads = availableParallelism()): Promise<number> {
  if (threads <= 1) {
    installThreadedGemm(null);
    return 1;
  }
  const pool = await ThreadedGemm.start(threads, spawnNodeCpuWorker);
  installThreadedGemm(pool);
  return pool?.threads ?? 1;
}
