/**
 * Convolution and pooling in NHWC layout (samples, height, width, channels), the course's
 * image-tensor order. Filters are (kernelH, kernelW, inChannels, outChannels).
 */
import { isRecording, record } from '../autograd/tape';
import type { Conv2dGeometry, Pool2dGeometry } from '../backend/backend';
import { ArgumentError, GradientError, ShapeError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { common, kernel, wrap } from './kernel';

/** 'valid' (no padding), 'same' (output = ⌈input / stride⌉), or explicit [top, bottom, left, right]. */
export type Padding = 'valid' | 'same' | number | readonly [number, number, number, number];

type Pair = number | readonly [number, number];
const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

/** Output length and leading padding of one spatial axis. */
function axisGeometry(op: string, size: number, k: number, stride: number, dilation: number,
  padding: Padding, axis: 0 | 1): { out: number; before: number } {
  const span = (k - 1) * dilation + 1;
  let before: number;
  let after: number;
  if (padding === 'valid') [before, after] = [0, 0];
  else if (padding === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + span - size, 0);
    before = Math.floor(total / 2);
    after = total - before;
  } else if (typeof padding === 'number') [before, after] = [padding, padding];
  else [before, after] = axis === 0 ? [padding[0], padding[1]] : [padding[2], padding[3]];
  const out = Math.floor((size + before + after - span) / stride) + 1;
  if (out < 1) throw new ArgumentError(`${op}: a window of ${span} does not fit an input of ${size} with padding ${before}+${after}`);
  return { out, before };
}

export interface Conv2dOptions {
  strides?: Pair;
  padding?: Padding;
  dilation?: Pair;
}

/** The geometry of conv2d(x, w); exported for shape inference. */
export function conv2dGeometry(xShape: readonly number[], wShape: readonly number[], options: Conv2dOptions = {}): Conv2dGeometry {
  if (xShape.length !== 4 || wShape.length !== 4) {
    throw new ShapeError('conv2d', [xShape, wShape], 'expects input (batch, height, width, channels) and filter (kh, kw, in, out)');
  }
  const [batch, inH, inW, inC] = xShape;
  const [kH, kW, fc, outC] = wShape;
  if (fc !== inC) throw new ShapeError('conv2d', [xShape, wShape], `input has ${inC} channels but the filter expects ${fc}`);
  const [strideH, strideW] = pair(options.strides ?? 1);
  const [dilationH, dilationW] = pair(options.dilation ?? 1);
  const padding = options.padding ?? 'valid';
  const h = axisGeometry('conv2d', inH, kH, strideH, dilationH, padding, 0);
  const w = axisGeometry('conv2d', inW, kW, strideW, dilationW, padding, 1);
  return {
    batch, inH, inW, inC, outH: h.out, outW: w.out, outC, kH, kW, strideH, strideW,
    padTop: h.before, padLeft: w.before, dilationH, dilationW,
  };
}

export function conv2d(x: Tensor, w: Tensor, options: Conv2dOptions = {}): Tensor {
  const { backend, dtype } = common('conv2d', [x, w]);
  const g = conv2dGeometry(x.shape, w.shape, options);
  const out = wrap(kernel(backend, 'conv2d')(x, w, g), [g.batch, g.outH, g.outW, g.outC], dtype, backend);
  return record(out, 'conv2d', [x, w], { g });
}

function noSecondOrder(op: string, ...ts: Tensor[]): void {
  if (isRecording() && ts.some((t) => t.requiresGrad)) {
    throw new GradientError(`${op}: second-order gradients are not supported`);
  }
}

/** ∂L/∂x of conv2d given ∂L/∂y; used by the gradient table. */
export function conv2dBackpropInput(dy: Tensor, w: Tensor, g: Conv2dGeometry): Tensor {
  noSecondOrder('conv2dBackpropInput', dy, w);
  const { backend, dtype } = common('conv2dBackpropInput', [dy, w]);
  return wrap(kernel(backend, 'conv2dBackpropInput')(dy, w, g), [g.batch, g.inH, g.inW, g.inC], dtype, backend);
}

/** ∂L/∂w of conv2d given ∂L/∂y; used by the gradient table. */
export function conv2dBackpropFilter(x: Tensor, dy: Tensor, g: Conv2dGeometry): Tensor {
  noSecondOrder('conv2dBackpropFilter', x, dy);
  const { backend, dtype } = common('conv2dBackpropFilter', [x, dy]);
  return wrap(kernel(backend, 'conv2dBackpropFilter')(x, dy, g), [g.kH, g.kW, g.inC, g.outC], dtype, backend);
}

export interface Pool2dOptions {
  poolSize?: Pair;
  /** Defaults to the pool size (non-overlapping windows). */
  strides?: Pair;
  padding?: Padding;
}

/** The geometry of a pooling op; exported for shape inference. */
export function pool2dGeometry(op: string, xShape: readonly number[], options: Pool2dOptions = {}): Pool2dGeometry {
  if (xShape.length !== 4) throw new ShapeError(op, [xShape], 'expects input (batch, height, width, channels)');
  const [batch, inH, inW, channels] = xShape;
  const [kH, kW] = pair(options.poolSize ?? 2);
  const [strideH, strideW] = pair(options.strides ?? [kH, kW]);
  const padding = options.padding ?? 'valid';
  const h = axisGeometry(op, inH, kH, strideH, 1, padding, 0);
  const w = axisGeometry(op, inW, kW, strideW, 1, padding, 1);
  return { batch, inH, inW, channels, outH: h.out, outW: w.out, kH, kW, strideH, strideW, padTop: h.before, padLeft: w.before };
}

function pool(op: 'maxPool2d' | 'avgPool2d', x: Tensor, options: Pool2dOptions): Tensor {
  const { backend, dtype } = common(op, [x]);
  const g = pool2dGeometry(op, x.shape, options);
  const out = wrap(kernel(backend, op)(x, g), [g.batch, g.outH, g.outW, g.channels], dtype, backend);
  return record(out, op, [x], { g });
}

/** Largest value in each window. */
export const maxPool2d = (x: Tensor, options: Pool2dOptions = {}) => pool('maxPool2d', x, options);
/** Mean of each window (padding cells not counted). */
export const avgPool2d = (x: Tensor, options: Pool2dOptions = {}) => pool('avgPool2d', x, options);

export function maxPool2dBackward(x: Tensor, dy: Tensor, g: Pool2dGeometry): Tensor {
  noSecondOrder('maxPool2dBackward', x, dy);
  const { backend, dtype } = common('maxPool2dBackward', [x, dy]);
  return wrap(kernel(backend, 'maxPool2dBackward')(x, dy, g), x.shape, dtype, backend);
}

export function avgPool2dBackward(dy: Tensor, g: Pool2dGeometry): Tensor {
  noSecondOrder('avgPool2dBackward', dy);
  const { backend, dtype } = common('avgPool2dBackward', [dy]);
  return wrap(kernel(backend, 'avgPool2dBackward')(dy, g), [g.batch, g.inH, g.inW, g.channels], dtype, backend);
}
