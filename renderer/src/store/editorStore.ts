/**
 * The editor's one store. The graph lives here and nowhere else; the project file is its
 * serialisation. Edits go through `commit` as change objects, one undo step per user gesture;
 * transient updates (a node following the mouse) use `preview` and are folded into one step when
 * the gesture ends. Nothing the engine sends is recorded.
 */
import { create } from 'zustand';
import type { graph, project } from '../../../engine';
import { applyChanges, freshId, invertAll, removeNodesChanges, type GraphChange, type Position } from './changes';
import { pasteChanges, type Clipboard, copySelection } from './clipboard';

type Graph = graph.Graph;

export interface EditorState {
  projectName: string;
  graph: Graph;
  /** Run history and other file contents the editor does not edit, kept for saving. */
  runs: project.RunRecord[];
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** True when the graph differs from the last save/open. */
  dirty: boolean;
  past: GraphChange[][];
  future: GraphChange[][];
  clipboard: Clipboard | null;

  /** Applies `changes` as one undoable step. */
  commit(changes: readonly GraphChange[]): void;
  /** Moves nodes without recording (during a drag); `endMove` records the whole drag as one step. */
  preview(positions: ReadonlyMap<string, Position>): void;
  endMove(start: ReadonlyMap<string, Position>): void;
  undo(): void;
  redo(): void;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  selectAll(): void;
  deleteSelection(): void;
  duplicateSelection(): void;
  copy(): void;
  paste(at?: Position): void;
  /** Adds a node of `kind` with default parameters at `position`; returns its id. */
  addNode(kind: string, position: Position): string;
  /** Replaces everything (new / open); clears history. */
  load(name: string, graph: Graph, runs?: project.RunRecord[]): void;
  markSaved(): void;
  /** Adds a finished run to the project's history (not an undo step: runs are results, not edits). */
  addRun(run: project.RunRecord): void;
}

export const useEditor = create<EditorState>()((set, get) => ({
  projectName: 'Untitled',
  graph: { nodes: [], edges: [] },
  runs: [],
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  dirty: false,
  past: [],
  future: [],
  clipboard: null,

  commit(changes) {
    if (changes.length === 0) return;
    const { graph, past } = get();
    set({ graph: applyChanges(graph, changes), past: [...past, [...changes]], future: [], dirty: true });
  },

  preview(positions) {
    const { graph } = get();
    set({ graph: { ...graph, nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: { ...positions.get(n.id)! } } : n)) } });
  },

  endMove(start) {
    const { graph, past } = get();
    const changes: GraphChange[] = [];
    for (const [id, from] of start) {
      const node = graph.nodes.find((n) => n.id === id);
      if (node && (node.position.x !== from.x || node.position.y !== from.y)) {
        changes.push({ type: 'moveNode', id, from: { ...from }, to: { ...node.position } });
      }
    }
    // The graph already shows the end positions; only the step is recorded.
    if (changes.length) set({ past: [...past, changes], future: [], dirty: true });
  },

  undo() {
    const { past, future, graph } = get();
    const step = past.at(-1);
    if (!step) return;
    set({ graph: applyChanges(graph, invertAll(step)), past: past.slice(0, -1), future: [...future, step], dirty: true });
  },

  redo() {
    const { past, future, graph } = get();
    const step = future.at(-1);
    if (!step) return;
    set({ graph: applyChanges(graph, step), past: [...past, step], future: future.slice(0, -1), dirty: true });
  },

  select(nodes, edges = []) {
    set({ selectedNodes: new Set(nodes), selectedEdges: new Set(edges) });
  },

  selectAll() {
    const { graph } = get();
    set({ selectedNodes: new Set(graph.nodes.map((n) => n.id)), selectedEdges: new Set(graph.edges.map((e) => e.id)) });
  },

  deleteSelection() {
    const { graph, selectedNodes, selectedEdges, commit } = get();
    commit(removeNodesChanges(graph, selectedNodes, selectedEdges));
    set({ selectedNodes: new Set(), selectedEdges: new Set() });
  },

  duplicateSelection() {
    const { graph, selectedNodes, commit } = get();
    const clip = copySelection(graph, selectedNodes);
    if (!clip) return;
    const { changes, nodeIds } = pasteChanges(graph, clip, { dx: 40, dy: 40 });
    commit(changes);
    set({ selectedNodes: new Set(nodeIds), selectedEdges: new Set() });
  },

  copy() {
    const { graph, selectedNodes } = get();
    const clip = copySelection(graph, selectedNodes);
    if (clip) set({ clipboard: clip });
  },

  paste(at) {
    const { graph, clipboard, commit } = get();
    if (!clipboard) return;
    const { changes, nodeIds } = pasteChanges(graph, clipboard, at ? { at } : { dx: 40, dy: 40 });
    commit(changes);
    set({ selectedNodes: new Set(nodeIds), selectedEdges: new Set() });
  },

  addNode(kind, position) {
    const { graph, commit } = get();
    const id = freshId(kind.toLowerCase(), new Set(graph.nodes.map((n) => n.id)));
    commit([{ type: 'addNode', node: { id, kind, position: { ...position }, params: {} } }]);
    set({ selectedNodes: new Set([id]), selectedEdges: new Set() });
    return id;
  },

  load(name, graph, runs = []) {
    set({ projectName: name, graph, runs, past: [], future: [], dirty: false, selectedNodes: new Set(), selectedEdges: new Set() });
  },

  markSaved() {
    set({ dirty: false });
  },

  addRun(run) {
    set({ runs: [...get().runs.filter((r) => r.id !== run.id), run], dirty: true });
  },
}));
