/**
 * Gradient check of a whole graph: compiles it in float64 and compares, for every parameter
 * tensor, backprop's gradient on one batch with central differences. Also times both, to show
 * why numerical differentiation is too slow to train with.
 */
import { msg, type Message } from '../i18n/message';
import { Tensor } from '../core/tensor';
import type { DatasetSources } from '../data/builtins';
import { splitTensors } from '../data/batcher';
import { compileGraph } from '../graph/compile';
import type { Graph } from '../graph/schema';
import { Dropout } from '../nn/layers/Dropout';
import { add, backward, withStraightThroughStep } from '../ops';
import { gradCheckTensors } from '../testing/gradcheck';
import { prepareData } from './prepareData';

export interface TensorCheck {
  /** `<nodeId>.<param>`. */
  readonly name: string;
  readonly shape: readonly number[];
  /** Elements compared (a seeded sample of large tensors). */
  readonly checked: number;
  readonly relativeError: number;
  readonly pass: boolean;
}

export interface GradientReport {
  readonly tensors: readonly TensorCheck[];
  readonly threshold: number;
  /** One forward + backward pass for all parameters. */
  readonly backpropSeconds: number;
  /** The numerical check of the sampled elements (two forward passes each). */
  readonly numericalSeconds: number;
  /** What the reader should know about this check (catalogue messages). */
  readonly notes: readonly Message[];
}

export interface GradientCheckOptions {
  /** Largest relative error that passes (default 1e-5). */
  threshold?: number;
  /** Elements sampled per tensor (default 20). */
  samplesPerTensor?: number;
  /** Rows in the batch (default: min(batch size, 16)). */
  batchRows?: number;
}

const clock = () => Date.now() / 1000;

export async function checkGradients(graph: Graph, sources: DatasetSources = {}, options: GradientCheckOptions = {}): Promise<GradientReport> {
  const threshold = options.threshold ?? 1e-5;
  const compiled = compileGraph(graph, { dtype: 'float64' });
  const data = await prepareData(compiled, sources);
  const rows = data.splits.train.subarray(0, options.batchRows ?? Math.min(compiled.training.batchSize, 16));
  const { x, y } = splitTensors(data.dataset, rows, { tensor: { dtype: 'float64' } });
  const { model } = compiled;
  const notes: Message[] = [];
  model.train();
  // A dropout mask redrawn at every evaluation would make the function itself random.
  for (const step of model.steps) {
    if (step.layer instanceof Dropout && step.layer.rate > 0) {
      step.layer.training = false;
      if (!notes.length) notes.push(msg('run.gradcheck.dropoutOff'));
    }
  }
  const wrap = <T>(fn: () => T) => (compiled.optimizer.straightThroughStep ? withStraightThroughStep(fn) : fn());
  const objective = (): Tensor => {
    const out = model.forward(x);
    const loss = compiled.loss(out.lossInput, y);
    const penalty = model.regularizationLoss();
    return penalty ? add(loss, penalty) : loss;
  };
  if (model.steps.some((s) => s.nodeId && graph.nodes.find((n) => n.id === s.nodeId)?.kind === 'Step')) {
    notes.push(msg('run.gradcheck.stepZero'));
  }

  const params = model.steps.flatMap((s) => s.layer.parameters().map((p) => ({ name: `${s.nodeId}.${p.name}`, value: p.value })));
  const t0 = clock();
  wrap(() => backward(objective()));
  const backpropSeconds = clock() - t0;
  for (const p of params) p.value.grad = null;

  const sample = options.samplesPerTensor ?? 20;
  const t1 = clock();
  const tensors = params.map(({ name, value }) => {
    const r = wrap(() => gradCheckTensors(objective, [value], { sample, h: 1e-5 }));
    const error = r.relativeErrors[0];
    return { name, shape: [...value.shape], checked: Math.min(sample, value.size), relativeError: error, pass: error <= threshold };
  });
  const numericalSeconds = clock() - t1;
  return { tensors, threshold, backpropSeconds, numericalSeconds, notes };
}
