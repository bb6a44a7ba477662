/**
 * The exporters' view of a graph: the network's steps in dependency order with their kinds,
 * parameters and shapes, the loss, the optimiser, the training settings and the weights. The
 * PyTorch, Keras and ONNX writers read only this, so what they export is exactly what
 * DeepWire trains.
 *
 * Layout: DeepWire is channels-last. Images are (batch, height, width, channels); a Conv2D
 * kernel is [kh, kw, in, out]; a Dense kernel is [in, out]. Writers for channels-first targets
 * (PyTorch, ONNX) transpose around convolutions and pooling and convert the kernels.
 */
import { DeepWireError } from '../core/errors';
import { msg } from '../i18n/message';
import { compileGraph, GraphError } from '../graph/compile';
import { getNodeDef } from '../graph/registry';
import type { Graph } from '../graph/schema';
import type { SymShape, TargetInfo } from '../graph/types';
import { exportWeights, type NamedTensor } from '../graph/weights';
import { validateGraph } from '../graph/validate';
import type { TrainingSettings } from '../graph/nodes/training';
import { TrainingParams } from '../graph/nodes/training';

/** A graph that cannot be exported as asked; the message names the node and why. */
export class ExportError extends DeepWireError {}

export interface ExportStep {
  readonly nodeId: string;
  /** Registry kind: 'Dense', 'Conv2D', 'ReLU', … */
  readonly kind: string;
  /** The user's name for the node, when it has one. */
  readonly label?: string;
  /** Parsed parameters, defaults filled. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Node ids feeding this step in port order; the model input is `ExportModel.inputNode`. */
  readonly inputs: readonly string[];
  /** Shapes arriving, one per input, batch axis `null`. */
  readonly inShapes: readonly SymShape[];
  readonly outShape: SymShape;
  /** Names of this step's tensors in `ExportModel.weights` (`<nodeId>.kernel`, …). */
  readonly weightNames: readonly string[];
}

export interface ExportModel {
  /** A name for the model (project name or 'model'), safe as an identifier after `identifier()`. */
  readonly name: string;
  /** The data node's id; its x is the network's input. */
  readonly inputNode: string;
  /** (batch, …feature shape). */
  readonly inputShape: SymShape;
  /** The network, in dependency order; only nodes the prediction depends on. */
  readonly steps: readonly ExportStep[];
  /** The node whose output is the prediction (after a final Softmax/Sigmoid if there is one). */
  readonly predictionNode: string;
  /**
   * What the loss receives. Differs from `predictionNode` when the loss fuses with a final
   * Softmax (CrossEntropy) or Sigmoid (BinaryCrossEntropy): then it is the logits node and the
   * loss is computed from logits, as PyTorch's CrossEntropyLoss / BCEWithLogitsLoss do.
   */
  readonly lossInputNode: string;
  readonly loss: { readonly kind: 'MSE' | 'CrossEntropy' | 'BinaryCrossEntropy'; readonly fused: boolean; readonly nodeId: string };
  readonly optimizer: { readonly kind: string; readonly params: Readonly<Record<string, unknown>>; readonly nodeId: string };
  readonly training: TrainingSettings;
  readonly target: TargetInfo;
  /** The data node: kind ('Dataset' or 'DataFile') and parsed parameters. */
  readonly data: { readonly nodeId: string; readonly kind: string; readonly params: Readonly<Record<string, unknown>> };
  /**
   * Every state tensor by name (`<nodeId>.kernel`, `.bias`, `.gamma`, `.beta`, `.running_mean`,
   * `.running_var`): the trained weights when given, else the initial ones (seeded).
   */
  readonly weights: ReadonlyMap<string, NamedTensor>;
  /** True when `weights` are trained weights, false when they are the seeded initial ones. */
  readonly trained: boolean;
}

/**
 * Builds the exporters' view of `graph`. `weights` are trained weights (from the project's
 * weights.safetensors); without them the seeded initial weights are used.
 *
 * @throws GraphError when the graph is invalid, ExportError when a weight is missing.
 */
export function exportModel(graph: Graph, options: { name?: string; weights?: ReadonlyMap<string, NamedTensor> } = {}): ExportModel {
  const v = validateGraph(graph);
  if (!v.ok) throw new GraphError(v.problems, graph);
  const compiled = compileGraph(graph, { dtype: 'float32' });
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const weights = options.weights ?? exportWeights(compiled.model);
  const initial = exportWeights(compiled.model);
  for (const [name, w] of initial) {
    const given = weights.get(name);
    if (!given) throw new ExportError(msg('exportError.missingWeight', { name }));
    if (given.shape.join(',') !== w.shape.join(',')) {
      throw new ExportError(msg('exportError.weightShape', { name, given: given.shape.join(', '), needed: w.shape.join(', ') }));
    }
  }
  const steps: ExportStep[] = compiled.model.steps.map((s) => {
    const node = graph.nodes.find((n) => n.id === s.nodeId)!;
    const inShapes = s.inputs.map((id) => {
      const out = id === compiled.model.inputNode ? v.outputs.get(id)!.x : v.outputs.get(id)!.y;
      if (out.type !== 'tensor') throw new ExportError(`node ${id}: expected a tensor output`);
      return out.shape;
    });
    const out = v.outputs.get(s.nodeId)!.y;
    if (out.type !== 'tensor') throw new ExportError(`node ${s.nodeId}: expected a tensor output`);
    return {
      nodeId: s.nodeId,
      kind: node.kind,
      ...(node.label ? { label: node.label } : {}),
      params: v.params.get(s.nodeId)!,
      inputs: s.inputs,
      inShapes,
      outShape: out.shape,
      weightNames: [...initial.keys()].filter((k) => k.startsWith(`${s.nodeId}.`)),
    };
  });
  const byCategory = (c: string) => graph.nodes.find((n) => getNodeDef(n.kind)?.category === c);
  const lossNode = byCategory('Loss')!;
  const optNode = byCategory('Optimizer')!;
  const trainingNode = byCategory('Training');
  const dataNode = graph.nodes.find((n) => n.id === compiled.datasetNodeId)!;
  const input = v.outputs.get(dataNode.id)!.x;
  if (input.type !== 'tensor') throw new ExportError(`node ${dataNode.id}: x is not a tensor`);
  return {
    name: options.name ?? 'model',
    inputNode: dataNode.id,
    inputShape: input.shape,
    steps,
    predictionNode: compiled.model.predictionNode,
    lossInputNode: compiled.model.lossInputNode,
    loss: {
      kind: lossNode.kind as ExportModel['loss']['kind'],
      fused: compiled.model.lossInputNode !== compiled.model.predictionNode,
      nodeId: lossNode.id,
    },
    optimizer: { kind: optNode.kind, params: v.params.get(optNode.id)!, nodeId: optNode.id },
    training: trainingNode ? TrainingParams.parse(v.params.get(trainingNode.id)) : TrainingParams.parse({}),
    target: compiled.target,
    data: { nodeId: dataNode.id, kind: kindOf.get(dataNode.id)!, params: v.params.get(dataNode.id)! },
    weights: options.weights ? new Map([...initial.keys()].map((k) => [k, weights.get(k)!])) : initial,
    trained: options.weights !== undefined,
  };
}

/** A Python/JS identifier from any text: `my-net 2` → `my_net_2`, `2x` → `_2x`. */
export function identifier(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}
