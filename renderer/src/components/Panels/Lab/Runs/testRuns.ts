/** Lab runs for the tests: a spec and a LiveRun with the epochs, status and test given. */
import type { graph, protocol } from '../../../../../../engine';
import type { LabRun } from '../../../../lab/runner';
import { newRun, type LiveRun } from '../../../../training/liveRun';

const GRAPH: graph.Graph = { nodes: [{ id: 'training', kind: 'Training', position: { x: 0, y: 0 }, params: { epochs: 12 } }], edges: [] };

export function fakeRun(label: string, patch: Partial<LiveRun> & { epochs?: protocol.EpochInfo[] } = {}, g: graph.Graph = GRAPH): LabRun {
  const run = newRun(`run-${label}`, g, new Date('2025-01-01T00:00:00Z'));
  const { epochs, ...rest } = patch;
  if (epochs) run.epochs.push(...epochs);
  return { spec: { graph: g, label, lab: { experiment: 'test', batch: 'b' } }, run: { ...run, ...rest } };
}

/** An epoch with the numbers given (seconds 1). */
export const epoch = (n: number, loss: number, accuracy?: number, valAccuracy?: number): protocol.EpochInfo =>
  ({ epoch: n, loss, seconds: 1, samplesPerSec: 100, ...(accuracy !== undefined ? { accuracy } : {}), ...(valAccuracy !== undefined ? { valAccuracy } : {}) });
