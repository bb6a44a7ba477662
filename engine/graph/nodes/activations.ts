/**
 * Activation nodes: one kind per function, so the palette shows each by name as the course does.
 */
import { z } from 'zod';
import { Activation, type ActivationKind } from '../../nn/activations';
import { defineNode, type NodeDef } from '../registry';
import { tensorIn, tensorOut } from './shapes';

function activationNode(id: string, fn: ActivationKind): NodeDef<Record<string, never>> {
  return defineNode({
    id,
    category: 'Activation',
    params: z.object({}) as unknown as z.ZodType<Record<string, never>>,
    inputs: [{ id: 'x', type: 'tensor' }],
    outputs: [{ id: 'y', type: 'tensor' }],
    infer: ({ inputs }) => ({ y: tensorOut(tensorIn(inputs)) }),
    build: ({ nodeId }) => ({ kind: 'layer', layer: new Activation(fn, 0.01, nodeId) }),
  });
}

export const StepNode = activationNode('Step', 'step');
export const SigmoidNode = activationNode('Sigmoid', 'sigmoid');
export const TanhNode = activationNode('Tanh', 'tanh');
export const ReLUNode = activationNode('ReLU', 'relu');

export const LeakyReLUNode = defineNode({
  id: 'LeakyReLU',
  category: 'Activation',
  params: z.object({ alpha: z.number().min(0).max(0.99).default(0.01) }),
  inputs: [{ id: 'x', type: 'tensor' }],
  outputs: [{ id: 'y', type: 'tensor' }],
  infer: ({ inputs }) => ({ y: tensorOut(tensorIn(inputs)) }),
  build: ({ params, nodeId }) => ({ kind: 'layer', layer: new Activation('leakyRelu', params.alpha, nodeId) }),
  summary: (p) => `α ${p.alpha}`,
});

export const SoftmaxNode = activationNode('Softmax', 'softmax');
export const IdentityNode = activationNode('Identity', 'identity');
