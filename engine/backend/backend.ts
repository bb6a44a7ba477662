/**
 * The Backend interface: the short list of primitive kernels every device implements, plus
 * memory transfer. Everything else (gradients, layers, losses, optimisers) is composed from these
 * in backend-free code. A backend may lack a kernel (`kernels` is partial); calling an op that
 * needs it throws UnsupportedOpError instead of falling back silently.
 */
import type { DType, TypedArray } from '../core/dtype';
import type { Shape } from '../core/shape';

/** A backend's handle on a tensor's memory (a typed array on the CPU, a buffer on a GPU). */
export type Storage = unknown;

/** What a kernel needs to know about an operand: its memory, shape and dtype (always contiguous). */
export interface TensorView {
  readonly storage: Storage;
  readonly shape: Shape;
  readonly dtype: DType;
}

export const UNARY_OPS = [
  'neg', 'abs', 'sign', 'exp', 'log', 'sqrt', 'square', 'reciprocal', 'relu', 'step', 'sigmoid', 'tanh',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

export const BINARY_OPS = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'greater', 'greaterEqual', 'equal',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

export type ReduceOp = 'sum' | 'max' | 'min';

/** A batched matrix product: out[b] = op(A[b]) · op(B[b]), op = optional transpose. */
export interface MatmulGeometry {
  /** Output batch count; A and B each have either 1 or `batch` matrices. */
  readonly batch: number;
  readonly batchA: number;
  readonly batchB: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** A is stored (k, m) rather than (m, k). */
  readonly transA: boolean;
  /** B is stored (n, k) rather than (k, n). */
  readonly transB: boolean;
}

/** 2-D convolution in NHWC layout with an HWIO (kh, kw, in, out) filter. */
export interface Conv2dGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH: number;
  readonly dilationW: number;
}

/** 2-D pooling in NHWC layout; padded cells never win a max and are not counted in an average. */
export interface Pool2dGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** The primitive kernels. Each returns new storage of the operands' dtype. */
/** The optimiser update rules a backend can fuse into one pass (nn/optimizers.ts has the formulas). */
export type UpdateRule = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';

/** An update's settings: learning rate, the rule's constants, and the step number t (from 1). */
export interface UpdateSettings {
  readonly learningRate: number;
  readonly momentum?: number;
  readonly decay?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly step: number;
}

export interface Kernels {
  unary(op: UnaryOp, x: TensorView): Storage;
  binary(op: BinaryOp, a: TensorView, b: TensorView, outShape: Shape): Storage;
  /** Reduces `axes` (sorted, distinct); the result's layout is the input's without those axes. */
  reduce(op: ReduceOp, x: TensorView, axes: readonly number[]): Storage;
  /** Index of the largest element along `axis` (first one on ties), as a float. */
  argMax(x: TensorView, axis: number): Storage;
  matmul(a: TensorView, b: TensorView, g: MatmulGeometry): Storage;
  broadcastTo(x: TensorView, shape: Shape): Storage;
  permute(x: TensorView, perm: readonly number[]): Storage;
  slice(x: TensorView, begin: readonly number[], size: readonly number[]): Storage;
  /** Zero padding: `before[i]` and `after[i]` elements added on axis i. */
  pad(x: TensorView, before: readonly number[], after: readonly number[]): Storage;
  concat(xs: readonly TensorView[], axis: number): Storage;
  /** Softmax over the last axis, numerically stable (max subtracted). */
  softmax(x: TensorView): Storage;
  /** Log-softmax over the last axis, numerically stable (log-sum-exp). */
  logSoftmax(x: TensorView): Storage;
  conv2d(x: TensorView, w: TensorView, g: Conv2dGeometry): Storage;
  conv2dBackpropInput(dy: TensorView, w: TensorView, g: Conv2dGeometry): Storage;
  conv2dBackpropFilter(x: TensorView, dy: TensorView, g: Conv2dGeometry): Storage;
  maxPool2d(x: TensorView, g: Pool2dGeometry): Storage;
  maxPool2dBackward(x: TensorView, dy: TensorView, g: Pool2dGeometry): Storage;
  avgPool2d(x: TensorView, g: Pool2dGeometry): Storage;
  avgPool2dBackward(dy: TensorView, g: Pool2dGeometry): Storage;
  cast(x: TensorView, dtype: DType): Storage;
  fill(size: number, dtype: DType, value: number): Storage;
  /** One-hot rows of length `depth` for integer-valued class indices; out-of-range gives a zero row. */
  oneHot(indices: TensorView, depth: number): Storage;
  /**
   * One optimiser step in one pass, IN PLACE: rewrites the parameter `w` and its state `slots`
   * (momentum: [v]; AdaGrad, RMSProp: [h]; Adam: [m, v]; SGD: none) from the gradient `g`. All
   * operands have the same shape and dtype.
   */
  optimizerUpdate(rule: UpdateRule, w: TensorView, g: TensorView, slots: readonly TensorView[], settings: UpdateSettings): void;
}

export type KernelName = keyof Kernels;

/** Every kernel name, for checks that a backend is complete. */
export const KERNEL_NAMES: readonly KernelName[] = [
  'unary', 'binary', 'reduce', 'argMax', 'matmul', 'broadcastTo', 'permute', 'slice', 'pad', 'concat',
  'softmax', 'logSoftmax', 'conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter', 'maxPool2d',
  'maxPool2dBackward', 'avgPool2d', 'avgPool2dBackward', 'cast', 'fill', 'oneHot', 'optimizerUpdate',
];

export interface Backend {
  readonly name: string;
  /** Dtypes this backend can hold. */
  readonly dtypes: readonly DType[];
  readonly kernels: Partial<Kernels>;
  /** Copies host data into new storage. */
  upload(data: TypedArray): Storage;
  /** Copies storage out to the host; only backends with host-visible memory offer it. */
  readSync?(storage: Storage, dtype: DType, size: number): TypedArray;
  /** Copies storage out to the host. */
  read(storage: Storage, dtype: DType, size: number): Promise<TypedArray>;
  /** Releases storage (a no-op where the garbage collector owns memory). */
  free(storage: Storage): void;
}
