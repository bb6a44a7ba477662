/**
 * The Tensor: an immutable n-dimensional array (shape, rank, dtype) living on a backend, plus
 * what autograd needs (whether it wants a gradient, its gradient, the op that made it).
 * Operations live in `engine/ops`; this class only holds data and reads it back.
 */
import type { Backend, Storage, TensorView } from '../backend/backend';
import type { DType, TypedArray } from './dtype';
import { DeepWireError, formatShape } from './errors';
import { sizeOf, type Shape } from './shape';

/** The record autograd keeps of the op that produced a tensor. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly attrs: Readonly<Record<string, unknown>>;
}

let nextId = 1;

/**
 * Memory scopes (see `scope`): the tensors created while a scope is open, innermost last. GPU
 * memory is not the garbage collector's to manage, so each step of a run frees what it made.
 */
const scopes: Tensor[][] = [];

/** Live tensors per storage (reshape shares storage): memory goes back to the backend with the last. */
const holders = new WeakMap<object, number>();
function retain(storage: Storage): void {
  if (typeof storage === 'object' && storage !== null) holders.set(storage, (holders.get(storage) ?? 0) + 1);
}
function release(backend: Backend, storage: Storage): void {
  if (typeof storage !== 'object' || storage === null) return backend.free(storage);
  const n = (holders.get(storage) ?? 1) - 1;
  if (n > 0) holders.set(storage, n);
  else {
    holders.delete(storage);
    backend.free(storage);
  }
}

export class Tensor implements TensorView {
  /** Unique per process; handy for maps and debugging. */
  readonly id = nextId++;
  readonly shape: Shape;
  readonly size: number;
  /** Whether gradients flow to this tensor (set on parameters, propagated through ops). */
  requiresGrad = false;
  /** Accumulated gradient of a leaf that requires one, after `backward`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor while gradients were recorded; null for leaves. */
  node: GradNode | null = null;
  private disposed = false;
  /** Kept tensors outlive the scope that made them (parameters' state, running statistics). */
  private kept = false;

  constructor(
    public storage: Storage,
    shape: Shape,
    readonly dtype: DType,
    readonly backend: Backend,
  ) {
    this.shape = Object.freeze([...shape]);
    this.size = sizeOf(shape);
    retain(storage);
    scopes[scopes.length - 1]?.push(this);
  }

  /** Number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix … */
  get rank(): number {
    return this.shape.length;
  }

  /** Reads the values back as a typed array (a copy). Needs host-visible memory (the CPU backend). */
  dataSync(): TypedArray {
    this.assertAlive();
    if (!this.backend.readSync) {
      throw new DeepWireError(`dataSync: the '${this.backend.name}' backend can only be read asynchronously; use data()`);
    }
    return this.backend.readSync(this.storage, this.dtype, this.size);
  }

  /** Reads the values back as a typed array (a copy). */
  data(): Promise<TypedArray> {
    this.assertAlive();
    return this.backend.read(this.storage, this.dtype, this.size);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new DeepWireError(`item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, not 1`);
    return this.dataSync()[0];
  }

  /** The values as nested arrays, like NumPy's `tolist()`; a number for a scalar. */
  toNested(): NestedArray {
    const data = this.dataSync();
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.rank) return data[offset];
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** Replaces this tensor's values with `value`'s (same shape and dtype); used by optimisers. */
  assign(value: Tensor): void {
    if (value.size !== this.size || value.dtype !== this.dtype) {
      throw new DeepWireError(`assign: ${formatShape(value.shape)} ${value.dtype} into ${formatShape(this.shape)} ${this.dtype}`);
    }
    if (value.storage === this.storage) return;
    release(this.backend, this.storage);
    this.storage = value.storage;
    retain(this.storage);
    value.dispose();
  }

  /** Frees the backend memory now (GPU backends); the tensor is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    release(this.backend, this.storage);
  }

  /** Exempts this tensor from the scopes open now (it lives until disposed or collected). */
  keep(): this {
    this.kept = true;
    return this;
  }

  get isKept(): boolean {
    return this.kept;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  toString(): string {
    return `Tensor(shape=${formatShape(this.shape)}, dtype=${this.dtype}, backend=${this.backend.name})`;
  }

  private assertAlive(): void {
    if (this.disposed) throw new DeepWireError(`${this} was disposed and cannot be read`);
  }
}

export type NestedArray = number | NestedArray[];

/** The tensors inside a scope's result: a tensor, or arrays, maps and plain objects holding them. */
function collect(value: unknown, into: Set<Tensor>, depth = 0): void {
  if (value instanceof Tensor) into.add(value);
  else if (depth > 4 || value === null || typeof value !== 'object') return;
  else if (Array.isArray(value)) for (const v of value) collect(v, into, depth + 1);
  else if (value instanceof Map) for (const v of value.values()) collect(v, into, depth + 1);
  else if (Object.getPrototypeOf(value) === Object.prototype) for (const v of Object.values(value)) collect(v, into, depth + 1);
}

/**
 * Runs `fn` and then disposes every tensor created during it, except those it returns (found in
 * arrays, maps and plain objects of the result), those kept (`Tensor.keep`) and those already
 * gone. Returned tensors move to the enclosing scope. `fn` must be synchronous; a read started
 * inside (`data()`) has already taken its copy when the scope frees the tensor.
 */
export function scope<T>(fn: () => T): T {
  const made: Tensor[] = [];
  scopes.push(made);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    scopes.pop();
    for (const t of made) if (!t.isKept) t.dispose();
    throw e;
  }
  scopes.pop();
  const survivors = new Set<Tensor>();
  collect(result, survivors);
  const outer = scopes[scopes.length - 1];
  for (const t of made) {
    if (survivors.has(t)) outer?.push(t);
    else if (!t.isKept) t.dispose();
  }
  return result;
}
