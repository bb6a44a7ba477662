import { describe, expect, it } from 'vitest';
import { compileGraph } from '../graph/compile';
import { makeGraph } from '../graph/makeGraph';
import { prepareData } from './prepareData';
import { Trainer, TrainingDivergedError, type TrainEvent } from './Trainer';

function classifier(source: string, opts: { units?: number; lr?: number; epochs?: number; optimizer?: string; seed?: number; batchSize?: number; extra?: Record<string, unknown> } = {}) {
  return makeGraph([
    ['data', 'Dataset', { source, ...opts.extra }],
    ['h', 'Dense', { units: opts.units ?? 16, init: 'xavierNormal' }],
    ['act', 'Tanh'],
    ['out', 'Dense', { units: source === 'spirals' ? 3 : 2, init: 'xavierNormal' }],
    ['sm', 'Softmax'],
    ['ce', 'CrossEntropy'],
    ['opt', opts.optimizer ?? 'Adam', { learningRate: opts.lr ?? 0.05 }],
    ['train', 'Training', { epochs: opts.epochs ?? 50, batchSize: opts.batchSize ?? 16, seed: opts.seed ?? 1 }],
  ], ['data.x -> h.x', 'h.y -> act.x', 'act.y -> out.x', 'out.y -> sm.x', 'sm.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> opt.loss']);
}

async function train(graph: ReturnType<typeof makeGraph>, options: ConstructorParameters<typeof Trainer>[2] = {}) {
  const compiled = compileGraph(graph);
  const trainer = new Trainer(compiled, await prepareData(compiled), options);
  return { trainer, compiled, result: await trainer.run() };
}

describe('Trainer', () => {
  it('learns XOR to 100% and reports epochs, progress and a final test', async () => {
    const events: TrainEvent[] = [];
    const { result } = await train(classifier('xor', { epochs: 300, batchSize: 4 }), { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('completed');
    expect(result.test?.accuracy).toBe(1);
    expect(result.epochs).toHaveLength(300);
    expect(events[0]).toMatchObject({ type: 'start', epochs: 300, batchesPerEpoch: 1, trainSamples: 4 });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(300);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'completed', testAccuracy: 1 });
    const etas = events.flatMap((e) => (e.type === 'batch' ? [e.etaSeconds] : []));
    expect(etas.at(-1)).toBeCloseTo(0, 6);
  });

  it('learns moons with validation metrics each epoch, held-out test accuracy above 95%', async () => {
    const { result } = await train(classifier('moons', { epochs: 60, extra: { samples: 400, noise: 0.1 } }));
    const last = result.epochs.at(-1)!;
    expect(last.valAccuracy).toBeGreaterThan(0.95);
    expect(result.test!.accuracy).toBeGreaterThan(0.95);
    expect(last.loss).toBeLessThan(result.epochs[0].loss);
  });

  it('never evaluates the test split when evaluateTest is false; validation metrics still come each epoch', async () => {
    const events: TrainEvent[] = [];
    const graph = classifier('moons', { epochs: 3, extra: { samples: 200, noise: 0.1 } });
    const { trainer, result } = await train(graph, { evaluateTest: false, onEvent: (e) => events.push(e) });
    expect(result.status).toBe('completed');
    expect(result.test).toBeUndefined();
    expect(events.at(-1)).not.toHaveProperty('testLoss');
    expect(trainer.data.splits.test.length).toBeGreaterThan(0);
    expect(result.epochs.map((e) => e.valAccuracy !== undefined)).toEqual([true, true, true]);
  });

  it('same seed, same run; another seed, another run', async () => {
    const losses = async (seed: number) => (await train(classifier('spirals', { epochs: 3, seed }))).result.epochs.map((e) => e.loss);
    expect(await losses(4)).toEqual(await losses(4));
    expect(await losses(4)).not.toEqual(await losses(5));
  });

  it('stops with a clear error naming epoch and batch when the loss diverges', async () => {
    const g = makeGraph([
      ['data', 'Dataset', { source: 'circles', samples: 200 }], ['h', 'Dense', { units: 32, init: 'normal1' }], ['r', 'ReLU'],
      ['h2', 'Dense', { units: 32, init: 'normal1' }], ['r2', 'ReLU'], ['out', 'Dense', { units: 2, init: 'normal1' }],
      ['mse', 'MSE'], ['sgd', 'SGD', { learningRate: 50 }], ['train', 'Training', { epochs: 20, batchSize: 8 }],
    ], ['data.x -> h.x', 'h.y -> r.x', 'r.y -> h2.x', 'h2.y -> r2.x', 'r2.y -> out.x', 'out.y -> mse.pred', 'data.y -> mse.y', 'mse.loss -> sgd.loss']);
    const err = await train(g).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingDivergedError);
    const d = err as TrainingDivergedError;
    expect(d.message).toMatch(new RegExp(`epoch ${d.epoch}, batch ${d.batch}: the loss became (NaN|Infinity)`));
    expect(d.epoch).toBeGreaterThanOrEqual(1);
  });

  it('pauses, resumes and stops between batches', async () => {
    const compiled = compileGraph(classifier('spirals', { epochs: 100 }));
    const events: TrainEvent[] = [];
    let batches = 0;
    const trainer: Trainer = new Trainer(compiled, await prepareData(compiled), {
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'batch' && ++batches === 5) {
          trainer.pause();
          setTimeout(() => {
            expect(batches).toBe(5); // nothing ran while paused
            trainer.resume();
          }, 20);
        }
        if (e.type === 'epoch' && e.epoch === 2) trainer.stop();
      },
    });
    const result = await trainer.run();
    expect(result.status).toBe('stopped');
    expect(result.epochs).toHaveLength(2);
    expect(result.test).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['paused', 'resumed']));
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'stopped' });
  });

  it('probes weights, activations and gradients per layer at the requested rate', async () => {
    const probes: Extract<TrainEvent, { type: 'probe' }>[] = [];
    const { compiled } = await train(classifier('spirals', { epochs: 2, batchSize: 30 }), {
      probeEvery: 4, probeBins: 10, onEvent: (e) => e.type === 'probe' && probes.push(e),
    });
    // 300 samples − 20% test − 20% validation = 180 → 6 batches per epoch → probes at 4, 8, 12.
    expect(probes.map((p) => [p.epoch, p.batch])).toEqual([[1, 4], [2, 2], [2, 6]]);
    const h = probes[0].layers.find((l) => l.nodeId === 'h')!;
    expect(h.weights.kernel.count).toBe(2 * 16);
    expect(h.weights.kernel.bins).toHaveLength(10);
    expect(h.gradients.kernel.count).toBe(2 * 16);
    expect(h.gradients.kernel.std).toBeGreaterThan(0);
    const act = probes[0].layers.find((l) => l.nodeId === 'act')!;
    expect(act.activations.count).toBe(60 * 16); // the validation set (60 samples) × 16 units
    expect(act.activations.min).toBeGreaterThanOrEqual(-1);
    expect(act.activations.max).toBeLessThanOrEqual(1);
    expect(Object.keys(act.weights)).toEqual([]);
    expect(compiled.model.steps.map((s) => s.nodeId)).toEqual(['h', 'act', 'out', 'sm']);
  });
});
