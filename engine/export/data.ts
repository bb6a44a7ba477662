/**
 * The data an exported script trains on, exactly as DeepWire feeds it to the network: features
 * after normalisation (statistics of the training split), targets, and the train / validation /
 * test row indices of the same seeded split. Written as `data.safetensors` beside an exported
 * PyTorch or Keras script, so the script trains on the same samples in the same splits.
 */
import type { DatasetSources } from '../data/builtins';
import { compileGraph } from '../graph/compile';
import type { Graph } from '../graph/schema';
import type { NamedTensor } from '../graph/weights';
import { prepareData } from '../train/prepareData';

/** Tensors of data.safetensors: `x` (float32, [samples, …feature shape]), `y`, `train`, `validation`, `test`. */
export interface ExportData {
  readonly tensors: Map<string, NamedTensor | { dtype: 'int32'; shape: number[]; data: Int32Array }>;
  /** 'classification' → `y` is int32 class indices [samples]; 'regression' → float32 [samples, targets]. */
  readonly task: 'classification' | 'regression';
  readonly classNames?: readonly string[];
  /** True when the set is too small to hold samples out (test = train). */
  readonly testIsTrain: boolean;
}

export async function exportData(graph: Graph, sources: DatasetSources = {}): Promise<ExportData> {
  const compiled = compileGraph(graph, { dtype: 'float32' });
  const prepared = await prepareData(compiled, sources);
  const d = prepared.dataset;
  const idx = (a: Uint32Array) => ({ dtype: 'int32' as const, shape: [a.length], data: Int32Array.from(a) });
  const tensors: ExportData['tensors'] = new Map();
  tensors.set('x', { dtype: 'float32', shape: [d.samples, ...d.featureShape], data: d.x });
  if (d.task === 'classification') tensors.set('y', { dtype: 'int32', shape: [d.samples], data: Int32Array.from(d.y) });
  else tensors.set('y', { dtype: 'float32', shape: [d.samples, d.targetSize], data: d.y });
  tensors.set('train', idx(prepared.splits.train));
  tensors.set('validation', idx(prepared.splits.validation));
  tensors.set('test', idx(prepared.testIsTrain ? prepared.splits.train : prepared.splits.test));
  return { tensors, task: d.task, classNames: d.task === 'classification' ? d.classNames : undefined, testIsTrain: prepared.testIsTrain };
}
