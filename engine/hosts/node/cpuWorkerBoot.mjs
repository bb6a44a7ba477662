// Boots a CPU pool worker thread: registers tsx's TypeScript loader in this thread (loaders
// given to the parent do not reach workers reliably), then runs the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./cpuWorker.ts');
