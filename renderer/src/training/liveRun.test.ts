import { describe, expect, it } from 'vitest';
import type { graph, protocol } from '../../../engine';
import { applyMessage, failRun, graphKey, isActive, MAX_PROBES, newRun } from './liveRun';

const g: graph.Graph = {
  nodes: [
    { id: 'data', kind: 'Dataset', position: { x: 0, y: 0 }, params: { source: 'xor', noise: 0 } },
    { id: 'dense', kind: 'Dense', position: { x: 100, y: 0 }, params: { units: 4 } },
  ],
  edges: [{ id: 'e1', source: 'data', sourcePort: 'x', target: 'dense', targetPort: 'x' }],
};

const start = (runId: string): protocol.RunStart => ({
  type: 'run-start', runId, epochs: 3, batchesPerEpoch: 4, trainSamples: 16, validationSamples: 0, testSamples: 4, testIsTrain: false,
  parameters: 10, task: 'classification', classes: 2, featureShape: [2], layers: [], backend: 'CPU', threads: 1,
});
const update = (runId: string, firstBatch: number, losses: number[], extra: Partial<protocol.Update> = {}): protocol.Update => ({
  type: 'update', runId, epoch: 1, batch: 2, batches: 4, samplesPerSec: 100, etaSeconds: 1, firstBatch,
  batchLosses: Float32Array.from(losses), epochs: [], ...extra,
});
const hist = { min: 0, max: 1, mean: 0.5, std: 0.1, count: 1, nonFinite: 0, bins: new Uint32Array(2) };

describe('graphKey', () => {
  it('ignores positions, labels and order, not parameters or wires', () => {
    const moved = structuredClone(g);
    moved.nodes.reverse();
    moved.nodes[0].position = { x: 999, y: 1 };
    moved.nodes[1].label = 'my data';
    moved.nodes[1].params = { noise: 0, source: 'xor' };
    expect(graphKey(moved)).toBe(graphKey(g));
    const changed = structuredClone(g);
    changed.nodes[1].params = { units: 5 };
    expect(graphKey(changed)).not.toBe(graphKey(g));
    const rewired = structuredClone(g);
    rewired.edges[0].sourcePort = 'y';
    expect(graphKey(rewired)).not.toBe(graphKey(g));
  });
});

describe('applyMessage', () => {
  it('folds a run\'s messages into the run and ignores other runs', () => {
    let run = newRun('r1', g);
    expect(isActive(run)).toBe(true);
    run = applyMessage(run, start('r1'));
    expect(run.status).toBe('running');
    const before = run;
    expect(applyMessage(run, update('other', 0, [1]))).toBe(before);
    run = applyMessage(run, update('r1', 0, [0.9, 0.8]));
    run = applyMessage(run, update('r1', 2, [0.7, 0.6, 0.5], {
      epochs: [{ epoch: 1, loss: 0.75, accuracy: 0.5, seconds: 0.1, samplesPerSec: 160 }],
      probe: { epoch: 2, batch: 1, layers: [{ nodeId: 'dense', activations: hist, weights: {}, gradients: {} }] },
    }));
    // x is the position in epochs: batch k (from 1) of 4 per epoch ends at k/4.
    expect(run.batchX).toEqual([0.25, 0.5, 0.75, 1, 1.25]);
    expect(run.batchLoss.map((v) => Math.round(v * 10) / 10)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(run.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(run.probes).toHaveLength(1);
    expect(run.version).toBeGreaterThan(before.version);
    run = applyMessage(run, { type: 'paused', runId: 'r1' });
    expect(run.status).toBe('paused');
    run = applyMessage(run, { type: 'resumed', runId: 'r1' });
    expect(run.status).toBe('running');
    run = applyMessage(run, { type: 'done', runId: 'r1', status: 'completed', seconds: 2, test: { loss: 0.1, accuracy: 1 }, confusion: { classes: 2, counts: new Uint32Array([2, 0, 0, 2]) }, weights: [] });
    expect(run).toMatchObject({ status: 'completed', test: { accuracy: 1 }, seconds: 2 });
    expect(isActive(run)).toBe(false);
    // A finished run is not failed after the fact (the engine dying later is not its failure).
    expect(failRun(run, { name: 'E', message: 'gone', kind: 'internal' })).toBe(run);
  });

  it('keeps at most MAX_PROBES probes, thinning the oldest', () => {
    let run = applyMessage(newRun('r', g), start('r'));
    for (let i = 0; i < MAX_PROBES * 3; i++) {
      run = applyMessage(run, update('r', i, [1], { probe: { epoch: 1, batch: i, layers: [] } }));
    }
    expect(run.probes.length).toBeLessThanOrEqual(MAX_PROBES);
    const batches = run.probes.map((p) => p.batch);
    expect(batches.at(-1)).toBe(MAX_PROBES * 3 - 1);
    expect([...batches].sort((a, b) => a - b)).toEqual(batches);
  });

  it('marks a run failed with the engine\'s error', () => {
    const run = applyMessage(applyMessage(newRun('r', g), start('r')), { type: 'error', runId: 'r', error: { name: 'TrainingDivergedError', message: 'diverged', kind: 'diverged' } });
    expect(run).toMatchObject({ status: 'failed', error: { kind: 'diverged' } });
  });
});
