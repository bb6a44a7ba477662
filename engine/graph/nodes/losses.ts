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
import { defineNode, NodeInferenceError } from '../registry';
import { formatSymShape, type SymShape, type TargetInfo } from '../types';
import { dim, targetIn, tensorIn } from './shapes';

const ports = {
  inputs: [{ id: 'pred', type: 'tensor' as const }, { id: 'y', type: 'target' as const }],
  outputs: [{ id: 'loss', type: 'objective' as const }],
};

function outputs(pred: SymShape): number {
  if (pred.length !== 2) throw new NodeInferenceError(`expects predictions (batch, outputs), got ${formatSymShape(pred)} — add Flatten/Dense`, 'shape', 'pred');
  return dim(pred, 1);
}

function describeTarget(t: TargetInfo): string {
  return t.task === 'classification' ? `${t.classes} classes` : `targets ${formatSymShape(t.shape)}`;
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
      throw new NodeInferenceError(`the prediction has ${n} outputs but the data has ${describeTarget(t)}: use ${want} output unit${want === 1 ? '' : 's'}`, 'loss-mismatch', 'pred');
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
      throw new NodeInferenceError('cross-entropy needs class targets; this data is a regression task — use MSE', 'loss-mismatch', 'y');
    }
    if (n === 1) {
      throw new NodeInferenceError(`softmax cross-entropy on a 1-unit output always gives loss 0: use ${t.classes} output units, or Sigmoid + BinaryCrossEntropy`, 'loss-mismatch', 'pred');
    }
    if (n !== t.classes) {
      throw new NodeInferenceError(`the prediction has ${n} outputs but the data has ${t.classes} classes`, 'loss-mismatch', 'pred');
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
        ? `binary cross-entropy is for 2 classes; the data has ${t.classes} — use Softmax + CrossEntropy`
        : `binary cross-entropy needs 1 output unit, the prediction has ${n}`, 'loss-mismatch', 'pred');
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
