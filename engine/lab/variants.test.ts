import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import { compileGraph } from '../graph/compile';
import type { Graph } from '../graph/schema';
import { validateGraph } from '../graph/validate';
import {
  bypassNode, setParam, toggleableNodes, withActivation, withBatchNorm, withDataset, withDropout, withInit, withTraining, withWeightDecay,
} from './variants';

const NAMES = ['mnist-mlp', 'mnist-mlp-batchnorm', 'mnist-overfit', 'mnist-dropout-l2', 'xor-mlp', 'spiral-mlp'] as const;

const example = (name: string): Graph => {
  const ex = EXAMPLES.find((e) => e.name === name);
  if (!ex) throw new Error(`no example '${name}'`);
  return JSON.parse(JSON.stringify(ex.graph)) as Graph;
};

/** The node ids from the data node to the loss, following the data's x and each node's y. */
function chainIds(g: Graph): string[] {
  const data = g.nodes.find((n) => n.kind === 'Dataset')!;
  const ids: string[] = [];
  let edge = g.edges.find((e) => e.source === data.id && e.sourcePort === 'x');
  while (edge) {
    const target = g.nodes.find((n) => n.id === edge!.target)!;
    if (target.kind === 'CrossEntropy' || target.kind === 'MSE') break;
    ids.push(target.id);
    const outgoing = g.edges.filter((e) => e.source === target.id && e.sourcePort === 'y');
    expect(outgoing.length, `${target.id} feeds one node`).toBeLessThanOrEqual(1);
    edge = outgoing[0];
  }
  return ids;
}
const chainKinds = (g: Graph) => chainIds(g).map((id) => g.nodes.find((n) => n.id === id)!.kind);
const count = (g: Graph, kind: string) => g.nodes.filter((n) => n.kind === kind).length;
const training = (g: Graph) => g.nodes.find((n) => n.kind === 'Training')!;

/** The variant compiles, has unique node and edge ids, keeps the seed, and left the input as it was. */
function checkVariant(input: Graph, before: string, variant: Graph, what: string): void {
  expect(JSON.stringify(input), `${what}: input unchanged`).toBe(before);
  expect(() => compileGraph(variant), what).not.toThrow();
  expect(new Set(variant.nodes.map((n) => n.id)).size, `${what}: unique node ids`).toBe(variant.nodes.length);
  expect(new Set(variant.edges.map((e) => e.id)).size, `${what}: unique edge ids`).toBe(variant.edges.length);
  expect(training(variant).params.seed, `${what}: seed kept`).toBe(training(input).params.seed);
}

describe('variants on the examples', () => {
  for (const name of NAMES) {
    it(`${name}: every variant compiles, with the expected nodes`, () => {
      const g = example(name);
      const before = JSON.stringify(g);
      const nodes = g.nodes.length;
      const weightLayers = count(g, 'Dense') + count(g, 'Conv2D');
      const hidden = weightLayers - 1; // each example has one output layer
      const bn = count(g, 'BatchNorm');
      const drop = count(g, 'Dropout');
      const hiddenActs = chainKinds(g).filter((k) => ['ReLU', 'Tanh', 'Sigmoid'].includes(k)).length;

      const bnOn = withBatchNorm(g, true);
      checkVariant(g, before, bnOn, `${name} bn on`);
      expect(count(bnOn, 'BatchNorm')).toBe(hidden);
      expect(bnOn.nodes.length).toBe(nodes + hidden - bn);
      const bnOff = withBatchNorm(g, false);
      checkVariant(g, before, bnOff, `${name} bn off`);
      expect(count(bnOff, 'BatchNorm')).toBe(0);
      expect(bnOff.nodes.length).toBe(nodes - bn);

      const dropOn = withDropout(g, 0.3);
      checkVariant(g, before, dropOn, `${name} dropout 0.3`);
      expect(count(dropOn, 'Dropout')).toBe(hiddenActs);
      expect(dropOn.nodes.filter((n) => n.kind === 'Dropout').every((n) => n.params.rate === 0.3)).toBe(true);
      const dropOff = withDropout(g, 0);
      checkVariant(g, before, dropOff, `${name} dropout 0`);
      expect(count(dropOff, 'Dropout')).toBe(0);
      expect(dropOff.nodes.length).toBe(nodes - drop);

      for (const [what, variant] of [
        ['weight decay', withWeightDecay(g, 1e-4)], ['no weight decay', withWeightDecay(g, 0)], ['init', withInit(g, 'xavierNormal')],
        ['sigmoid', withActivation(g, 'Sigmoid')], ['training', withTraining(g, { epochs: 2, batchSize: 16 })],
        ['dataset', withDataset(g, { limit: 100 })],
      ] as const) {
        checkVariant(g, before, variant, `${name} ${what}`);
        expect(variant.nodes.length, `${name} ${what}`).toBe(nodes);
      }
      for (const id of toggleableNodes(g)) checkVariant(g, before, bypassNode(g, id), `${name} without ${id}`);
    });
  }
});

describe('withBatchNorm', () => {
  it('on mnist-mlp gives the chain of mnist-mlp-batchnorm, BatchNorm between each hidden Dense and its ReLU', () => {
    const out = withBatchNorm(example('mnist-mlp'), true);
    expect(chainKinds(out)).toEqual(chainKinds(example('mnist-mlp-batchnorm')));
    expect(chainKinds(out)).toEqual(['Flatten', 'Dense', 'BatchNorm', 'ReLU', 'Dense', 'BatchNorm', 'ReLU', 'Dense', 'Softmax']);
    expect(chainIds(out)).toEqual(['flatten', 'hidden1', 'bn-hidden1', 'relu1', 'hidden2', 'bn-hidden2', 'relu2', 'output', 'softmax']);
  });

  it('places the new node between its neighbours and moves nothing else', () => {
    const g = example('mnist-mlp');
    const out = withBatchNorm(g, true);
    for (const n of g.nodes) expect(out.nodes.find((m) => m.id === n.id)!.position).toEqual(n.position);
    const pos = (id: string) => out.nodes.find((n) => n.id === id)!.position;
    const [a, b, c] = [pos('hidden1'), pos('bn-hidden1'), pos('relu1')];
    expect(b.x).toBeGreaterThanOrEqual(Math.min(a.x, c.x));
    expect(b.x).toBeLessThanOrEqual(Math.max(a.x, c.x));
  });

  it('adds none where each hidden layer already has one, and picks fresh ids', () => {
    const g = example('mnist-mlp-batchnorm');
    expect(withBatchNorm(g, true)).toEqual(g);
    const taken = example('mnist-mlp');
    taken.nodes.find((n) => n.id === 'relu1')!.id = 'bn-hidden1';
    for (const e of taken.edges) {
      if (e.source === 'relu1') e.source = 'bn-hidden1';
      if (e.target === 'relu1') e.target = 'bn-hidden1';
    }
    const out = withBatchNorm(taken, true);
    expect(chainIds(out)).toEqual(['flatten', 'hidden1', 'bn-hidden1-2', 'bn-hidden1', 'hidden2', 'bn-hidden2', 'relu2', 'output', 'softmax']);
    expect(() => compileGraph(out)).not.toThrow();
  });

  it('off on mnist-mlp-batchnorm removes both BatchNorms, wiring each Dense to its ReLU', () => {
    const out = withBatchNorm(example('mnist-mlp-batchnorm'), false);
    expect(chainIds(out)).toEqual(['flatten', 'hidden1', 'relu1', 'hidden2', 'relu2', 'output', 'softmax']);
  });
});

describe('withDropout', () => {
  it('on mnist-overfit adds Dropouts after relu1 and relu2 only', () => {
    const out = withDropout(example('mnist-overfit'), 0.5);
    expect(chainIds(out)).toEqual(['flatten', 'hidden1', 'relu1', 'drop-relu1', 'hidden2', 'relu2', 'drop-relu2', 'output', 'softmax']);
    expect(out.nodes.find((n) => n.id === 'drop-relu1')!.params).toEqual({ rate: 0.5 });
  });

  it('sets the rate of existing Dropouts rather than adding more; 0 removes them', () => {
    const out = withDropout(example('mnist-dropout-l2'), 0.2);
    expect(count(out, 'Dropout')).toBe(2);
    expect(out.nodes.filter((n) => n.kind === 'Dropout').map((n) => n.params.rate)).toEqual([0.2, 0.2]);
    expect(chainIds(withDropout(example('mnist-dropout-l2'), 0))).toEqual(['flatten', 'hidden1', 'relu1', 'hidden2', 'relu2', 'output', 'softmax']);
  });

  it('refuses a rate outside [0, 1)', () => {
    for (const rate of [-0.1, 1, NaN]) expect(() => withDropout(example('xor-mlp'), rate)).toThrow(/rate/);
  });
});

describe('other variants', () => {
  it('withWeightDecay sets L2 λ on every weight layer, or none at 0', () => {
    const on = withWeightDecay(example('mnist-mlp'), 1e-4);
    const layers = (g: Graph) => g.nodes.filter((n) => n.kind === 'Dense');
    for (const n of layers(on)) expect(n.params).toMatchObject({ regularizer: 'l2', lambda: 1e-4 });
    for (const n of layers(withWeightDecay(example('mnist-dropout-l2'), 0))) expect(n.params.regularizer).toBe('none');
    expect(() => withWeightDecay(example('mnist-mlp'), -1)).toThrow(/λ/);
  });

  it('withInit sets init on every node that has it; withActivation swaps only hidden activations', () => {
    const g = withInit(example('mnist-mlp'), 'normal001');
    expect(g.nodes.filter((n) => n.kind === 'Dense').every((n) => n.params.init === 'normal001')).toBe(true);
    expect(g.nodes.find((n) => n.kind === 'Adam')!.params.init).toBeUndefined();
    expect(chainKinds(withActivation(example('mnist-mlp'), 'Tanh'))).toEqual(['Flatten', 'Dense', 'Tanh', 'Dense', 'Tanh', 'Dense', 'Softmax']);
    expect(chainKinds(withActivation(example('xor-mlp'), 'ReLU'))).toEqual(['Dense', 'ReLU', 'Dense', 'Softmax']);
  });

  it('withTraining / withDataset / setParam patch one node; an unknown node is an error', () => {
    const g = example('spiral-mlp');
    expect(training(withTraining(g, { epochs: 3 })).params).toMatchObject({ epochs: 3, batchSize: 32, seed: 1 });
    expect(withDataset(g, { noise: 0.5 }).nodes.find((n) => n.kind === 'Dataset')!.params).toMatchObject({ source: 'spirals', noise: 0.5 });
    expect(setParam(g, 'hidden', 'units', 8).nodes.find((n) => n.id === 'hidden')!.params.units).toBe(8);
    expect(() => setParam(g, 'nosuch', 'units', 8)).toThrow(/'nosuch'/);
  });
});

describe('bypassNode and toggleableNodes', () => {
  it('rewires the input of a node to everything it fed', () => {
    const g = example('xor-mlp');
    const out = bypassNode(g, 'tanh');
    expect(chainIds(out)).toEqual(['hidden', 'output', 'softmax']);
    expect(out.nodes.some((n) => n.id === 'tanh')).toBe(false);
    expect(out.edges.some((e) => e.source === 'tanh' || e.target === 'tanh')).toBe(false);
  });

  it('refuses nodes without one x → y path, naming them', () => {
    const g = example('xor-mlp');
    expect(() => bypassNode(g, 'loss')).toThrow(/'loss'/);
    expect(() => bypassNode(g, 'data')).toThrow(/'data'/);
    expect(() => bypassNode(g, 'nosuch')).toThrow(/'nosuch'/);
  });

  it('lists nodes whose removal leaves a valid graph', () => {
    const xor = toggleableNodes(example('xor-mlp'));
    expect(xor).toContain('tanh');
    expect(xor).not.toContain('output'); // 4 hidden units would then face 2 classes
    expect(xor).not.toContain('loss');
    const bn = toggleableNodes(example('mnist-mlp-batchnorm'));
    expect(bn).toEqual(expect.arrayContaining(['bn1', 'bn2', 'relu1', 'relu2']));
    expect(bn).not.toContain('flatten'); // Dense needs flat input
    expect(bn).not.toContain('output');
    for (const name of NAMES) {
      const g = example(name);
      for (const id of toggleableNodes(g)) expect(validateGraph(bypassNode(g, id)).ok, `${name} without ${id}`).toBe(true);
    }
  });
});

describe('variants: bounds from the registry, node order, convolutions', () => {
  it('refuses a dropout rate above the Dropout node\'s bound and an initialiser the layers do not know', () => {
    expect(withDropout(example('xor-mlp'), 0.95).nodes.find((n) => n.kind === 'Dropout')!.params.rate).toBe(0.95);
    expect(() => withDropout(example('xor-mlp'), 0.96)).toThrow(/from 0 to 0.95, got 0.96/);
    expect(() => withInit(example('xor-mlp'), 'glorot')).toThrow(/'glorot' is not one of the initialisers/);
  });

  it('lists an inserted node right after the node it follows', () => {
    const ids = withBatchNorm(example('mnist-mlp'), true).nodes.map((n) => n.id);
    expect(ids.slice(0, 7)).toEqual(['mnist', 'flatten', 'hidden1', 'bn-hidden1', 'relu1', 'hidden2', 'bn-hidden2']);
  });

  it('mnist-cnn: BatchNorm after both convolutions and the hidden Dense, Dropout after its three ReLUs, each compiling', () => {
    const g = example('mnist-cnn');
    const bn = withBatchNorm(g, true);
    expect(chainIds(bn)).toEqual(['conv1', 'bn-conv1', 'relu1', 'pool1', 'conv2', 'bn-conv2', 'relu2', 'pool2', 'flatten', 'hidden', 'bn-hidden', 'relu3', 'output', 'softmax']);
    expect(() => compileGraph(bn)).not.toThrow();
    const drop = withDropout(g, 0.25);
    expect(count(drop, 'Dropout')).toBe(3);
    expect(() => compileGraph(drop)).not.toThrow();
  });
});
