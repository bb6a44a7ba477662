/**
 * Compile: a validated graph → model + loss + optimiser + data and training settings. Errors
 * carry the node they belong to.
 */
import { getBackend } from '../backend/registry';
import type { Backend } from '../backend/backend';
import type { DType } from '../core/dtype';
import { DeepWireError } from '../core/errors';
import { Random } from '../core/random';
import type { Optimizer } from '../nn/optimizers';
import type { LossFn } from '../nn/trainStep';
import { GraphModel, type ModelStep } from './GraphModel';
import { DatasetParams } from './nodes/data';
import { DataFileParams } from './nodes/dataFile';
import { TrainingParams, type TrainingSettings } from './nodes/training';
import { getNodeDef } from './registry';
import type { Graph } from './schema';
import type { TargetInfo } from './types';
import { validateGraph, type Problem, type Validation } from './validate';

/** The graph has errors; `problems` lists all of them (warnings included). */
export class GraphError extends DeepWireError {
  constructor(readonly problems: readonly Problem[], graph: Graph) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`the graph has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
      errors.map((p) => `  ${formatProblem(p, graph)}`).join('\n'));
  }
}

/** `node <id> (<kind>): <message>` — the form the CLI prints. */
export function formatProblem(p: Problem, graph: Graph): string {
  if (p.nodeId) {
    const node = graph.nodes.find((n) => n.id === p.nodeId);
    return `node ${p.nodeId} (${node?.kind ?? '?'}): ${p.message}`;
  }
  if (p.edgeId) return `edge ${p.edgeId}: ${p.message}`;
  return `graph: ${p.message}`;
}

export interface CompileOptions {
  dtype?: DType;
  backend?: Backend;
  /** Overrides the Training node's seed. */
  seed?: number;
}

export interface CompiledGraph {
  readonly validation: Validation;
  readonly model: GraphModel;
  readonly loss: LossFn;
  readonly optimizer: Optimizer;
  readonly datasetNodeId: string;
  /** The data node's parameters: a built-in set ('Dataset') or the user's files ('DataFile'). */
  readonly dataset: { readonly kind: 'Dataset'; readonly params: DatasetParams } | { readonly kind: 'DataFile'; readonly params: DataFileParams };
  readonly target: TargetInfo;
  readonly training: TrainingSettings;
  readonly warnings: readonly Problem[];
  readonly dtype: DType;
  /** Where the model's tensors live; data for it goes there too. */
  readonly backend: Backend;
}

export function compileGraph(graph: Graph, options: CompileOptions = {}): CompiledGraph {
  const validation = validateGraph(graph);
  if (!validation.ok) throw new GraphError(validation.problems, graph);
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const category = (id: string) => getNodeDef(kindOf.get(id)!)!.category;
  const find = (c: string) => graph.nodes.find((n) => category(n.id) === c);
  const datasetNode = find('Data')!;
  const lossNode = find('Loss')!;
  const optimizerNode = find('Optimizer')!;
  const trainingNode = find('Training');

  const training = trainingNode ? TrainingParams.parse(validation.params.get(trainingNode.id)) : TrainingParams.parse({});
  const seed = options.seed ?? training.seed;
  const root = new Random(seed);
  const dtype = options.dtype ?? 'float32';
  const backend = options.backend ?? getBackend();
  const incoming = validation.incoming;
  const sources = (id: string, port: string) => (incoming.get(id)?.[port] ?? []).map((e) => e.source);

  const build = (id: string) => {
    const def = getNodeDef(kindOf.get(id)!)!;
    const ports = incoming.get(id) ?? {};
    const inputs = Object.fromEntries(Object.entries(ports).map(([port, edges]) =>
      [port, edges.map((e) => validation.outputs.get(e.source)![e.sourcePort])]));
    try {
      return def.build!({ params: validation.params.get(id)!, nodeId: id, inputs, rng: root.fork(`init:${id}`), dtype, backend });
    } catch (e) {
      throw new GraphError([{ severity: 'error', code: 'build', message: (e as Error).message, nodeId: id }], graph);
    }
  };

  // The loss, fused with a final Softmax/Sigmoid when it offers to.
  const builtLoss = build(lossNode.id);
  if (builtLoss.kind !== 'loss') throw new DeepWireError(`${lossNode.id} did not build a loss`);
  const predictionNode = sources(lossNode.id, 'pred')[0];
  let lossInputNode = predictionNode;
  let loss = builtLoss.loss;
  if (builtLoss.fuses && kindOf.get(predictionNode) === builtLoss.fuses.activation) {
    lossInputNode = sources(predictionNode, 'x')[0];
    loss = builtLoss.fuses.loss;
  }

  // The layers the prediction depends on, in dependency order.
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id) || id === datasetNode.id) return;
    needed.add(id);
    for (const edges of Object.values(incoming.get(id) ?? {})) for (const e of edges) visit(e.source);
  };
  visit(predictionNode);
  const steps: ModelStep[] = validation.order.filter((id) => needed.has(id)).map((id) => {
    const built = build(id);
    if (built.kind !== 'layer') throw new GraphError([{ severity: 'error', code: 'build', message: 'cannot be part of the network', nodeId: id }], graph);
    const def = getNodeDef(kindOf.get(id)!)!;
    return { nodeId: id, layer: built.layer, inputs: def.inputs.flatMap((p) => sources(id, p.id)) };
  });

  const builtOpt = build(optimizerNode.id);
  if (builtOpt.kind !== 'optimizer') throw new DeepWireError(`${optimizerNode.id} did not build an optimizer`);
  const datasetValue = validation.outputs.get(datasetNode.id)!.y;
  if (datasetValue.type !== 'target') throw new DeepWireError('dataset y is not a target');

  return {
    validation,
    model: new GraphModel(steps, datasetNode.id, predictionNode, lossInputNode),
    loss,
    optimizer: builtOpt.optimizer,
    datasetNodeId: datasetNode.id,
    dataset: datasetNode.kind === 'DataFile'
      ? { kind: 'DataFile', params: DataFileParams.parse(validation.params.get(datasetNode.id)) }
      : { kind: 'Dataset', params: DatasetParams.parse(validation.params.get(datasetNode.id)) },
    target: datasetValue.target,
    training: { ...training, seed },
    warnings: validation.problems.filter((p) => p.severity === 'warning'),
    dtype,
    backend,
  };
}
