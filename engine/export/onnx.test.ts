/**
 * ONNX export checked against a real runtime: every exportable node kind, each example project,
 * run in onnxruntime-node on a random batch and compared with the engine's own forward pass.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import { Random } from '../core/random';
import { compileGraph } from '../graph/compile';
import { makeGraph, type NodeSpec } from '../graph/makeGraph';
import { isKnownKind, listNodeDefs } from '../graph/registry';
import type { Graph } from '../graph/schema';
import { exportWeights, importWeights, type NamedTensor } from '../graph/weights';
import { tensor } from '../ops';
import { loadProject } from '../project';
import { ExportError, exportModel, type ExportModel } from './model';
import { exportOnnx, ONNX_OPSET } from './onnx';

const { onnx } = onnxProto;
const BATCH = 5;

type Layer = readonly [kind: string, params?: Record<string, unknown>];

/** Dataset → layers in a chain (ids n1, n2, …) → loss → Adam → Training. */
function chain(data: Record<string, unknown>, layers: readonly Layer[], loss = 'CrossEntropy'): Graph {
  const ids = ['data', ...layers.map((_, i) => `n${i + 1}`)];
  const nodes: NodeSpec[] = [['data', 'Dataset', data], ...layers.map(([kind, params], i): NodeSpec => [ids[i + 1], kind, params]),
    ['loss', loss], ['adam', 'Adam'], ['training', 'Training']];
  const wires = [
    ...ids.slice(1).map((id, i) => `${ids[i]}.${i === 0 ? 'x' : 'y'} -> ${id}.x`),
    `${ids[ids.length - 1]}.y -> loss.pred`, 'data.y -> loss.y', 'loss.loss -> adam.loss',
  ];
  return makeGraph(nodes, wires);
}

const IRIS = { source: 'iris' };
/** Iris's 4 features → Dense → Reshape to an (h, w, c) image, so any image size can be tried. */
const image = (h: number, w: number, c: number): Layer[] => [['Dense', { units: h * w * c }], ['Reshape', { shape: `${h}, ${w}, ${c}` }]];
/** Back to the 3 iris classes. */
const HEAD: Layer[] = [['Flatten'], ['Dense', { units: 3 }]];

/** Node graph: Dataset (iris) → custom wiring; `out` feeds the loss. */
function wired(nodes: readonly NodeSpec[], wires: readonly string[]): Graph {
  return makeGraph([['data', 'Dataset', IRIS], ...nodes, ['loss', 'CrossEntropy'], ['adam', 'Adam'], ['training', 'Training']],
    [...wires, 'out.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> adam.loss']);
}

const ACTIVATIONS: Layer[] = [['Sigmoid'], ['Tanh'], ['ReLU'], ['LeakyReLU', { alpha: 0.2 }], ['Step'], ['Identity'], ['Softmax']];

/** [h, w, c, Conv2D params]: odd and even sizes, asymmetric 'same' padding, strides that skip cells. */
const CONVS: [number, number, number, Record<string, unknown>][] = [
  [6, 5, 2, { filters: 3, kernelSize: 3, padding: 'valid' }],
  [6, 5, 2, { filters: 3, kernelSize: 3, padding: 'same' }],
  [7, 7, 1, { filters: 2, kernelSize: 3, stride: 2, padding: 'same' }],
  [8, 8, 1, { filters: 2, kernelSize: 3, stride: 2, padding: 'same' }],
  [8, 8, 2, { filters: 2, kernelSize: 3, stride: 2, padding: 'valid' }],
  [5, 5, 2, { filters: 3, kernelSize: 4, padding: 'same' }],
  [5, 6, 1, { filters: 2, kernelSize: 2, stride: 2, padding: 'same' }],
  [7, 6, 2, { filters: 2, kernelSize: 3, dilation: 2, padding: 'same' }],
  [7, 7, 1, { filters: 2, kernelSize: 3, dilation: 2, padding: 'valid' }],
  [6, 6, 1, { filters: 2, kernelSize: 2, dilation: 2, stride: 2, padding: 'same' }],
  [4, 4, 3, { filters: 4, kernelSize: 1, useBias: false }],
  [8, 8, 1, { filters: 2, kernelSize: 5, stride: 3, padding: 'valid', useBias: false }],
];

/** [h, w, pool params], each run as MaxPool2D and AvgPool2D on 2 channels. */
const POOLS: [number, number, Record<string, unknown>][] = [
  [5, 5, { poolSize: 2 }],
  [5, 5, { poolSize: 2, padding: 'same' }],
  [6, 6, { poolSize: 3, stride: 2, padding: 'same' }],
  [4, 4, { poolSize: 3, stride: 1, padding: 'same' }],
  [5, 4, { poolSize: 2, stride: 1, padding: 'valid' }],
  [7, 7, { poolSize: 3, stride: 2, padding: 'valid' }],
  [7, 7, { poolSize: 2, stride: 3, padding: 'same' }],
];

const conv = (filters: number, padding = 'same'): Record<string, unknown> => ({ filters, kernelSize: 3, padding });

/** Every graph the parity test runs, by name. */
const CASES: [string, Graph][] = [
  ['Dense → ReLU → Dense → Softmax (final Softmax, fused into the loss)',
    chain(IRIS, [['Dense', { units: 8 }], ['ReLU'], ['Dense', { units: 3 }], ['Softmax']])],
  ['Dense without bias', chain(IRIS, [['Dense', { units: 6, useBias: false }], ['Tanh'], ['Dense', { units: 3, useBias: false }]])],
  ['final Sigmoid (BinaryCrossEntropy)',
    chain({ source: 'xor' }, [['Dense', { units: 4 }], ['Tanh'], ['Dense', { units: 1 }], ['Sigmoid']], 'BinaryCrossEntropy')],
  ['final Sigmoid with MSE', chain(IRIS, [['Dense', { units: 3 }], ['Sigmoid']], 'MSE')],
  ...ACTIVATIONS.map(([kind, params]): [string, Graph] => [`${kind} between Dense layers`,
    chain(IRIS, [['Dense', { units: 6 }], [kind, params], ['Dense', { units: 3 }]])]),
  ['Step on the raw input', chain(IRIS, [['Step'], ['Dense', { units: 3 }]])],
  ...CONVS.map(([h, w, c, p]): [string, Graph] => [`Conv2D ${JSON.stringify(p)} on ${h}×${w}×${c}`,
    chain(IRIS, [...image(h, w, c), ['Conv2D', p], ...HEAD])]),
  ...(['MaxPool2D', 'AvgPool2D'] as const).flatMap((kind) => POOLS.map(([h, w, p]): [string, Graph] => [`${kind} ${JSON.stringify(p)} on ${h}×${w}`,
    chain(IRIS, [...image(h, w, 2), [kind, p], ...HEAD])])),
  ['Conv2D on MNIST-sized input (28×28×1 from the Dataset)',
    chain({ source: 'mnist' }, [['Conv2D', { filters: 4, kernelSize: 5, stride: 2 }], ['ReLU'], ['MaxPool2D'], ['Flatten'], ['Dense', { units: 10 }], ['Softmax']])],
  ['Flatten of a 3-D reshape', chain(IRIS, [['Dense', { units: 24 }], ['Reshape', { shape: '2, 3, 4' }], ['Flatten'], ['Dense', { units: 3 }]])],
  ['Reshape with -1, then back to 2-D by Reshape', chain(IRIS, [['Dense', { units: 12 }], ['Reshape', { shape: '-1, 4' }], ['ReLU'], ['Reshape', { shape: '12' }], ['Dense', { units: 3 }]])],
  ['Reshape of a convolution output (NCHW back to NHWC)', chain(IRIS, [...image(4, 4, 1), ['Conv2D', conv(2)], ['Reshape', { shape: '8, -1' }], ['Flatten'], ['Dense', { units: 3 }]])],
  ['BatchNorm 2-D', chain(IRIS, [['Dense', { units: 8, useBias: false }], ['BatchNorm'], ['ReLU'], ['Dense', { units: 3 }]])],
  ['BatchNorm 4-D on a reshaped image (NHWC)', chain(IRIS, [...image(3, 3, 4), ['BatchNorm', { epsilon: 0.01 }], ...HEAD])],
  ['BatchNorm 4-D after Conv2D (NCHW)', chain(IRIS, [...image(5, 5, 2), ['Conv2D', conv(3)], ['BatchNorm'], ['ReLU'], ['AvgPool2D'], ...HEAD])],
  ['Dropout is left out', chain(IRIS, [['Dense', { units: 8 }], ['ReLU'], ['Dropout', { rate: 0.5 }], ['Dense', { units: 3 }], ['Dropout', { rate: 0.3 }]])],
  ['Softmax over the channels of an image', chain(IRIS, [...image(3, 3, 2), ['Conv2D', conv(4)], ['Softmax'], ...HEAD])],
  ['a CNN: Conv → ReLU → MaxPool → Conv → BatchNorm → LeakyReLU → AvgPool → Flatten', chain(IRIS, [...image(8, 8, 1),
    ['Conv2D', conv(4)], ['ReLU'], ['MaxPool2D'], ['Conv2D', conv(4, 'valid')], ['BatchNorm'], ['LeakyReLU', { alpha: 0.1 }], ['AvgPool2D', { padding: 'same' }], ...HEAD])],
  ['Add of three Dense branches', wired([['a', 'Dense', { units: 6 }], ['b', 'Dense', { units: 6 }], ['c', 'Dense', { units: 6 }], ['sum', 'Add'], ['relu', 'ReLU'], ['out', 'Dense', { units: 3 }]],
    ['data.x -> a.x', 'data.x -> b.x', 'data.x -> c.x', 'a.y -> sum.x', 'b.y -> sum.x', 'c.y -> sum.x', 'sum.y -> relu.x', 'relu.y -> out.x'])],
  ['Add of two convolutions (NCHW)', wired([['d', 'Dense', { units: 16 }], ['img', 'Reshape', { shape: '4, 4, 1' }], ['c1', 'Conv2D', conv(2)], ['c2', 'Conv2D', conv(2)],
    ['sum', 'Add'], ['flat', 'Flatten'], ['out', 'Dense', { units: 3 }]],
  ['data.x -> d.x', 'd.y -> img.x', 'img.y -> c1.x', 'img.y -> c2.x', 'c1.y -> sum.x', 'c2.y -> sum.x', 'sum.y -> flat.x', 'flat.y -> out.x'])],
  ['residual Add: a convolution plus its input (mixed layouts)', wired([['d', 'Dense', { units: 18 }], ['img', 'Reshape', { shape: '3, 3, 2' }], ['c1', 'Conv2D', conv(2)],
    ['r', 'ReLU'], ['sum', 'Add'], ['c2', 'Conv2D', conv(2)], ['flat', 'Flatten'], ['out', 'Dense', { units: 3 }]],
  ['data.x -> d.x', 'd.y -> img.x', 'img.y -> c1.x', 'c1.y -> r.x', 'r.y -> sum.x', 'img.y -> sum.x', 'sum.y -> c2.x', 'c2.y -> flat.x', 'flat.y -> out.x'])],
  ['Concat of two Dense branches', wired([['a', 'Dense', { units: 4 }], ['b', 'Dense', { units: 5 }], ['tanh', 'Tanh'], ['cat', 'Concat'], ['out', 'Dense', { units: 3 }]],
    ['data.x -> a.x', 'data.x -> b.x', 'b.y -> tanh.x', 'a.y -> cat.x', 'tanh.y -> cat.x', 'cat.y -> out.x'])],
  ['Concat of two convolutions (channels, NCHW)', wired([['d', 'Dense', { units: 20 }], ['img', 'Reshape', { shape: '5, 4, 1' }], ['c1', 'Conv2D', conv(2)],
    ['c2', 'Conv2D', { filters: 3, kernelSize: 2, padding: 'same' }], ['cat', 'Concat'], ['pool', 'MaxPool2D', { padding: 'same' }], ['flat', 'Flatten'], ['out', 'Dense', { units: 3 }]],
  ['data.x -> d.x', 'd.y -> img.x', 'img.y -> c1.x', 'img.y -> c2.x', 'c1.y -> cat.x', 'c2.y -> cat.x', 'cat.y -> pool.x', 'pool.y -> flat.x', 'flat.y -> out.x'])],
  ['Concat of a convolution and its input (mixed layouts)', wired([['d', 'Dense', { units: 18 }], ['img', 'Reshape', { shape: '3, 3, 2' }], ['c1', 'Conv2D', conv(3)],
    ['cat', 'Concat'], ['flat', 'Flatten'], ['out', 'Dense', { units: 3 }]],
  ['data.x -> d.x', 'd.y -> img.x', 'img.y -> c1.x', 'c1.y -> cat.x', 'img.y -> cat.x', 'cat.y -> flat.x', 'flat.y -> out.x'])],
];

const rng = new Random(7);
const randomArray = (n: number, f: () => number) => Float32Array.from({ length: n }, f);

/**
 * Sets biases, BatchNorm's γ, β and running statistics to non-trivial values (their initial
 * values are 0 and 1, which would hide a wrong fold), in the weights and in the model.
 */
function randomiseState(compiled: ReturnType<typeof compileGraph>): Map<string, NamedTensor> {
  const weights = exportWeights(compiled.model);
  for (const [name, w] of weights) {
    const n = w.data.length;
    const param = name.slice(name.lastIndexOf('.') + 1);
    const draw = { bias: () => 0.3 * rng.normal(), beta: () => 0.5 * rng.normal(), running_mean: () => 0.5 * rng.normal(),
      gamma: () => 0.5 + rng.uniform(), running_var: () => 0.2 + 2 * rng.uniform() }[param];
    if (draw) weights.set(name, { dtype: 'float32', shape: w.shape, data: randomArray(n, draw) });
  }
  importWeights(compiled.model, weights);
  return weights;
}

/** Largest |a − b|, NaN matching NaN (and nothing else). */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (!(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return Infinity;
    } else worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst;
}

async function runOnnx(bytes: Uint8Array, x: Float32Array, shape: number[]): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['prediction']);
    const { prediction } = await session.run({ x: new ort.Tensor('float32', x, shape) });
    return { dims: prediction.dims, data: prediction.data as Float32Array };
  } finally {
    await session.release();
  }
}

/**
 * Exports `graph` (weights given or randomised) and checks ONNX Runtime's prediction for a
 * batch against the engine's forward pass in eval mode.
 */
async function expectParity(graph: Graph, options: { weights?: Map<string, NamedTensor>; x?: Float32Array } = {}): Promise<{ model: ExportModel; bytes: Uint8Array }> {
  const compiled = compileGraph(graph, { dtype: 'float32' });
  let weights = options.weights;
  if (weights) importWeights(compiled.model, weights);
  else weights = randomiseState(compiled);
  const model = exportModel(graph, { weights, name: 'test net' });
  const bytes = exportOnnx(model, { producerVersion: '0.1.0' });
  const shape = [BATCH, ...model.inputShape.slice(1)] as number[];
  const x = options.x ?? randomArray(shape.reduce((a, b) => a * b, 1), () => rng.normal());
  const expected = compiled.model.eval().forward(tensor(x, shape)).prediction;
  const got = await runOnnx(bytes, x, shape);
  expect(got.dims).toEqual(expected.shape);
  expect(maxAbsDiff(got.data, expected.dataSync())).toBeLessThanOrEqual(1e-4);
  return { model, bytes };
}

interface DecodedValueInfo {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: { dimValue?: number; dimParam?: string }[] } } };
}
/** What the tests read of a decoded file. */
interface DecodedModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  opsetImport: { domain: string; version: number }[];
  graph: {
    name: string;
    node: { opType: string; attribute: { name: string; ints: number[] }[] }[];
    initializer: { name: string; dims: number[]; dataType: number; rawData: Uint8Array }[];
    input: DecodedValueInfo[];
    output: DecodedValueInfo[];
  };
}

/** The file read back with onnx.ModelProto.decode, as plain data: int64s as numbers, defaults filled. */
const decode = (bytes: Uint8Array) =>
  onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: Number, defaults: true, arrays: true }) as DecodedModel;
const opTypes = (bytes: Uint8Array) => decode(bytes).graph.node.map((n) => n.opType);

describe('exportOnnx matches the engine in ONNX Runtime', () => {
  it.each(CASES)('%s', async (_, graph) => {
    await expectParity(graph);
  });

  it('covers every layer and activation kind the registry declares', () => {
    const exercised = new Set(CASES.flatMap(([, g]) => g.nodes.map((n) => n.kind)));
    const kinds = listNodeDefs().filter((d) => d.category === 'Layer' || d.category === 'Activation').map((d) => d.id);
    expect(kinds.length).toBeGreaterThan(15);
    expect(kinds.filter((k) => !exercised.has(k))).toEqual([]);
  });

  it('Step: 0 and −0 give 0, tiny positives 1, NaN stays NaN (as the engine)', async () => {
    const special = [0, -0, 1e-30, -1e-30, NaN, Infinity, -Infinity, 2, -2, 0];
    const x = Float32Array.from({ length: BATCH * 4 }, (_, i) => special[i % special.length]);
    await expectParity(chain(IRIS, [['Step'], ['Dense', { units: 3 }]]), { x });
  });

  it('keeps a chain of NCHW ops in NCHW: one transpose in, one out', async () => {
    const { bytes } = await expectParity(chain(IRIS, [...image(8, 8, 1), ['Conv2D', conv(4)], ['ReLU'], ['MaxPool2D'],
      ['Conv2D', conv(4)], ['BatchNorm'], ['Step'], ['Dropout'], ['AvgPool2D'], ...HEAD]));
    const ops = opTypes(bytes);
    expect(ops.filter((t) => t === 'Transpose')).toHaveLength(2);
    expect(ops).not.toContain('Dropout');
  });

  it('transposes a value used by two consumers only once', async () => {
    const graph = wired([['d', 'Dense', { units: 16 }], ['img', 'Reshape', { shape: '4, 4, 1' }], ['c1', 'Conv2D', conv(2)],
      ['p1', 'MaxPool2D'], ['p2', 'AvgPool2D'], ['cat', 'Concat'], ['flat', 'Flatten'], ['out', 'Dense', { units: 3 }]],
    ['data.x -> d.x', 'd.y -> img.x', 'img.y -> c1.x', 'c1.y -> p1.x', 'c1.y -> p2.x', 'p1.y -> cat.x', 'p2.y -> cat.x', 'cat.y -> flat.x', 'flat.y -> out.x']);
    const { bytes } = await expectParity(graph);
    expect(opTypes(bytes).filter((t) => t === 'Transpose')).toHaveLength(2);
  });
});

describe('the example projects export and run', () => {
  it.each(EXAMPLES.map((e) => e.name))('%s', async (name) => {
    const bytes = await readFile(join(__dirname, '..', '..', 'assets', 'examples', `${name}.dwire`));
    const loaded = loadProject(new Uint8Array(bytes), { isKnownKind });
    if (!loaded.ok) throw loaded.error;
    const graph = loaded.project.graph;
    const weights = loaded.weights ?? exportWeights(compileGraph(graph, { dtype: 'float32' }).model);
    await expectParity(graph, { weights });
  });
});

describe('the ONNX file', () => {
  const graph = chain(IRIS, [...image(4, 4, 2), ['Conv2D', { filters: 3, kernelSize: 2, padding: 'same' }], ['ReLU'], ...HEAD, ['Softmax']]);

  it('decodes with opset 17, IR 8, DeepWire as producer and a symbolic batch axis', () => {
    const compiled = compileGraph(graph, { dtype: 'float32' });
    const model = exportModel(graph, { weights: randomiseState(compiled), name: 'my net' });
    const m = decode(exportOnnx(model, { producerVersion: '1.2.3', docString: 'hello' }));
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain, o.version])).toEqual([['', ONNX_OPSET]]);
    expect(ONNX_OPSET).toBeGreaterThanOrEqual(17);
    expect([m.producerName, m.producerVersion, m.docString]).toEqual(['DeepWire', '1.2.3', 'hello']);
    const g = m.graph;
    expect(g.name).toBe('my net');
    const dims = (v: DecodedValueInfo) => v.type.tensorType.shape.dim.map((d) => d.dimParam || d.dimValue);
    expect(g.input.map((v) => v.name)).toEqual(['x']);
    expect(dims(g.input[0])).toEqual(['batch', 4]);
    expect(g.output.map((v) => v.name)).toEqual(['prediction']);
    expect(dims(g.output[0])).toEqual(['batch', 3]);
    expect(g.input[0].type.tensorType.elemType).toBe(onnx.TensorProto.DataType.FLOAT);
    // The conv kernel, [kh, kw, in, out] in DeepWire, is [out, in, kh, kw] in ONNX.
    const kernel = g.initializer.find((t) => t.name === 'n3.kernel')!;
    expect(kernel.dims).toEqual([3, 2, 2, 2]);
    const ours = model.weights.get('n3.kernel')!;
    const theirs = new Float32Array(Uint8Array.from(kernel.rawData).buffer);
    // [kh=1, kw=0, in=1, out=2] ↔ [out=2, in=1, kh=1, kw=0]
    expect(theirs[((2 * 2 + 1) * 2 + 1) * 2 + 0]).toBe(ours.data[((1 * 2 + 0) * 2 + 1) * 3 + 2]);
    for (const n of g.node) expect(n.attribute.map((a) => a.name)).not.toContain('auto_pad');
    expect(g.node.find((n) => n.opType === 'Conv')!.attribute.find((a) => a.name === 'pads')!.ints).toEqual([0, 0, 1, 1]);
    expect(g.initializer.every((t) => t.dataType === onnx.TensorProto.DataType.FLOAT || t.dataType === onnx.TensorProto.DataType.INT64)).toBe(true);
  });

  it('says in its doc string whether the weights are trained', () => {
    const m = decode(exportOnnx(exportModel(graph)));
    expect(m.docString).toMatch(/initial \(untrained\) weights/);
    expect(m.producerName).toBe('DeepWire');
  });

  it('refuses a node kind it does not know, naming the node', () => {
    const model = exportModel(graph);
    const odd: ExportModel = { ...model, steps: model.steps.map((s) => (s.nodeId === 'n4' ? { ...s, kind: 'Mystery' } : s)) };
    expect(() => exportOnnx(odd)).toThrow(ExportError);
    expect(() => exportOnnx(odd)).toThrow(/node n4 \(Mystery\)/);
  });

  it('refuses a missing or mis-shaped weight, naming the node and the tensor', () => {
    const model = exportModel(graph);
    const missing = new Map(model.weights);
    missing.delete('n3.bias');
    expect(() => exportOnnx({ ...model, weights: missing })).toThrow(/node n3 \(Conv2D\).*'n3\.bias'/);
    const wrong = new Map(model.weights);
    wrong.set('n1.kernel', { dtype: 'float32', shape: [2, 2], data: new Float32Array(4) });
    expect(() => exportOnnx({ ...model, weights: wrong })).toThrow(/node n1 \(Dense\).*\[2, 2\]/);
  });

  it('writes float64 weights as float32 initialisers', async () => {
    const g = chain(IRIS, [['Dense', { units: 4 }], ['ReLU'], ['Dense', { units: 3 }]]);
    const compiled = compileGraph(g, { dtype: 'float32' });
    const weights = new Map([...randomiseState(compiled)].map(([k, w]): [string, NamedTensor] =>
      [k, { dtype: 'float64', shape: w.shape, data: Float64Array.from(w.data) }]));
    const { bytes } = await expectParity(g, { weights });
    expect(decode(bytes).graph.initializer.every((t) => t.dataType === onnx.TensorProto.DataType.FLOAT)).toBe(true);
  });
});
