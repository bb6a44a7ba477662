/** Entry of a CPU pool worker thread in Node (see engine/backend/cpu/threads/). */
import { parentPort, workerData } from 'node:worker_threads';
import { cpuWorkerLoop } from '../../backend/cpu/threads/cpuWorker';

cpuWorkerLoop(workerData, () => parentPort!.postMessage('ready'), (e) => console.error('DeepWire CPU worker:', e));
