/**
 * A compiled model's state as named tensors — `<nodeId>.<param>` (kernel, bias, gamma, beta) and
 * BatchNorm's `<nodeId>.running_mean` / `.running_var` — for weights.safetensors, and back.
 */
import { allocArray } from '../core/dtype';
import { DeepWireError, formatShape } from '../core/errors';
import { shapesEqual } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { msg, type Message } from '../i18n/message';
import { BatchNorm } from '../nn/layers/BatchNorm';
import { tensor } from '../ops';
import type { GraphModel } from './GraphModel';
import { joinMessages } from './problemText';

/** One tensor in C order (structurally the project file's TensorData). */
export type NamedTensor =
  | { dtype: 'float32'; shape: number[]; data: Float32Array }
  | { dtype: 'float64'; shape: number[]; data: Float64Array };

/** Tensors a model's state consists of, by name. */
function stateTensors(model: GraphModel): Map<string, { get: () => Tensor; set: (t: Tensor) => void }> {
  const out = new Map<string, { get: () => Tensor; set: (t: Tensor) => void }>();
  for (const step of model.steps) {
    for (const p of step.layer.parameters()) {
      out.set(`${step.nodeId}.${p.name}`, { get: () => p.value, set: (t) => p.value.assign(t) });
    }
    const layer = step.layer;
    if (layer instanceof BatchNorm) {
      out.set(`${step.nodeId}.running_mean`, { get: () => layer.runningMean, set: (t) => (layer.runningMean = t.keep()) });
      out.set(`${step.nodeId}.running_var`, { get: () => layer.runningVar, set: (t) => (layer.runningVar = t.keep()) });
    }
  }
  return out;
}

/** Copies the model's parameters and running statistics out. */
export function exportWeights(model: GraphModel): Map<string, NamedTensor> {
  const result = new Map<string, NamedTensor>();
  for (const [name, ref] of stateTensors(model)) {
    const t = ref.get();
    const data = t.dataSync();
    result.set(name, data instanceof Float64Array
      ? { dtype: 'float64', shape: [...t.shape], data }
      : { dtype: 'float32', shape: [...t.shape], data });
  }
  return result;
}

/** The same, from any backend (GPU backends read asynchronously). */
export async function readWeights(model: GraphModel): Promise<Map<string, NamedTensor>> {
  const result = new Map<string, NamedTensor>();
  for (const [name, ref] of stateTensors(model)) {
    const t = ref.get();
    const data = await t.data();
    result.set(name, data instanceof Float64Array
      ? { dtype: 'float64', shape: [...t.shape], data }
      : { dtype: 'float32', shape: [...t.shape], data });
  }
  return result;
}

/**
 * Loads named tensors into the model. Every tensor of the model must be present with its shape;
 * extra names are an error too (they belong to another graph). Values are converted to the
 * model's dtype.
 */
export function importWeights(model: GraphModel, weights: ReadonlyMap<string, NamedTensor>): void {
  const state = stateTensors(model);
  const problems: Message[] = [];
  for (const name of weights.keys()) if (!state.has(name)) problems.push(msg('problem.weights.extra', { name }));
  for (const [name, ref] of state) {
    const w = weights.get(name);
    const current = ref.get();
    if (!w) problems.push(msg('problem.weights.missing', { name }));
    else if (!shapesEqual(w.shape, current.shape)) {
      problems.push(msg('problem.weights.shape', { name, shape: formatShape(w.shape), needed: formatShape(current.shape) }));
    }
  }
  if (problems.length) throw new DeepWireError(msg('problem.weights.mismatch', { problems: joinMessages(problems, 'problem.join.list') }));
  for (const [name, ref] of state) {
    const w = weights.get(name)!;
    const current = ref.get();
    const data = allocArray(current.dtype, w.data.length);
    data.set(w.data);
    ref.set(tensor(data, w.shape, { dtype: current.dtype, backend: current.backend }));
  }
}
