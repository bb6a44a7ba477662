import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../assets/examples/definitions';
import { protocol, type graph } from '../../../engine';
import { useEditor } from '../store/editorStore';
import { engineFactory } from '../store/trainingStore';
import type { EngineTransport } from '../training/EngineClient';
import { newBatchId, requestFeatures, requestGradCheck, resetLabEnginesForTests, startBatch, type LabRunSpec } from './runner';

/** Engines that are real EngineSessions in this process, behind an asynchronous transport. */
let transports = 0;
function inProcessTransport(): EngineTransport {
  transports++;
  let handler: (d: unknown) => void = () => {};
  let terminated = false;
  const session = new protocol.EngineSession({
    post: (m) => setTimeout(() => !terminated && handler(structuredClone(m)), 0),
    now: () => performance.now(),
    yieldToHost: () => new Promise((r) => setImmediate(r)),
    // Toy sets and Iris are built in; these tests train nothing that needs MNIST.
    sources: () => ({}),
    backend: 'CPU',
    threads: 1,
  });
  return {
    post: (m) => setTimeout(() => !terminated && session.handle(structuredClone(m)), 0),
    onMessage: (h) => (handler = h),
    onFailure: () => {},
    terminate: () => (terminated = true),
  };
}

const saved = { ...engineFactory };
beforeEach(() => {
  transports = 0;
  engineFactory.transport = inProcessTransport;
  engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
  useEditor.getState().load('test', { nodes: [], edges: [] }, []);
});
afterEach(() => {
  resetLabEnginesForTests();
  Object.assign(engineFactory, saved);
});

const example = (name: string, epochs: number): graph.Graph => {
  const g = structuredClone(EXAMPLES.find((e) => e.name === name)!.graph);
  g.nodes.find((n) => n.kind === 'Training')!.params.epochs = epochs;
  return g;
};

function specs(names: readonly string[], epochs: number, options?: LabRunSpec['options']): LabRunSpec[] {
  const batch = newBatchId();
  return names.map((name, i) => ({ graph: example(name, epochs), label: `run ${i + 1}`, lab: { experiment: 'test', batch }, ...(options ? { options } : {}) }));
}

describe('lab runner', () => {
  it('trains a batch one run after another, records each run with its label and lab tag', async () => {
    const seen: number[] = [];
    const arrays = new Set<readonly unknown[]>();
    const batch = startBatch(specs(['perceptron-and', 'xor-mlp', 'perceptron-xor'], 5), {
      onChange: (runs, p) => {
        seen.push(p.done);
        arrays.add(runs);
      },
    });
    const runs = await batch.finished;
    expect(runs.map((r) => r.run.status)).toEqual(['completed', 'completed', 'completed']);
    expect(runs.every((r) => r.run.epochs.length === 5)).toBe(true);
    expect(transports).toBe(1);
    expect(seen.at(-1)).toBe(3);
    // Every change hands over a new array, so a store or React sees it changed.
    expect(arrays.size).toBe(seen.length);
    const records = useEditor.getState().runs;
    expect(records.map((r) => r.label).sort()).toEqual(['run 1', 'run 2', 'run 3']);
    expect(records.every((r) => r.lab?.batch === batch.id && r.lab.experiment === 'test' && r.epochs.length === 5)).toBe(true);
  });

  it('trains in parallel engines when asked, single-threaded unless a trial names its threads', async () => {
    const list = specs(['xor-mlp', 'xor-mlp', 'perceptron-and', 'perceptron-xor'], 4);
    list[3].graph.nodes.find((n) => n.kind === 'Training')!.params.threads = 3;
    const runs = await startBatch(list, { parallel: 2, onChange: () => {} }).finished;
    expect(runs.every((r) => r.run.status === 'completed')).toBe(true);
    expect(transports).toBe(2);
    expect(runs.map((r) => r.run.graph.nodes.find((n) => n.kind === 'Training')!.params.threads)).toEqual([1, 1, 1, 3]);
    expect(useEditor.getState().runs).toHaveLength(4);
  });

  it('cancel stops the run training (recorded as stopped) and drops the queued ones (not recorded)', async () => {
    const list = specs(['xor-mlp', 'xor-mlp', 'xor-mlp'], 100_000);
    let cancelled = false;
    const batch = startBatch(list, {
      onChange: (runs) => {
        if (!cancelled && runs[0].run.epochs.length > 0) {
          cancelled = true;
          batch.cancel();
        }
      },
    });
    const runs = await batch.finished;
    expect(runs.map((r) => r.run.status)).toEqual(['stopped', 'stopped', 'stopped']);
    expect(runs[1].run.info).toBeNull();
    const records = useEditor.getState().runs;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'stopped', label: 'run 1' });
  });

  it('records a run the engine refused as failed with why, and goes on with the next', async () => {
    const list = specs(['xor-mlp', 'perceptron-and'], 3);
    const broken = list[0].graph;
    list[0] = { ...list[0], graph: { ...broken, edges: broken.edges.filter((e) => e.target !== 'loss' || e.targetPort !== 'pred') } };
    const runs = await startBatch(list, { onChange: () => {} }).finished;
    expect(runs.map((r) => r.run.status)).toEqual(['failed', 'completed']);
    expect(runs[0].run.error?.kind).toBe('graph');
    const records = useEditor.getState().runs;
    expect(records.map((r) => [r.label, r.status])).toEqual([['run 1', 'failed'], ['run 2', 'completed']]);
    expect(records[0].error).toBeTruthy();
    expect(transports).toBe(1);
  });

  it('asks the engine that trained a run for its hidden features; refuses a run no engine holds', async () => {
    const [run] = await startBatch(specs(['xor-mlp'], 20), { onChange: () => {} }).finished;
    const f = await requestFeatures(run.run.runId, 'tanh', 6);
    expect(f.units).toBe(4);
    expect(f.values).toHaveLength(4 * 36);
    await expect(requestFeatures('lab-run-nope', 'tanh', 6)).rejects.toThrow(/No lab engine holds run 'lab-run-nope'/);
  });

  it('keeps a search trial off the test split, and checks gradients in a lab engine', async () => {
    const [trial] = await startBatch(specs(['iris-mlp'], 3, { evaluateTest: false }), { onChange: () => {} }).finished;
    expect(trial.run.test).toBeNull();
    expect(useEditor.getState().runs[0].test).toBeUndefined();
    expect(trial.run.epochs.at(-1)!.valAccuracy).toBeGreaterThan(0);
    const check = await requestGradCheck(example('xor-mlp', 1));
    expect(check.tensors).toHaveLength(4);
    expect(check.tensors.every((t) => t.pass)).toBe(true);
  });
});
