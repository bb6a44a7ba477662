/**
 * What a CPU pool worker runs: it instantiates the pool's kernel module on the shared memory,
 * says it is ready, then blocks on the generation counter and runs its band of each product the
 * caller dispatches (ThreadedGemm.ts) until told to quit. Host-neutral: the Node and browser
 * hosts only deliver `init` and relay `ready`.
 */
import type { BlockKernel } from '../wasm/blocked';
import { wasm } from '../wasm/wasmApi';
import { CONTROL, poolLayout, readJob, runJob, SPIN, type CpuWorkerInit } from './ThreadedGemm';


/** Runs the worker loop; returns only when the pool is terminated. */
export function cpuWorkerLoop(init: CpuWorkerInit, ready: () => void, report: (error: unknown) => void): void {
  const instance = new wasm!.Instance(init.module, { env: { memory: init.memory } });
  const block = instance.exports.block as BlockKernel;
  const ctrl = new Int32Array(init.memory.buffer, 0, 64);
  const pack = poolLayout(init.shape, init.threads).packAt(init.index);
  let view = new Float32Array(init.memory.buffer);
  let gen = Atomics.load(ctrl, CONTROL.GEN);
  ready();
  for (;;) {
    // Products of a training step come in quick succession: spin a little before sleeping, as a
    // futex wake-up costs tens of microseconds (more in a VM).
    for (let spin = 0; spin < SPIN && Atomics.load(ctrl, CONTROL.GEN) === gen; spin++);
    Atomics.wait(ctrl, CONTROL.GEN, gen);
    const now = Atomics.load(ctrl, CONTROL.GEN);
    if (now === gen) continue;
    gen = now;
    if (Atomics.load(ctrl, CONTROL.QUIT) !== 0) return;
    // The caller may have grown the memory since the last job.
    if (view.buffer.byteLength !== init.memory.buffer.byteLength) view = new Float32Array(init.memory.buffer);
    try {
      runJob(view, block, init.shape, pack, readJob(ctrl, init.index - 1));
    } catch (e) {
      Atomics.store(ctrl, CONTROL.ERROR, 1);
      report(e);
    }
    if (Atomics.sub(ctrl, CONTROL.PENDING, 1) === 1) Atomics.notify(ctrl, CONTROL.PENDING);
  }
}
