/**
 * Layer nodes: Dense, Conv2D, pooling, Flatten, Reshape, BatchNorm, Dropout, Add, Concat.
 * Initialiser and weight decay are parameters of the layers that have weights.
 */
import { z } from 'zod';
import { conv2dGeometry, pool2dGeometry } from '../../ops/conv';
import { INITIALIZER_PRESETS } from '../../nn/init';
import { Dense } from '../../nn/layers/Dense';
import { Conv2D } from '../../nn/layers/Conv2D';
import { AvgPool2D, MaxPool2D } from '../../nn/layers/Pooling';
import { Flatten, Reshape } from '../../nn/layers/Shape';
import { BatchNorm } from '../../nn/layers/BatchNorm';
import { Dropout } from '../../nn/layers/Dropout';
import { Add, Concat } from '../../nn/layers/Merge';
import type { Regularizer } from '../../nn/regularizers';
import { msg } from '../../i18n/message';
import { typeName } from '../problemText';
import { defineNode, NodeInferenceError } from '../registry';
import { formatSymShape, type SymShape } from '../types';
import { dim, expectRank, expectWindowFits, sampleShape, tensorIn, tensorOut } from './shapes';

const INIT_NAMES = Object.keys(INITIALIZER_PRESETS) as (keyof typeof INITIALIZER_PRESETS)[];
const Init = z.enum(INIT_NAMES as [keyof typeof INITIALIZER_PRESETS, ...(keyof typeof INITIALIZER_PRESETS)[]]);
const Reg = z.enum(['none', 'l1', 'l2']);
const Lambda = z.number().min(0).max(10);
const Padding = z.enum(['valid', 'same']);
const INIT_LABEL: Record<string, string> = {
  normal1: 'N(0,1)', normal001: 'N(0,0.01)', xavierNormal: 'Xavier', xavierUniform: 'Xavier U',
  heNormal: 'He', heUniform: 'He U', zeros: 'zeros',
};

function regularizer(kind: 'none' | 'l1' | 'l2', lambda: number): Regularizer {
  return kind === 'none' ? { kind: 'none' } : { kind, lambda };
}

const x = [{ id: 'x', type: 'tensor' as const }];
const y = [{ id: 'y', type: 'tensor' as const }];
/** The options every layer with weights has: initialiser, bias, weight decay. */
const weightParams = {
  init: Init.default('heNormal'),
  useBias: z.boolean().default(true),
  regularizer: Reg.default('none'),
  lambda: Lambda.default(0.001),
};
const weightUi = { lambda: { log: true, visibleWhen: { param: 'regularizer', notIn: ['none'] } } } as const;

export const DenseNode = defineNode({
  id: 'Dense',
  category: 'Layer',
  params: z.object({
    units: z.number().int().min(1).max(65536).default(100),
    ...weightParams,
  }),
  ui: weightUi,
  inputs: x,
  outputs: y,
  infer: ({ params, inputs }) => {
    const s = tensorIn(inputs);
    expectRank(s, 2, '(batch, features)', s.length > 2 ? 'Flatten' : undefined);
    return { y: tensorOut([s[0], params.units]) };
  },
  countParams: ({ params, inputs }) => dim(tensorIn(inputs), 1) * params.units + (params.useBias ? params.units : 0),
  build: ({ params, inputs, rng, dtype, backend, nodeId }) => {
    const inFeatures = dim(tensorIn(inputs), 1);
    const layer = new Dense({
      inFeatures, units: params.units, init: INITIALIZER_PRESETS[params.init], useBias: params.useBias,
      regularizer: regularizer(params.regularizer, params.lambda),
    }, { rng, dtype, backend }, nodeId);
    return { kind: 'layer', layer };
  },
  summary: (p) => `${p.units} units · ${INIT_LABEL[p.init]}${p.regularizer !== 'none' ? ` · ${p.regularizer.toUpperCase()} ${p.lambda}` : ''}`,
});

export const Conv2DNode = defineNode({
  id: 'Conv2D',
  category: 'Layer',
  params: z.object({
    filters: z.number().int().min(1).max(4096).default(16),
    kernelSize: z.number().int().min(1).max(15).default(3),
    stride: z.number().int().min(1).max(8).default(1),
    padding: Padding.default('same'),
    dilation: z.number().int().min(1).max(8).default(1),
    ...weightParams,
  }),
  ui: weightUi,
  inputs: x,
  outputs: y,
  infer: ({ params, inputs }) => {
    const s = tensorIn(inputs);
    expectRank(s, 4, '(batch, height, width, channels)', s.length === 2 ? 'Reshape' : undefined);
    const [h, w, c] = sampleShape(s);
    expectWindowFits(h, w, (params.kernelSize - 1) * params.dilation + 1, params.padding);
    const g = conv2dGeometry([1, h, w, c], [params.kernelSize, params.kernelSize, c, params.filters],
      { strides: params.stride, padding: params.padding, dilation: params.dilation });
    return { y: tensorOut([s[0], g.outH, g.outW, params.filters]) };
  },
  countParams: ({ params, inputs }) =>
    params.kernelSize * params.kernelSize * dim(tensorIn(inputs), 3) * params.filters + (params.useBias ? params.filters : 0),
  build: ({ params, inputs, rng, dtype, backend, nodeId }) => {
    const inChannels = dim(tensorIn(inputs), 3);
    const layer = new Conv2D({
      inChannels, filters: params.filters, kernelSize: params.kernelSize, strides: params.stride,
      padding: params.padding, dilation: params.dilation, init: INITIALIZER_PRESETS[params.init],
      useBias: params.useBias, regularizer: regularizer(params.regularizer, params.lambda),
    }, { rng, dtype, backend }, nodeId);
    return { kind: 'layer', layer };
  },
  summary: (p) => `${p.filters} × ${p.kernelSize}×${p.kernelSize}${p.stride > 1 ? ` /${p.stride}` : ''} · ${p.padding}`,
});

const PoolParams = z.object({
  poolSize: z.number().int().min(1).max(8).default(2),
  stride: z.number().int().min(0).max(8).default(0),
  padding: Padding.default('valid'),
});
type PoolParams = z.infer<typeof PoolParams>;
const poolOptions = (p: PoolParams) => ({ poolSize: p.poolSize, strides: p.stride || p.poolSize, padding: p.padding });

function poolInfer(op: string) {
  return ({ params, inputs }: { params: PoolParams; inputs: Parameters<typeof tensorIn>[0] }) => {
    const s = tensorIn(inputs);
    expectRank(s, 4, '(batch, height, width, channels)');
    const [h, w, c] = sampleShape(s);
    expectWindowFits(h, w, params.poolSize, params.padding);
    const g = pool2dGeometry(op, [1, h, w, c], poolOptions(params));
    return { y: tensorOut([s[0], g.outH, g.outW, c]) };
  };
}

export const MaxPool2DNode = defineNode({
  id: 'MaxPool2D',
  category: 'Layer',
  params: PoolParams,
  inputs: x,
  outputs: y,
  infer: poolInfer('MaxPool2D'),
  build: ({ params, nodeId }) => ({ kind: 'layer', layer: new MaxPool2D(poolOptions(params), nodeId) }),
  summary: (p) => `${p.poolSize}×${p.poolSize}`,
});

export const AvgPool2DNode = defineNode({
  id: 'AvgPool2D',
  category: 'Layer',
  params: PoolParams,
  inputs: x,
  outputs: y,
  infer: poolInfer('AvgPool2D'),
  build: ({ params, nodeId }) => ({ kind: 'layer', layer: new AvgPool2D(poolOptions(params), nodeId) }),
  summary: (p) => `${p.poolSize}×${p.poolSize}`,
});

export const FlattenNode = defineNode({
  id: 'Flatten',
  category: 'Layer',
  params: z.object({}),
  inputs: x,
  outputs: y,
  infer: ({ inputs }) => {
    const s = tensorIn(inputs);
    if (s.length < 2) throw new NodeInferenceError(msg('problem.expects', { expected: '(batch, …)', shape: formatSymShape(s) }), 'shape');
    return { y: tensorOut([s[0], sampleShape(s).reduce((a, b) => a * b, 1)]) };
  },
  build: ({ nodeId }) => ({ kind: 'layer', layer: new Flatten(nodeId) }),
});

/** "7, 7, 16" → [7, 7, 16]; one entry may be -1. */
function parseShapeText(text: string): number[] {
  const parts = text.split(/[\s,x×]+/).filter(Boolean).map(Number);
  if (parts.length === 0 || parts.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1)) || parts.filter((d) => d === -1).length > 1) {
    throw new NodeInferenceError(msg('problem.shapeText', { text }), 'param');
  }
  return parts;
}

export const ReshapeNode = defineNode({
  id: 'Reshape',
  category: 'Layer',
  params: z.object({ shape: z.string().max(100).default('28, 28, 1') }),
  inputs: x,
  outputs: y,
  infer: ({ params, inputs }) => {
    const s = tensorIn(inputs);
    const size = sampleShape(s).reduce((a, b) => a * b, 1);
    const target = parseShapeText(params.shape);
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const resolved = target.map((d) => (d === -1 ? size / known : d));
    if (resolved.some((d) => !Number.isInteger(d)) || resolved.reduce((a, b) => a * b, 1) !== size) {
      throw new NodeInferenceError(msg('problem.reshape', { shape: formatSymShape(s), size, target: target.join(', ') }), 'shape');
    }
    return { y: tensorOut([s[0], ...resolved]) };
  },
  build: ({ params, nodeId }) => ({ kind: 'layer', layer: new Reshape(parseShapeText(params.shape), nodeId) }),
  summary: (p) => `(batch, ${p.shape})`,
});

export const BatchNormNode = defineNode({
  id: 'BatchNorm',
  category: 'Layer',
  params: z.object({
    momentum: z.number().min(0).max(0.9999).default(0.9),
    epsilon: z.number().min(1e-12).max(1).default(1e-5),
  }),
  ui: { epsilon: { log: true } },
  inputs: x,
  outputs: y,
  infer: ({ inputs }) => {
    const s = tensorIn(inputs);
    if (s.length !== 2 && s.length !== 4) {
      throw new NodeInferenceError(msg('problem.expectsEither', {
        first: '(batch, features)', second: '(batch, height, width, channels)', shape: formatSymShape(s),
      }), 'shape');
    }
    return { y: tensorOut(s) };
  },
  countParams: ({ inputs }) => 2 * dim(tensorIn(inputs), -1),
  build: ({ params, inputs, rng, dtype, backend, nodeId }) => ({
    kind: 'layer',
    layer: new BatchNorm({ features: dim(tensorIn(inputs), -1), momentum: params.momentum, epsilon: params.epsilon }, { rng, dtype, backend }, nodeId),
  }),
});

export const DropoutNode = defineNode({
  id: 'Dropout',
  category: 'Layer',
  params: z.object({ rate: z.number().min(0).max(0.95).default(0.5) }),
  inputs: x,
  outputs: y,
  infer: ({ inputs }) => ({ y: tensorOut(tensorIn(inputs)) }),
  build: ({ params, rng, dtype, backend, nodeId }) => ({ kind: 'layer', layer: new Dropout(params.rate, { rng, dtype, backend }, nodeId) }),
  summary: (p) => `${Math.round(p.rate * 100)}%`,
});

function branchShapes(inputs: Parameters<typeof tensorIn>[0]): SymShape[] {
  const list = inputs.x ?? [];
  if (list.length < 2) throw new NodeInferenceError(msg('problem.branches', { count: list.length }), 'missing-input', 'x');
  return list.map((v) => {
    if (v.type !== 'tensor') throw new NodeInferenceError(msg('problem.branchType', { type: typeName(v.type) }), 'port-type', 'x');
    return v.shape;
  });
}

export const AddNode = defineNode({
  id: 'Add',
  category: 'Layer',
  params: z.object({}),
  inputs: [{ id: 'x', type: 'tensor', multiple: true }],
  outputs: y,
  infer: ({ inputs }) => {
    const shapes = branchShapes(inputs);
    for (const s of shapes.slice(1)) {
      if (formatSymShape(s) !== formatSymShape(shapes[0])) {
        throw new NodeInferenceError(msg('problem.addShapes', { first: formatSymShape(shapes[0]), second: formatSymShape(s) }), 'shape');
      }
    }
    return { y: tensorOut(shapes[0]) };
  },
  build: ({ nodeId }) => ({ kind: 'layer', layer: new Add(nodeId) }),
});

export const ConcatNode = defineNode({
  id: 'Concat',
  category: 'Layer',
  params: z.object({}),
  inputs: [{ id: 'x', type: 'tensor', multiple: true }],
  outputs: y,
  infer: ({ inputs }) => {
    const shapes = branchShapes(inputs);
    const first = shapes[0];
    for (const s of shapes.slice(1)) {
      if (s.length !== first.length || s.slice(0, -1).some((d, i) => d !== first[i])) {
        throw new NodeInferenceError(msg('problem.concatShapes', { first: formatSymShape(first), second: formatSymShape(s) }), 'shape');
      }
    }
    return { y: tensorOut([...first.slice(0, -1), shapes.reduce((n, s) => n + dim(s, -1), 0)]) };
  },
  build: ({ nodeId }) => ({ kind: 'layer', layer: new Concat(-1, nodeId) }),
});
