/**
 * ONNX export (opset 17) of the network for inference: input `x` float32 (batch, …feature shape)
 * in DeepWire's channels-last layout, output `prediction`, weights as initialisers.
 *
 * Tensors stay NHWC between ops, as in DeepWire. ONNX's Conv, MaxPool and AveragePool are NCHW,
 * so each value remembers the layout it was produced in and is transposed only when a consumer
 * needs the other one (once per value, however many consumers): Conv → ReLU → MaxPool → Conv
 * runs in NCHW with no transposes between. Padding is always explicit `pads` computed by the
 * engine's own geometry (`same` puts the odd cell after, as TensorFlow does), never `auto_pad`.
 * Dropout is left out (inference) and BatchNorm folds its running statistics into one Mul and
 * one Add per channel.
 */
import onnxProto from 'onnx-proto';
import type { onnx as Proto } from 'onnx-proto';
import { conv2dGeometry, pool2dGeometry } from '../ops/conv';
import type { SymShape } from '../graph/types';
import { ExportError, type ExportModel, type ExportStep } from './model';
import { englishText, msg } from '../i18n/message';

const { onnx } = onnxProto;

export const ONNX_OPSET = 17;
/** IR version 8 is what opset 17 runtimes expect (ONNX 1.12). */
const IR_VERSION = 8;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const BATCH = 'batch';

export interface OnnxExportOptions {
  /** Written as the model's producer_version (DeepWire's version). */
  producerVersion?: string;
  /** Written as the model's doc_string; a description of input and output by default. */
  docString?: string;
}

type Layout = 'nhwc' | 'nchw';
type Attr = Proto.IAttributeProto;

/** A tensor of the network: its rank, the layout it was produced in, and its name per layout. */
interface Value {
  readonly rank: number;
  readonly home: Layout;
  readonly names: Partial<Record<Layout, string>>;
}

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

const ints = (name: string, values: readonly number[]): Attr => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...values] });
const int = (name: string, i: number): Attr => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const float = (name: string, f: number): Attr => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });

/** Nodes and initialisers as they are written, with names kept unique. */
class GraphBuilder {
  readonly nodes: Proto.INodeProto[] = [];
  readonly initializers: Proto.ITensorProto[] = [];
  private readonly used = new Set<string>(['x', 'prediction']);

  unique(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** A float32 initialiser (little-endian raw data). */
  floats(base: string, dims: readonly number[], data: ArrayLike<number>): string {
    const bytes = new Uint8Array(data.length * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
    const name = this.unique(base);
    this.initializers.push({ name, dims: [...dims], dataType: FLOAT, rawData: bytes });
    return name;
  }

  /** A 1-D int64 initialiser (Reshape's target shape). */
  int64s(base: string, values: readonly number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    const name = this.unique(base);
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: bytes });
    return name;
  }

  /** Appends a node with one output named after `base`; returns the output's name. */
  node(opType: string, inputs: readonly string[], base: string, attribute: Attr[] = []): string {
    const output = this.unique(base);
    this.nodes.push({ opType, input: [...inputs], output: [output], name: this.unique(`${base}/${opType}`), attribute });
    return output;
  }

  /** The value's name in `layout`, adding (and remembering) a Transpose when it is not there yet. */
  as(v: Value, layout: Layout): string {
    const have = v.names[layout];
    if (have !== undefined) return have;
    if (v.rank !== 4) throw new ExportError(`internal: a rank-${v.rank} tensor has no ${layout} layout`);
    const source = v.names[layout === 'nchw' ? 'nhwc' : 'nchw']!;
    const name = this.node('Transpose', [source], `${source}/${layout}`, [ints('perm', layout === 'nchw' ? TO_NCHW : TO_NHWC)]);
    v.names[layout] = name;
    return name;
  }

  /** Renames a tensor everywhere (the final output becomes `prediction`). */
  rename(from: string, to: string): void {
    for (const n of this.nodes) {
      n.input = n.input!.map((s) => (s === from ? to : s));
      n.output = n.output!.map((s) => (s === from ? to : s));
    }
  }
}

const value = (rank: number, home: Layout, name: string): Value => ({ rank, home, names: { [home]: name } });

/** Where a step fails, for messages: `node conv1 (Conv2D)`. */
const where = (s: ExportStep) => msg('exportError.node', { node: s.nodeId, kind: s.kind });

function numberParam(s: ExportStep, key: string): number {
  const v = s.params[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ExportError(msg('exportError.onnxParam', { where: where(s), param: key, value: String(v) }));
  return v;
}

function paddingParam(s: ExportStep): 'valid' | 'same' {
  const v = s.params.padding;
  if (v !== 'valid' && v !== 'same') throw new ExportError(msg('exportError.onnxPadding', { where: where(s), value: String(v) }));
  return v;
}

/** Known sizes of a sample's axes (the batch axis dropped). */
function sampleDims(s: ExportStep, shape: SymShape): number[] {
  const dims = shape.slice(1);
  if (dims.some((d) => d === null)) throw new ExportError(msg('exportError.onnxUnknownSize', { where: where(s), shape: shape.join(', ') }));
  return dims as number[];
}

/** One weight of a step as float32 data, checked against the shape the graph needs. */
function weight(model: ExportModel, s: ExportStep, param: string, shape: readonly number[]): Float32Array {
  const name = `${s.nodeId}.${param}`;
  const w = model.weights.get(name);
  if (!w) throw new ExportError(msg('exportError.at', { where: where(s), problem: msg('exportError.missingWeight', { name }) }));
  if (w.shape.join(',') !== shape.join(',')) {
    throw new ExportError(msg('exportError.at', { where: where(s), problem: msg('exportError.weightShape', { name, given: w.shape.join(', '), needed: shape.join(', ') }) }));
  }
  return w.data instanceof Float32Array ? w.data : Float32Array.from(w.data);
}

const hasWeight = (s: ExportStep, param: string) => s.weightNames.includes(`${s.nodeId}.${param}`);

/** [top, left, bottom, right] for an ONNX 2-D op, from the engine's geometry of one axis pair. */
function explicitPads(inH: number, inW: number, g: { outH: number; outW: number; padTop: number; padLeft: number; strideH: number; strideW: number },
  spanH: number, spanW: number): number[] {
  // The engine keeps the rows its output covers; cells past the last window are never read.
  const after = (size: number, out: number, stride: number, span: number, before: number) => Math.max(0, (out - 1) * stride + span - size - before);
  return [g.padTop, g.padLeft, after(inH, g.outH, g.strideH, spanH, g.padTop), after(inW, g.outW, g.strideW, spanW, g.padLeft)];
}

function conv2d(b: GraphBuilder, model: ExportModel, s: ExportStep, x: Value): Value {
  const [h, w, c] = sampleDims(s, s.inShapes[0]);
  const filters = numberParam(s, 'filters');
  const k = numberParam(s, 'kernelSize');
  const stride = numberParam(s, 'stride');
  const dilation = numberParam(s, 'dilation');
  const g = conv2dGeometry([1, h, w, c], [k, k, c, filters], { strides: stride, padding: paddingParam(s), dilation });
  const span = (k - 1) * dilation + 1;
  // [kh, kw, in, out] → [out, in, kh, kw].
  const src = weight(model, s, 'kernel', [k, k, c, filters]);
  const kernel = new Float32Array(src.length);
  for (let y = 0; y < k; y++) for (let x0 = 0; x0 < k; x0++) for (let i = 0; i < c; i++) for (let o = 0; o < filters; o++) {
    kernel[((o * c + i) * k + y) * k + x0] = src[((y * k + x0) * c + i) * filters + o];
  }
  const inputs = [b.as(x, 'nchw'), b.floats(`${s.nodeId}.kernel`, [filters, c, k, k], kernel)];
  if (hasWeight(s, 'bias')) inputs.push(b.floats(`${s.nodeId}.bias`, [filters], weight(model, s, 'bias', [filters])));
  const y = b.node('Conv', inputs, s.nodeId, [
    ints('kernel_shape', [k, k]), ints('strides', [stride, stride]), ints('dilations', [dilation, dilation]),
    ints('pads', explicitPads(h, w, g, span, span)), int('group', 1),
  ]);
  return value(4, 'nchw', y);
}

function pool2d(b: GraphBuilder, s: ExportStep, x: Value): Value {
  const [h, w, c] = sampleDims(s, s.inShapes[0]);
  const k = numberParam(s, 'poolSize');
  const stride = numberParam(s, 'stride') || k;
  const g = pool2dGeometry(s.kind, [1, h, w, c], { poolSize: k, strides: stride, padding: paddingParam(s) });
  const attrs = [ints('kernel_shape', [k, k]), ints('strides', [stride, stride]), ints('pads', explicitPads(h, w, g, k, k))];
  // The engine averages over in-bounds cells only, which is ONNX's count_include_pad = 0.
  if (s.kind === 'AvgPool2D') attrs.push(int('count_include_pad', 0));
  return value(4, 'nchw', b.node(s.kind === 'MaxPool2D' ? 'MaxPool' : 'AveragePool', [b.as(x, 'nchw')], s.nodeId, attrs));
}

function dense(b: GraphBuilder, model: ExportModel, s: ExportStep, x: Value): Value {
  const [inF] = sampleDims(s, s.inShapes[0]);
  const [units] = sampleDims(s, s.outShape);
  const inputs = [b.as(x, 'nhwc'), b.floats(`${s.nodeId}.kernel`, [inF, units], weight(model, s, 'kernel', [inF, units]))];
  if (hasWeight(s, 'bias')) inputs.push(b.floats(`${s.nodeId}.bias`, [units], weight(model, s, 'bias', [units])));
  return value(2, 'nhwc', b.node('Gemm', inputs, s.nodeId));
}

/** Inference BatchNorm as y = x·scale + shift per channel, the running statistics folded in (in float64). */
function batchNorm(b: GraphBuilder, model: ExportModel, s: ExportStep, x: Value): Value {
  const dims = sampleDims(s, s.inShapes[0]);
  const f = dims[dims.length - 1];
  const eps = numberParam(s, 'epsilon');
  const [gamma, beta, mean, variance] = ['gamma', 'beta', 'running_mean', 'running_var'].map((p) => weight(model, s, p, [f]));
  const scale = new Float64Array(f);
  const shift = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    scale[i] = gamma[i] / Math.sqrt(variance[i] + eps);
    shift[i] = beta[i] - mean[i] * scale[i];
  }
  const layout = x.rank === 4 ? x.home : 'nhwc';
  const dimsOf = layout === 'nchw' ? [f, 1, 1] : [f];
  const scaled = b.node('Mul', [b.as(x, layout), b.floats(`${s.nodeId}.scale`, dimsOf, scale)], `${s.nodeId}/scaled`);
  return value(x.rank, layout, b.node('Add', [scaled, b.floats(`${s.nodeId}.shift`, dimsOf, shift)], s.nodeId));
}

/** Add and Concat work in NCHW when every input is already there, else in NHWC. */
function mergeLayout(xs: readonly Value[]): Layout {
  return xs.every((v) => v.rank === 4 && v.names.nchw !== undefined) ? 'nchw' : 'nhwc';
}

function emitStep(b: GraphBuilder, model: ExportModel, s: ExportStep, xs: readonly Value[]): Value {
  const x = xs[0];
  const rank = s.outShape.length;
  /** An element-wise op, run in whatever layout its input was produced in. */
  const unary = (op: string, attrs: Attr[] = []) => value(x.rank, x.home, b.node(op, [b.as(x, x.home)], s.nodeId, attrs));
  switch (s.kind) {
    case 'Dense':
      return dense(b, model, s, x);
    case 'Conv2D':
      return conv2d(b, model, s, x);
    case 'MaxPool2D':
    case 'AvgPool2D':
      return pool2d(b, s, x);
    case 'BatchNorm':
      return batchNorm(b, model, s, x);
    case 'Flatten':
      return value(2, 'nhwc', b.node('Flatten', [b.as(x, 'nhwc')], s.nodeId, [int('axis', 1)]));
    case 'Reshape': {
      const shape = b.int64s(`${s.nodeId}.shape`, [-1, ...sampleDims(s, s.outShape)]);
      return value(rank, 'nhwc', b.node('Reshape', [b.as(x, 'nhwc'), shape], s.nodeId));
    }
    case 'Dropout':
    case 'Identity':
      return x;
    case 'Add': {
      const layout = mergeLayout(xs);
      const names = xs.map((v) => b.as(v, layout));
      // A chain in input order, so the float32 sums round as the engine's do.
      let sum = names[0];
      for (let i = 1; i < names.length; i++) sum = b.node('Add', [sum, names[i]], i === names.length - 1 ? s.nodeId : `${s.nodeId}/sum${i}`);
      return value(rank, layout, sum);
    }
    case 'Concat': {
      const layout = mergeLayout(xs);
      return value(rank, layout, b.node('Concat', xs.map((v) => b.as(v, layout)), s.nodeId, [int('axis', layout === 'nchw' ? 1 : -1)]));
    }
    case 'Sigmoid':
      return unary('Sigmoid');
    case 'Tanh':
      return unary('Tanh');
    case 'ReLU':
      return unary('Relu');
    case 'LeakyReLU':
      return unary('LeakyRelu', [float('alpha', numberParam(s, 'alpha'))]);
    case 'Softmax':
      return value(x.rank, 'nhwc', b.node('Softmax', [b.as(x, 'nhwc')], s.nodeId, [int('axis', -1)]));
    case 'Step': {
      // 1 where x > 0, else 0; NaN stays NaN, as in the engine.
      const input = b.as(x, x.home);
      const zero = b.floats(`${s.nodeId}.zero`, [], [0]);
      const positive = b.node('Cast', [b.node('Greater', [input, zero], `${s.nodeId}/positive`)], `${s.nodeId}/step`, [int('to', FLOAT)]);
      const nan = b.node('IsNaN', [input], `${s.nodeId}/nan`);
      return value(x.rank, x.home, b.node('Where', [nan, input, positive], s.nodeId));
    }
    default:
      throw new ExportError(msg('exportError.onnxKind', { where: where(s) }));
  }
}

function valueInfo(name: string, shape: SymShape): Proto.IValueInfoProto {
  const dim = shape.map((d, i) => (i === 0 || d === null ? { dimParam: BATCH } : { dimValue: d }));
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim } } } };
}

/**
 * The trained (or initial) model as an ONNX file (opset 17) for inference: input `x` float32
 * (batch, …feature shape) channels-last as DeepWire feeds the network (after the data set's
 * normalisation), output `prediction` = the prediction node's output (after a final
 * Softmax/Sigmoid). Weights become float32 initialisers; Dropout is left out; BatchNorm uses its
 * running statistics. The batch axis is symbolic (`batch`).
 *
 * @throws ExportError naming the node when a step's kind cannot be exported or a weight is
 * missing or mis-shaped.
 */
export function exportOnnx(model: ExportModel, options: OnnxExportOptions = {}): Uint8Array {
  const b = new GraphBuilder();
  const values = new Map<string, Value>([[model.inputNode, value(model.inputShape.length, 'nhwc', 'x')]]);
  for (const s of model.steps) {
    const xs = s.inputs.map((id) => {
      const v = values.get(id);
      if (!v) throw new ExportError(`${englishText(where(s))}: its input ${id} is not computed before it`);
      return v;
    });
    values.set(s.nodeId, emitStep(b, model, s, xs));
  }
  const predicted = values.get(model.predictionNode);
  if (!predicted) throw new ExportError(`the prediction node ${model.predictionNode} is not part of the network`);
  const out = b.as(predicted, 'nhwc');
  // Name the last node's output `prediction`; an input or initialiser passed through needs an Identity.
  if (b.nodes.some((n) => n.output!.includes(out))) b.rename(out, 'prediction');
  else b.nodes.push({ opType: 'Identity', input: [out], output: ['prediction'], name: 'prediction/Identity' });
  const outShape = model.predictionNode === model.inputNode
    ? model.inputShape
    : model.steps.find((s) => s.nodeId === model.predictionNode)!.outShape;

  const docString = options.docString ?? `DeepWire network '${model.name}' with ${model.trained ? 'trained' : 'initial (untrained)'} weights. ` +
    'Input x: float32 (batch, …features), channels-last, normalised as DeepWire feeds it. Output prediction: what the prediction node outputs.';
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'DeepWire',
    producerVersion: options.producerVersion ?? '',
    docString,
    graph: {
      name: model.name,
      node: b.nodes,
      initializer: b.initializers,
      input: [valueInfo('x', model.inputShape)],
      output: [valueInfo('prediction', outShape)],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
