/**
 * The Dataset node: where samples (x) and targets (y) come from. Shapes are known from the
 * parameters alone, so the graph validates before any data is loaded.
 */
import { z } from 'zod';
import { BUILTIN_DATASET_NAMES, describeBuiltinDataset, type BuiltinDatasetParams } from '../../data/builtins';
import { messageOfError } from '../../i18n/message';
import { defineNode, NodeInferenceError } from '../registry';
import type { TargetInfo } from '../types';


export const DatasetParams = z.object({
  source: z.enum(BUILTIN_DATASET_NAMES).default('xor'),
  /** Samples to generate (spirals, moons, circles). */
  samples: z.number().int().min(4).max(100_000).default(300),
  noise: z.number().min(0).max(5).default(0.1),
  /** Arms of the spiral. */
  classes: z.number().int().min(2).max(10).default(3),
  /** Inner circle's radius relative to the outer one (circles). */
  factor: z.number().gt(0).lt(1).default(0.5),
  /** Use only this many training samples (0 = all) — for overfitting experiments. */
  limit: z.number().int().min(0).max(1_000_000).default(0),
  normalize: z.enum(['none', 'standardize', 'minmax']).default('none'),
  /** Seed of the generated data (the Training node's seed drives everything else). */
  seed: z.number().int().default(1),
});
export type DatasetParams = z.infer<typeof DatasetParams>;

/** Sample shape and target description of a built-in source, without loading it. */
export function describeDataset(p: DatasetParams): { featureShape: number[]; target: TargetInfo } {
  try {
    const info = describeBuiltinDataset(p.source, p);
    const target: TargetInfo = info.task === 'classification'
      ? { task: 'classification', classes: info.classes, shape: [null] }
      : { task: 'regression', shape: [null, info.classes] };
    return { featureShape: [...info.featureShape], target };
  } catch (e) {
    // The data module's error, in the reader's language when it carries a Message.
    throw new NodeInferenceError(messageOfError(e) ?? (e as Error).message, 'param');
  }
}

/** Visible for the sources whose loader reads `param`. */
function readBy(param: keyof BuiltinDatasetParams) {
  return { visibleWhen: { param: 'source', in: BUILTIN_DATASET_NAMES.filter((n) => describeBuiltinDataset(n).params.includes(param)) } };
}

export const DatasetNode = defineNode({
  id: 'Dataset',
  category: 'Data',
  params: DatasetParams,
  // Each parameter shows only for the sources that read it.
  ui: {
    samples: readBy('samples'),
    noise: readBy('noise'),
    classes: readBy('classes'),
    factor: readBy('factor'),
    limit: readBy('limit'),
    seed: readBy('seed'),
  },
  inputs: [],
  outputs: [
    { id: 'x', type: 'tensor' },
    { id: 'y', type: 'target' },
  ],
  infer: ({ params }) => {
    const d = describeDataset(params);
    return { x: { type: 'tensor', shape: [null, ...d.featureShape] }, y: { type: 'target', target: d.target } };
  },
  summary: (p) => p.source,
});
