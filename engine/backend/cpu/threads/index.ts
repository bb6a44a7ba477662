/** The CPU backend's threads and kernels, as hosts see them (start a pool, run a worker, report). */
export { ThreadedGemm, type CpuWorkerHandle, type CpuWorkerInit, type SpawnCpuWorker } from './ThreadedGemm';
export { cpuWorkerLoop } from './cpuWorker';
export { cpuKernelName, cpuThreads, installThreadedGemm, setSimdEnabled } from '../wasm/kernels';
export { gemmClock } from '../wasm/blocked';
