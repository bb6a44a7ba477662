import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../../../../assets/examples/definitions';
import { graph as g } from '../../../../../../engine';
import { useEditor } from '../../../../store/editorStore';
import { paramChanges, trialChanges } from './searchApply';

describe('the changes a trial makes', () => {
  it('records a setParams per node whose parameters differ, nothing else', () => {
    const before = g.makeGraph([['a', 'Adam', { learningRate: 0.001 }], ['d', 'Dense', { units: 10 }], ['t', 'Training', { epochs: 5 }]], []);
    const after = {
      ...before,
      nodes: before.nodes.map((n) => (n.id === 'a' ? { ...n, params: { learningRate: 3e-4 } } : n.id === 't' ? { ...n, params: { epochs: 5 } } : n)),
    };
    expect(paramChanges(before, after)).toEqual([{ type: 'setParams', id: 'a', from: { learningRate: 0.001 }, to: { learningRate: 3e-4 } }]);
    expect(paramChanges(before, before)).toEqual([]);
  });

  it('applies a trial to the editor’s graph as one undo step', () => {
    const graph = EXAMPLES.find((e) => e.name === 'mnist-mlp')!.graph;
    const editor = useEditor.getState();
    editor.load('test', graph);
    const changes = trialChanges(useEditor.getState().graph, { 'adam.learningRate': 3.2e-4, weightDecay: 1e-6 });
    // Adam, and the L2 λ of the three Dense layers.
    expect(changes.map((c) => c.type === 'setParams' && c.id).sort()).toEqual(['adam', 'hidden1', 'hidden2', 'output']);
    useEditor.getState().commit(changes);
    const applied = useEditor.getState().graph;
    expect(applied.nodes.find((n) => n.id === 'adam')!.params.learningRate).toBe(3.2e-4);
    expect(applied.nodes.find((n) => n.id === 'hidden1')!.params).toMatchObject({ regularizer: 'l2', lambda: 1e-6 });
    expect(useEditor.getState().past).toHaveLength(1);
    // Applying the same values again changes nothing.
    expect(trialChanges(applied, { 'adam.learningRate': 3.2e-4, weightDecay: 1e-6 })).toEqual([]);
    useEditor.getState().undo();
    expect(useEditor.getState().graph).toEqual(graph);
  });
});
