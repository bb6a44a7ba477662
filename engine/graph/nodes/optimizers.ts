/**
 * Optimiser nodes, connected to the loss they minimise. Defaults follow the course.
 */
import { z } from 'zod';
import { AdaGrad, Adam, Momentum, Perceptron, RMSProp, SGD } from '../../nn/optimizers';
import { defineNode } from '../registry';

const LearningRate = (d: number) => z.number().gt(0).max(100).default(d);
const ports = { inputs: [{ id: 'loss', type: 'objective' as const }], outputs: [] };
const lrUi = { learningRate: { log: true } } as const;
const infer = () => ({});

export const SGDNode = defineNode({
  id: 'SGD',
  category: 'Optimizer',
  params: z.object({ learningRate: LearningRate(0.1) }),
  ui: lrUi,
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new SGD(params.learningRate) }),
  summary: (p) => `lr ${p.learningRate}`,
});

export const MomentumNode = defineNode({
  id: 'Momentum',
  category: 'Optimizer',
  params: z.object({ learningRate: LearningRate(0.01), momentum: z.number().min(0).max(0.999).default(0.9) }),
  ui: lrUi,
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new Momentum(params.learningRate, params.momentum) }),
  summary: (p) => `lr ${p.learningRate} · α ${p.momentum}`,
});

export const AdaGradNode = defineNode({
  id: 'AdaGrad',
  category: 'Optimizer',
  params: z.object({ learningRate: LearningRate(0.01), epsilon: z.number().gt(0).max(1).default(1e-7) }),
  ui: { ...lrUi, epsilon: { log: true } },
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new AdaGrad(params.learningRate, params.epsilon) }),
  summary: (p) => `lr ${p.learningRate}`,
});

export const RMSPropNode = defineNode({
  id: 'RMSProp',
  category: 'Optimizer',
  params: z.object({
    learningRate: LearningRate(0.001),
    decay: z.number().min(0).max(0.9999).default(0.99),
    epsilon: z.number().gt(0).max(1).default(1e-7),
  }),
  ui: { ...lrUi, epsilon: { log: true } },
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new RMSProp(params.learningRate, params.decay, params.epsilon) }),
  summary: (p) => `lr ${p.learningRate} · ρ ${p.decay}`,
});

export const AdamNode = defineNode({
  id: 'Adam',
  category: 'Optimizer',
  params: z.object({
    learningRate: LearningRate(0.001),
    beta1: z.number().min(0).max(0.9999).default(0.9),
    beta2: z.number().min(0).max(0.99999).default(0.999),
    epsilon: z.number().gt(0).max(1).default(1e-8),
  }),
  ui: { ...lrUi, epsilon: { log: true } },
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new Adam(params.learningRate, params.beta1, params.beta2, params.epsilon) }),
  summary: (p) => `lr ${p.learningRate}`,
});

export const PerceptronNode = defineNode({
  id: 'Perceptron',
  category: 'Optimizer',
  params: z.object({ learningRate: LearningRate(0.1) }),
  ui: lrUi,
  ...ports,
  infer,
  build: ({ params }) => ({ kind: 'optimizer', optimizer: new Perceptron(params.learningRate) }),
  summary: (p) => `η ${p.learningRate}`,
});
