/**
 * Which backends exist and which one new tensors go to. The CPU backend is always present;
 * others (WebGPU) register themselves from their hosts.
 */
import { ArgumentError } from '../core/errors';
import type { Backend } from './backend';
import { createCpuBackend } from './cpu/CpuBackend';

const backends = new Map<string, Backend>([['cpu', createCpuBackend()]]);
let current: Backend = backends.get('cpu')!;

/** Makes a backend available under its name (replacing one of the same name). */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/** The backend called `name`, or the current default. */
export function getBackend(name?: string): Backend {
  if (name === undefined) return current;
  const b = backends.get(name);
  if (!b) throw new ArgumentError(`Unknown backend '${name}'; available: ${[...backends.keys()].join(', ')}`);
  return b;
}

/** Sets the backend new tensors are created on; returns the previous one. */
export function setBackend(name: string): Backend {
  const previous = current;
  current = getBackend(name);
  return previous;
}
