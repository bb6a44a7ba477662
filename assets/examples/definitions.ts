/**
 * The example projects (also the editor's templates). `npm run examples` writes each as
 * assets/examples/<name>.dwire; a test checks the committed files match these definitions.
 */
import { makeGraph, type NodeSpec } from '../../engine/graph/makeGraph';
import type { Graph } from '../../engine/graph/schema';

export interface ExampleDef {
  readonly name: string;
  readonly title: string;
  readonly graph: Graph;
}

/** Dataset → layers in a chain → loss (+ optimiser, training). */
function chain(data: NodeSpec, layers: readonly NodeSpec[], loss: NodeSpec, optimizer: NodeSpec, training: NodeSpec): Graph {
  const ids = [data[0], ...layers.map((l) => l[0])];
  const wires = [
    ...ids.slice(1).map((id, i) => `${ids[i]}.${i === 0 ? 'x' : 'y'} -> ${id}.x`),
    `${ids[ids.length - 1]}.${ids.length === 1 ? 'x' : 'y'} -> ${loss[0]}.pred`,
    `${data[0]}.y -> ${loss[0]}.y`,
    `${loss[0]}.loss -> ${optimizer[0]}.loss`,
  ];
  return makeGraph([data, ...layers, loss, optimizer, training], wires);
}

const mnist = (params: Record<string, unknown> = {}): NodeSpec => ['mnist', 'Dataset', { source: 'mnist', normalize: 'standardize', ...params }];
const softmaxCe: NodeSpec = ['loss', 'CrossEntropy'];

export const EXAMPLES: readonly ExampleDef[] = [
  {
    name: 'perceptron-and',
    title: 'Perceptron learns AND',
    graph: chain(['data', 'Dataset', { source: 'and' }],
      [['neuron', 'Dense', { units: 1, init: 'normal001' }], ['step', 'Step']],
      ['loss', 'MSE'], ['rule', 'Perceptron', { learningRate: 0.1 }], ['training', 'Training', { epochs: 20, batchSize: 1, seed: 1 }]),
  },
  {
    name: 'perceptron-xor',
    title: 'Perceptron fails on XOR',
    graph: chain(['data', 'Dataset', { source: 'xor' }],
      [['neuron', 'Dense', { units: 1, init: 'normal001' }], ['step', 'Step']],
      ['loss', 'MSE'], ['rule', 'Perceptron', { learningRate: 0.1 }], ['training', 'Training', { epochs: 50, batchSize: 1, seed: 1 }]),
  },
  {
    name: 'xor-mlp',
    title: 'Two layers solve XOR',
    graph: chain(['data', 'Dataset', { source: 'xor' }],
      [['hidden', 'Dense', { units: 4, init: 'xavierNormal' }], ['tanh', 'Tanh'], ['output', 'Dense', { units: 2, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.05 }], ['training', 'Training', { epochs: 300, batchSize: 4, seed: 1 }]),
  },
  {
    name: 'spiral-mlp',
    title: 'Three spirals',
    graph: chain(['data', 'Dataset', { source: 'spirals', samples: 300, classes: 3, noise: 0.2 }],
      [['hidden', 'Dense', { units: 64, init: 'heNormal' }], ['relu', 'ReLU'], ['output', 'Dense', { units: 3, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.02 }], ['training', 'Training', { epochs: 150, batchSize: 32, seed: 1 }]),
  },
  {
    name: 'iris-mlp',
    title: 'Iris flowers',
    graph: chain(['data', 'Dataset', { source: 'iris', normalize: 'standardize' }],
      [['hidden', 'Dense', { units: 16, init: 'heNormal' }], ['relu', 'ReLU'], ['output', 'Dense', { units: 3, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.01 }], ['training', 'Training', { epochs: 100, batchSize: 16, seed: 1 }]),
  },
  {
    name: 'mnist-mlp',
    title: 'MNIST digits, 784-100-100-10',
    graph: chain(mnist(),
      [['flatten', 'Flatten'], ['hidden1', 'Dense', { units: 100, init: 'heNormal' }], ['relu1', 'ReLU'],
        ['hidden2', 'Dense', { units: 100, init: 'heNormal' }], ['relu2', 'ReLU'], ['output', 'Dense', { units: 10, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.001 }], ['training', 'Training', { epochs: 10, batchSize: 64, seed: 1, validationSplit: 0.1 }]),
  },
  {
    name: 'mnist-mlp-batchnorm',
    title: 'MNIST with batch normalisation',
    graph: chain(mnist(),
      [['flatten', 'Flatten'], ['hidden1', 'Dense', { units: 100, init: 'heNormal', useBias: false }], ['bn1', 'BatchNorm'], ['relu1', 'ReLU'],
        ['hidden2', 'Dense', { units: 100, init: 'heNormal', useBias: false }], ['bn2', 'BatchNorm'], ['relu2', 'ReLU'],
        ['output', 'Dense', { units: 10, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.001 }], ['training', 'Training', { epochs: 10, batchSize: 64, seed: 1, validationSplit: 0.1 }]),
  },
  {
    name: 'mnist-cnn',
    title: 'MNIST convolutional network',
    graph: chain(mnist(),
      [['conv1', 'Conv2D', { filters: 16, kernelSize: 3, padding: 'valid' }], ['relu1', 'ReLU'], ['pool1', 'MaxPool2D', { poolSize: 2 }],
        ['conv2', 'Conv2D', { filters: 32, kernelSize: 3, padding: 'valid' }], ['relu2', 'ReLU'], ['pool2', 'MaxPool2D', { poolSize: 2 }],
        ['flatten', 'Flatten'], ['hidden', 'Dense', { units: 64, init: 'heNormal' }], ['relu3', 'ReLU'],
        ['output', 'Dense', { units: 10, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['adam', 'Adam', { learningRate: 0.0005 }], ['training', 'Training', { epochs: 8, batchSize: 32, seed: 1, validationSplit: 0.02 }]),
  },
  {
    name: 'mnist-overfit',
    title: 'Overfitting: a big net on 300 digits',
    graph: chain(mnist({ limit: 300 }),
      [['flatten', 'Flatten'], ['hidden1', 'Dense', { units: 256, init: 'heNormal' }], ['relu1', 'ReLU'],
        ['hidden2', 'Dense', { units: 256, init: 'heNormal' }], ['relu2', 'ReLU'], ['output', 'Dense', { units: 10, init: 'xavierNormal' }], ['softmax', 'Softmax']],
      softmaxCe, ['sgd', 'SGD', { learningRate: 0.05 }], ['training', 'Training', { epochs: 100, batchSize: 32, seed: 1, validationSplit: 0.5 }]),
  },
  {
    name: 'mnist-dropout-l2',
    title: 'Overfitting tamed: dropout and weight decay',
    graph: chain(mnist({ limit: 300 }),
      [['flatten', 'Flatten'], ['hidden1', 'Dense', { units: 256, init: 'heNormal', regularizer: 'l2', lambda: 0.001 }], ['relu1', 'ReLU'], ['drop1', 'Dropout', { rate: 0.5 }],
        ['hidden2', 'Dense', { units: 256, init: 'heNormal', regularizer: 'l2', lambda: 0.001 }], ['relu2', 'ReLU'], ['drop2', 'Dropout', { rate: 0.5 }],
        ['output', 'Dense', { units: 10, init: 'xavierNormal', regularizer: 'l2', lambda: 0.001 }], ['softmax', 'Softmax']],
      softmaxCe, ['sgd', 'SGD', { learningRate: 0.05 }], ['training', 'Training', { epochs: 100, batchSize: 32, seed: 1, validationSplit: 0.5 }]),
  },
];
