/**
 * A CPU pool thread of the browser build: started by the engine worker, it joins the pool's
 * shared memory and runs its band of each matrix product (engine: backend/cpu/threads).
 */
import { cpu } from '../../../engine';

const scope = self as unknown as { onmessage: ((e: MessageEvent<cpu.CpuWorkerInit>) => void) | null; postMessage(m: unknown): void };

scope.onmessage = (e) => {
  scope.onmessage = null;
  cpu.cpuWorkerLoop(e.data, () => scope.postMessage('ready'), (error) => console.error('DeepWire CPU worker:', error));
};
