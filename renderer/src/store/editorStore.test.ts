import { beforeEach, describe, expect, it } from 'vitest';
import { graph as g } from '../../../engine';
import { applyChanges, invertAll, type GraphChange } from './changes';
import { useEditor } from './editorStore';

const xor = () => g.makeGraph([['data', 'Dataset'], ['h', 'Dense', { units: 4 }], ['t', 'Tanh'], ['out', 'Dense', { units: 2 }]],
  ['data.x -> h.x', 'h.y -> t.x', 't.y -> out.x']);
const s = () => useEditor.getState();

describe('editor store', () => {
  beforeEach(() => s().load('test', xor()));

  it('undo and redo replay every committed step exactly', () => {
    const start = s().graph;
    s().commit([{ type: 'setParams', id: 'h', from: { units: 4 }, to: { units: 8 } }]);
    const id = s().addNode('ReLU', { x: 5, y: 6 });
    expect(s().graph.nodes.find((n) => n.id === id)?.kind).toBe('ReLU');
    const after = s().graph;
    s().undo();
    s().undo();
    expect(s().graph).toEqual(start);
    s().redo();
    s().redo();
    expect(s().graph).toEqual(after);
    expect(s().dirty).toBe(true);
  });

  it('a drag is one undo step however many moves it previews', () => {
    const start = new Map([['h', { ...s().graph.nodes[1].position }]]);
    for (let i = 1; i <= 20; i++) s().preview(new Map([['h', { x: i, y: 2 * i }]]));
    s().endMove(start);
    expect(s().past).toHaveLength(1);
    expect(s().graph.nodes[1].position).toEqual({ x: 20, y: 40 });
    s().undo();
    expect(s().graph.nodes[1].position).toEqual(start.get('h'));
  });

  it('deleting a node removes its edges; undo brings both back', () => {
    const before = s().graph;
    s().select(['h']);
    s().deleteSelection();
    expect(s().graph.nodes.map((n) => n.id)).not.toContain('h');
    expect(s().graph.edges.some((e) => e.source === 'h' || e.target === 'h')).toBe(false);
    s().undo();
    expect(s().graph).toEqual(before); // same nodes and edges, in the same order
  });

  it('copy/paste gives fresh ids and keeps the edges between copied nodes only', () => {
    s().select(['h', 't']);
    s().copy();
    s().paste({ x: 500, y: 500 });
    const pasted = [...s().selectedNodes];
    expect(pasted).toHaveLength(2);
    for (const id of pasted) expect(['h', 't']).not.toContain(id);
    const internal = s().graph.edges.filter((e) => pasted.includes(e.source) && pasted.includes(e.target));
    expect(internal).toHaveLength(1);
    expect(s().graph.edges.filter((e) => pasted.includes(e.target) && !pasted.includes(e.source))).toHaveLength(0);
    expect(Math.min(...s().graph.nodes.filter((n) => pasted.includes(n.id)).map((n) => n.position.x))).toBe(500);
    s().undo();
    expect(s().graph.nodes).toHaveLength(4);
  });

  it('a paste into another project keeps working (the clipboard survives load)', () => {
    s().select(['h', 't']);
    s().copy();
    s().load('other', { nodes: [], edges: [] });
    s().paste();
    expect(s().graph.nodes.map((n) => n.kind).sort()).toEqual(['Dense', 'Tanh']);
    expect(s().graph.edges).toHaveLength(1);
  });

  it('every change inverts exactly', () => {
    const graph = xor();
    const changes: GraphChange[] = [
      { type: 'moveNode', id: 'h', from: graph.nodes[1].position, to: { x: 9, y: 9 } },
      { type: 'setLabel', id: 'h', from: undefined, to: 'hidden' },
      { type: 'removeEdge', edge: graph.edges[0], index: 0 },
      { type: 'removeNode', node: graph.nodes[0], index: 0 },
      { type: 'addNode', node: { id: 'z', kind: 'ReLU', position: { x: 0, y: 0 }, params: {} } },
      { type: 'addEdge', edge: { id: 'e9', source: 'out', sourcePort: 'y', target: 'z', targetPort: 'x' } },
    ];
    expect(applyChanges(applyChanges(graph, changes), invertAll(changes))).toEqual(graph);
  });
});
