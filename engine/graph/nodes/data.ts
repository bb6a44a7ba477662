/**
 * The Dataset node: where samples (x) and targets (y) come from. Shapes are known from the
 * parameters alone, so the graph validates before any data is loaded.
 */
import { z } from 'zod';
import { defineNode, NodeInferenceError } from '../registry';
import type { TargetInfo } from '../types';

export const DATASET_SOURCES = ['and', 'or', 'xor', 'nand', 'spirals', 'moons', 'circles', 'iris', 'mnist'] as const;
export type DatasetSource = (typeof DATASET_SOURCES)[number];

export const DatasetParams = z.object({
  source: z.enum(DATASET_SOURCES).default('xor'),
  /** Samples to generate (spirals, moons, circles). */
  samples: z.number().int().min(4).max(100_000).default(300),
  noise: z.number().min(0).max(5).default(0.1),
  /** Arms of the spiral. */
  classes: z.number().int().min(2).max(10).default(3),
  /** Use only this many training samples (0 = all) — for overfitting experiments. */
  limit: z.number().int().min(0).max(1_000_000).default(0),
  normalize: z.enum(['none', 'standardize', 'minmax']).default('none'),
  /** Seed of the generated data (the Training node's seed drives everything else). */
  seed: z.number().int().default(1),
});
export type DatasetParams = z.infer<typeof DatasetParams>;

/** Sample shape, target description and size of a built-in source, without loading it. */
export function describeDataset(p: DatasetParams): { featureShape: number[]; target: TargetInfo } {
  switch (p.source) {
    case 'and':
    case 'or':
    case 'xor':
    case 'nand':
      return { featureShape: [2], target: { task: 'classification', classes: 2, shape: [null] } };
    case 'spirals':
      return { featureShape: [2], target: { task: 'classification', classes: p.classes, shape: [null] } };
    case 'moons':
    case 'circles':
      return { featureShape: [2], target: { task: 'classification', classes: 2, shape: [null] } };
    case 'iris':
      return { featureShape: [4], target: { task: 'classification', classes: 3, shape: [null] } };
    case 'mnist':
      return { featureShape: [28, 28, 1], target: { task: 'classification', classes: 10, shape: [null] } };
    default:
      throw new NodeInferenceError(`unknown dataset source '${String(p.source)}'`, 'param');
  }
}

export const DatasetNode = defineNode({
  id: 'Dataset',
  category: 'Data',
  params: DatasetParams,
  ui: {
    samples: { visibleWhen: { param: 'source', notEqual: 'mnist' } },
    classes: { visibleWhen: { param: 'source', notEqual: 'mnist' } },
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
