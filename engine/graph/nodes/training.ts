/**
 * The Training node: how long and how to train. It has no ports; one per graph.
 */
import { z } from 'zod';
import { defineNode } from '../registry';

export const TrainingParams = z.object({
  epochs: z.number().int().min(1).max(100_000).default(10),
  batchSize: z.number().int().min(1).max(65_536).default(32),
  /** Fraction of the training data held out for validation. */
  validationSplit: z.number().min(0).max(0.9).default(0.2),
  shuffle: z.boolean().default(true),
  /** Drives initialisation, shuffling and dropout: same seed, same run. */
  seed: z.number().int().default(1),
  backend: z.enum(['auto', 'cpu', 'webgpu']).default('auto'),
  /** CPU threads; 0 means one per core. The result does not depend on it. */
  threads: z.number().int().min(0).max(256).default(0),
});
export type TrainingSettings = z.infer<typeof TrainingParams>;

export const TrainingNode = defineNode({
  id: 'Training',
  category: 'Training',
  params: TrainingParams,
  ui: { validationSplit: { unit: '%' } },
  inputs: [],
  outputs: [],
  infer: () => ({}),
  summary: (p) => `${p.epochs} epochs · batch ${p.batchSize}`,
});
