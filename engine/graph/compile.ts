/**
 * Compile: a validated graph → model + loss + optimiser + data and training settings. Errors
 * carry the node they belong to.
 */
import { getBackend } from '../backend/registry';
import type { Backend } from '../backend/backend';
import type { DType } from '../core/dtype';
import { DeepWireError } from '../core/errors';
import { englishText, messageOfError, msg, textOf, type Locale, type Message } from '../i18n/index';
import { Random } from '../core/random';
import type { Optimizer } from '../nn/optimizers';
import type { LossFn } from '../nn/trainStep';
import { GraphModel, type ModelStep } from './GraphModel';
import { DatasetParams } from './nodes/data';
import { DataFileParams } from './nodes/dataFile';
import { TrainingParams, type TrainingSettings } from './nodes/training';
import { joinMessages, kindName } from './problemText';
import { getNodeDef } from './registry';
import type { Graph } from './schema';
import type { TargetInfo } from './types';
import { validateGraph, type Problem, type Validation } from './validate';

/**
 * The graph has errors; `problems` lists all of them (warnings included). Its Message lists
 * every error as the CLI prints it (`the graph has 2 errors:` and one line each).
 */
export class GraphError extends DeepWireError {
  constructor(readonly problems: readonly Problem[], graph: Graph) {
    super(graphErrorMessage(problems, graph));
  }
}

function graphErrorMessage(problems: readonly Problem[], graph: Graph): Message {
  const errors = problems.filter((p) => p.severity === 'error');
  const lines = joinMessages(errors.map((p) => problemLine(p, graph)), 'problem.join.lines');
  return errors.length === 1 ? msg('problem.graphErrors.one', { lines }) : msg('problem.graphErrors.many', { count: errors.length, lines });
}

/**
 * A problem with where it is, as a Message: `node <id> (<kind>): <message>`, `edge <id>: …`
 * or `graph: …`. The kind is its title in the reader's language.
 */
export function problemLine(p: Problem, graph: Graph): Message {
  const message = p.msg ?? p.message;
  if (p.nodeId) {
    const node = graph.nodes.find((n) => n.id === p.nodeId);
    return msg('problem.at.node', { id: p.nodeId, kind: node ? kindName(node.kind) : '?', message });
  }
  if (p.edgeId) return msg('problem.at.edge', { id: p.edgeId, message });
  return msg('problem.at.graph', { message });
}

/** `node <id> (<kind>): <message>` — the form the CLI prints — in `locale`. */
export function formatProblem(p: Problem, graph: Graph, locale: Locale = 'en'): string {
  return textOf(locale, problemLine(p, graph));
}

/** A build failure as the node's problem: the error's own Message, else its text in one. */
function buildProblem(e: unknown, nodeId: string): Problem {
  const text = messageOfError(e) ?? msg('problem.build', { reason: e instanceof Error ? e.message : String(e) });
  return { severity: 'error', code: 'build', message: englishText(text), msg: text, nodeId };
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
      throw new GraphError([buildProblem(e, id)], graph);
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
    if (built.kind !== 'layer') {
      const text = msg('problem.notLayer');
      throw new GraphError([{ severity: 'error', code: 'build', message: englishText(text), msg: text, nodeId: id }], graph);
    }
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
