import { describe, expect, it } from 'vitest';
import { graph as g } from '../../../../../../engine';
import { EXAMPLES } from '../../../../../../assets/examples/definitions';
import { changeableFields, currentValue, nodeName, pairedSpecs } from './pairedRun';

const example = (name: string) => EXAMPLES.find((e) => e.name === name)!.graph;
const node = (graph: g.Graph, id: string) => graph.nodes.find((n) => n.id === id)!;

describe('what a paired run may change', () => {
  it('offers a node’s numbers and choices, never the seed, backend or threads', () => {
    const graph = example('mnist-mlp');
    const dense = changeableFields(node(graph, 'hidden1'), 'en').map((f) => f.name);
    expect(dense).toEqual(expect.arrayContaining(['units', 'init']));
    expect(dense).not.toContain('useBias');
    // λ shows only once a regularizer is chosen, as in the inspector.
    expect(dense).not.toContain('lambda');
    const training = changeableFields(node(graph, 'training'), 'en').map((f) => f.name);
    expect(training).toEqual(expect.arrayContaining(['epochs', 'batchSize', 'validationSplit']));
    expect(training).not.toContain('seed');
    expect(training).not.toContain('threads');
    expect(changeableFields(node(graph, 'flatten'), 'en')).toEqual([]);
  });

  it('reads a parameter’s value, its default when unset, and names nodes in the UI language', () => {
    const graph = example('mnist-mlp');
    expect(currentValue(node(graph, 'adam'), 'learningRate')).toBe(0.001);
    expect(currentValue(node(graph, 'training'), 'shuffle')).toBe(true);
    expect(nodeName(node(graph, 'hidden1'), 'en')).toMatch(/\(hidden1\)$/);
    expect(nodeName({ ...node(graph, 'hidden1'), label: 'first' }, 'ko')).toBe('first');
  });
});

describe('pairedSpecs', () => {
  it('is the graph as it is, then with one parameter set; same seed, one batch', () => {
    const graph = example('xor-mlp');
    const [base, variant] = pairedSpecs(graph, { mode: 'param', nodeId: 'adam', param: 'learningRate', value: 0.01 }, 'lab-1', { baseline: 'A', variant: 'B' });
    expect(base.graph).toBe(graph);
    expect(node(variant.graph, 'adam').params.learningRate).toBe(0.01);
    expect(node(variant.graph, 'training').params.seed).toBe(node(graph, 'training').params.seed);
    const rest = (x: g.Graph) => x.nodes.filter((n) => n.id !== 'adam').map((n) => [n.id, n.params]);
    expect(rest(variant.graph)).toEqual(rest(graph));
    expect([base.lab, variant.lab]).toEqual([{ experiment: 'paired', batch: 'lab-1' }, { experiment: 'paired', batch: 'lab-1', values: { 'adam.learningRate': 0.01 } }]);
    expect([base.label, variant.label]).toEqual(['A', 'B']);
  });

  it('switches a node off: the variant lacks it and still compiles', () => {
    const graph = example('xor-mlp');
    const [, variant] = pairedSpecs(graph, { mode: 'toggle', nodeId: 'tanh' }, 'lab-2', { baseline: 'A', variant: 'B' });
    expect(variant.graph.nodes.map((n) => n.id)).not.toContain('tanh');
    expect(variant.graph.nodes).toHaveLength(graph.nodes.length - 1);
    expect(() => g.compileGraph(variant.graph)).not.toThrow();
  });
});
