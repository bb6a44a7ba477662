/**
 * Loss nodes. Each takes the prediction (`pred`) and the dataset's targets (`y`) and checks they
 * fit: a softmax cross-entropy needs one output per class, a binary cross-entropy one output, an
 * MSE on class targets one output per class (the targets become one-hot rows).
 *
 * Cross-entropies take raw scores, like PyTorch's; when their input is a Softmax (Sigmoid) node
 * they fuse with it and compute from that node's input, which is exact and numerically stable.
 */
import { z } from 'zod';
import { binaryCrossEntropy, crossEntropy, meanSquaredError } from '../../nn/losses';
import { oneHot, reshape } from '../../ops';
import { msg, type Message } from '../../i18n/message';
import { kindName } from '../problemText';
import { defineNode, NodeInferenceError } from '../registry';
import { formatSymShape, type SymShape, type TargetInfo } from '../types';
import { dim, targetIn, tensorIn } from './shapes';

const ports = {
  inputs: [{ id: 'pred', type: 'tensor' as const }, { id: 'y', type: 'target' as const }],
  outputs: [{ id: 'loss', type: 'objective' as const }],
};

function outputs(pred: SymShape): number {
  if (pred.length !== 2) {
    throw new NodeInferenceError(msg('problem.loss.predShape', { shape: formatSymShape(pred), flatten: kindName('Flatten'), dense: kindName('Dense') }), 'shape', 'pred');
  }
  return dim(pred, 1);
}

function describeTarget(t: TargetInfo): Message {
  return t.task === 'classification' ? msg('problem.target.classes', { count: t.classes }) : msg('problem.target.values', { shape: formatSymShape(t.shape) });
}

export const MSENode = defineNode({
  id: 'MSE',
  category: 'Loss',
  params: z.object({}),
  ...ports,
  infer: ({ inputs }) => {
    const pred = tensorIn(inputs, 'pred');
    const t = targetIn(inputs);
    const n = outputs(pred);
    const want = t.task === 'classification' ? (t.classes === 2 && n === 1 ? 1 : t.classes) : dim(t.shape, -1);
    if (n !== want) {
      const vars = { outputs: n, target: describeTarget(t) };
      throw new NodeInferenceError(want === 1 ? msg('problem.loss.outputsOne', vars) : msg('problem.loss.outputsMany', { ...vars, want }), 'loss-mismatch', 'pred');
    }
    return { loss: { type: 'objective' } };
  },
  build: ({ inputs }) => {
    const t = targetIn(inputs);
    const n = outputs(tensorIn(inputs, 'pred'));
    // Class indices become one-hot rows (or stay 0/1 for a single output).
    if (t.task === 'classification' && n > 1) {
      return { kind: 'loss', loss: (p, y) => meanSquaredError(p, y.rank === 1 ? oneHot(y, n) : y) };
    }
    return { kind: 'loss', loss: (p, y) => meanSquaredError(p, y.rank === 1 ? reshape(y, [-1, 1]) : y) };
  },
});

export const CrossEntropyNode = defineNode({
  id: 'CrossEntropy',
  category: 'Loss',
  params: z.object({}),
  ...ports,
  infer: ({ inputs }) => {
    const pred = tensorIn(inputs, 'pred');
    const t = targetIn(inputs);
    const n = outputs(pred);
    if (t.task !== 'classification') {
      throw new NodeInferenceError(msg('problem.loss.needsClasses', { mse: kindName('MSE') }), 'loss-mismatch', 'y');
    }
    if (n === 1) {
      throw new NodeInferenceError(msg('problem.loss.oneUnit', {
        classes: t.classes, sigmoid: kindName('Sigmoid'), binary: kindName('BinaryCrossEntropy'),
      }), 'loss-mismatch', 'pred');
    }
    if (n !== t.classes) {
      throw new NodeInferenceError(msg('problem.loss.classes', { outputs: n, classes: t.classes }), 'loss-mismatch', 'pred');
    }
    return { loss: { type: 'objective' } };
  },
  build: () => ({
    kind: 'loss',
    loss: (logits, y) => crossEntropy(logits, y),
    fuses: { activation: 'Softmax', loss: (logits, y) => crossEntropy(logits, y) },
  }),
});

export const BinaryCrossEntropyNode = defineNode({
  id: 'BinaryCrossEntropy',
  category: 'Loss',
  params: z.object({}),
  ...ports,
  infer: ({ inputs }) => {
    const pred = tensorIn(inputs, 'pred');
    const t = targetIn(inputs);
    const n = outputs(pred);
    if (t.task === 'classification' && (t.classes !== 2 || n !== 1)) {
      throw new NodeInferenceError(t.classes !== 2
        ? msg('problem.loss.binaryClasses', { classes: t.classes, softmax: kindName('Softmax'), crossEntropy: kindName('CrossEntropy') })
        : msg('problem.loss.binaryUnits', { outputs: n }), 'loss-mismatch', 'pred');
    }
    return { loss: { type: 'objective' } };
  },
  build: () => {
    const column = (y: Parameters<typeof reshape>[0]) => (y.rank === 1 ? reshape(y, [-1, 1]) : y);
    return {
      kind: 'loss',
      loss: (logits, y) => binaryCrossEntropy(logits, column(y), { fromLogits: true }),
      fuses: { activation: 'Sigmoid', loss: (logits, y) => binaryCrossEntropy(logits, column(y), { fromLogits: true }) },
    };
  },
});
