/**
 * The canvas: the store's graph drawn with React Flow. React Flow holds no graph of its own —
 * nodes and edges are derived from the store on every change, and every edit goes back to the
 * store as change objects (a drag becomes one undo step when it ends).
 */
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type EdgeChange, type NodeChange,
} from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { graph as g, i18n } from '../../../../engine';
import { infoText, tmsg, useLocale } from '../../i18n';
import { useTraining } from '../../store/trainingStore';
import { useEditor } from '../../store/editorStore';
import type { Position } from '../../store/changes';
import { useValidation } from '../../hooks/useValidation';
import { showToast } from '../Toast/Toast';
import { NetworkNode, type NetworkNodeType } from './NetworkNode';
import { PORT_COLORS } from './portColors';
import { ShapeEdge, type ShapeEdgeType } from './ShapeEdge';

// Defined once at module scope, as React Flow asks.
const nodeTypes = { network: NetworkNode };
const edgeTypes = { shape: ShapeEdge };
export const NODE_DRAG_TYPE = 'application/deepwire-node';

/** The selection after React Flow's select changes, or null when they change nothing. */
function applySelection(current: ReadonlySet<string>, changes: readonly { type: string; id?: string; selected?: boolean }[]): Set<string> | null {
  let next: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select' || c.id === undefined || current.has(c.id) === c.selected) continue;
    next ??= new Set(current);
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  return next;
}

/** What a node shows: kind, summary, output shape, parameter count, problems, ports. */
function nodeData(n: g.GraphNode, validation: g.Validation, problems: { errors: string[]; warnings: string[] } | undefined): NetworkNodeType['data'] {
  const def = g.getNodeDef(n.kind);
  const outs = validation.outputs.get(n.id);
  const params = validation.params.get(n.id);
  const firstTensor = outs && Object.values(outs).find((v) => v.type === 'tensor');
  return {
    kind: n.kind,
    category: def?.category ?? 'Layer',
    label: n.label,
    summary: def?.summary && params ? def.summary(params) : undefined,
    outputShape: portLabel(firstTensor),
    paramCount: validation.paramCounts.get(n.id),
    errors: problems?.errors ?? [],
    warnings: problems?.warnings ?? [],
    inputs: def ? def.inputs.map((p) => ({ id: p.id, type: p.type })) : [],
    outputs: def ? def.outputs.map((p) => ({ id: p.id, type: p.type })) : [],
  };
}

function portLabel(v: g.PortValue | undefined): string | undefined {
  return v ? g.describePortValue(v) : undefined;
}

export function Canvas() {
  const { t, tm } = useLocale();
  const graph = useEditor((s) => s.graph);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const validation = useValidation();
  // A failed run's error that belongs to a node shows on that node, like a validation error.
  const engineError = useTraining((s) => (s.run?.status === 'failed' && s.run.error?.nodeId ? s.run.error : null));
  const flow = useReactFlow();
  const dragStart = useRef<Map<string, Position> | null>(null);
  // Measured node sizes (React Flow reports them as 'dimensions' changes); the minimap and
  // fit-view need them on the nodes we pass back. View state, not graph state.
  const sizes = useRef(new Map<string, { width: number; height: number }>());
  const [sizeVersion, setSizeVersion] = useState(0);

  const problemsByNode = useMemo(() => {
    const map = new Map<string, { errors: string[]; warnings: string[] }>();
    for (const p of validation.problems) {
      if (!p.nodeId) continue;
      const entry = map.get(p.nodeId) ?? { errors: [], warnings: [] };
      (p.severity === 'error' ? entry.errors : entry.warnings).push(tm(p.msg ?? p.message));
      map.set(p.nodeId, entry);
    }
    if (engineError?.nodeId) {
      const entry = map.get(engineError.nodeId) ?? { errors: [], warnings: [] };
      entry.errors.unshift(t('train.nodeFailed', { message: tm(infoText(engineError)) }));
      map.set(engineError.nodeId, entry);
    }
    return map;
  }, [validation, engineError, t, tm]);

  // Each node's `data` is rebuilt only when what it shows changes — not when a drag moves it —
  // so the memoised node components skip re-rendering while 300 nodes follow the mouse.
  const dataCache = useRef(new Map<string, { node: g.GraphNode; problems: unknown; data: NetworkNodeType['data'] }>());
  const nodes = useMemo<NetworkNodeType[]>(() => {
    const cache = dataCache.current;
    const seen = new Set<string>();
    const result = graph.nodes.map((n): NetworkNodeType => {
      seen.add(n.id);
      const hit = cache.get(n.id);
      const sameNode = hit && hit.node.kind === n.kind && hit.node.params === n.params && hit.node.label === n.label;
      let data = hit && sameNode && hit.problems === problemsByNode ? hit.data : undefined;
      if (!data) {
        data = nodeData(n, validation, problemsByNode.get(n.id));
        cache.set(n.id, { node: n, problems: problemsByNode, data });
      }
      const measured = sizes.current.get(n.id);
      return { id: n.id, type: 'network', position: n.position, selected: selectedNodes.has(n.id), data, ...(measured ? { measured } : {}) };
    });
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return result;
    // sizeVersion: re-derive when React Flow has measured nodes.
  }, [graph.nodes, validation, problemsByNode, selectedNodes, sizeVersion]);

  const edges = useMemo<ShapeEdgeType[]>(() => graph.edges.map((e) => {
    const value = validation.edgeValues.get(e.id);
    return {
      id: e.id, type: 'shape', source: e.source, sourceHandle: e.sourcePort, target: e.target, targetHandle: e.targetPort,
      selected: selectedEdges.has(e.id),
      data: { shape: value?.type === 'tensor' ? portLabel(value) : undefined, color: value ? PORT_COLORS[value.type] : undefined },
    };
  }), [graph.edges, validation, selectedEdges]);

  const onNodesChange = useCallback((changes: NodeChange<NetworkNodeType>[]) => {
    const store = useEditor.getState();
    const moves = new Map<string, Position>();
    const selection = applySelection(store.selectedNodes, changes);
    if (selection) store.select(selection, store.selectedEdges);
    let measured = false;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        const old = sizes.current.get(c.id);
        if (!old || old.width !== c.dimensions.width || old.height !== c.dimensions.height) {
          sizes.current.set(c.id, { ...c.dimensions });
          measured = true;
        }
      }
      if (c.type === 'position' && c.position) {
        if (c.dragging && !dragStart.current) {
          dragStart.current = new Map(store.graph.nodes.filter((n) => store.selectedNodes.has(n.id) || n.id === c.id).map((n) => [n.id, { ...n.position }]));
        }
        moves.set(c.id, c.position);
      }
    }
    if (moves.size) store.preview(moves);
    if (measured) setSizeVersion((v) => v + 1);
  }, []);

  const onNodeDragStop = useCallback(() => {
    const start = dragStart.current;
    dragStart.current = null;
    if (start) useEditor.getState().endMove(start);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeEdgeType>[]) => {
    // Removal goes through the keyboard handler (one undo step); selection is kept in the store.
    const store = useEditor.getState();
    const selection = applySelection(store.selectedEdges, changes);
    if (selection) store.select(store.selectedNodes, selection);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const store = useEditor.getState();
    if (!c.sourceHandle || !c.targetHandle) return;
    const req = { source: c.source, sourcePort: c.sourceHandle, target: c.target, targetPort: c.targetHandle };
    const check = g.checkConnection(store.graph, req);
    if (!check.ok) {
      // The refusal's catalogue message when the check gives one, so the toast follows the language.
      showToast(tmsg('connect.refused', { reason: i18n.messageOfError(check) ?? check.reason }), 'error');
      return;
    }
    const taken = new Set(store.graph.edges.map((e) => e.id));
    let n = store.graph.edges.length + 1;
    while (taken.has(`e${n}`)) n++;
    const replaced = check.replaces ? store.graph.edges.find((e) => e.id === check.replaces) : undefined;
    store.commit([...(replaced ? [{ type: 'removeEdge' as const, edge: replaced }] : []), { type: 'addEdge', edge: { id: `e${n}`, ...req } }]);
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const kind = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!kind || !g.getNodeDef(kind)) return;
    event.preventDefault();
    useEditor.getState().addNode(kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }, [flow]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(NODE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  return (
    <div className="dw-canvas" onDrop={onDrop} onDragOver={onDragOver} aria-label={t('canvas.label')} data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStop={onNodeDragStop}
        onConnect={onConnect}
        deleteKeyCode={null}
        multiSelectionKeyCode="Shift"
        selectionKeyCode="Shift"
        fitView
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable />
        <Controls showInteractive={false} />
      </ReactFlow>
      {graph.nodes.length === 0 && <div className="dw-canvas-hint">{t('canvas.hint')}</div>}
    </div>
  );
}
