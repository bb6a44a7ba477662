import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tensor, noGrad } from '../ops';
import { logicGate } from '../data/toy';
import { accuracy } from '../nn/metrics';
import { backward } from '../ops';
import { compileGraph, GraphError } from './compile';
import { makeGraph } from './makeGraph';
import { defineNode, listNodeDefs } from './registry';
import { formatSymShape } from './types';
import { validateGraph } from './validate';

const mnistMlp = () => makeGraph([
  ['data', 'Dataset', { source: 'mnist' }],
  ['flat', 'Flatten'],
  ['h1', 'Dense', { units: 100 }],
  ['r1', 'ReLU'],
  ['out', 'Dense', { units: 10 }],
  ['sm', 'Softmax'],
  ['ce', 'CrossEntropy'],
  ['adam', 'Adam'],
  ['train', 'Training'],
], ['data.x -> flat.x', 'flat.y -> h1.x', 'h1.y -> r1.x', 'r1.y -> out.x', 'out.y -> sm.x', 'sm.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> adam.loss']);

const codes = (g: ReturnType<typeof makeGraph>) => validateGraph(g).problems.map((p) => `${p.severity}:${p.code}:${p.nodeId ?? p.edgeId ?? ''}`);

describe('node registry', () => {
  it('declares every kind the engine offers, each once, and refuses duplicates', () => {
    const ids = listNodeDefs().map((d) => d.id);
    for (const k of ['Dataset', 'Dense', 'Conv2D', 'MaxPool2D', 'AvgPool2D', 'Flatten', 'Reshape', 'BatchNorm', 'Dropout', 'Add', 'Concat',
      'Step', 'Sigmoid', 'Tanh', 'ReLU', 'LeakyReLU', 'Softmax', 'Identity', 'MSE', 'CrossEntropy', 'BinaryCrossEntropy',
      'SGD', 'Momentum', 'AdaGrad', 'RMSProp', 'Adam', 'Perceptron', 'Training']) {
      expect(ids).toContain(k);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => defineNode({ id: 'Dense', category: 'Layer', params: z.object({}), inputs: [], outputs: [], infer: () => ({}) }))
      .toThrow(/already defined/);
  });
});

describe('validation and shape inference', () => {
  it('gives every edge its shape: (batch, 28, 28, 1) → (batch, 784) → (batch, 100) …', () => {
    const v = validateGraph(mnistMlp());
    expect(v.ok).toBe(true);
    const label = (id: string) => { const x = v.edgeValues.get(id)!; return x.type === 'tensor' ? formatSymShape(x.shape) : x.type; };
    expect(label('e1')).toBe('(batch, 28, 28, 1)');
    expect(label('e2')).toBe('(batch, 784)');
    expect(label('e3')).toBe('(batch, 100)');
    expect(label('e5')).toBe('(batch, 10)');
    expect(v.problems).toEqual([]);
  });

  it('reports every problem at once, each on its node or edge', () => {
    const g = makeGraph([
      ['data', 'Dataset', { source: 'mnist' }],
      ['h1', 'Dense', { units: 0 }],
      ['h2', 'Dense', { units: 10 }],
      ['ce', 'CrossEntropy'],
      ['lonely', 'ReLU'],
    ], ['data.x -> h2.x', 'h2.y -> ce.pred', 'data.y -> ce.y']);
    const v = validateGraph(g);
    expect(v.ok).toBe(false);
    const list = codes(g);
    expect(list).toContain('error:param:h1');
    expect(list).toContain('error:shape:h2');
    expect(list).toContain('error:no-optimizer:');
    expect(list).toContain('error:missing-input:lonely');
    expect(list).toContain('warning:no-training:');
    const shape = v.problems.find((p) => p.nodeId === 'h2')!;
    expect(shape.message).toMatch(/expects \(batch, features\), got \(batch, 28, 28, 1\) — add Flatten/);
  });

  it('finds cycles, refuses a second wire into a single input, and flags unused nodes', () => {
    const g = makeGraph([
      ['data', 'Dataset'], ['a', 'Dense', { units: 2 }], ['b', 'Dense', { units: 2 }], ['c', 'Tanh'],
      ['out', 'Dense', { units: 2 }], ['ce', 'CrossEntropy'], ['sgd', 'SGD'], ['spare', 'Dense'],
    ], ['data.x -> out.x', 'out.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> sgd.loss',
      'a.y -> b.x', 'b.y -> c.x', 'c.y -> a.x', 'data.x -> out.x']);
    const list = codes(g);
    expect(list).toEqual(expect.arrayContaining(['error:cycle:a', 'error:cycle:b', 'error:cycle:c', 'error:fan-in:out', 'error:missing-input:spare']));
    expect(list.some((c) => c.startsWith('warning:unused:'))).toBe(false); // nodes with errors are not also "unused"
    const g2 = makeGraph([['data', 'Dataset'], ['out', 'Dense', { units: 2 }], ['ce', 'CrossEntropy'], ['sgd', 'SGD'], ['extra', 'Dense', { units: 3 }]],
      ['data.x -> out.x', 'out.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> sgd.loss', 'data.x -> extra.x']);
    expect(codes(g2)).toContain('warning:unused:extra');
  });

  it('a loss that does not fit the output is an error that says what to do', () => {
    const g = makeGraph([['data', 'Dataset', { source: 'xor' }], ['out', 'Dense', { units: 1 }], ['sm', 'Softmax'], ['ce', 'CrossEntropy'], ['sgd', 'SGD']],
      ['data.x -> out.x', 'out.y -> sm.x', 'sm.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> sgd.loss']);
    const p = validateGraph(g).problems.find((x) => x.code === 'loss-mismatch')!;
    expect(p.nodeId).toBe('ce');
    expect(p.message).toMatch(/1-unit output.*2 output units/);
  });

  it('refuses wiring a target into a layer (port types)', () => {
    const g = makeGraph([['data', 'Dataset'], ['out', 'Dense', { units: 2 }]], ['data.y -> out.x']);
    expect(codes(g)).toContain('error:port-type:out');
  });

  it('warns that a step function behind weights cannot learn by backprop', () => {
    const g = makeGraph([['data', 'Dataset', { source: 'and' }], ['d', 'Dense', { units: 1 }], ['s', 'Step'], ['mse', 'MSE'], ['sgd', 'SGD']],
      ['data.x -> d.x', 'd.y -> s.x', 's.y -> mse.pred', 'data.y -> mse.y', 'mse.loss -> sgd.loss']);
    expect(codes(g)).toContain('warning:zero-gradient:s');
    g.nodes[4].kind = 'Perceptron';
    expect(codes(g)).not.toContain('warning:zero-gradient:s');
  });
});

describe('compile', () => {
  it('builds the network; skip connections with Add and Concat work and train', () => {
    const g = makeGraph([
      ['data', 'Dataset', { source: 'xor' }], ['a', 'Dense', { units: 8, init: 'xavierNormal' }], ['ta', 'Tanh'],
      ['b', 'Dense', { units: 8, init: 'xavierNormal' }], ['tb', 'Tanh'], ['sum', 'Add'], ['cat', 'Concat'],
      ['out', 'Dense', { units: 2, init: 'xavierNormal' }], ['sm', 'Softmax'], ['ce', 'CrossEntropy'], ['adam', 'Adam', { learningRate: 0.05 }],
      ['train', 'Training', { seed: 3 }],
    ], ['data.x -> a.x', 'a.y -> ta.x', 'ta.y -> b.x', 'b.y -> tb.x', 'ta.y -> sum.x', 'tb.y -> sum.x', 'sum.y -> cat.x', 'ta.y -> cat.x',
      'cat.y -> out.x', 'out.y -> sm.x', 'sm.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> adam.loss']);
    const c = compileGraph(g);
    expect(c.model.lossInputNode).toBe('out'); // fused with the softmax
    expect(c.model.predictionNode).toBe('sm');
    expect(c.model.parameterCount()).toBe((2 * 8 + 8) + (8 * 8 + 8) + (16 * 2 + 2));
    const d = logicGate('xor');
    const x = tensor(d.x, [4, 2]);
    const y = tensor(d.y, [4]);
    for (let i = 0; i < 300; i++) {
      const out = c.model.train().forward(x);
      backward(c.loss(out.lossInput, y));
      c.optimizer.step(c.model.parameters());
    }
    const pred = noGrad(() => c.model.eval().forward(x).prediction);
    expect(accuracy(pred, y)).toBe(1);
    const row = pred.dataSync();
    expect(row[0] + row[1]).toBeCloseTo(1, 5); // the prediction is the softmax's output
  });

  it('throws a GraphError listing every error as `node <id> (<kind>): <message>`', () => {
    const g = makeGraph([['data', 'Dataset', { source: 'mnist' }], ['h', 'Dense'], ['ce', 'CrossEntropy']], ['data.x -> h.x', 'h.y -> ce.pred', 'data.y -> ce.y']);
    expect(() => compileGraph(g)).toThrow(GraphError);
    expect(() => compileGraph(g)).toThrow(/node h \(Dense\): expects \(batch, features\)/);
  });

  it('same seed, same initial weights; the Training node seed can be overridden', () => {
    const w = (seed?: number) => [...compileGraph(mnistMlp(), { seed }).model.parameters()[0].value.dataSync().slice(0, 5)];
    expect(w()).toEqual(w());
    expect(w(5)).toEqual(w(5));
    expect(w(5)).not.toEqual(w(6));
  });
});

describe('parameter visibility', () => {
  it('shows a Dataset parameter only for the sources that read it, λ only with a regulariser', async () => {
    const { getNodeDef, isParamVisible } = await import('./registry');
    const ds = getNodeDef('Dataset')!;
    expect(isParamVisible(ds, 'classes', { source: 'spirals' })).toBe(true);
    expect(isParamVisible(ds, 'classes', { source: 'moons' })).toBe(false);
    expect(isParamVisible(ds, 'factor', { source: 'circles' })).toBe(true);
    expect(isParamVisible(ds, 'limit', { source: 'mnist' })).toBe(true);
    expect(isParamVisible(ds, 'limit', { source: 'xor' })).toBe(false);
    expect(isParamVisible(ds, 'source', { source: 'xor' })).toBe(true);
    const dense = getNodeDef('Dense')!;
    expect(isParamVisible(dense, 'lambda', { regularizer: 'none' })).toBe(false);
    expect(isParamVisible(dense, 'lambda', { regularizer: 'l2' })).toBe(true);
  });
});

describe('parameter counts', () => {
  it('match the compiled model, per node', () => {
    const g = makeGraph([
      ['data', 'Dataset', { source: 'mnist' }], ['c', 'Conv2D', { filters: 8, kernelSize: 3 }], ['bn', 'BatchNorm'], ['f', 'Flatten'],
      ['d', 'Dense', { units: 10 }], ['ce', 'CrossEntropy'], ['sgd', 'SGD'],
    ], ['data.x -> c.x', 'c.y -> bn.x', 'bn.y -> f.x', 'f.y -> d.x', 'd.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> sgd.loss']);
    const v = validateGraph(g);
    expect(v.paramCounts.get('c')).toBe(3 * 3 * 1 * 8 + 8);
    expect(v.paramCounts.get('bn')).toBe(16);
    expect(v.paramCounts.get('d')).toBe(28 * 28 * 8 * 10 + 10);
    const layers = compileGraph(g).model.layers();
    for (const [id, n] of v.paramCounts) expect(layers.get(id)!.parameterCount(), id).toBe(n);
  });
});
